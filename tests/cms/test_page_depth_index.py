"""Children are found through the (depth, path) index, not by walking every descendant."""

import pytest
from django.db import connection

from tests.surgeries.factories import surgery_index

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
