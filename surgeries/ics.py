"""iCalendar (RFC 5545) files: one surgery for an attendee's email, or a feed of surgeries.

Times are written in Europe/London with a VTIMEZONE, so a surgery at 10:00 on the day the
clocks change stays at 10:00 in every calendar. The joining link goes only into the file sent
to a confirmed attendee; feeds and downloads from the site never carry it.
"""

from datetime import timedelta
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Practice Hub//Social media surgeries//EN"


def absolute_url(path):
    """A link for emails and calendars, on the site's public address."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def page_url(page):
    """The page's absolute public URL, built from its path within its site."""
    parts = page.get_url_parts()
    if parts is None:
        return absolute_url("/")
    return absolute_url(parts[2])


def _uid_host():
    return urlparse(settings.WAGTAILADMIN_BASE_URL).hostname or "practicehub"


def surgery_event(surgery, *, joining_link=False, topics=None):
    """A VEVENT for ``surgery``. ``joining_link=True`` only for a confirmed attendee."""
    event = Event()
    event.add("uid", f"surgery-{surgery.pk}@{_uid_host()}")
    event.add("dtstamp", timezone.now())
    if surgery.last_published_at:
        event.add("last-modified", surgery.last_published_at)
    event.add("dtstart", surgery.start.astimezone(LONDON))
    event.add("dtend", surgery.end.astimezone(LONDON))
    event.add("summary", f"Social media surgery: {surgery.title}")
    event.add("url", page_url(surgery))
    event.add("status", "CANCELLED" if surgery.is_cancelled else "CONFIRMED")
    event.add("sequence", 1 if surgery.is_cancelled else 0)
    location = []
    if surgery.has_venue and surgery.venue:
        location.append(" ".join(surgery.venue.split()))
    if surgery.is_online:
        location.append("Online")
    if location:
        event.add("location", ", ".join(location))
    description = [surgery.get_format_display() + ". " + surgery.get_audience_display() + "."]
    if surgery.description:
        description.append(surgery.description)
    if joining_link and surgery.is_online and surgery.joining_link:
        description.append(f"Join online: {surgery.joining_link}")
        event.add("conference", surgery.joining_link, parameters={"value": "URI"})
    description.append(page_url(surgery))
    event.add("description", "\n\n".join(description))
    topic_names = topics if topics is not None else [tag.name for tag in surgery.topic_list()]
    if topic_names:
        event.add("categories", topic_names)
    return event


def calendar_for(events, *, name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/London")
    starts = []
    for event in events:
        calendar.add_component(event)
        starts.append(event.decoded("dtstart"))
    if starts:
        calendar.add_missing_timezones(
            first_date=(min(starts) - timedelta(days=366)).date(),
            last_date=(max(starts) + timedelta(days=366)).date(),
        )
    return calendar


def booking_calendar(booking, *, joining_link=False):
    """The .ics for one booking: the surgery, with the joining link only when asked for."""
    return calendar_for([surgery_event(booking.surgery, joining_link=joining_link)]).to_ical()


def surgeries_feed(surgeries, *, name):
    return calendar_for([surgery_event(surgery) for surgery in surgeries], name=name).to_ical()
