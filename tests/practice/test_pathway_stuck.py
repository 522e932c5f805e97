"""/stuck/: "I'm stuck with…" lands on the matching barrier, a short choice list, or guidance."""

import pytest

from tests.practice.knowledge_factories import BarrierFactory, KnowledgeBaseIndexFactory
from tests.surgeries.factories import surgery_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def barriers(home_page):
    kb = KnowledgeBaseIndexFactory(parent=home_page, publish=True)
    made = {
        "blocked": BarrierFactory(
            parent=kb,
            title="Blocked internet access",
            summary="Staff cannot reach social media sites from council computers.",
            category="technology",
            publish=True,
        ),
        "trolls": BarrierFactory(
            parent=kb,
            title="Fear of trolls",
            summary="Abuse in replies scares officers.",
            category="culture",
            publish=True,
        ),
        "troll_policy": BarrierFactory(
            parent=kb,
            title="No policy for trolls",
            summary="Nobody knows when to block trolls.",
            category="risk",
            publish=True,
        ),
        "draft": BarrierFactory(
            parent=kb, title="Secret draft barrier", summary="Unpublished.", category="culture"
        ),
    }
    made["draft"].unpublish()
    return made


def test_picking_a_barrier_redirects_to_its_page(client, barriers):
    response = client.get("/stuck/", {"barrier": barriers["blocked"].pk, "q": ""})
    assert response.status_code == 302 and response["Location"] == barriers["blocked"].url


def test_one_match_redirects_to_the_barrier(client, barriers):
    response = client.get("/stuck/", {"q": "blocked internet"})
    assert response.status_code == 302 and response["Location"] == barriers["blocked"].url


def test_several_matches_give_a_short_choice_list(client, barriers):
    response = client.get("/stuck/", {"q": "trolls"})
    assert response.status_code == 200
    html = response.content.decode()
    assert barriers["trolls"].url in html and barriers["troll_policy"].url in html
    assert "Blocked internet access</a>" not in html


def test_no_match_gives_guidance_to_the_index_and_surgeries(client, barriers, home_page):
    surgeries = surgery_index(home_page)
    response = client.get("/stuck/", {"q": "xylophone procurement"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "no barrier that matches" in html
    assert 'href="/barriers/"' in html and f'href="{surgeries.url}"' in html


def test_drafts_are_never_offered(client, barriers):
    response = client.get("/stuck/", {"q": "secret draft"})
    assert response.status_code == 200
    assert "Secret draft barrier" not in response.content.decode()
    choices = client.get("/stuck/").content.decode()
    assert "Secret draft barrier" not in choices


def test_barriers_are_grouped_by_category(client, barriers):
    html = client.get("/stuck/").content.decode()
    assert '<optgroup label="Technology and access">' in html
    assert "Fear of trolls" in html


@pytest.mark.parametrize("params", [{"barrier": "999999"}, {"barrier": "abc"}, {"q": ""}, {"q": "x" * 201}])
def test_bad_input_is_a_400_with_a_message(client, barriers, params):
    response = client.get("/stuck/", params)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
