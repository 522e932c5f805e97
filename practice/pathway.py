"""/stuck/: from "I'm stuck with…" to the barrier's pathway (fixes, case studies, who can help).

A picked barrier, or a description whose search finds one clear match, redirects to the
barrier's page; several matches give a short choice list; none gives guidance. Search goes
through Wagtail's API on the configured backend. Works without JavaScript (a GET form).
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.models import Page

from cms.cache import cache_for_visitors
from practice.forms.pathway import StuckForm
from practice.models import BarrierPage, KnowledgeBaseIndexPage

CHOICES_SHOWN = 5


def search_barriers(query, limit=CHOICES_SHOWN):
    """Live, public barriers matching ``query``, best first."""
    found = list(BarrierPage.objects.live().search(query)[: limit * 2])
    public = set(
        BarrierPage.objects.live().public().filter(pk__in=[b.pk for b in found]).values_list("pk", flat=True)
    )
    return [barrier for barrier in found if barrier.pk in public][:limit]


def _surgeries_index():
    """The surgeries' index page if there is one, found without importing that app."""
    return (
        Page.objects.live()
        .public()
        .filter(content_type__app_label="surgeries", content_type__model="surgeryindexpage")
        .first()
    )


@cache_for_visitors
def stuck(request):
    form = StuckForm(request.GET or None)
    context = {"form": form, "knowledge_base": KnowledgeBaseIndexPage.objects.live().first()}
    if not request.GET:
        return TemplateResponse(request, "practice/stuck.html", context)
    if not form.is_valid():
        return TemplateResponse(request, "practice/stuck.html", context, status=400)
    barrier_id, query = form.cleaned_data["barrier"], form.cleaned_data["q"]
    if barrier_id:
        barrier = BarrierPage.objects.live().public().filter(pk=barrier_id).first()
        if barrier:
            return redirect(barrier.get_url(request))
    if not query:
        form.add_error(None, "Pick a barrier from the list or describe what gets in your way.")
        return TemplateResponse(request, "practice/stuck.html", context, status=400)
    matches = search_barriers(query)
    if len(matches) == 1 or (matches and matches[0].title.lower() == query.lower()):
        return redirect(matches[0].get_url(request))
    context.update({"query": query, "matches": matches, "surgeries": _surgeries_index(), "searched": True})
    return TemplateResponse(request, "practice/stuck.html", context)
