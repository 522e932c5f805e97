"""The demo knowledge base: real barriers and fixes from the source notes, loaded idempotently.

Loading the demo takes a while, so each test checks several things about one load.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import GroupPagePermission, WorkflowState

from practice.models import BarrierAffected, BarrierPage, FixEndorsement, FixPage, KnowledgeBaseIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=StringIO())


def test_demo_knowledge_base(demo, client, django_user_model):
    check_barriers_across_the_categories_and_fixes()
    check_endorsements_come_from_many_councils_and_rank_the_fixes(client)
    check_fixes_waiting_for_the_moderators(client, django_user_model)
    check_moderated_and_open_to_authors()


def check_barriers_across_the_categories_and_fixes():
    barriers = BarrierPage.objects.live()
    fixes = FixPage.objects.live()
    assert barriers.count() >= 12
    assert fixes.count() >= 30
    assert set(barriers.values_list("category", flat=True)) == set(BarrierPage.Category.values)
    for page in [*barriers, *fixes]:
        assert page.source, page
        assert page.topics.exists(), page
    assert all(fix.steps and fix.where_it_worked for fix in fixes)
    assert {"LocalGovCamp 2009 session notes: overcoming the 50 hurdles (20 June 2009)"} <= set(
        barriers.values_list("source", flat=True)
    )
    # The councils the notes name carry their fixes.
    assert (
        FixPage.objects.get(slug="map-what-young-people-do-online").council.name
        == "Brighton & Hove City Council"
    )
    assert FixPage.objects.get(slug="host-a-proof-of-concept-outside-the-network").council.name == "Ofqual"


def check_endorsements_come_from_many_councils_and_rank_the_fixes(client):
    assert FixEndorsement.objects.values("council").distinct().count() >= 10
    assert BarrierAffected.objects.count() >= 30
    counts = [
        fix.worked_for_councils
        for fix in BarrierPage.objects.get(slug="blocked-internet-access").ranked_fixes()
    ]
    assert counts == sorted(counts, reverse=True) and len(set(counts)) > 1
    html = client.get("/barriers/").content.decode()
    assert "Social media sites are blocked at work" in html and "6 face this too" in html


def check_fixes_waiting_for_the_moderators(client, django_user_model):
    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    assert waiting.count() == 2
    assert {state.requested_by.username for state in waiting} == {"member", "author2"}
    client.force_login(django_user_model.objects.get(username="moderator"))
    dashboard = client.get("/admin/").content.decode()
    assert "Carry out the risk management exercise together" in dashboard


def check_moderated_and_open_to_authors():
    index = KnowledgeBaseIndexPage.objects.get()
    assert index.url == "/barriers/" and index.show_in_menus
    assert index.get_workflow().name == "Moderator approval"
    assert GroupPagePermission.objects.filter(
        group__name="Authors", page=index, permission__codename="add_page"
    ).exists()


def test_loading_the_demo_twice_changes_nothing_in_the_knowledge_base(demo):
    before = (
        FixEndorsement.objects.count(),
        BarrierAffected.objects.count(),
        WorkflowState.objects.count(),
        sorted(FixPage.objects.values_list("pk", "latest_revision_id")),
    )
    call_command("load_demo_content", stdout=StringIO())
    assert before == (
        FixEndorsement.objects.count(),
        BarrierAffected.objects.count(),
        WorkflowState.objects.count(),
        sorted(FixPage.objects.values_list("pk", "latest_revision_id")),
    )
