"""Publishing, changing, unpublishing, restricting and deleting a page change what the search
finds at once, through the configured search backend (index updates run when the transaction
commits, as they do in a request)."""

import pytest
from wagtail.models import PageViewRestriction

from practice.models import BarrierPage
from tests.cms.site_search_factories import make_standard_page, result_titles
from tests.practice.knowledge_factories import BarrierFactory, KnowledgeBaseIndexFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def knowledge_base(home_page):
    return KnowledgeBaseIndexFactory(parent=home_page)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block leaves for the end of its transaction (search index jobs among them)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def found(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return result_titles(response.content.decode())


def test_a_draft_is_found_once_it_is_published(client, knowledge_base, committed):
    with committed():
        draft = BarrierPage(
            title="Quango approval takes months",
            slug="quango-approval",
            summary="Every post needs sign-off from a quango.",
            category=BarrierPage.Category.CULTURE,
            live=False,
        )
        knowledge_base.add_child(instance=draft)
        draft.save_revision()
    assert found(client, "quango") == []

    with committed():
        draft.get_latest_revision().publish()

    assert found(client, "quango") == ["Quango approval takes months"]


def test_changes_are_found_when_published_and_not_while_they_are_a_draft(client, knowledge_base, committed):
    with committed():
        barrier = BarrierFactory(
            parent=knowledge_base, title="Sign-off delays", summary="Posts wait for a quango."
        )
        barrier.save_revision().publish()

    with committed():
        barrier.summary = "Posts wait for the zeppelin committee."
        barrier.save_revision()
    assert found(client, "zeppelin") == []  # a draft's words are not searchable
    assert found(client, "quango") == ["Sign-off delays"]

    with committed():
        barrier.get_latest_revision().publish()

    assert found(client, "zeppelin") == ["Sign-off delays"]
    assert found(client, "quango") == []


def test_an_unpublished_page_is_gone_at_once(client, knowledge_base, committed):
    with committed():
        barrier = BarrierFactory(parent=knowledge_base, title="Quango approval", publish=True)
    assert found(client, "quango") == ["Quango approval"]

    with committed():
        barrier.unpublish()

    assert found(client, "quango") == []


def test_a_deleted_page_is_gone_at_once(client, knowledge_base, committed):
    with committed():
        barrier = BarrierFactory(parent=knowledge_base, title="Quango approval", publish=True)
        BarrierFactory(parent=knowledge_base, title="Quango budgets", publish=True)
    assert sorted(found(client, "quango")) == ["Quango approval", "Quango budgets"]

    with committed():
        barrier.delete()

    assert found(client, "quango") == ["Quango budgets"]


def test_a_page_in_a_newly_private_section_is_gone_at_once(client, home_page, committed):
    with committed():
        section = make_standard_page(home_page, "Members area")
        make_standard_page(section, "Quango minutes", intro="Notes from the quango.")
    assert found(client, "quango") == ["Quango minutes"]

    with committed():
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)

    assert found(client, "quango") == []
