"""The mentors' side in the admin: "My surgeries", rosters, attendance, walk-ins, help
records, CSV export and cancelling; mentors reach only their own surgeries."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from practice.models import BarrierPage, FixPage, KnowledgeBaseIndexPage
from surgeries.models import AllowedEmailDomain, Booking, HelpRecord, SurgeryPage
from tests.factories import TopicFactory
from tests.surgeries.factories import BookingFactory, make_mentor, make_surgery

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor_user(group_member):
    return group_member("Mentors")


@pytest.fixture
def mine(mid_morning, index, home_page, mentor_user):
    mentor = make_mentor(home_page, title="Carl Mentor", user=mentor_user)
    surgery = make_surgery(
        index, title="My own surgery", mentors=[mentor], start=timezone.now() + timedelta(minutes=30)
    )
    BookingFactory(
        surgery=surgery, name="Ada Attendee", email="ada@example.org", help_wanted="Blocked Twitter at work"
    )
    BookingFactory(surgery=surgery, name='=HYPERLINK("http://evil")', email="evil@example.org")
    BookingFactory(surgery=surgery, name="Gone Person", status=Booking.Status.CANCELLED)
    return surgery


@pytest.fixture
def theirs(index, home_page):
    other = make_mentor(home_page, title="Other Mentor")
    surgery = make_surgery(index, title="Someone else's surgery", mentors=[other])
    BookingFactory(surgery=surgery, name="Secret Attendee", email="secret@example.org")
    return surgery


def test_mentor_sees_only_their_own_surgeries(client, mentor_user, mine, theirs):
    client.force_login(mentor_user)
    html = client.get("/admin/my-surgeries/").content.decode()
    assert "My own surgery" in html and "Someone else&#x27;s surgery" not in html
    assert "My surgeries" in client.get("/admin/").content.decode()


def test_mentor_cannot_reach_another_surgerys_roster_in_any_way(client, mentor_user, mine, theirs):
    client.force_login(mentor_user)
    booking = theirs.bookings.get()
    before = list(Booking.objects.values_list("pk", "status"))
    for response in (
        client.get(f"/admin/my-surgeries/{theirs.pk}/"),
        client.get(f"/admin/my-surgeries/{theirs.pk}/roster.csv"),
        client.post(f"/admin/my-surgeries/{theirs.pk}/attendance/{booking.pk}/", {"status": "attended"}),
        client.post(f"/admin/my-surgeries/{mine.pk}/attendance/{booking.pk}/", {"status": "attended"}),
        client.get(f"/admin/my-surgeries/{theirs.pk}/help/{booking.pk}/"),
        client.post(f"/admin/my-surgeries/{theirs.pk}/walk-in/", {"walkin-name": "Sneaky"}),
        client.post(f"/admin/my-surgeries/{theirs.pk}/cancel/"),
    ):
        assert response.status_code == 404
        assert b"Secret Attendee" not in response.content
    assert list(Booking.objects.values_list("pk", "status")) == before
    assert SurgeryPage.objects.get(pk=theirs.pk).status == "scheduled"


def test_admin_sees_every_surgery(client, superuser, mine, theirs):
    client.force_login(superuser)
    html = client.get("/admin/my-surgeries/").content.decode()
    assert "My own surgery" in html and "Someone else&#x27;s surgery" in html
    assert "Secret Attendee" in client.get(f"/admin/my-surgeries/{theirs.pk}/").content.decode()


def test_other_editors_see_no_menu_and_no_rosters(client, group_member, mine):
    author = group_member("Authors")
    client.force_login(author)
    assert "my-surgeries" not in client.get("/admin/").content.decode()
    assert "My own surgery" not in client.get("/admin/my-surgeries/").content.decode()
    assert client.get(f"/admin/my-surgeries/{mine.pk}/").status_code == 404


def test_a_mentor_profile_alone_is_not_enough_without_the_mentors_group(client, mentor_user, mine):
    """Someone taken out of the Mentors group loses their rosters, profile or not."""
    from django.contrib.auth.models import Group

    mentor_user.groups.remove(Group.objects.get(name="Mentors"))
    mentor_user.groups.add(Group.objects.get(name="Authors"))
    client.force_login(mentor_user)
    assert client.get(f"/admin/my-surgeries/{mine.pk}/").status_code == 404
    assert "My own surgery" not in client.get("/admin/my-surgeries/").content.decode()


def test_anonymous_people_are_sent_to_sign_in(client, mine):
    response = client.get(f"/admin/my-surgeries/{mine.pk}/roster.csv")
    assert response.status_code == 302 and "login" in response["Location"]


def test_roster_shows_who_is_coming_and_what_they_want(client, mentor_user, mine):
    client.force_login(mentor_user)
    html = client.get(f"/admin/my-surgeries/{mine.pk}/").content.decode()
    assert "Ada Attendee" in html and "ada@example.org" in html and "Blocked Twitter at work" in html
    assert "Confirmed" in html
    assert "Gone Person" not in html  # cancelled bookings are counted, not listed
    assert "1 cancelled" in html


def test_mark_attendance_on_the_day(client, mentor_user, mine):
    client.force_login(mentor_user)
    booking = mine.bookings.get(email="ada@example.org")
    response = client.post(f"/admin/my-surgeries/{mine.pk}/attendance/{booking.pk}/", {"status": "attended"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "attended"
    client.post(f"/admin/my-surgeries/{mine.pk}/attendance/{booking.pk}/", {"status": "no_show"})
    booking.refresh_from_db()
    assert booking.status == "no_show"
    client.post(f"/admin/my-surgeries/{mine.pk}/attendance/{booking.pk}/", {"status": "cancelled"})
    booking.refresh_from_db()
    assert booking.status == "no_show"


def test_attendance_cannot_be_marked_before_the_day(client, mentor_user, index, home_page):
    mentor = make_mentor(home_page, user=mentor_user)
    surgery = make_surgery(index, mentors=[mentor], start=timezone.now() + timedelta(days=5))
    booking = BookingFactory(surgery=surgery)
    client.force_login(mentor_user)
    response = client.post(
        f"/admin/my-surgeries/{surgery.pk}/attendance/{booking.pk}/", {"status": "attended"}, follow=True
    )
    assert "from the day of the surgery" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "confirmed"


@pytest.fixture
def barrier_and_fix(home_page):
    kb = KnowledgeBaseIndexPage(title="Barriers", slug="barriers")
    home_page.add_child(instance=kb)
    barrier = BarrierPage(
        title="Blocked internet access", slug="blocked", summary="Sites are blocked.", category="technology"
    )
    kb.add_child(instance=barrier)
    fix = FixPage(title="Ask IT for a policy exception", slug="exception", summary="Ask.")
    barrier.add_child(instance=fix)
    return barrier, fix


def test_add_a_walk_in_and_record_the_help_given(client, mentor_user, mine, barrier_and_fix):
    barrier, fix = barrier_and_fix
    topic = TopicFactory(name="internet-access")
    client.force_login(mentor_user)
    response = client.post(
        f"/admin/my-surgeries/{mine.pk}/walk-in/",
        {
            "walkin-name": "Wally Walker",
            "walkin-organisation": "Frome Community Group",
            "walkin-topics": [topic.pk],
        },
    )
    walk_in = Booking.objects.get(name="Wally Walker")
    assert (walk_in.is_walk_in, walk_in.status, walk_in.email) == (True, "attended", "")
    assert response["Location"] == f"/admin/my-surgeries/{mine.pk}/help/{walk_in.pk}/"
    assert "Wally Walker" in client.get(response["Location"]).content.decode()

    response = client.post(
        f"/admin/my-surgeries/{mine.pk}/help/{walk_in.pk}/",
        {
            "topics": [topic.pk],
            "barrier": barrier.pk,
            "fix_shared": fix.pk,
            "minutes": "20",
            "outcome": "solved",
            "outcome_note": "Drafted the request to IT together.",
        },
    )
    assert response.status_code == 302
    record = HelpRecord.objects.get()
    assert (record.booking, record.surgery, record.barrier, record.fix_shared, record.minutes) == (
        walk_in,
        SurgeryPage.objects.get(pk=mine.pk),
        barrier,
        fix,
        20,
    )
    assert record.mentor.user == mentor_user and record.recorded_by == mentor_user
    assert list(record.topics.all()) == [topic]
    roster = client.get(f"/admin/my-surgeries/{mine.pk}/").content.decode()
    assert "20 min" in roster and "Blocked internet access" in roster


def test_help_for_a_booked_person_marks_them_attended(client, mentor_user, mine):
    client.force_login(mentor_user)
    booking = mine.bookings.get(email="ada@example.org")
    client.post(f"/admin/my-surgeries/{mine.pk}/help/{booking.pk}/", {"minutes": "15", "outcome": "started"})
    booking.refresh_from_db()
    assert booking.status == "attended" and booking.help_records.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"minutes": "0", "outcome": "solved"},
        {"minutes": "abc", "outcome": "solved"},
        {"minutes": "10", "outcome": "nope"},
    ],
)
def test_bad_help_records_are_refused(client, mentor_user, mine, data):
    client.force_login(mentor_user)
    booking = mine.bookings.get(email="ada@example.org")
    response = client.post(f"/admin/my-surgeries/{mine.pk}/help/{booking.pk}/", data)
    assert response.status_code == 400
    assert HelpRecord.objects.count() == 0
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_a_fix_from_another_barrier_is_refused(client, mentor_user, mine, barrier_and_fix, home_page):
    barrier, fix = barrier_and_fix
    other = BarrierPage(title="Other barrier", slug="other", summary="Other.", category="culture")
    barrier.get_parent().add_child(instance=other)
    client.force_login(mentor_user)
    booking = mine.bookings.get(email="ada@example.org")
    response = client.post(
        f"/admin/my-surgeries/{mine.pk}/help/{booking.pk}/",
        {"minutes": "10", "outcome": "solved", "barrier": other.pk, "fix_shared": fix.pk},
    )
    assert response.status_code == 400 and "different barrier" in response.content.decode()


def test_walk_in_with_a_booked_email_is_refused(client, mentor_user, mine):
    client.force_login(mentor_user)
    response = client.post(
        f"/admin/my-surgeries/{mine.pk}/walk-in/",
        {"walkin-name": "Ada Again", "walkin-email": "ADA@example.org"},
        follow=True,
    )
    assert "already on the roster" in response.content.decode()
    assert not Booking.objects.filter(name="Ada Again").exists()


def test_roster_csv_export_is_safe_for_spreadsheets(client, mentor_user, mine):
    client.force_login(mentor_user)
    response = client.get(f"/admin/my-surgeries/{mine.pk}/roster.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Name", "Email", "Organisation", "What they want help with"]
    names = [row[0] for row in rows[1:]]
    assert "Ada Attendee" in names
    assert '\'=HYPERLINK("http://evil")' in names
    assert "Gone Person" not in names


def test_mentor_cancels_their_surgery_and_everyone_is_told(
    client, mentor_user, index, home_page, mailoutbox, django_capture_on_commit_callbacks
):
    mentor = make_mentor(home_page, user=mentor_user)
    surgery = make_surgery(index, title="To be cancelled", mentors=[mentor])
    BookingFactory(surgery=surgery, email="one@example.org")
    BookingFactory(
        surgery=surgery, email="two@example.org", status=Booking.Status.WAITLISTED, confirmed_at=None
    )
    client.force_login(mentor_user)
    assert (
        "Yes, cancel the surgery" in client.get(f"/admin/my-surgeries/{surgery.pk}/cancel/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/my-surgeries/{surgery.pk}/cancel/")
    assert response.status_code == 302
    surgery = SurgeryPage.objects.get(pk=surgery.pk)
    assert surgery.status == "cancelled" and surgery.live
    assert sorted(m.to[0] for m in mailoutbox) == ["one@example.org", "two@example.org"]
    assert "This surgery has been cancelled." in client.get(surgery.url).content.decode()


def test_moderators_manage_the_staff_email_domains(client, group_member):
    moderator = group_member("Moderators")
    client.force_login(moderator)
    response = client.post(
        "/admin/snippets/surgeries/allowedemaildomain/add/", {"domain": "Norfolk.GOV.UK", "note": "Norfolk"}
    )
    assert response.status_code == 302
    assert AllowedEmailDomain.objects.filter(domain="norfolk.gov.uk").exists()
    response = client.post(
        "/admin/snippets/surgeries/allowedemaildomain/add/", {"domain": "not a domain", "note": ""}
    )
    assert response.status_code == 200 and "Enter a domain such as gov.uk" in response.content.decode()
