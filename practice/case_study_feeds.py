"""RSS and Atom feeds of new case studies, served by the case-study index at feed/rss/ and
feed/atom/ (Django's syndication framework does the XML)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed


class CaseStudyRSSFeed(Feed):
    def get_object(self, request, index):
        return index

    def title(self, index):
        return f"{index.title} – Practice Hub"

    def link(self, index):
        return index.url

    def description(self, index):
        return index.intro or "New case studies of councils using social media, on Practice Hub."

    def items(self, index):
        return index.newest_case_studies()

    def item_title(self, case_study):
        return case_study.title

    def item_description(self, case_study):
        return case_study.summary

    def item_link(self, case_study):
        return case_study.url

    def item_guid(self, case_study):
        return f"practicehub-case-study-{case_study.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, case_study):
        return case_study.first_published_at or timezone.make_aware(
            datetime.combine(case_study.published_date, time(12))
        )

    def item_updateddate(self, case_study):
        return case_study.last_published_at or self.item_pubdate(case_study)

    def item_author_name(self, case_study):
        return case_study.council.name if case_study.council else None

    def item_categories(self, case_study):
        return [topic.name for topic in case_study.topics.all()]


class CaseStudyAtomFeed(CaseStudyRSSFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
