"""What the home page shows from the practice app. cms never imports practice: the home
page's template loads these tags, so the template layer is the seam (see templates/cms/home_page.html)."""

from django import template
from django.db.models import Case, Subquery, Value, When
from wagtail.models import Page

from cms.page_queries import visible_q
from practice.activity import MentorActivity, next_surgeries, people_helped_among
from practice.forms.pathway import StuckForm
from practice.models import CaseStudyPage, FixPage, MentorPage

register = template.Library()


@register.simple_tag
def stuck_form():
    """An unbound "I'm stuck with…" form (one query for the barrier list)."""
    return StuckForm()


@register.simple_tag
def latest_case_studies(limit=3):
    # Walk the pages' index on first_published_at, newest first, until ``limit`` case studies
    # turn up; ordering the joined case-study rows instead sorted all of them (25 ms at 10,000).
    newest = (
        Page.objects.filter(visible_q())
        .type(CaseStudyPage)
        .order_by("-first_published_at", "-pk")
        .values("pk")[:limit]
    )
    return list(
        CaseStudyPage.objects.filter(pk__in=Subquery(newest))
        .select_related("council")
        .order_by("-first_published_at", "-pk")
    )


@register.simple_tag
def most_endorsed_fixes(limit=3):
    """Fixes that worked for most councils, then with most endorsements (the barrier page's ranking)."""
    return list(
        FixPage.objects.live().public().with_endorsements().ranked().select_related("council")[:limit]
    )


@register.simple_tag
def featured_mentors(limit=3):
    """Mentors who run surgeries, the ones with most people helped first (the newest first
    among equals), with their activity, in three queries: every candidate's people helped
    (the candidates a subquery of that count), then the database ranks the candidates by
    those counts and loads only the ones shown, then their next surgeries."""
    candidates = MentorPage.objects.live().public().filter(offers_surgeries=True)
    helped = people_helped_among(candidates.values_list("pk", flat=True))
    ranking = Case(*(When(pk=pk, then=Value(n)) for pk, n in helped.items()), default=Value(0))
    mentors = list(
        candidates.annotate(ranked_by_people_helped=ranking)
        .order_by("-ranked_by_people_helped", "-first_published_at", "pk")
        .select_related("council")[:limit]
    )
    upcoming = next_surgeries(mentors)
    return [(mentor, MentorActivity(helped.get(mentor.pk, 0), upcoming[mentor.pk])) for mentor in mentors]
