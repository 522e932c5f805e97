"""The seam the mentor pages call: people helped and next surgeries, in a bounded number of
queries however many mentors and surgeries there are."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from surgeries.models import Booking, SurgeryPage
from surgeries.wagtail_hooks import mentor_activity, next_surgeries
from tests.surgeries.factories import BookingFactory, make_mentor, make_surgery

pytestmark = pytest.mark.django_db


def test_the_hooks_are_registered():
    assert mentor_activity in hooks.get_hooks("practice_mentor_activity")
    assert next_surgeries in hooks.get_hooks("practice_mentor_next_surgeries")


def test_people_helped_and_next_surgeries(index, home_page):
    carl, dana, idle = (make_mentor(home_page, title=name) for name in ("Carl", "Dana", "Idle"))
    past = make_surgery(index, mentors=[carl, dana], start=timezone.now() - timedelta(days=10))
    BookingFactory(surgery=past, status=Booking.Status.ATTENDED)
    BookingFactory(surgery=past, status=Booking.Status.ATTENDED, is_walk_in=True, email="")
    BookingFactory(surgery=past, status=Booking.Status.NO_SHOW)
    BookingFactory(surgery=past, status=Booking.Status.CANCELLED)
    older = make_surgery(index, mentors=[carl], start=timezone.now() - timedelta(days=40))
    BookingFactory(surgery=older, status=Booking.Status.ATTENDED)

    upcoming = [
        make_surgery(
            index, title=f"Next {n}", mentors=[carl], start=timezone.now() + timedelta(days=n), capacity=5
        )
        for n in (4, 1, 3, 2)
    ]
    BookingFactory(surgery=upcoming[1])
    make_surgery(
        index,
        title="Cancelled",
        mentors=[carl],
        status=SurgeryPage.Status.CANCELLED,
        start=timezone.now() + timedelta(hours=5),
    )
    draft = make_surgery(
        index, title="Draft", mentors=[carl], publish=False, start=timezone.now() + timedelta(hours=6)
    )
    BookingFactory(surgery=draft, status=Booking.Status.ATTENDED)  # not published: not counted

    activity = mentor_activity([carl.pk, dana.pk, idle.pk])

    assert activity[carl.pk].people_helped == 3  # two at the shared surgery, one earlier
    assert activity[dana.pk].people_helped == 2
    assert (activity[idle.pk].people_helped, activity[idle.pk].next_surgeries) == (0, [])
    next_ones = activity[carl.pk].next_surgeries
    assert [s.title for s in next_ones] == ["Next 1", "Next 2", "Next 3"]
    assert next_ones[0].places_left == 4 and next_ones[1].places_left == 5
    assert next_ones[0].url == upcoming[1].url
    assert next_ones[0].start == SurgeryPage.objects.get(pk=upcoming[1].pk).start
    # The fields in the contract's order: (title, url, start, places left).
    assert tuple(next_ones[0])[:4] == ("Next 1", upcoming[1].url, next_ones[0].start, 4)
    assert next_ones[0].booking_url == upcoming[1].url + "#book" and next_ones[0].booking_open
    assert activity[dana.pk].next_surgeries == []
    # The lighter hook answers the same next surgeries, without counting people helped.
    assert next_surgeries([carl.pk, dana.pk, idle.pk]) == {
        mentor_id: entry.next_surgeries for mentor_id, entry in activity.items()
    }


def test_query_count_is_bounded(index, home_page, django_assert_max_num_queries):
    mentors = [make_mentor(home_page) for _ in range(6)]
    for n, mentor in enumerate(mentors):
        for day in range(1, 6):
            surgery = make_surgery(index, mentors=[mentor], start=timezone.now() + timedelta(days=day + n))
            BookingFactory(surgery=surgery)
    with django_assert_max_num_queries(5):
        activity = mentor_activity([mentor.pk for mentor in mentors])
    assert all(len(entry.next_surgeries) == 3 for entry in activity.values())
    assert mentor_activity([]) == {}


def test_next_surgeries_is_one_query(index, home_page, django_assert_num_queries):
    mentors = [make_mentor(home_page) for _ in range(4)]
    for n, mentor in enumerate(mentors):
        for day in range(1, 5):
            make_surgery(index, mentors=[mentor], start=timezone.now() + timedelta(days=day + n))
    next_surgeries([mentors[0].pk])  # the site's root paths, read once per process
    with django_assert_num_queries(1):
        found = next_surgeries([mentor.pk for mentor in mentors])
    assert all(len(surgeries) == 3 for surgeries in found.values())
