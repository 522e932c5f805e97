"""The project's indexes on Wagtail's page table: children are found through (depth, path), not by
walking every descendant or every page at their depth; the newest pages of a type through
(content type, first published), not by sorting every page of the type."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from practice.templatetags.home_tags import latest_case_studies
from surgeries.models import SurgeryPage
from tests.practice.case_study_factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.surgeries.factories import make_surgery, surgery_index

pytestmark = pytest.mark.django_db


def page_table_indexes():
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, "wagtailcore_page")


def test_the_pages_depth_path_index_exists():
    assert page_table_indexes()["cms_page_depth_path"]["columns"] == ["depth", "path"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_the_header_sections_query_uses_it(home_page):
    surgery_index(home_page)  # a section, so the home page has children to look for
    sections = home_page.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth")
    sql, params = sections.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "cms_page_depth_path" in plan


def test_child_of_finds_exactly_wagtails_children(home_page):
    index = surgery_index(home_page)
    made = {make_surgery(index).pk for _ in range(3)}
    assert set(SurgeryPage.objects.child_of(index).values_list("pk", flat=True)) == made
    assert set(Page.objects.child_of(index).values_list("pk", flat=True)) == made  # Wagtail's own
    assert not SurgeryPage.objects.child_of(home_page).exists()  # grandchildren are not children
    assert set(SurgeryPage.objects.not_child_of(index).values_list("pk", flat=True)).isdisjoint(made)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_listings_of_children_use_it(home_page):
    index = surgery_index(home_page)
    make_surgery(index)
    sql, params = SurgeryPage.objects.child_of(index).live().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "cms_page_depth_path (depth=? AND path>? AND path<?)" in plan


def test_the_pages_type_newest_index_exists():
    assert page_table_indexes()["cms_page_type_newest"]["columns"] == [
        "content_type_id",
        "first_published_at",
    ]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_the_home_pages_latest_case_studies_walk_it_without_sorting(home_page):
    index = CaseStudyIndexPageFactory(parent=home_page)
    made = [CaseStudyPageFactory(parent=index) for _ in range(4)]
    for days_ago, page in enumerate(reversed(made)):  # the last made is the newest
        Page.objects.filter(pk=page.pk).update(first_published_at=timezone.now() - timedelta(days=days_ago))
    with CaptureQueriesContext(connection) as queries:
        shown = latest_case_studies(limit=3)
    assert [page.pk for page in shown] == [page.pk for page in reversed(made)][:3]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + queries.captured_queries[-1]["sql"])
        plan = cursor.fetchall()  # rows of (id, parent id, unused, detail)
    choosing = {row[0] for row in plan if "SUBQUERY" in row[3]}  # the subquery picking the newest
    steps = [row[3] for row in plan if row[1] in choosing]
    assert any("cms_page_type_newest" in step for step in steps), plan
    assert not any("TEMP B-TREE" in step for step in steps), plan  # no sorting of every case study
