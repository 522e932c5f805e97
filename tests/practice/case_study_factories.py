"""Factories for case studies, and the minimal barrier and mentor pages they link to.

Pages are added under their parent and made live directly (fast, for lists of many); pass
``publish=True`` to go through a revision as the editor does.
"""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from practice.models import (
    BarrierPage,
    CaseStudyBarrier,
    CaseStudyIndexPage,
    CaseStudyOutcome,
    CaseStudyPage,
    CaseStudyTopic,
    KnowledgeBaseIndexPage,
    MentorIndexPage,
    MentorPage,
)
from tests.factories import CouncilFactory


class PageFactory(factory.Factory):
    """Adds the page under ``parent`` (required), live unless ``live=False``."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title)[:80])

    @classmethod
    def _create(cls, model_class, *args, parent, live=True, publish=False, **kwargs):
        page = cls._new_page(model_class, **kwargs)
        page.live = live and not publish
        if page.live:
            page.first_published_at = page.last_published_at = timezone.now()
        parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    @classmethod
    def _new_page(cls, model_class, **fields):
        return model_class(**fields)


class CaseStudyIndexPageFactory(PageFactory):
    class Meta:
        model = CaseStudyIndexPage

    title = "Case studies"
    slug = "case-studies"
    intro = "What councils like yours actually did."
    show_in_menus = True


class CaseStudyPageFactory(PageFactory):
    """``CaseStudyPageFactory(parent=index, platforms=[...], topics=[...], barriers=[...],
    outcomes=[("People reached", 1200, "people_reached"), ...])``."""

    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"Case study {n}")
    council = factory.SubFactory(CouncilFactory)
    service_area = "Communications"
    stage = CaseStudyPage.Stage.LISTEN
    summary = factory.LazyAttribute(lambda o: f"What {o.title} did and what changed.")
    published_date = factory.Sequence(lambda n: datetime.date(2010, 1, 1) + datetime.timedelta(days=n))

    @classmethod
    def _new_page(cls, model_class, *, platforms=(), topics=(), barriers=(), outcomes=(), **fields):
        return model_class(
            **fields,
            platforms=list(platforms),
            tagged_topics=[CaseStudyTopic(tag=topic) for topic in topics],
            barrier_links=[CaseStudyBarrier(barrier=barrier) for barrier in barriers],
            outcomes=[
                CaseStudyOutcome(label=label, value=value, unit=unit) for label, value, unit in outcomes
            ],
        )


class KnowledgeBaseIndexPageFactory(PageFactory):
    class Meta:
        model = KnowledgeBaseIndexPage

    title = "Knowledge base"
    slug = "barriers"


class BarrierPageFactory(PageFactory):
    class Meta:
        model = BarrierPage

    title = factory.Sequence(lambda n: f"Barrier {n}")
    summary = "Something that gets in the way."
    category = BarrierPage.Category.TECHNOLOGY


class MentorIndexPageFactory(PageFactory):
    class Meta:
        model = MentorIndexPage

    title = "Mentors"
    slug = "mentors"


class MentorPageFactory(PageFactory):
    class Meta:
        model = MentorPage

    title = factory.Sequence(lambda n: f"Mentor {n}")
    role = "Digital communications officer"
    contact_email = factory.Sequence(lambda n: f"private-mentor-{n}@example.gov.uk")
