"""The knowledge base's public endpoints, reached through routes on its pages.

Each works without JavaScript (a POST form, answered with a redirect and a message, or with the
page again and a 4xx when something is wrong) and answers JSON to the small script that
enhances the endorsement buttons. The rules live in practice.services.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect

from .forms.knowledge import EndorsementForm, SuggestFixForm
from .services import endorsements, suggestions
from .services.ratelimit import RateLimited


def suggest_fix(request, barrier):
    if request.method != "POST":
        return redirect(barrier.get_url(request) + "#suggest-a-fix")
    if not request.user.is_authenticated:
        return redirect_to_login(barrier.get_url(request) + "#suggest-a-fix")
    form = SuggestFixForm(request.POST, prefix="suggest")
    if not form.is_valid():
        return _page_with_form(request, barrier, form, status=400)
    try:
        fix = suggestions.suggest_fix(barrier, request.user, **form.cleaned_data)
    except (RateLimited, PermissionDenied) as error:
        form.add_error(None, str(error))
        return _page_with_form(request, barrier, form, status=429 if isinstance(error, RateLimited) else 403)
    messages.success(
        request,
        f"Thank you: your fix “{fix.title}” has gone to the moderators. We will email you when it is "
        "published, or if they ask for changes.",
    )
    return redirect(barrier.get_url(request) + "#fixes")


def toggle_fix_endorsement(request, fix):
    return _toggle(
        request,
        fix,
        endorsements.toggle_fix_endorsement,
        prefix="endorse",
        anchor="this-worked-for-us",
        added="Thank you: you said this fix worked for you.",
        removed="You took back “this worked for us”.",
    )


def toggle_barrier_affected(request, barrier):
    return _toggle(
        request,
        barrier,
        endorsements.toggle_barrier_affected,
        prefix="faced",
        anchor="we-face-this-too",
        added="Noted: you face this barrier too.",
        removed="You took back “we face this too”.",
    )


def _toggle(request, page, toggle, *, prefix, anchor, added, removed):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    wants_json = _wants_json(request)
    if not request.user.is_authenticated:
        if wants_json:
            return JsonResponse({"error": "Sign in to do this."}, status=403)
        return redirect_to_login(f"{page.get_url(request)}#{anchor}")
    form = EndorsementForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return _error(request, page, form.errors["council"][0], status=400, wants_json=wants_json)
    try:
        result = toggle(page, request.user, council=form.cleaned_data["council"])
    except RateLimited as error:
        return _error(request, page, str(error), status=429, wants_json=wants_json)
    except PermissionDenied as error:
        return _error(request, page, str(error), status=403, wants_json=wants_json)
    message = added if result.active else removed
    if wants_json:
        return JsonResponse({"active": result.active, "count": result.count, "message": message})
    messages.success(request, message)
    return redirect(f"{page.get_url(request)}#{anchor}")


def _wants_json(request):
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def _error(request, page, message, *, status, wants_json):
    if wants_json:
        return JsonResponse({"error": message}, status=status)
    messages.error(request, message)
    response = page.render(request)
    response.status_code = status
    return response


def _page_with_form(request, barrier, form, *, status):
    response = barrier.render(request, context_overrides={"suggest_form": form, "suggest_form_open": True})
    response.status_code = status
    return response
