"""What the listings were made cheaper by shows exactly what it showed before: surgery times
without seven date filters a card, topics in one query, the mentor cards' next surgery."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone

from cms.models import Topic
from practice.activity import UpcomingSurgery
from surgeries.models import SurgeryPage
from tests.surgeries.factories import make_surgery

LONDON = ZoneInfo("Europe/London")

#: templates/surgeries/includes/when.html as it was, with a date filter for every part.
WHEN_BEFORE = (
    '<time datetime="{{ surgery.start|date:\'c\' }}">{{ surgery.start|date:"l j F Y" }}, '
    '{{ surgery.start|date:"H:i" }}</time> to <time datetime="{{ surgery.end|date:\'c\' }}">'
    '{% if surgery.start|date:"Ymd" != surgery.end|date:"Ymd" %}{{ surgery.end|date:"l j F Y" }}, '
    '{% endif %}{{ surgery.end|date:"H:i" }}</time> <span class="meta">(UK time)</span>'
)


@pytest.mark.django_db  # a new page looks up its content type, uncached after a transactional test
@pytest.mark.parametrize(
    "start, hours",
    [
        (datetime(2027, 1, 12, 10, 0, tzinfo=LONDON), 2),  # winter, one day
        (datetime(2027, 7, 12, 22, 30, tzinfo=LONDON), 2),  # summer time, past midnight in the UK
        (datetime(2027, 7, 12, 23, 30, tzinfo=ZoneInfo("UTC")), 1),  # one UK day, two UTC days
        (datetime(2027, 3, 28, 0, 30, 15, 250, tzinfo=LONDON), 3),  # across the clocks going forward
    ],
)
def test_when_shows_what_the_date_filters_showed(start, hours):
    surgery = SurgeryPage(title="A surgery", start=start, end=start + timedelta(hours=hours))
    before = engines["django"].from_string(WHEN_BEFORE).render({"surgery": surgery})
    now = render_to_string("surgeries/includes/when.html", {"surgery": surgery})
    assert now.strip() == before.strip()


def test_upcoming_surgery_start_iso_is_the_date_filters():
    start = timezone.now() + timedelta(days=3)
    surgery = UpcomingSurgery("A surgery", "/surgeries/a/", start, 4)
    assert surgery.start_iso == engines["django"].from_string("{{ s.start|date:'c' }}").render({"s": surgery})


@pytest.mark.django_db
def test_topic_list_is_one_query_without_a_prefetch(index, django_assert_num_queries):
    topics = [
        Topic.objects.create(name=name, slug=name.lower()) for name in ("Twitter", "Metrics", "Facebook")
    ]
    surgery = make_surgery(index, topics=topics)
    fresh = SurgeryPage.objects.get(pk=surgery.pk)
    with django_assert_num_queries(1):
        names = [topic.name for topic in fresh.topic_list()]
    prefetched = index.surgeries().get(pk=surgery.pk)
    assert names == [topic.name for topic in prefetched.topic_list()]
    assert sorted(names) == sorted(topic.name for topic in topics)
