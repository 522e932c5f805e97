"""Concurrent requests, each thread on its own database connection, through the real views.

The suite runs these on SQLite, and CI runs the whole suite again on PostgreSQL
(DATABASE_URL), so the lock is proven on both: FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on
SQLite.
"""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from surgeries.models import Booking
from tests.surgeries.factories import make_surgery

pytestmark = pytest.mark.django_db(transaction=True)

MANAGE_LINK = re.compile(r"https?://\S+/surgeries/booking/([A-Za-z0-9_-]+)/")


def run_at_once(count, action):
    """Run ``action(i)`` for i in range(count) in threads released together by a barrier.
    Returns the results in order; an exception in any thread fails the test."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def work(i):
        try:
            barrier.wait(timeout=60)
            results[i] = action(i)
        except Exception as error:  # noqa: BLE001 - reported below, with the thread's number
            errors.append((i, repr(error)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    assert errors == []
    return results


def post_booking(surgery, email, name="Concurrent Booker"):
    return Client().post(f"{surgery.url}book/", {"name": name, "email": email}).status_code


def test_fifty_concurrent_bookings_for_ten_places_confirm_exactly_ten(index, mailoutbox):
    surgery = make_surgery(index, capacity=10)
    statuses = run_at_once(50, lambda i: post_booking(surgery, f"person{i}@example.org"))

    assert statuses == [303] * 50, f"on {connection.vendor}"
    bookings = Booking.objects.filter(surgery=surgery)
    assert bookings.count() == 50
    assert bookings.filter(status="confirmed").count() == 10
    assert bookings.filter(status="waitlisted").count() == 40
    # Every confirmed booking was confirmed before every waitlisted one was made.
    last_confirmed = max(bookings.filter(status="confirmed").values_list("created_at", flat=True))
    first_waiting = min(bookings.filter(status="waitlisted").values_list("created_at", flat=True))
    assert last_confirmed <= first_waiting
    assert len(mailoutbox) == 50
    assert sum(message.subject.startswith("Booked:") for message in mailoutbox) == 10
    assert sum(message.subject.startswith("On the waitlist:") for message in mailoutbox) == 40


def test_twenty_concurrent_cancellations_promote_exactly_twenty_each_once(index, mailoutbox):
    surgery = make_surgery(index, capacity=20)
    for i in range(50):
        assert post_booking(surgery, f"person{i:02d}@example.org") == 303
    tokens = {}
    for message in mailoutbox:
        match = MANAGE_LINK.search(message.body)
        tokens[message.to[0]] = match.group(1)
    confirmed = list(Booking.objects.filter(surgery=surgery, status="confirmed").order_by("pk"))
    waiting = list(Booking.objects.filter(surgery=surgery, status="waitlisted").order_by("created_at", "pk"))
    assert (len(confirmed), len(waiting)) == (20, 30)
    mailoutbox.clear()

    def cancel(i):
        token = tokens[confirmed[i].email]
        return Client().post("/surgeries/booking/", {"token": token, "action": "cancel"}).status_code

    assert run_at_once(20, cancel) == [200] * 20

    bookings = Booking.objects.filter(surgery=surgery)
    assert bookings.filter(status="cancelled").count() == 20
    assert bookings.filter(status="confirmed").count() == 20
    assert bookings.filter(status="waitlisted").count() == 10
    # The twenty who had waited longest got the places, in order.
    promoted = set(bookings.filter(status="confirmed").values_list("pk", flat=True))
    assert promoted == {booking.pk for booking in waiting[:20]}
    promotion_emails = [
        message.to[0] for message in mailoutbox if message.subject.startswith("A place is yours")
    ]
    assert sorted(promotion_emails) == sorted(booking.email for booking in waiting[:20])
    assert bookings.filter(promotion_sent_at__isnull=False).count() == 20


def test_ten_concurrent_double_submits_make_one_booking(index):
    surgery = make_surgery(index, capacity=10)
    statuses = run_at_once(10, lambda i: post_booking(surgery, "same.person@example.org"))
    assert sorted(statuses) == [303] + [409] * 9
    assert Booking.objects.filter(surgery=surgery).count() == 1
