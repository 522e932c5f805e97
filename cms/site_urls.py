"""Site-wide routes that are not Wagtail pages: the site search and the public API."""

from django.urls import path

from cms.search.views import search

from . import views
from .api import api_router

urlpatterns = [
    path("search/", search, name="search"),
    path("api/v2/", api_router.urls),
    path("topics/<slug:slug>/", views.topic_page, name="topic"),
    path("topics/<slug:slug>/follow/", views.follow_topic, name="follow_topic"),
    path("accounts/topics/", views.followed_topics, name="followed_topics"),
    path("topics/digest/unsubscribe/<str:token>/", views.topic_unsubscribe, name="topic_unsubscribe"),
]
