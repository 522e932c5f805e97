"""``{% who_can_help page %}``: the "Who can help" panel, fitted to a barrier, case study or
mentor page (data from practice.help, which reaches surgeries only through hooks)."""

from django import template

from practice.help import help_panel_for_barrier, help_panel_for_case_study, help_panel_for_mentor
from practice.models import BarrierPage, CaseStudyPage, MentorPage

register = template.Library()


@register.inclusion_tag("practice/includes/who_can_help.html", takes_context=True)
def who_can_help(context, page):
    if isinstance(page, BarrierPage):
        panel, kind = help_panel_for_barrier(page), "barrier"
    elif isinstance(page, CaseStudyPage):
        panel, kind = help_panel_for_case_study(page), "case_study"
    elif isinstance(page, MentorPage):
        # The profile has asked the activity hook already: its answer is reused.
        panel, kind = help_panel_for_mentor(page, context.get("activity")), "mentor"
    else:
        raise template.TemplateSyntaxError("who_can_help needs a barrier, case study or mentor page")
    return {"panel": panel, "kind": kind, "page": page}
