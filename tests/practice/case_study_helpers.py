"""Counting a request's queries reliably.

Django empties its query log when a request starts, so a capture opened after an earlier
capture would slice the new request's queries from the old length and undercount. Every count
here empties the log first, and refuses a count of zero (which would mean nothing was measured).
"""

from contextlib import contextmanager

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext


@contextmanager
def captured_queries():
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        yield queries
    assert len(queries) > 0, "no queries were captured: the measurement is broken"


def count_queries(client, url):
    """The number of queries a GET of ``url`` takes (it must answer 200)."""
    with captured_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)
