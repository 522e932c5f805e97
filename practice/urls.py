"""Routes of this app that are not Wagtail pages (forms, feeds, exports)."""

from django.urls import path

from . import charter_views
from .pathway import stuck

urlpatterns = [
    path("charter/", charter_views.charter_index, name="charter"),
    path("charter/pledge/", charter_views.charter_pledge, name="charter_pledge"),
    path("charter/<int:council_id>/", charter_views.charter_council, name="charter_council"),
    path("stuck/", stuck, name="practice_stuck"),
]
