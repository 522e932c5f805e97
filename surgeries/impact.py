"""The impact report's figures: aggregates only, never anyone's name, email or organisation.

Definitions (the report's page says them in plain words too):

- *Surgeries held*: published surgeries, not cancelled, that started in the period and have
  ended.
- *People helped*: at those surgeries, bookings marked as attended plus walk-ins (walk-ins
  are recorded as attended; a cancelled walk-in is not counted).
- *Mentor hours*: the minutes of every help record at those surgeries, divided by 60.
- *Councils reached*: distinct councils that, in the period, published a case study, or
  whose members said a fix worked for them or that they face a barrier. (Attendees' own
  details are anonymised after the retention period, so they cannot be counted reliably.)
- *Barriers most tackled* / *fixes most shared*: help records at those surgeries, counted by
  barrier tackled and fix shared (published barriers and fixes only).
- *Case-study outcomes*: the outcomes of live case studies whose date is in the period,
  summed by unit.

Every figure is a fixed number of aggregate queries, whatever the number of records.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from cms.models import Council
from practice.models import BarrierAffected, CaseStudyOutcome, CaseStudyPage, FixEndorsement

from .feedback import feedback_summary
from .models import Booking, HelpRecord, SurgeryFeedback, SurgeryPage

LONDON = ZoneInfo("Europe/London")
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
EARLIEST_YEAR = 2000
MAX_MONTHS = 120
TOP_SHOWN = 10


class PeriodError(ValueError):
    """A period the report cannot show; the message says why, for the visitor."""


@dataclass(frozen=True)
class Period:
    first_month: date
    last_month: date

    @property
    def start(self):
        return datetime(self.first_month.year, self.first_month.month, 1, tzinfo=LONDON)

    @property
    def end(self):
        year, month = self.last_month.year, self.last_month.month + 1
        if month == 13:
            year, month = year + 1, 1
        return datetime(year, month, 1, tzinfo=LONDON)

    @property
    def start_date(self):
        return self.first_month

    @property
    def end_date(self):
        """The last day of the period."""
        year, month = self.last_month.year, self.last_month.month
        return date(year, month, calendar.monthrange(year, month)[1])

    def months(self):
        year, month = self.first_month.year, self.first_month.month
        while (year, month) <= (self.last_month.year, self.last_month.month):
            yield date(year, month, 1)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def as_params(self):
        return {"from": self.first_month.strftime("%Y-%m"), "to": self.last_month.strftime("%Y-%m")}


def default_period(today=None):
    """The twelve months ending with this one."""
    today = today or timezone.localdate()
    year, month = today.year, today.month - 11
    if month < 1:
        year, month = year - 1, month + 12
    return Period(date(year, month, 1), date(today.year, today.month, 1))


def _parse_month(value, name):
    match = MONTH_PATTERN.match(value.strip())
    if not match:
        raise PeriodError(f"“{name}” must be a month written as YYYY-MM, for example 2026-04.")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(f"“{name}” has no month {month:02d}: months run from 01 to 12.")
    if not EARLIEST_YEAR <= year <= 2100:
        raise PeriodError(f"“{name}” must be a year between {EARLIEST_YEAR} and 2100.")
    return date(year, month, 1)


def parse_period(params, today=None):
    """The period asked for in GET ``from``/``to`` (YYYY-MM, inclusive); defaults fill gaps."""
    default = default_period(today)
    raw_from, raw_to = params.get("from", "").strip(), params.get("to", "").strip()
    first = _parse_month(raw_from, "from") if raw_from else None
    last = _parse_month(raw_to, "to") if raw_to else None
    if first is None and last is None:
        return default
    if last is None:
        last = max(first, default.last_month)
    if first is None:
        first = (
            date(last.year - 1, last.month, 1) if last.month == 12 else date(last.year - 1, last.month + 1, 1)
        )
    if first > last:
        raise PeriodError("“from” must be the same month as “to” or before it.")
    if (last.year - first.year) * 12 + last.month - first.month + 1 > MAX_MONTHS:
        raise PeriodError(f"Choose a period of at most {MAX_MONTHS // 12} years.")
    return Period(first, last)


def surgeries_held(period, now=None):
    now = now or timezone.now()
    return SurgeryPage.objects.live().filter(
        status=SurgeryPage.Status.SCHEDULED, start__gte=period.start, start__lt=period.end, end__lte=now
    )


HELPED = Q(status=Booking.Status.ATTENDED) | (Q(is_walk_in=True) & ~Q(status=Booking.Status.CANCELLED))


def _hours(minutes):
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.1"))


def councils_reached(period):
    start, end = period.start, period.end
    ids = set(
        CaseStudyPage.objects.live()
        .filter(published_date__gte=period.start_date, published_date__lte=period.end_date)
        .exclude(council=None)
        .values_list("council_id", flat=True)
        .order_by()
        .union(
            FixEndorsement.objects.filter(created_at__gte=start, created_at__lt=end)
            .exclude(council=None)
            .values_list("council_id", flat=True)
            .order_by(),
            BarrierAffected.objects.filter(created_at__gte=start, created_at__lt=end)
            .exclude(council=None)
            .values_list("council_id", flat=True)
            .order_by(),
        )
    )
    return len(ids)


def _helped_and_minutes(held):
    """``held`` with each surgery's people helped and help-record minutes, counted in
    subqueries of their own so that neither multiplies the other."""
    people = (
        Booking.objects.filter(surgery=OuterRef("pk"))
        .filter(HELPED)
        .order_by()
        .values("surgery")
        .annotate(n=Count("pk"))
        .values("n")
    )
    minutes = (
        HelpRecord.objects.filter(surgery=OuterRef("pk"))
        .order_by()
        .values("surgery")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    return held.annotate(
        surgery_people=Coalesce(Subquery(people), 0),
        surgery_minutes=Coalesce(Subquery(minutes), 0),
    )


def _held_by_month_and_region(held):
    """For the surgeries ``held``, grouped by (month started, region): how many were held, how
    many people they helped and their help records' minutes. One query."""
    return list(
        _helped_and_minutes(held)
        .annotate(m=TruncMonth("start", tzinfo=LONDON))
        .values("m", "region")
        .annotate(n=Count("pk"), people=Sum("surgery_people"), minutes=Sum("surgery_minutes"))
        .order_by()
    )


def _headline(groups, period):
    return {
        "surgeries": sum(row["n"] for row in groups),
        "people": sum(row["people"] or 0 for row in groups),
        "hours": _hours(sum(row["minutes"] or 0 for row in groups)),
        "councils": councils_reached(period),
    }


def headline_figures(period, now=None):
    """Surgeries held, people helped, mentor hours and councils reached: two queries. Summed
    without the report's grouping by month, which SQLite computes in Python for every row."""
    totals = _helped_and_minutes(surgeries_held(period, now)).aggregate(
        n=Count("pk"), people=Sum("surgery_people"), minutes=Sum("surgery_minutes")
    )
    return _headline([totals], period)


def _top_tackled(records):
    """The barriers most tackled and the fixes most shared in ``records``, ``TOP_SHOWN`` of
    each, most first (ties by title): both counts in one query, the database orders them."""

    def counted(field, kind):
        return (
            records.filter(**{f"{field}__live": True})
            .values(f"{field}_id")
            .annotate(kind=Value(kind), title=F(f"{field}__title"), n=Count("pk"))
            .values_list("kind", "title", "n")
            .order_by()
        )

    tops = {"barrier": [], "fix": []}
    rows = counted("barrier", "barrier").union(counted("fix_shared", "fix"), all=True).order_by("-n", "title")
    for kind, title, n in rows:
        if len(tops[kind]) < TOP_SHOWN:
            tops[kind].append({"title": title, "count": n})
    return tops["barrier"], tops["fix"]


def impact_report(period, now=None):
    """Every figure and table of the report for ``period``, as plain data."""
    held = surgeries_held(period, now)
    records = HelpRecord.objects.filter(surgery__in=held.values("pk"))
    groups = _held_by_month_and_region(held)

    by_month = {m: {"month": m, "surgeries": 0, "people": 0, "minutes": 0} for m in period.months()}

    def month_key(value):
        value = value.astimezone(LONDON) if isinstance(value, datetime) else value
        return date(value.year, value.month, 1)

    region_names = dict(Council.Region.choices)
    by_region = {}

    def region_row(code):
        return by_region.setdefault(
            code or "",
            {
                "region": region_names.get(code, "Online or not given"),
                "surgeries": 0,
                "people": 0,
                "minutes": 0,
            },
        )

    for group in groups:
        for row in (by_month[month_key(group["m"])], region_row(group["region"])):
            row["surgeries"] += group["n"]
            row["people"] += group["people"] or 0
            row["minutes"] += group["minutes"] or 0
    for row in (*by_month.values(), *by_region.values()):
        row["hours"] = _hours(row.pop("minutes"))

    barriers, fixes = _top_tackled(records)
    unit_names = dict(CaseStudyOutcome.Unit.choices)
    outcomes = [
        {
            "unit": unit_names.get(row["unit"], row["unit"]),
            "total": row["total"],
            "case_studies": row["pages"],
        }
        for row in CaseStudyOutcome.objects.filter(
            page__in=CaseStudyPage.objects.live().filter(
                published_date__gte=period.start_date, published_date__lte=period.end_date
            )
        )
        .values("unit")
        .annotate(total=Sum("value"), pages=Count("page_id", distinct=True))
        .order_by("unit")
    ]
    answers = feedback_summary(period.start, period.end)
    feedback = [
        {"answer": label, "count": answers[value]} for value, label in SurgeryFeedback.Answer.choices
    ] + [{"answer": "Not answered", "count": answers["asked"] - answers["answered"]}]
    months = list(by_month.values())
    regions = sorted(by_region.values(), key=lambda row: (-row["people"], -row["surgeries"], row["region"]))
    return {
        "period": period,
        "headline": _headline(groups, period),
        "by_month": months,
        "by_region": regions,
        "barriers": barriers,
        "fixes": fixes,
        "outcomes": outcomes,
        "feedback": feedback if answers["asked"] else [],
    }


# --- the tables, as the page and the CSV downloads show them -----------------------------

TABLES = {
    "by_month": ("By month", ["Month", "Surgeries held", "People helped", "Mentor hours"]),
    "by_region": ("By region", ["Region", "Surgeries held", "People helped", "Mentor hours"]),
    "barriers": ("Barriers most tackled", ["Barrier", "Times tackled at surgeries"]),
    "fixes": ("Fixes most shared", ["Fix", "Times shared at surgeries"]),
    "outcomes": ("Case-study outcomes", ["Unit", "Total", "Case studies"]),
    "feedback": ("Did the surgery help? (attendees' one-click answers)", ["Answer", "Attendees"]),
}


def table_rows(report, name):
    """The rows of table ``name`` as lists of cells (strings or numbers)."""
    if name == "by_month":
        return [
            [row["month"].strftime("%Y-%m"), row["surgeries"], row["people"], row["hours"]]
            for row in report[name]
        ]
    if name == "by_region":
        return [[row["region"], row["surgeries"], row["people"], row["hours"]] for row in report[name]]
    if name in ("barriers", "fixes"):
        return [[row["title"], row["count"]] for row in report[name]]
    if name == "feedback":
        return [[row["answer"], row["count"]] for row in report[name]]
    if name == "outcomes":
        return [
            [row["unit"], row["total"].normalize() if row["total"] is not None else 0, row["case_studies"]]
            for row in report[name]
        ]
    raise KeyError(name)


def bar_chart(labels, values, *, width=560, bar_height=22, gap=8, label_width=200):
    """Geometry for a horizontal bar chart drawn as SVG by the template (no JavaScript)."""
    values = [float(value or 0) for value in values]
    top = max(values, default=0) or 1
    plot = width - label_width - 60
    bars = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = i * (bar_height + gap)
        bars.append(
            {
                "label": label,
                "value": value,
                "display": f"{value:g}",
                "y": y,
                "text_y": y + bar_height * 0.7,
                "width": round(plot * value / top, 1),
                "value_x": label_width + round(plot * value / top, 1) + 6,
            }
        )
    return {
        "bars": bars,
        "width": width,
        "height": max(len(bars) * (bar_height + gap), bar_height),
        "bar_height": bar_height,
        "label_width": label_width,
        "label_x": label_width - 8,
    }
