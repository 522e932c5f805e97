from django.http import HttpResponse
from django.urls import include, path


def ceiling(request):
    """The fastest a Django view can answer on this set-up: every page is measured against it."""
    return HttpResponse(b"<!DOCTYPE html><title>ceiling</title><p>ok</p>", content_type="text/html")


urlpatterns = [path("__bench__/ceiling/", ceiling), path("", include("cms.urls"))]
