"""The contact relay: a message reaches the mentor by email through Celery, with the sender as
Reply-To; limits, bad input and bots get clear answers and send nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from practice.models import MentorMessage
from practice.services import relay
from practice.tasks import purge_mentor_messages, send_mentor_message
from tests.factories import TopicFactory
from tests.practice.mentor_factories import MentorPageFactory, make_mentor_index, message_data

pytestmark = pytest.mark.django_db

MENTOR_EMAIL = "priya.private@private-mentor-inbox.example"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def twitter():
    return TopicFactory(name="twitter")


@pytest.fixture
def mentor(home_page, twitter):
    index = make_mentor_index(home_page)
    return MentorPageFactory(parent=index, title="Priya Shah", contact_email=MENTOR_EMAIL, topics=[twitter])


@pytest.fixture
def send(client, mentor, django_capture_on_commit_callbacks):
    """Post the form as a visitor would, running the on-commit Celery task as a worker would."""

    def post(ip="203.0.113.7", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/mentors/priya-shah/message/", message_data(**fields), REMOTE_ADDR=ip)

    return post


def test_message_reaches_the_mentor_through_the_celery_task(send, mentor, twitter, mailoutbox, monkeypatch):
    queued = []
    original = send_mentor_message.delay_on_commit
    monkeypatch.setattr(send_mentor_message, "delay_on_commit", lambda *a: queued.append(a) or original(*a))
    response = send(
        name="Jo Officer",
        email="Jo.Officer@Example.gov.uk",
        topic=str(twitter.pk),
        message="Hello Priya,\n\nHow do you <b>report</b> reach to directors?",
    )
    assert response.status_code == 302 and response.url == "/mentors/priya-shah/message/sent/"
    message = MentorMessage.objects.get()
    assert queued == [(message.pk,)]
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [MENTOR_EMAIL]
    assert email.reply_to == ["Jo.Officer@Example.gov.uk"]
    assert email.subject == "Practice Hub: Jo Officer sent you a message about twitter"
    assert "Hello Priya,\n\nHow do you report reach to directors?" in email.body  # plain text, tags gone
    assert "Topic: twitter" in email.body
    assert "reply to this email: it goes to Jo Officer at Jo.Officer@Example.gov.uk" in email.body
    message.refresh_from_db()
    assert message.sent_at is not None
    sent_page = response.client.get(response.url)
    assert "We have passed your message to Priya Shah" in sent_page.content.decode()


def test_sending_twice_sends_one_email(send, mailoutbox):
    send()
    message = MentorMessage.objects.get()
    assert send_mentor_message.apply(args=[message.pk]).get() is False
    assert len(mailoutbox) == 1


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise OSError("mail server unreachable")


def test_a_failed_send_releases_the_message_for_a_retry(mentor, mailoutbox, settings):
    message = MentorMessage.objects.create(
        mentor=mentor, sender_name="Jo", sender_email="jo@example.gov.uk", body="Hello"
    )
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(OSError):
        relay.deliver(message.pk)
    message.refresh_from_db()
    assert message.sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert relay.deliver(message.pk) is True
    assert len(mail.outbox) == 1


def test_sixth_message_from_one_sender_in_an_hour_is_refused(send, mailoutbox):
    for number in range(5):
        assert send(ip=f"203.0.113.{number}", message=f"Question {number}").status_code == 302
    response = send(ip="203.0.113.99", email="JO.OFFICER@example.gov.uk", message="Question 6")
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent 5 messages in the last hour, the most we allow from one email address." in html
    assert "You can send another after" in html
    assert "Question 6" in html  # what they wrote is still there
    assert MentorMessage.objects.count() == 5 and len(mailoutbox) == 5


def test_sender_may_send_again_an_hour_after_their_first_message(send, mentor, monkeypatch):
    start = timezone.now()
    for minute in range(5):
        monkeypatch.setattr(timezone, "now", lambda minute=minute: start + timedelta(minutes=minute * 10))
        assert send().status_code == 302
    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(minutes=55))
    refused = send()
    assert refused.status_code == 429
    oldest_free_at = timezone.localtime(start + timedelta(hours=1)).strftime("%H:%M")
    assert f"You can send another after {oldest_free_at}." in refused.content.decode()


def test_more_than_twenty_messages_from_one_ip_in_an_hour_are_refused(send):
    for number in range(20):
        assert send(email=f"person{number}@example.gov.uk").status_code == 302
    response = send(email="someone.else@example.gov.uk")
    assert response.status_code == 429
    assert "We have had 20 messages from your network in the last hour" in response.content.decode()
    # The refused sender's own allowance was not used up by the refusal.
    assert send(email="someone.else@example.gov.uk", ip="198.51.100.1").status_code == 302


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"email": ""}, "email", "Enter your email address, so Priya Shah can reply."),
        ({"email": "not-an-address"}, "email", "Enter an email address in the right format"),
        (
            {"email": "jo@example.gov.uk\nBcc: all@example.com"},
            "email",
            "Enter an email address in the right format",
        ),
        (
            {"message": "x" * 50 * 1024},
            "message",
            "Your message is 51200 characters long: please keep it to 5,000",
        ),
        ({"message": "   "}, "message", "Write your message."),
        ({"message": "<script></script>"}, "message", "Write your message in plain words."),
        ({"name": "Eve\r\nBcc: victim@example.com"}, "name", "Enter your name on one line."),
        ({"name": "Eve\nSubject: free money"}, "name", "Enter your name on one line."),
        ({"name": "<b>Eve</b>"}, "name", "Enter your name as plain text, without &lt; or &gt; characters."),
        ({"name": ""}, "name", "Enter your name."),
        ({"name": "E" * 101}, "name", "Enter a name of at most 100 characters (it has 101)."),
        ({"topic": "999999"}, "topic", "Choose one of this mentor’s topics"),
    ],
)
def test_bad_input_gets_a_clear_message_and_sends_nothing(send, mailoutbox, fields, field, message):
    response = send(**fields)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert message in html
    assert '<div class="error-summary" role="alert"' in html
    assert MentorMessage.objects.count() == 0 and mailoutbox == []


def test_a_topic_of_another_mentor_is_refused(send, mailoutbox):
    other = TopicFactory(name="metrics")
    response = send(topic=str(other.pk))
    assert response.status_code == 400 and mailoutbox == []


def test_a_filled_honeypot_looks_like_success_but_sends_and_stores_nothing(send, mailoutbox):
    response = send(relay_check="http://spam.example")
    assert response.status_code == 302 and response.url == "/mentors/priya-shah/message/sent/"
    assert MentorMessage.objects.count() == 0 and mailoutbox == []


def test_the_honeypot_is_hidden_from_people(client, mentor):
    html = client.get("/mentors/priya-shah/message/").content.decode()
    assert '<div hidden><label for="id_relay_check">' in html
    assert 'name="relay_check"' in html and 'tabindex="-1"' in html


def test_the_form_explains_what_happens_to_the_message(client, mentor):
    response = client.get("/mentors/priya-shah/message/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Message Priya Shah</h1>" in html
    assert "we never show their address" in html
    assert "We keep a copy for 30 days" in html
    assert '<meta name="robots" content="noindex">' in html


def test_messages_are_purged_after_the_retention_period(mentor, settings):
    settings.PRACTICEHUB_MENTOR_MESSAGE_RETENTION_DAYS = 30
    old = MentorMessage.objects.create(
        mentor=mentor, sender_name="Old", sender_email="o@example.gov.uk", body="x"
    )
    recent = MentorMessage.objects.create(
        mentor=mentor, sender_name="New", sender_email="n@example.gov.uk", body="y"
    )
    MentorMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert purge_mentor_messages.apply().get() == 1
    assert list(MentorMessage.objects.values_list("pk", flat=True)) == [recent.pk]


def test_purge_runs_daily_on_the_beat_schedule(settings):
    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "practice.tasks.purge_mentor_messages" in tasks


def test_client_ip_follows_allauths_trusted_proxy_setting(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.23, 10.0.0.1")
    assert relay.client_ip(request) == "10.0.0.1"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert relay.client_ip(request) == "198.51.100.23"


@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_delivers_the_message(celery_worker, client, home_page):
    """Through Redis to a worker process, which sends the email (file backend in the worker)."""
    from tests.conftest import wait_for, written_emails

    index = make_mentor_index(home_page)
    MentorPageFactory(parent=index, title="Priya Shah", contact_email=MENTOR_EMAIL)
    response = client.post("/mentors/priya-shah/message/", message_data(message="Via a worker"))
    assert response.status_code == 302
    emails = wait_for(lambda: written_emails(celery_worker))
    assert f"To: {MENTOR_EMAIL}" in emails[0] and "Reply-To: jo.officer@example.gov.uk" in emails[0]
    assert "Via a worker" in emails[0]
    assert wait_for(lambda: MentorMessage.objects.get().sent_at is not None)


# --- moderators read relayed messages when dealing with abuse ---------------------------------


@pytest.fixture
def stored_message(mentor):
    return MentorMessage.objects.create(
        mentor=mentor, sender_name="Rude Person", sender_email="rude@example.com", body="Abusive words"
    )


def test_moderators_can_read_and_delete_relayed_messages_but_not_write_them(
    client, group_member, stored_message
):
    from django.urls import reverse

    client.force_login(group_member("Moderators"))
    listing = client.get(reverse("mentor_messages:index"))
    assert listing.status_code == 200 and "Rude Person" in listing.content.decode()
    inspect = client.get(reverse("mentor_messages:inspect", args=[stored_message.pk]))
    assert inspect.status_code == 200 and "Abusive words" in inspect.content.decode()
    assert client.get(reverse("mentor_messages:add")).status_code in (302, 403)
    edit = client.post(reverse("mentor_messages:edit", args=[stored_message.pk]), {"body": "Rewritten"})
    assert edit.status_code in (302, 403)
    stored_message.refresh_from_db()
    assert stored_message.body == "Abusive words"
    assert client.post(reverse("mentor_messages:delete", args=[stored_message.pk])).status_code == 302
    assert not MentorMessage.objects.exists()


@pytest.mark.parametrize("group", ["Mentors", "Authors"])
def test_other_editors_cannot_read_relayed_messages(client, group_member, stored_message, group):
    from django.urls import reverse

    client.force_login(group_member(group))
    for url in (
        reverse("mentor_messages:index"),
        reverse("mentor_messages:inspect", args=[stored_message.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Abusive words" not in response.content.decode()
