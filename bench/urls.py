from django.db import transaction
from django.http import HttpResponse
from django.urls import include, path

from cms.cache import content_changed


def ceiling(request):
    """The fastest a Django view can answer on this set-up: every page is measured against it."""
    return HttpResponse(b"<!DOCTYPE html><title>ceiling</title><p>ok</p>", content_type="text/html")


def changed(request):
    """What a publish, a booking or an endorsement does to the caches (every page and part is
    forgotten), so the benchmark can measure the first request after a change on warm workers.
    Only the benchmark's settings route here; no real site does."""
    with transaction.atomic():
        content_changed()
    return HttpResponse(b"changed", content_type="text/plain")


urlpatterns = [
    path("__bench__/ceiling/", ceiling),
    path("__bench__/changed/", changed),
    path("", include("cms.urls")),
]
