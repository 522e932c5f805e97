"""What the home page shows from the practice app. cms never imports practice: the home
page's template loads these tags, so the template layer is the seam (see templates/cms/home_page.html)."""

from django import template

from practice.activity import mentor_activity
from practice.forms.pathway import StuckForm
from practice.models import CaseStudyPage, FixPage, MentorPage

register = template.Library()


@register.simple_tag
def stuck_form():
    """An unbound "I'm stuck with…" form (one query for the barrier list)."""
    return StuckForm()


@register.simple_tag
def latest_case_studies(limit=3):
    return list(
        CaseStudyPage.objects.live()
        .public()
        .select_related("council")
        .order_by("-first_published_at", "-pk")[:limit]
    )


@register.simple_tag
def most_endorsed_fixes(limit=3):
    """Fixes that worked for most councils, then with most endorsements (the barrier page's ranking)."""
    return list(
        FixPage.objects.live().public().with_endorsements().ranked().select_related("council")[:limit]
    )


@register.simple_tag
def featured_mentors(limit=3):
    """Mentors who run surgeries, the ones with most people helped first, with their activity."""
    mentors = list(
        MentorPage.objects.live()
        .public()
        .filter(offers_surgeries=True)
        .select_related("council")
        .order_by("-first_published_at", "pk")
    )
    activity = mentor_activity(mentors)
    mentors.sort(key=lambda mentor: -activity[mentor.pk].people_helped)
    return [(mentor, activity[mentor.pk]) for mentor in mentors[:limit]]
