"""Factories for the knowledge base: the index page, barriers, fixes and endorsements.

Pages are created live (as Wagtail does for a page added in code) with ``first_published_at``
set, without a revision, so that tests building hundreds of them stay fast. Pass
``publish=True`` for a page published the way the editor does it (a revision, then publish).
"""

from datetime import timedelta

import factory
import pytest
from django.core.cache import cache
from django.utils import timezone

from practice.models import BarrierAffected, BarrierPage, FixEndorsement, FixPage, KnowledgeBaseIndexPage
from tests.factories import CouncilFactory, UserFactory


class PageFactory(factory.django.DjangoModelFactory):
    """Create a page as a child of ``parent`` (required)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent, publish=False, topics=(), **kwargs):
        page = model_class(*args, **kwargs)
        if topics:
            page.tagged_topics = [page.tagged_topics.model(tag=topic) for topic in topics]
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        return page


class KnowledgeBaseIndexFactory(PageFactory):
    class Meta:
        model = KnowledgeBaseIndexPage

    title = "Barriers and fixes"
    slug = "barriers"
    intro = "The barriers that hold councils back, and the fixes that got others past them."
    show_in_menus = True


class BarrierFactory(PageFactory):
    class Meta:
        model = BarrierPage

    title = factory.Sequence(lambda n: f"Barrier number {n}")
    slug = factory.Sequence(lambda n: f"barrier-{n}")
    summary = factory.LazyAttribute(lambda o: f"What gets in the way: {o.title.lower()}.")
    category = BarrierPage.Category.CULTURE
    first_published_at = factory.LazyFunction(timezone.now)


class FixFactory(PageFactory):
    class Meta:
        model = FixPage

    title = factory.Sequence(lambda n: f"Fix number {n}")
    slug = factory.Sequence(lambda n: f"fix-{n}")
    summary = factory.LazyAttribute(lambda o: f"What to do: {o.title.lower()}.")
    steps = factory.LazyAttribute(
        lambda o: [
            ("step", {"title": f"First step of {o.title}", "detail": ""}),
            ("step", {"title": "Then this"}),
        ]
    )
    where_it_worked = "In a district council's communications team."
    first_published_at = factory.Sequence(
        lambda n: timezone.now() - timedelta(days=1000) + timedelta(minutes=n)
    )


class FixEndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FixEndorsement

    fix = None
    user = factory.SubFactory(UserFactory)
    council = factory.SubFactory(CouncilFactory)


class BarrierAffectedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrierAffected

    barrier = None
    user = factory.SubFactory(UserFactory)
    council = factory.SubFactory(CouncilFactory)


@pytest.fixture
def knowledge_base(home_page):
    return KnowledgeBaseIndexFactory(parent=home_page)


@pytest.fixture
def barrier(knowledge_base):
    return BarrierFactory(
        parent=knowledge_base,
        title="Blocked internet access",
        slug="blocked-internet-access",
        summary="Staff cannot reach social media sites from council computers.",
        category=BarrierPage.Category.TECHNOLOGY,
    )


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """Rate-limit counters live in the cache, which outlives each test's database."""
    cache.clear()
    yield
    cache.clear()
