"""How a case study appears in the public read-only API (/api/v2/pages/?type=practice.CaseStudyPage).

Each field says exactly what it shows, so nothing is exposed by accident: the council's public
facts, the platforms' and topics' names, the outcomes' rows and the barriers' titles and
addresses. Each reads relations through ``all()``, so the listing's prefetch serves them.
"""

from rest_framework.fields import Field


class CouncilField(Field):
    def to_representation(self, council):
        return {
            "name": council.name,
            "kind": council.get_kind_display(),
            "region": council.get_region_display(),
            "website": council.website,
        }


class NamesField(Field):
    """A list of names of a many-to-many relation (platforms)."""

    def to_representation(self, manager):
        return [item.name for item in manager.all()]


class TopicsField(Field):
    def to_representation(self, manager):
        return [{"slug": topic.slug, "name": topic.name} for topic in manager.all()]


class OutcomesField(Field):
    def to_representation(self, manager):
        return [
            {
                "label": outcome.label,
                "value": str(outcome.value),
                "unit": outcome.unit,
                "unit_label": outcome.get_unit_display(),
            }
            for outcome in manager.all()
        ]


class BarriersField(Field):
    """The live, public barriers the case study overcame: title and address only."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, case_study):
        request = self.context.get("request")
        return [
            {"id": barrier.pk, "title": barrier.title, "html_url": barrier.get_full_url(request)}
            for barrier in case_study.overcome_barriers()
        ]
