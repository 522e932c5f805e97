"""Children are found through the (depth, path) index, not by walking every descendant or every
page at their depth."""

import pytest
from django.db import connection
from wagtail.models import Page

from surgeries.models import SurgeryPage
from tests.surgeries.factories import make_surgery, surgery_index

pytestmark = pytest.mark.django_db


def test_the_pages_depth_path_index_exists():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert constraints["cms_page_depth_path"]["columns"] == ["depth", "path"]


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
