"""The seam other pages use to show case studies without importing this app's internals."""

from django import template

from practice.models.case_studies import case_studies_for_barrier as _case_studies_for_barrier

register = template.Library()


@register.simple_tag
def case_studies_for_barrier(barrier):
    """``{% case_studies_for_barrier page as case_studies %}`` then include
    ``practice/includes/barrier_case_studies.html``."""
    return list(_case_studies_for_barrier(barrier))
