"""The Charter of Engagement: pledging, the pages that show pledges and progress, the reminder."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from practice import tasks
from practice.models import CharterPledge
from practice.services import charter
from tests.factories import CouncilFactory, UserFactory
from tests.practice.case_study_factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.practice.knowledge_factories import BarrierFactory, FixFactory, KnowledgeBaseIndexFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kb(home_page):
    return KnowledgeBaseIndexFactory(parent=home_page)


def pledge_data(chosen, days=60, **extra):
    data = {
        "barriers": [b.pk for b in chosen],
        "due_date": (timezone.localdate() + timedelta(days=days)).isoformat(),
        "responsible": "The chief executive",
        "statement": "We will <b>open</b> our Twitter account to all staff.",
    }
    data.update(extra)
    return data


def test_a_member_pledges_for_their_council_in_plain_text(client, kb):
    barrier = BarrierFactory(parent=kb, title="No access to social media")
    council = CouncilFactory(name="Devon County Council")
    client.force_login(UserFactory(council=council))
    response = client.post(reverse("charter_pledge"), pledge_data([barrier]), follow=True)
    assert response.status_code == 200
    pledge = CharterPledge.objects.get()
    assert pledge.council == council and list(pledge.barriers.all()) == [barrier]
    assert pledge.statement == "We will open our Twitter account to all staff."
    assert "We will open our Twitter account" in response.text
    assert "Devon County Council" in client.get(reverse("charter")).text


@pytest.mark.parametrize(
    "change, message",
    [
        ({"due_date": timezone.localdate().isoformat()}, "The date must be in the future."),
        ({"barriers": []}, "Choose at least one barrier."),
        ({"responsible": "x" * 201}, "at most 200 characters"),
        ({"statement": "x" * 1001}, "at most 1000 characters"),
        ({"due_date": "soon"}, "Enter a valid date."),
    ],
)
def test_bad_pledges_are_refused_with_a_message_and_store_nothing(client, kb, change, message):
    barrier = BarrierFactory(parent=kb)
    client.force_login(UserFactory(council=CouncilFactory()))
    response = client.post(reverse("charter_pledge"), pledge_data([barrier], **change))
    assert response.status_code == 400
    assert message in response.text
    assert not CharterPledge.objects.exists()


def test_a_member_without_a_council_is_told_why_and_cannot_pledge(client, kb):
    barrier = BarrierFactory(parent=kb)
    client.force_login(UserFactory(council=None))
    assert "not linked to a council" in client.get(reverse("charter_pledge")).text
    response = client.post(reverse("charter_pledge"), pledge_data([barrier]))
    assert response.status_code == 403
    assert not CharterPledge.objects.exists()


def test_pledging_needs_sign_in(client):
    response = client.post(reverse("charter_pledge"), {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_progress_is_the_councils_case_studies_and_fixes_on_the_barrier(
    client, home_page, kb, django_assert_max_num_queries
):
    council, other = CouncilFactory(name="Kirklees Council"), CouncilFactory(name="Elsewhere Council")
    barrier, unrelated = BarrierFactory(parent=kb, title="Fear of trolls"), BarrierFactory(parent=kb)
    cases = CaseStudyIndexPageFactory(parent=home_page)
    CaseStudyPageFactory(parent=cases, title="Kirklees moderates", council=council, barriers=[barrier])
    CaseStudyPageFactory(parent=cases, title="Elsewhere moderates", council=other, barriers=[barrier])
    CaseStudyPageFactory(parent=cases, title="Kirklees other work", council=council, barriers=[unrelated])
    FixFactory(parent=barrier, title="A moderation policy", council=council)
    FixFactory(parent=barrier, title="Someone else's fix", council=other)
    pledge = CharterPledge.objects.create(
        council=council,
        responsible="Head of comms",
        statement="We will.",
        due_date=timezone.localdate() + timedelta(days=30),
    )
    pledge.barriers.set([barrier])

    text = client.get(reverse("charter_council", args=[council.pk])).text
    assert "Kirklees moderates" in text and "A moderation policy" in text
    for absent in ("Elsewhere moderates", "Kirklees other work", "Someone else"):
        assert absent not in text

    with django_assert_max_num_queries(8):
        html = render_to_string("practice/includes/barrier_pledges.html", {"page": barrier})
    assert "Kirklees Council" in html and "Kirklees moderates" in html and "A moderation policy" in html
    assert render_to_string("practice/includes/barrier_pledges.html", {"page": unrelated}).strip() == ""


def test_the_reminder_goes_once_14_days_before(kb, mailoutbox):
    barrier = BarrierFactory(parent=kb)
    user = UserFactory(council=CouncilFactory(), email="ceo@example.gov.uk")
    today = timezone.localdate()
    soon = charter.make_pledge(
        user, barriers=[barrier], due_date=today + timedelta(days=10), responsible="CEO", statement="x"
    )
    charter.make_pledge(
        user, barriers=[barrier], due_date=today + timedelta(days=40), responsible="CEO", statement="y"
    )

    assert tasks.send_due_charter_reminders() == 1
    assert tasks.send_due_charter_reminders() == 0
    assert charter.send_reminder(soon.pk) is False
    assert [m.to for m in mailoutbox] == [["ceo@example.gov.uk"]]
    assert barrier.title in mailoutbox[0].body


@pytest.mark.parametrize("size", [2, 8])
def test_council_page_queries_do_not_grow_with_pledges(
    client, home_page, kb, size, django_assert_max_num_queries
):
    council = CouncilFactory()
    cases = CaseStudyIndexPageFactory(parent=home_page)
    for _ in range(size):
        barrier = BarrierFactory(parent=kb)
        CaseStudyPageFactory(parent=cases, council=council, barriers=[barrier])
        FixFactory(parent=barrier, council=council)
        pledge = CharterPledge.objects.create(
            council=council,
            responsible="CEO",
            statement="We will.",
            due_date=timezone.localdate() + timedelta(days=30),
        )
        pledge.barriers.set([barrier])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("charter_council", args=[council.pk]))
    assert response.text.count("Case study: <a") == size
    assert response.text.count("Fix: <a") == size
