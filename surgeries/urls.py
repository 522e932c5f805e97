"""Routes of this app that are not Wagtail pages: the private booking links and the feeds.

The booking form itself is a route of each SurgeryPage (``<surgery>/book/``).
"""

from django.urls import path

from . import views

app_name = "surgeries"

urlpatterns = [
    path("surgeries/feed.ics", views.surgeries_calendar_feed, name="calendar_feed"),
    path(
        "surgeries/mentors/<slug:mentor_slug>/feed.ics",
        views.mentor_calendar_feed,
        name="mentor_calendar_feed",
    ),
    path("surgeries/feedback/<str:token>/", views.feedback, name="feedback"),
    path("surgeries/booking/", views.manage_booking_action, name="manage_booking_action"),
    path("surgeries/booking/<str:token>/", views.manage_booking, name="manage_booking"),
    path("surgeries/booking/<str:token>/surgery.ics", views.booking_calendar_file, name="booking_calendar"),
]
