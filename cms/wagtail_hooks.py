"""Snippets of the shared vocabulary, managed in the Wagtail admin, and the midnight the page
cache must not outlive."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .cache import NEXT_TIME_CHANGE_HOOK
from .models import Council, Platform, Topic


class CouncilViewSet(SnippetViewSet):
    model = Council
    icon = "site"
    menu_label = "Councils"
    list_display = ["name", "kind", "region", "website"]
    list_filter = ["kind", "region"]
    search_fields = ["name"]
    ordering = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    ordering = ["name"]


class PlatformViewSet(SnippetViewSet):
    model = Platform
    icon = "globe"
    menu_label = "Platforms"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class VocabularyViewSetGroup(SnippetViewSetGroup):
    items = (CouncilViewSet, TopicViewSet, PlatformViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Vocabulary"
    menu_name = "vocabulary"


register_snippet(VocabularyViewSetGroup)


@hooks.register(NEXT_TIME_CHANGE_HOOK)
def next_local_midnight(now):
    """Pages say "today", "this month" and "overdue" by the UK date, which changes at midnight."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))
