"""Snippets of the shared vocabulary, managed in the Wagtail admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
