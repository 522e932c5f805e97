"""Members who are not authors suggest a fix from the barrier page; it goes to the moderators."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import TaskState

from cms.permissions import MODERATION_WORKFLOW_NAME as WORKFLOW_NAME
from practice.models import FixPage
from tests.factories import CouncilFactory, TopicFactory, UserFactory
from tests.practice.knowledge_factories import FixFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def suggest_url(barrier):
    return barrier.url + "suggest-a-fix/"


def suggestion(**overrides):
    data = {
        "suggest-title": "Host a proof of concept outside the network",
        "suggest-summary": "Put one real report on an external blog, then bring it in-house.",
        "suggest-steps": "Pick one real publication\n\n  Host it externally  \nMove it to a test server",
        "suggest-where_it_worked": "Ofqual, with the chief regulator's report.",
        "suggest-council": "",
    }
    data.update({f"suggest-{key}": value for key, value in overrides.items()})
    return data


@pytest.fixture
def moderator(group_member):
    return group_member("Moderators")


def test_member_suggests_a_fix_which_waits_for_the_moderators(client, barrier, member, moderator):
    council = CouncilFactory(name="Ofqual")
    barrier.topics.add(TopicFactory(name="internet-access"))
    barrier.save_revision().publish()
    client.force_login(member)
    page = client.get(barrier.url).content.decode()
    assert "Know a fix?" in page and 'action="/barriers/blocked-internet-access/suggest-a-fix/"' in page

    response = client.post(suggest_url(barrier), suggestion(council=council.pk), follow=True)

    assert response.redirect_chain[-1] == (barrier.url + "#fixes", 302)
    assert "has gone to the moderators" in response.content.decode()
    fix = FixPage.objects.child_of(barrier).get()
    assert fix.title == "Host a proof of concept outside the network"
    assert not fix.live and fix.owner == member and fix.council == council
    assert [block.value["title"] for block in fix.steps] == [
        "Pick one real publication",
        "Host it externally",
        "Move it to a test server",
    ]
    assert list(fix.topics.names()) == ["internet-access"]
    assert fix.current_workflow_state.workflow.name == WORKFLOW_NAME
    assert fix.current_workflow_state.requested_by == member
    # Not on the site yet...
    assert "Host a proof of concept" not in client.get(barrier.url).content.decode().split('id="fixes"')[1]
    assert client.get(fix.url).status_code == 404
    # ...but on the moderator's dashboard, ready to review.
    client.force_login(moderator)
    assert (
        "Host a proof of concept outside the network"
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    assert TaskState.objects.reviewable_by(moderator).filter(workflow_state__object_id=str(fix.pk)).exists()


def test_an_xss_payload_is_refused_and_never_rendered_as_markup(client, barrier, member):
    client.force_login(member)
    for field in ("title", "summary", "steps", "where_it_worked"):
        response = client.post(suggest_url(barrier), suggestion(**{field: XSS}))
        html = response.content.decode()
        assert response.status_code == 400
        assert "Please write plain text, without anything in angle brackets" in html
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert" in html  # kept, escaped, so they can fix it
    assert not FixPage.objects.exists()


def test_a_script_typed_as_plain_text_stays_plain_text(client, barrier, member, moderator):
    """What passes the form (e.g. a comparison with <) is stored as text and shown escaped."""
    client.force_login(member)
    client.post(
        suggest_url(barrier),
        suggestion(title="When likes < 5 a day", summary='Count 3 < 5 & say "so"', where_it_worked="a > b"),
    )
    fix = FixPage.objects.get()
    assert fix.title == "When likes < 5 a day"
    fix.save_revision().publish()
    html = client.get(fix.url).content.decode()
    assert "When likes &lt; 5 a day" in html and "Count 3 &lt; 5 &amp; say &quot;so&quot;" in html


def test_an_empty_suggestion_gets_a_message_for_each_field(client, barrier, member):
    client.force_login(member)
    response = client.post(
        suggest_url(barrier), suggestion(title="", summary="  ", steps="\n\n", where_it_worked="")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert html.count("This field is required.") + html.count("Please") >= 4
    assert not FixPage.objects.exists()


def test_100_kilobytes_of_text_gets_a_clear_message(client, barrier, member):
    client.force_login(member)
    huge = "word " * 20_480
    response = client.post(
        suggest_url(barrier), suggestion(title=huge, summary=huge, steps=huge, where_it_worked=huge)
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value has at most 120 characters (it has 102399)." in html
    assert "Ensure this value has at most 400 characters" in html
    assert "Ensure this value has at most 1000 characters" in html
    assert not FixPage.objects.exists()


def test_steps_are_limited_in_number_and_length(client, barrier, member):
    client.force_login(member)
    response = client.post(suggest_url(barrier), suggestion(steps="\n".join(f"Step {n}" for n in range(13))))
    assert "Please keep to 12 steps or fewer (you wrote 13)." in response.content.decode()
    response = client.post(suggest_url(barrier), suggestion(steps="Short\n" + "x" * 161))
    assert "Step 2 is 161 characters long." in response.content.decode()
    assert not FixPage.objects.exists()


def test_control_characters_are_removed_and_nul_refused(client, barrier, member):
    client.force_login(member)
    response = client.post(suggest_url(barrier), suggestion(title="Nul\x00 title"))
    assert response.status_code == 400 and "Null characters are not allowed." in response.content.decode()
    client.post(suggest_url(barrier), suggestion(title="Tidy title\x07", summary="Fine\x0b summary\x1b"))
    fix = FixPage.objects.get()
    assert fix.title == "Tidy title" and fix.summary == "Fine summary"


def test_slugs_never_clash_with_siblings_or_the_barriers_own_routes(client, barrier, member):
    FixFactory(parent=barrier, slug="pilot")
    client.force_login(member)
    client.post(suggest_url(barrier), suggestion(title="Pilot"))
    client.post(suggest_url(barrier), suggestion(title="Suggest a fix"))
    assert set(FixPage.objects.child_of(barrier).values_list("slug", flat=True)) == {
        "pilot",
        "pilot-2",
        "suggest-a-fix-fix",
    }


def test_signed_out_visitors_are_asked_to_sign_in(client, barrier):
    assert "to suggest a fix" in client.get(barrier.url).content.decode()
    response = client.post(suggest_url(barrier), suggestion())
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get(suggest_url(barrier)).status_code == 302
    assert not FixPage.objects.exists()


@override_settings(PRACTICEHUB_SUGGESTIONS_PER_HOUR=2)
def test_suggestions_are_rate_limited(client, barrier, member):
    client.force_login(member)
    for number in range(2):
        assert client.post(suggest_url(barrier), suggestion(title=f"Fix {number}")).status_code == 302
    response = client.post(suggest_url(barrier), suggestion(title="One too many"))
    assert response.status_code == 429
    assert "Please wait a while before suggesting another" in response.content.decode()
    assert FixPage.objects.count() == 2
    client.force_login(UserFactory())
    assert client.post(suggest_url(barrier), suggestion(title="Someone else")).status_code == 302


def test_the_member_is_emailed_when_the_moderators_ask_for_changes(
    client, barrier, member, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.post(suggest_url(barrier), suggestion())
    fix = FixPage.objects.get()
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(fix.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        task_state.reject(user=moderator, comment="Which council was this at?")
    (email,) = mailoutbox
    assert email.to == [member.email]
    assert (
        email.subject
        == "[Practice Hub] Changes requested: your fix “Host a proof of concept outside the network”"
    )
    assert "Which council was this at?" in email.body
    assert "suggest the fix again from the barrier's page" in email.body
    assert "/admin/" not in email.body  # members have no editor to go to
