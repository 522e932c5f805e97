"""The Charter of Engagement's public pages and the pledge form. Rules: practice.services.charter."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from cms.cache import cache_for_visitors
from cms.models import Council

from .forms.charter import PledgeForm
from .models import CharterPledge
from .services import charter


@cache_for_visitors
def charter_index(request):
    councils = Council.objects.filter(charter_pledges__isnull=False).distinct().order_by("name")
    return render(request, "practice/charter_index.html", {"councils": councils})


@cache_for_visitors
def charter_council(request, council_id):
    council = get_object_or_404(Council, pk=council_id)
    pledges = charter.with_progress(
        CharterPledge.objects.filter(council=council).select_related("council").prefetch_related("barriers")
    )
    return render(request, "practice/charter_council.html", {"council": council, "pledges": pledges})


@login_required
def charter_pledge(request):
    if request.user.council_id is None:
        status = 403 if request.method == "POST" else 200
        return render(
            request, "practice/charter_pledge.html", {"no_council": charter.NO_COUNCIL}, status=status
        )
    form = PledgeForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "practice/charter_pledge.html", {"form": form}, status=400)
        pledge = charter.make_pledge(request.user, **form.cleaned_data)
        messages.success(request, "Your council's pledge is on the charter.")
        return redirect("charter_council", pledge.council_id)
    return render(request, "practice/charter_pledge.html", {"form": form})
