import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from surgeries.models import Audience, Booking, Format, HelpRecord, SurgeryFeedback, SurgeryPage


@pytest.mark.django_db
def test_demo_surgeries_cover_each_audience_and_format_and_load_twice_unchanged(client, mailoutbox):
    call_command("load_demo_content", stdout=StringIO())
    assert mailoutbox == []  # loading the demo emails nobody
    counts = (
        Page.objects.count(),
        Booking.objects.count(),
        HelpRecord.objects.count(),
        SurgeryFeedback.objects.count(),
    )
    revisions = sorted(Page.objects.values_list("pk", "latest_revision_id"))
    call_command("load_demo_content", stdout=StringIO())
    assert (
        Page.objects.count(),
        Booking.objects.count(),
        HelpRecord.objects.count(),
        SurgeryFeedback.objects.count(),
    ) == counts
    assert sorted(Page.objects.values_list("pk", "latest_revision_id")) == revisions

    surgeries = SurgeryPage.objects.live()
    assert {s.audience for s in surgeries} == set(Audience.values)
    assert {s.format for s in surgeries} == set(Format.values)
    assert any(s.has_ended() for s in surgeries) and any(not s.has_started() for s in surgeries)
    assert Booking.objects.filter(status="waitlisted").exists()
    assert HelpRecord.objects.exists()
    assert surgeries.filter(status="cancelled").exists()
    assert client.get("/surgeries/").status_code == 200

    # The demo mentor signs in and sees their surgeries' rosters.
    assert client.login(username="mentor", password="practice-hub-demo") or client.post(
        "/accounts/login/", {"login": "mentor@practicehub.localhost", "password": "practice-hub-demo"}
    )
    assert "Twitter for service updates" in client.get("/admin/my-surgeries/").content.decode()


@pytest.mark.django_db
def test_demo_feedback_comes_from_past_surgeries_attendees_and_shows_on_the_impact_report(client):
    """The impact report's "did this help?" table has demo answers to show, and only answers
    that the real sweep could have asked for: attendees with an email, of surgeries held."""
    call_command("load_demo_content", stdout=StringIO())
    feedback = SurgeryFeedback.objects.select_related("booking__surgery")
    assert feedback.count() >= 5
    for row in feedback:
        booking = row.booking
        assert booking.surgery.has_ended() and not booking.surgery.is_cancelled
        assert booking.email and booking.status in ("attended", "confirmed")
        assert row.requested_at > booking.surgery.end
        assert (row.answered_at is None) == (row.answer == "")
    answers = {answer: feedback.filter(answer=answer).count() for answer in ("yes", "partly", "no", "")}
    assert answers["yes"] and answers["partly"] and answers["no"] and answers[""]

    html = client.get("/impact/").content.decode()
    assert "Did the surgery help?" in html
    response = client.get("/impact/?format=csv&table=feedback")
    rows = dict(csv.reader(io.StringIO(response.content.decode())))
    assert rows["Yes"] == str(answers["yes"]) and rows["Partly"] == str(answers["partly"])
    assert rows["No"] == str(answers["no"]) and rows["Not answered"] == str(answers[""])
