from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from surgeries.models import Audience, Booking, Format, HelpRecord, SurgeryPage


@pytest.mark.django_db
def test_demo_surgeries_cover_each_audience_and_format_and_load_twice_unchanged(client, mailoutbox):
    call_command("load_demo_content", stdout=StringIO())
    assert mailoutbox == []  # loading the demo emails nobody
    counts = (Page.objects.count(), Booking.objects.count(), HelpRecord.objects.count())
    revisions = sorted(Page.objects.values_list("pk", "latest_revision_id"))
    call_command("load_demo_content", stdout=StringIO())
    assert (Page.objects.count(), Booking.objects.count(), HelpRecord.objects.count()) == counts
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
