"""The demo's engagement: councils' charter pledges with evidence, and topics demo members
follow. (That loading the demo twice creates none again: tests/cms/test_demo_content.py.)"""

from io import StringIO

import pytest
from django.core.management import call_command

from cms.models import TopicFollow
from practice.models import CharterPledge
from practice.services.charter import with_progress

pytestmark = pytest.mark.django_db


def test_a_few_councils_pledge_with_evidence_linked_and_members_follow_topics(client, django_user_model):
    """One test, as loading the demo takes a while."""
    call_command("load_demo_content", stdout=StringIO())

    pledges = with_progress(
        CharterPledge.objects.select_related("council", "pledged_by").prefetch_related("barriers")
    )
    councils = {pledge.council for pledge in pledges}
    assert len(councils) >= 3
    for pledge in pledges:
        assert pledge.barriers.exists()
        assert pledge.pledged_by.council_id == pledge.council_id  # a member of that council pledged
        assert pledge.due_date > pledge.created.date()
    evidence = [row for pledge in pledges for row in pledge.progress if row["case_studies"] or row["fixes"]]
    assert len(evidence) >= 3
    assert any(row["case_studies"] for row in evidence) and any(row["fixes"] for row in evidence)

    html = client.get("/charter/").content.decode()
    for council in councils:
        assert council.name.replace("&", "&amp;") in html
    devon = next(council for council in councils if council.name == "Devon County Council")
    page = client.get(f"/charter/{devon.pk}/").content.decode()
    assert "Case study: <a" in page and "Fix: <a" in page

    member = django_user_model.objects.get(username="member")
    followed = set(TopicFollow.objects.filter(user=member).values_list("topic__slug", flat=True))
    assert {"twitter", "metrics"} <= followed
    assert TopicFollow.objects.values("user").distinct().count() >= 3
    client.force_login(member)
    html = client.get("/accounts/topics/").content.decode()
    assert (
        '<a href="/topics/twitter/">twitter</a>' in html and '<a href="/topics/metrics/">metrics</a>' in html
    )
