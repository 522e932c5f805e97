"""Factories for the surgeries' tests: the index, surgeries, mentors, bookings."""

from datetime import datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from practice.models import MentorIndexPage, MentorPage
from surgeries.models import AllowedEmailDomain, Booking, Format, SurgeryIndexPage, SurgeryPage

LONDON = ZoneInfo("Europe/London")
_numbers = count(1)


def london(year, month, day, hour=10, minute=0):
    """An aware datetime at a wall-clock time in London."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def surgery_index(home_page):
    existing = SurgeryIndexPage.objects.first()
    if existing:
        return existing
    index = SurgeryIndexPage(title="Social media surgeries", slug="surgeries", show_in_menus=True)
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_surgery(index, *, publish=True, mentors=(), topics=(), **fields):
    """A published surgery a week from now, 10:00 to 12:00 London time, unless told otherwise."""
    number = next(_numbers)
    start = fields.pop("start", None) or (timezone.now() + timedelta(days=7)).astimezone(LONDON).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    defaults = {
        "title": f"Surgery {number}",
        "slug": f"surgery-{number}",
        "start": start,
        "end": start + timedelta(hours=2),
        "format": Format.IN_PERSON,
        "venue": "Room 1, County Hall, Exeter",
        "capacity": 10,
    }
    defaults.update(fields)
    if not publish:
        defaults["live"] = False
    if defaults["format"] != Format.IN_PERSON and "joining_link" not in fields:
        defaults["joining_link"] = f"https://meet.example.org/secret-room-{number}"
    surgery = SurgeryPage(**defaults)
    index.add_child(instance=surgery)
    if mentors:
        surgery.mentors.set(mentors)
    if topics:
        surgery.topics.set(topics)
    if mentors or topics:
        surgery.save()
    if publish:
        surgery.save_revision().publish()
    return SurgeryPage.objects.get(pk=surgery.pk)


def mentor_index(home_page):
    existing = MentorIndexPage.objects.first()
    if existing:
        return existing
    index = MentorIndexPage(title="Mentors", slug="mentors")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_mentor(home_page, *, user=None, title=None, **fields):
    number = next(_numbers)
    mentor = MentorPage(
        title=title or f"Mentor {number}",
        slug=f"mentor-{number}",
        role="Digital communications officer",
        contact_email=f"mentor{number}@example.gov.uk",
        user=user,
        **fields,
    )
    mentor_index(home_page).add_child(instance=mentor)
    mentor.save_revision().publish()
    return MentorPage.objects.get(pk=mentor.pk)


class AllowedEmailDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllowedEmailDomain
        django_get_or_create = ("domain",)

    domain = "gov.uk"


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking made directly (no lock, no emails): for setting the scene in tests."""

    class Meta:
        model = Booking
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Attendee {n}")
    email = factory.Sequence(lambda n: f"attendee{n}@example.org")
    organisation = "Testshire Council"
    help_wanted = "Getting started with our Facebook page"
    status = Booking.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


def mentors_group_permissions():
    """Give the Mentors group its surgeries permissions again (after a transactional flush)."""
    from importlib import import_module

    from django.apps import apps

    import_module("surgeries.migrations.0002_mentor_permissions_and_staff_domains").grant(apps, None)
