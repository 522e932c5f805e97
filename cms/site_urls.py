"""Site-wide routes that are not Wagtail pages: the site search and the public API."""

from django.urls import path, re_path

from cms.search.views import search

from . import views
from .api import api_router

urlpatterns = [
    path("search/", search, name="search"),
    path("api/v2/", api_router.urls),
    # Topic slugs may be Unicode (taggit slugifies free tags with allow_unicode): [-\w]+, not <slug:>.
    re_path(r"^topics/(?P<slug>[-\w]+)/$", views.topic_page, name="topic"),
    re_path(r"^topics/(?P<slug>[-\w]+)/follow/$", views.follow_topic, name="follow_topic"),
    path("accounts/topics/", views.followed_topics, name="followed_topics"),
    path("topics/digest/unsubscribe/<str:token>/", views.topic_unsubscribe, name="topic_unsubscribe"),
]
