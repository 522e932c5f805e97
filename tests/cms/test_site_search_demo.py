"""The site search over the real demo content: a council officer's words find the barrier."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.cms.site_search_factories import result_titles


@pytest.mark.django_db
def test_risk_assessment_finds_the_matching_demo_barrier_first(client):
    call_command("load_demo_content", stdout=StringIO())
    response = client.get("/search/", {"q": "risk assessment"})
    assert response.status_code == 200
    titles = result_titles(response.content.decode())
    assert titles[0] == "Risk assessments used to keep control"
