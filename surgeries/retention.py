"""Attendees' personal data is kept only as long as it is needed.

``SURGERIES_RETENTION_DAYS`` (default 90) after a surgery ends, its bookings' name, email,
organisation and "what they want help with" are replaced, and their private links deleted.
What stays: status, topics, walk-in or not, timestamps, and the help records (topics,
barrier, fix shared, minutes, outcome), which carry no identity. The outcome note is free
text, so before the booking loses its name the note has that name and email scrubbed from it.
"""

import re

from django.db import transaction
from django.utils import timezone

from .models import Booking, HelpRecord, ManageToken, retention_cutoff

ANONYMISED_NAME = "Anonymised attendee"
REDACTED = "[attendee]"
BATCH = 500


def anonymise_ended_surgeries(now=None):
    """Anonymise every booking of a surgery that ended before the retention cut-off.
    Returns how many bookings were anonymised; running it again anonymises nothing more."""
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    total = 0
    while True:
        with transaction.atomic():
            batch = list(
                Booking.objects.select_for_update(of=("self",))
                .filter(surgery__end__lt=cutoff, anonymised_at__isnull=True)
                .order_by("pk")
                .values_list("pk", "name", "email")[:BATCH]
            )
            if not batch:
                return total
            _scrub_help_notes(batch)
            ids = [pk for pk, _, _ in batch]
            ManageToken.objects.filter(booking_id__in=ids).delete()
            Booking.objects.filter(pk__in=ids).update(
                name=ANONYMISED_NAME, email="", organisation="", help_wanted="", anonymised_at=now
            )
            total += len(ids)


def _scrub_help_notes(batch):
    people = {pk: (name, email) for pk, name, email in batch}
    records = list(HelpRecord.objects.filter(booking_id__in=people).exclude(outcome_note=""))
    for record in records:
        record.outcome_note = scrub(record.outcome_note, *people[record.booking_id])
    HelpRecord.objects.bulk_update(records, ["outcome_note"])


def scrub(text, name, email):
    """Replace the person's email, full name and each part of their name (as whole words)."""
    patterns = []
    if email:
        patterns.append(re.escape(email))
        local_part = email.partition("@")[0]
        if len(local_part) >= 3:
            patterns.append(re.escape(local_part))
    if name:
        patterns.append(re.escape(name.strip()))
        patterns.extend(re.escape(part) for part in re.split(r"[\s,.'-]+", name) if len(part) >= 2)
    for pattern in sorted(patterns, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){pattern}(?!\w)", REDACTED, text, flags=re.IGNORECASE)
    return text
