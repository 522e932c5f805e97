"""Both sides of the link between a case study and the barriers it overcame."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from practice.models import case_studies_for_barrier
from tests.practice.case_study_factories import (
    BarrierPageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    KnowledgeBaseIndexPageFactory,
)
from tests.practice.case_study_helpers import captured_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def barrier(home_page):
    knowledge_base = KnowledgeBaseIndexPageFactory(parent=home_page)
    return BarrierPageFactory(parent=knowledge_base, title="Social media sites are blocked", publish=True)


@pytest.fixture
def other_barrier(barrier):
    return BarrierPageFactory(parent=barrier.get_parent(), title="Calling it a website")


def make(index, title, barriers, year, **fields):
    return CaseStudyPageFactory(
        parent=index, title=title, barriers=barriers, published_date=datetime.date(year, 1, 1), **fields
    )


def test_case_studies_for_barrier_are_live_public_and_newest_first(index, barrier, other_barrier):
    older = make(index, "Older", [barrier], 2009)
    newer = make(index, "Newer", [other_barrier, barrier], 2011)
    make(index, "Other barrier only", [other_barrier], 2012)
    make(index, "A draft", [barrier], 2013, live=False)
    private = make(index, "Private", [barrier], 2014)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    assert list(case_studies_for_barrier(barrier)) == [newer, older]


def test_a_case_study_linking_a_barrier_twice_is_listed_once(index, barrier):
    twice = make(index, "Twice", [barrier, barrier], 2010)
    assert list(case_studies_for_barrier(barrier)) == [twice]


def test_barrier_list_renders_without_a_query_per_case_study(index, barrier):
    for number in range(8):
        make(index, f"Study {number}", [barrier], 2000 + number)
    request = RequestFactory().get(barrier.url)
    with captured_queries() as queries:
        html = render_to_string(
            "practice/includes/barrier_case_studies.html",
            {"case_studies": case_studies_for_barrier(barrier), "request": request},
        )
    assert len(queries) <= 3  # view restrictions, the case studies, the site's root paths
    assert html.count('<li class="card case-study-card">') == 8
    assert "Study 7" in html and "Testshire Council" in html


def test_include_says_when_no_case_study_overcame_it(barrier):
    html = render_to_string("practice/includes/barrier_case_studies.html", {"case_studies": []})
    assert "No case study tells of getting past this barrier yet" in html


def test_barrier_page_lists_its_case_studies_and_each_links_back(client, index, barrier):
    study = make(index, "Devon got past the blocks", [barrier], 2010, publish=True)
    barrier_html = client.get(barrier.url).content.decode()
    assert "Councils that got past this" in barrier_html
    assert f'<a href="{study.url}">Devon got past the blocks</a>' in barrier_html

    study_html = client.get(study.url).content.decode()
    assert f'<a href="{barrier.url}">Social media sites are blocked</a>' in study_html


def test_deleting_a_barrier_removes_the_link_not_the_case_study(index, barrier):
    study = make(index, "Survivor", [barrier], 2010)
    barrier.delete()
    study.refresh_from_db()
    assert study.barrier_links.count() == 0
    assert study.overcome_barriers() == []
