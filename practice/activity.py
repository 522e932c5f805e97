"""The seam through which other apps tell mentor pages what each mentor has been doing.

``practice`` must never import ``surgeries`` (dependencies point one way), yet the mentor
index and profiles show how many people a mentor has helped and their next surgeries. So
``practice`` asks, through a Wagtail hook, and whoever knows answers.

Contract for hook functions (``surgeries/wagtail_hooks.py`` registers one)::

    from wagtail import hooks
    from practice.activity import MENTOR_ACTIVITY_HOOK, MentorActivity, UpcomingSurgery

    @hooks.register(MENTOR_ACTIVITY_HOOK)          # the name is "practice_mentor_activity"
    def surgery_activity(mentor_ids):
        ...
        return {mentor_id: MentorActivity(people_helped=3, next_surgeries=[UpcomingSurgery(...)])}

- Argument: ``mentor_ids``, a list of MentorPage primary keys (ints), possibly empty, never
  containing duplicates. It is every mentor on the page being rendered (up to a page of the
  index, or one profile).
- It is called ONCE per rendered page for all those mentors, so it must answer in bulk: a
  fixed number of queries whatever the length of ``mentor_ids`` (e.g. one aggregate query
  for people helped, one for upcoming surgeries). Never a query per mentor.
- Return: a dict mapping some or all of those ids to a ``MentorActivity``. Ids it has nothing
  for may be left out; ids that were not asked for are ignored.
- ``people_helped``: a non-negative int (e.g. distinct people in the help log for that mentor).
- ``next_surgeries``: ``UpcomingSurgery`` tuples, public information only (title, public URL,
  timezone-aware start, places left or ``None`` when the surgery has no booking limit).
  Never put a joining link, venue secrets or attendee details here: pages render them.
  Order does not matter; ``mentor_activity`` sorts by start and keeps the first few.

With no hook registered every mentor gets ``MentorActivity()``: nobody helped yet and no
surgeries, which the pages say honestly.

``UpcomingSurgery`` also carries ``booking_url`` (the surgery's public booking form) and
``booking_open`` (whether that form takes bookings now). Both default to "no link / closed"
so an older hook keeps working. A full surgery whose booking is open takes waitlist places.

A lighter hook, for choosing among many mentors (the home page's featured mentors): people
helped only (the name is "practice_mentor_people_helped")::

    @hooks.register(PEOPLE_HELPED_HOOK)
    def people_helped(mentor_ids):
        return {mentor_id: 3, ...}

It must count as ``MENTOR_ACTIVITY_HOOK`` counts ``people_helped``, in one query; it may leave
out mentors nobody was helped by. ``mentor_ids`` may be a query of ids rather than a list
(``people_helped_among``): the hook then uses it as a subquery, in the same one query. Without
it, ``people_helped`` asks ``MENTOR_ACTIVITY_HOOK``.

Its twin, for pages that show where mentors are next but not what they did (the "who can
help" panels, and the featured mentors once chosen): next surgeries only (the name is
"practice_mentor_next_surgeries")::

    @hooks.register(NEXT_SURGERIES_HOOK)
    def next_surgeries(mentor_ids):
        return {mentor_id: [UpcomingSurgery(...)], ...}

It must answer as ``MENTOR_ACTIVITY_HOOK`` answers ``next_surgeries``, in one query. Without
it, ``next_surgeries`` asks ``MENTOR_ACTIVITY_HOOK``.

Second hook: help given, by mentor and barrier (the name is "practice_help_given")::

    @hooks.register(HELP_GIVEN_HOOK)
    def help_given(mentor_ids, barrier_ids):
        return [HelpGiven(mentor_id=1, barrier_id=7, times=4), ...]

- ``mentor_ids``: MentorPage ids, or ``None`` for every mentor; ``barrier_ids``: BarrierPage
  ids, or ``None`` for every barrier. At least one of the two is a list.
- Return one ``HelpGiven`` per (mentor, barrier) pair with ``times`` > 0: how many times that
  mentor recorded help with that barrier. Aggregated in one query; no personal data.
- ``help_given`` merges the answers of every registered function (counts are added up).
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.utils import timezone
from wagtail import hooks

MENTOR_ACTIVITY_HOOK = "practice_mentor_activity"
PEOPLE_HELPED_HOOK = "practice_mentor_people_helped"
NEXT_SURGERIES_HOOK = "practice_mentor_next_surgeries"
HELP_GIVEN_HOOK = "practice_help_given"

#: How many upcoming surgeries a page shows per mentor.
NEXT_SURGERIES_SHOWN = 3


class UpcomingSurgery(NamedTuple):
    title: str
    url: str
    start: datetime
    places_left: int | None = None
    booking_url: str = ""
    booking_open: bool = False

    @property
    def is_full(self):
        return self.places_left == 0

    @property
    def start_iso(self):
        """The start in local time as ISO 8601, what ``|date:'c'`` gives for ``<time datetime>``,
        without a template filter's cost (a listing shows one per mentor)."""
        return timezone.localtime(self.start).isoformat()


class HelpGiven(NamedTuple):
    mentor_id: int
    barrier_id: int
    times: int


@dataclass(frozen=True)
class MentorActivity:
    people_helped: int = 0
    next_surgeries: list[UpcomingSurgery] = field(default_factory=list)

    @property
    def next_surgery(self):
        return self.next_surgeries[0] if self.next_surgeries else None


def mentor_activity(mentor_pages):
    """Return ``{mentor_id: MentorActivity}`` for every page (or id) in ``mentor_pages``.

    Calls each registered hook function once with the list of ids and merges the answers:
    people helped are added up; upcoming surgeries are combined, sorted by start and cut to
    ``NEXT_SURGERIES_SHOWN``.
    """
    mentor_ids = list(dict.fromkeys(getattr(page, "pk", page) for page in mentor_pages))
    helped = dict.fromkeys(mentor_ids, 0)
    surgeries = {mentor_id: [] for mentor_id in mentor_ids}
    if mentor_ids:
        for hook in hooks.get_hooks(MENTOR_ACTIVITY_HOOK):
            for mentor_id, activity in (hook(list(mentor_ids)) or {}).items():
                if mentor_id not in helped or activity is None:
                    continue
                helped[mentor_id] += max(int(activity.people_helped), 0)
                surgeries[mentor_id].extend(UpcomingSurgery(*item) for item in activity.next_surgeries)
    return {
        mentor_id: MentorActivity(
            people_helped=helped[mentor_id],
            next_surgeries=sorted(surgeries[mentor_id], key=lambda surgery: surgery.start)[
                :NEXT_SURGERIES_SHOWN
            ],
        )
        for mentor_id in mentor_ids
    }


def people_helped(mentor_pages):
    """Return ``{mentor_id: people helped}`` for every page (or id) in ``mentor_pages``: what
    ``mentor_activity`` would say, without working out anyone's next surgeries."""
    mentor_ids = list(dict.fromkeys(getattr(page, "pk", page) for page in mentor_pages))
    counting = hooks.get_hooks(PEOPLE_HELPED_HOOK)
    if not counting:
        return {
            mentor_id: activity.people_helped for mentor_id, activity in mentor_activity(mentor_ids).items()
        }
    helped = dict.fromkeys(mentor_ids, 0)
    if mentor_ids:
        for mentor_id, count in _summed_counts(counting, mentor_ids).items():
            if mentor_id in helped:
                helped[mentor_id] = count
    return helped


def people_helped_among(mentor_ids):
    """Return ``{mentor_id: people helped}`` for the mentors a query of ids picks, leaving out
    those nobody was helped by: the query goes to the hook unread, as a subquery of its count,
    so choosing among many mentors costs one query rather than two. Unlike ``people_helped``,
    ids a hook answers for beyond the query are not dropped (that would read the query):
    callers look up only their own candidates."""
    counting = hooks.get_hooks(PEOPLE_HELPED_HOOK)
    if not counting:
        return {mentor_id: n for mentor_id, n in people_helped(mentor_ids).items() if n}
    return _summed_counts(counting, mentor_ids)


def _summed_counts(counting_hooks, mentor_ids):
    """``{mentor_id: people helped}`` summed over the counting hooks, with only the mentors
    someone was helped by: a hook's negative or missing count adds nothing."""
    helped = {}
    for hook in counting_hooks:
        for mentor_id, count in (hook(mentor_ids) or {}).items():
            if count and int(count) > 0:
                helped[mentor_id] = helped.get(mentor_id, 0) + int(count)
    return helped


def next_surgeries(mentor_pages):
    """Return ``{mentor_id: [UpcomingSurgery]}`` (soonest first, at most
    ``NEXT_SURGERIES_SHOWN``) for every page (or id) in ``mentor_pages``: what
    ``mentor_activity`` would say, without counting anyone's people helped."""
    mentor_ids = list(dict.fromkeys(getattr(page, "pk", page) for page in mentor_pages))
    finding = hooks.get_hooks(NEXT_SURGERIES_HOOK)
    if not finding:
        return {
            mentor_id: activity.next_surgeries for mentor_id, activity in mentor_activity(mentor_ids).items()
        }
    upcoming = {mentor_id: [] for mentor_id in mentor_ids}
    if mentor_ids:
        for hook in finding:
            for mentor_id, surgeries in (hook(list(mentor_ids)) or {}).items():
                if mentor_id in upcoming and surgeries:
                    upcoming[mentor_id].extend(UpcomingSurgery(*item) for item in surgeries)
    return {
        mentor_id: sorted(surgeries, key=lambda surgery: surgery.start)[:NEXT_SURGERIES_SHOWN]
        for mentor_id, surgeries in upcoming.items()
    }


def help_given(mentor_ids=None, barrier_ids=None):
    """Return ``{(mentor_id, barrier_id): times}`` from every registered help-given hook.

    ``None`` means "all"; an empty list means "none", so nothing is asked.
    """
    if mentor_ids is not None:
        mentor_ids = list(dict.fromkeys(mentor_ids))
    if barrier_ids is not None:
        barrier_ids = list(dict.fromkeys(barrier_ids))
    if mentor_ids == [] or barrier_ids == [] or (mentor_ids is None and barrier_ids is None):
        return {}
    totals = {}
    for hook in hooks.get_hooks(HELP_GIVEN_HOOK):
        for row in hook(mentor_ids, barrier_ids) or []:
            row = HelpGiven(*row)
            if (mentor_ids is not None and row.mentor_id not in mentor_ids) or (
                barrier_ids is not None and row.barrier_id not in barrier_ids
            ):
                continue
            key = (row.mentor_id, row.barrier_id)
            totals[key] = totals.get(key, 0) + max(int(row.times), 0)
    return totals
