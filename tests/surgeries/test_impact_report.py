"""The impact report at /impact/: figures equal sums computed here from the records, only
aggregates are shown, bad periods get a 400 with a reason, CSV downloads, bounded queries."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from practice.models import CaseStudyOutcome
from surgeries.impact import default_period, impact_report, table_rows
from surgeries.models import Booking, HelpRecord, ImpactPage, SurgeryFeedback, SurgeryPage
from tests.practice.knowledge_factories import BarrierFactory, FixFactory, KnowledgeBaseIndexFactory
from tests.surgeries.factories import BookingFactory, make_mentor, make_surgery, surgery_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def impact_page(home_page):
    page = ImpactPage(title="Our impact", slug="impact", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def records(home_page):
    """Two held surgeries in different regions, one cancelled, one upcoming, one out of range."""
    index = surgery_index(home_page)
    kb = KnowledgeBaseIndexFactory(parent=home_page)
    barrier = BarrierFactory(parent=kb, title="No time to post", publish=True)
    other_barrier = BarrierFactory(parent=kb, title="Fear of trolls", publish=True)
    fix = FixFactory(parent=barrier, title="Schedule posts weekly", publish=True)
    mentor = make_mentor(home_page, title="Mentor Mo")
    now = timezone.now()
    held_a = make_surgery(
        index, title="Held A", start=now - timedelta(days=10), region="south_west", mentors=[mentor]
    )
    held_b = make_surgery(index, title="Held B", start=now - timedelta(days=40), region="yorkshire")
    cancelled = make_surgery(index, title="Called off", start=now - timedelta(days=5), status="cancelled")
    upcoming = make_surgery(index, title="Soon", start=now + timedelta(days=5))
    ancient = make_surgery(index, title="Long ago", start=now - timedelta(days=800))
    people = []
    for surgery, statuses in (
        (held_a, ["attended", "attended", "no_show", "cancelled", "confirmed"]),
        (held_b, ["attended", "waitlisted"]),
        (cancelled, ["attended"]),
        (upcoming, ["confirmed"]),
        (ancient, ["attended"]),
    ):
        for status in statuses:
            people.append(
                BookingFactory(
                    surgery=surgery,
                    status=status,
                    name=f"Secret Person {len(people)}",
                    email=f"secret{len(people)}@hidden.example",
                    organisation="Hush Council",
                )
            )
    walk_in = BookingFactory(surgery=held_b, status="attended", is_walk_in=True, name="Walk In Wendy")
    people.append(walk_in)
    helps = [
        (held_a, people[0], barrier, fix, 45),
        (held_a, people[1], barrier, None, 30),
        (held_b, people[5], other_barrier, fix, 20),
        (held_b, walk_in, barrier, None, 25),
        (cancelled, people[7], barrier, fix, 60),
        (ancient, people[9], barrier, fix, 90),
    ]
    for surgery, booking, tackled, shared, minutes in helps:
        HelpRecord.objects.create(
            surgery=surgery,
            booking=booking,
            mentor=mentor,
            barrier=tackled,
            fix_shared=shared,
            minutes=minutes,
        )
    return {"people": people, "held": [held_a, held_b], "barrier": barrier, "fix": fix}


def expected(period):
    """The figures, computed here the slow way from every record."""
    now = timezone.now()
    held = [
        s
        for s in SurgeryPage.objects.all()
        if s.live and s.status == "scheduled" and period.start <= s.start < period.end and s.end <= now
    ]
    held_ids = {s.pk for s in held}
    helped = [
        b
        for b in Booking.objects.all()
        if b.surgery_id in held_ids and (b.status == "attended" or (b.is_walk_in and b.status != "cancelled"))
    ]
    minutes = sum(h.minutes for h in HelpRecord.objects.all() if h.surgery_id in held_ids)
    return {"surgeries": len(held), "people": len(helped), "hours": Decimal(minutes) / 60}


def test_figures_equal_sums_of_the_records(records):
    period = default_period()
    report = impact_report(period)
    want = expected(period)
    assert report["headline"]["surgeries"] == want["surgeries"] == 2
    assert report["headline"]["people"] == want["people"] == 4
    assert report["headline"]["hours"] == round(want["hours"], 1) == Decimal("2.0")
    assert sum(row["people"] for row in report["by_month"]) == want["people"]
    assert sum(row["surgeries"] for row in report["by_region"]) == want["surgeries"]
    regions = {row["region"]: row for row in report["by_region"]}
    assert regions["South West"]["people"] == 2 and regions["Yorkshire and the Humber"]["people"] == 2
    assert regions["South West"]["hours"] == Decimal("1.2")  # 75 minutes
    assert report["barriers"] == [
        {"title": "No time to post", "count": 3},
        {"title": "Fear of trolls", "count": 1},
    ]
    assert report["fixes"] == [{"title": "Schedule posts weekly", "count": 2}]


def test_page_shows_figures_charts_and_tables_without_personal_data(client, impact_page, records):
    response = client.get("/impact/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="impact-chart" role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "<table" in html and "No time to post" in html
    assert "<strong>4</strong> people helped" in html
    for person in records["people"]:
        assert person.name not in html and person.email not in html
    assert "Hush Council" not in html and "hidden.example" not in html


@pytest.mark.parametrize(
    "query",
    [
        "from=2026-13",
        "from=banana",
        "to=20-01",
        "from=2026-05&to=2026-01",
        "from=1990-01",
        "from=2001-01&to=2026-01",
    ],
)
def test_bad_periods_get_400_with_a_reason(client, impact_page, query):
    response = client.get(f"/impact/?{query}")
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_a_chosen_period_excludes_what_is_outside_it(client, impact_page, records):
    long_ago = records["people"][9].surgery.start
    month = timezone.localtime(long_ago).strftime("%Y-%m")
    response = client.get(f"/impact/?from={month}&to={month}&format=csv&table=by_month")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["Month", "Surgeries held", "People helped", "Mentor hours"], [month, "1", "1", "1.5"]]


def test_csv_download_of_each_table(client, impact_page, records):
    for name in ("by_month", "by_region", "barriers", "fixes", "outcomes"):
        response = client.get(f"/impact/?format=csv&table={name}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert response["Content-Disposition"].startswith(f'attachment; filename="impact-{name}-')
    barriers = list(
        csv.reader(io.StringIO(client.get("/impact/?format=csv&table=barriers").content.decode()))
    )
    assert barriers[1:] == [["No time to post", "3"], ["Fear of trolls", "1"]]
    assert client.get("/impact/?format=csv&table=people").status_code == 400


def test_case_study_outcomes_summed_by_unit(client, impact_page, home_page):
    from tests.practice.case_study_factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

    index = CaseStudyIndexPageFactory(parent=home_page)
    today = timezone.localdate()
    CaseStudyPageFactory(
        parent=index,
        published_date=today,
        outcomes=[("Reached", Decimal("100"), "people_reached"), ("Saved", Decimal("1200"), "money_saved")],
    )
    CaseStudyPageFactory(
        parent=index, published_date=today, outcomes=[("Reached", Decimal("250.5"), "people_reached")]
    )
    CaseStudyPageFactory(  # years before the period: not counted
        parent=index,
        published_date=today.replace(year=today.year - 5),
        outcomes=[("Old", 999, "people_reached")],
    )
    assert CaseStudyOutcome.objects.count() == 4
    report = impact_report(default_period())
    totals = {row["unit"]: (row["total"], row["case_studies"]) for row in report["outcomes"]}
    assert totals == {"People reached": (Decimal("350.5"), 2), "£ saved": (Decimal("1200"), 1)}


def _bulk_records(size, batch):
    surgery = SurgeryPage.objects.get(title="Held A")
    bookings = Booking.objects.bulk_create(
        Booking(surgery=surgery, name=f"Bulk {n}", email=f"bulk{batch}-{n}@example.org", status="attended")
        for n in range(size)
    )
    HelpRecord.objects.bulk_create(HelpRecord(surgery=surgery, booking=b, minutes=10) for b in bookings)


def test_queries_do_not_grow_with_records(client, impact_page, records):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/impact/").status_code == 200
        return len(ctx.captured_queries)

    count()
    _bulk_records(10, 1)
    few = count()
    _bulk_records(1000, 2)
    many = count()
    assert many == few, (few, many)
    assert few <= 25


def test_attendees_answers_to_did_this_help_feed_the_report(home_page):
    index = surgery_index(home_page)
    start = timezone.now() - timedelta(days=3)
    surgery = make_surgery(index, title="Feedback surgery", start=start, end=start + timedelta(hours=2))
    answers = ["yes", "yes", "partly", "no", ""]
    for answer in answers:
        booking = BookingFactory(surgery=surgery, status=Booking.Status.ATTENDED)
        SurgeryFeedback.objects.create(booking=booking, answer=answer)
    report = impact_report(default_period())
    assert {row["answer"]: row["count"] for row in report["feedback"]} == {
        "Yes": 2,
        "Partly": 1,
        "No": 1,
        "Not answered": 1,
    }
    assert table_rows(report, "feedback")[0] == ["Yes", 2]
