"""What the home page shows from the surgeries app (the template layer is the seam: cms
never imports surgeries)."""

from django import template
from django.db.models import Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from surgeries import impact
from surgeries.models import ImpactPage, SurgeryPage, places_taken_by_surgery

register = template.Library()


@register.simple_tag
def upcoming_surgeries(limit=3):
    """The soonest published, scheduled surgeries still taking bookings, with places left."""
    now = timezone.now()
    surgeries = (
        SurgeryPage.objects.live()
        .public()
        .filter(status=SurgeryPage.Status.SCHEDULED, start__gt=now)
        .filter(Q(booking_closes__isnull=True) | Q(booking_closes__gt=now))
        .filter(Q(booking_opens__isnull=True) | Q(booking_opens__lte=now))
        .annotate(places_taken=Coalesce(Subquery(places_taken_by_surgery()), 0))
        .order_by("start", "pk")[:limit]
    )
    return list(surgeries)


@register.simple_tag
def impact_headline():
    """The impact report's headline figures for its default period, and the report's page."""
    period = impact.default_period()
    return {
        "figures": impact.headline_figures(period),
        "period": period,
        "page": ImpactPage.objects.live().public().first(),
    }
