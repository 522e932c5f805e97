from django import template

from ..services.charter import pledges_for_barrier

register = template.Library()


@register.simple_tag
def barrier_pledges(barrier):
    """The charter pledges naming ``barrier``, with each council's progress on it."""
    return pledges_for_barrier(barrier)
