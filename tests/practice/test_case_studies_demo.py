"""The demo case studies: enough, varied, measured, linked to barriers, and loaded idempotently."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.html import escape
from wagtail.models import GroupPagePermission, WorkflowPage

from practice.models import CaseStudyBarrier, CaseStudyIndexPage, CaseStudyOutcome, CaseStudyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(home_page):
    call_command("load_demo_content", stdout=StringIO())


def test_at_least_ten_varied_case_studies_with_outcomes_and_barriers(demo):
    studies = list(CaseStudyPage.objects.live().select_related("council").prefetch_related("platforms"))
    assert len(studies) >= 10
    assert {study.stage for study in studies} == {"listen", "participate", "transform"}
    assert len({platform.slug for study in studies for platform in study.platforms.all()}) >= 6
    assert len({study.council.kind for study in studies}) >= 6
    assert len({study.council.region for study in studies}) >= 6
    for study in studies:
        assert study.outcomes.exists(), study
        assert study.topics.exists(), study
        assert study.overcome_barriers(), study
    units = set(CaseStudyOutcome.objects.values_list("unit", flat=True))
    assert {"citizen_hours", "people_reached", "money_saved"} <= units


def test_the_seed_pilots_are_there(demo):
    councils = set(CaseStudyPage.objects.values_list("council__name", flat=True))
    assert {"Ofqual", "Devon County Council", "Brighton & Hove City Council"} <= councils


def test_demo_pages_render(demo, client):
    assert client.get("/case-studies/").status_code == 200
    assert client.get("/case-studies/?platform=twitter&stage=listen").status_code == 200
    for study in CaseStudyPage.objects.live():
        response = client.get(study.url)
        assert response.status_code == 200, study.url
        for barrier in study.overcome_barriers():
            assert escape(study.title) in client.get(barrier.url).content.decode()


def test_demo_index_takes_submissions_under_moderation(demo):
    index = CaseStudyIndexPage.objects.get()
    assert index.url == "/case-studies/" and index.show_in_menus
    assert GroupPagePermission.objects.filter(page=index, group__name="Authors").exists()
    assert WorkflowPage.objects.filter(page=index, workflow__name="Moderator approval").exists()


def test_loading_twice_changes_no_case_study(demo):
    before = (
        list(CaseStudyPage.objects.order_by("pk").values_list("pk", "latest_revision_id")),
        CaseStudyOutcome.objects.count(),
        CaseStudyBarrier.objects.count(),
    )
    call_command("load_demo_content", stdout=StringIO())
    after = (
        list(CaseStudyPage.objects.order_by("pk").values_list("pk", "latest_revision_id")),
        CaseStudyOutcome.objects.count(),
        CaseStudyBarrier.objects.count(),
    )
    assert after == before
