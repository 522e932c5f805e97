"""Who can help": the mentors and surgeries a barrier, case study or mentor page points to.

Practice knows mentors and their expertise; what they did at surgeries and where they are
next comes through the seam in ``practice.activity`` (hooks answered by the surgeries app),
so this module never imports ``surgeries``. Every builder runs a fixed number of queries
whatever the number of mentors, surgeries or help records.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from practice.activity import UpcomingSurgery, help_given, next_surgeries
from practice.models import BarrierPage, MentorPage

MENTORS_SHOWN = 6
SURGERIES_SHOWN = 4
BARRIERS_SHOWN = 5


@dataclass
class HelpingMentor:
    page: MentorPage
    times_helped: int = 0


@dataclass
class SurgeryWithMentors:
    surgery: UpcomingSurgery
    mentor_names: list[str] = field(default_factory=list)


@dataclass
class HelpPanel:
    mentors: list[HelpingMentor] = field(default_factory=list)
    surgeries: list[SurgeryWithMentors] = field(default_factory=list)
    barriers: list[tuple[BarrierPage, int]] = field(default_factory=list)


def _topic_ids(page):
    known = getattr(page, "_topic_links", None)  # read already by the page's own context
    tagged = known if known is not None else page.tagged_topics.all()
    return [link.tag_id for link in tagged]


# What the panel shows, in the model's column order (the order ``from_db`` reads values in).
MENTOR_FIELDS = tuple(
    field.attname
    for field in MentorPage._meta.concrete_fields
    if field.attname in {"id", "page_ptr_id", "title", "url_path", "path", "depth", "role"}
)


def mentors_for_topics(topic_ids, barrier_ids=(), limit=MENTORS_SHOWN):
    """Live, public mentors sharing a topic with ``topic_ids``: those who recorded most help
    with ``barrier_ids`` first, then those sharing most topics, then by name. Candidates come
    as rows and only the ``limit`` shown become pages (``from_db``, as a queryset would): a
    common topic has a hundred mentors, and a page instance costs far more than a row."""
    if not topic_ids:
        return []
    rows = (
        MentorPage.objects.live()
        .public()
        .filter(tagged_topics__tag_id__in=topic_ids)
        .annotate(shared_topics=Count("tagged_topics", distinct=True))
        .values_list(*MENTOR_FIELDS, "shared_topics")
        .order_by()
    )
    candidates = list(rows)
    times = {}
    if barrier_ids and candidates:
        for (mentor_id, _barrier_id), count in help_given(
            [row[0] for row in candidates], list(barrier_ids)
        ).items():
            times[mentor_id] = times.get(mentor_id, 0) + count
    title = MENTOR_FIELDS.index("title")
    candidates.sort(key=lambda row: (-times.get(row[0], 0), -row[-1], row[title].lower(), row[0]))
    return [
        HelpingMentor(MentorPage.from_db(rows.db, MENTOR_FIELDS, row[:-1]), times.get(row[0], 0))
        for row in candidates[:limit]
    ]


def next_surgeries_for(mentor_pages, limit=SURGERIES_SHOWN):
    """The soonest upcoming surgeries any of these mentors is on, each once, with who is on."""
    names = {page.pk: page.title for page in mentor_pages}
    by_url = {}
    for mentor_id, surgeries in next_surgeries(mentor_pages).items():
        for surgery in surgeries:
            entry = by_url.setdefault(surgery.url, SurgeryWithMentors(surgery))
            entry.mentor_names.append(names[mentor_id])
    entries = sorted(by_url.values(), key=lambda entry: (entry.surgery.start, entry.surgery.url))
    for entry in entries:
        entry.mentor_names.sort()
    return entries[:limit]


def help_panel_for_barrier(barrier):
    mentors = mentors_for_topics(_topic_ids(barrier), [barrier.pk])
    return HelpPanel(mentors=mentors, surgeries=next_surgeries_for([m.page for m in mentors]))


def help_panel_for_case_study(case_study):
    barrier_ids = [link.barrier_id for link in case_study.barrier_links.all()]
    mentors = mentors_for_topics(_topic_ids(case_study), barrier_ids)
    return HelpPanel(mentors=mentors, surgeries=next_surgeries_for([m.page for m in mentors]))


def help_panel_for_mentor(mentor, activity=None):
    """``activity``: the mentor's MentorActivity if the page has it already (saves asking again)."""
    counts = {barrier_id: times for (_m, barrier_id), times in help_given([mentor.pk], None).items()}
    top = sorted(counts, key=lambda barrier_id: (-counts[barrier_id], barrier_id))
    found = BarrierPage.objects.live().public().only("id", "title", "url_path", "path", "depth").in_bulk(top)
    barriers = [(found[pk], counts[pk]) for pk in top if pk in found][:BARRIERS_SHOWN]
    if activity is None:
        surgeries = next_surgeries_for([mentor])
    else:
        surgeries = [SurgeryWithMentors(surgery, [mentor.title]) for surgery in activity.next_surgeries]
    return HelpPanel(surgeries=surgeries[:SURGERIES_SHOWN], barriers=barriers)
