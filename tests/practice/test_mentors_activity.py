"""The seam through which the surgeries app tells mentor pages about people helped and next
surgeries, without practice importing surgeries."""

from datetime import UTC, datetime

import pytest
from wagtail import hooks

from practice.activity import (
    MENTOR_ACTIVITY_HOOK,
    NEXT_SURGERIES_HOOK,
    NEXT_SURGERIES_SHOWN,
    PEOPLE_HELPED_HOOK,
    MentorActivity,
    UpcomingSurgery,
    mentor_activity,
    next_surgeries,
    people_helped_among,
)


@pytest.fixture(autouse=True)
def only_the_hooks_registered_here(monkeypatch):
    """These tests speak for the seam alone: the surgeries app's own hook is set aside."""
    hooks.search_for_hooks()
    monkeypatch.setitem(hooks._hooks, MENTOR_ACTIVITY_HOOK, [])
    monkeypatch.setitem(hooks._hooks, NEXT_SURGERIES_HOOK, [])


def at(day):
    return datetime(2026, 3, day, 10, 0, tzinfo=UTC)


def test_with_no_hook_every_mentor_has_no_activity():
    assert mentor_activity([3, 5]) == {3: MentorActivity(), 5: MentorActivity()}
    assert mentor_activity([3])[3].people_helped == 0
    assert mentor_activity([3])[3].next_surgery is None


def test_no_mentors_means_no_call():
    calls = []
    with hooks.register_temporarily(MENTOR_ACTIVITY_HOOK, lambda ids: calls.append(ids) or {}):
        assert mentor_activity([]) == {}
    assert calls == []


def test_each_hook_is_called_once_with_every_id_and_answers_are_merged():
    calls = []

    def helped(ids):
        calls.append(("helped", ids))
        return {1: MentorActivity(people_helped=4), 2: MentorActivity(people_helped=1), 99: MentorActivity(7)}

    def surgeries(ids):
        calls.append(("surgeries", ids))
        return {
            1: MentorActivity(
                people_helped=2,
                next_surgeries=[
                    UpcomingSurgery("Late", "/s/late/", at(20), 3),
                    ("Early", "/s/early/", at(2), None),
                    UpcomingSurgery("Middle", "/s/middle/", at(9), 0),
                    UpcomingSurgery("Later still", "/s/later/", at(25), 8),
                ],
            )
        }

    with hooks.register_temporarily([(MENTOR_ACTIVITY_HOOK, helped), (MENTOR_ACTIVITY_HOOK, surgeries)]):
        activity = mentor_activity([1, 2, 1, 3])
    assert calls == [("helped", [1, 2, 3]), ("surgeries", [1, 2, 3])]
    assert set(activity) == {1, 2, 3}  # 99 was not asked for
    assert (
        activity[1].people_helped == 6 and activity[2].people_helped == 1 and activity[3].people_helped == 0
    )
    assert [surgery.title for surgery in activity[1].next_surgeries] == ["Early", "Middle", "Late"]
    assert len(activity[1].next_surgeries) == NEXT_SURGERIES_SHOWN
    assert activity[1].next_surgery == UpcomingSurgery("Early", "/s/early/", at(2), None)
    assert activity[2].next_surgeries == []


@pytest.mark.django_db
def test_accepts_pages_as_well_as_ids(home_page):
    assert set(mentor_activity([home_page])) == {home_page.pk}


def test_next_surgeries_asks_its_own_hook_once_and_sorts_and_cuts_the_answers():
    calls = []

    def upcoming(ids):
        calls.append(ids)
        return {
            1: [
                UpcomingSurgery("Late", "/s/late/", at(20), 3),
                ("Early", "/s/early/", at(2), None),
                UpcomingSurgery("Middle", "/s/middle/", at(9), 0),
                UpcomingSurgery("Later still", "/s/later/", at(25), 8),
            ],
            99: [UpcomingSurgery("Not asked", "/s/no/", at(1))],
        }

    with hooks.register_temporarily(NEXT_SURGERIES_HOOK, upcoming):
        found = next_surgeries([1, 2, 1])
    assert calls == [[1, 2]]
    assert [surgery.title for surgery in found[1]] == ["Early", "Middle", "Late"]
    assert found[2] == [] and 99 not in found


def test_without_its_own_hook_next_surgeries_asks_the_activity_hook():
    only = UpcomingSurgery("Only", "/s/only/", at(3))
    with hooks.register_temporarily(MENTOR_ACTIVITY_HOOK, lambda ids: {1: MentorActivity(5, [only])}):
        assert next_surgeries([1, 2]) == {1: [only], 2: []}


def test_people_helped_among_hands_the_query_unread_to_the_counting_hooks(monkeypatch):
    monkeypatch.setitem(hooks._hooks, PEOPLE_HELPED_HOOK, [])
    asked = []

    def counting(ids):
        asked.append(ids)
        return {1: 3, 2: 0, 4: 2}

    query_of_ids = object()  # stands for a query: anything but passing it on would fail
    with hooks.register_temporarily(
        [(PEOPLE_HELPED_HOOK, counting), (PEOPLE_HELPED_HOOK, lambda ids: {1: 1})]
    ):
        assert people_helped_among(query_of_ids) == {1: 4, 4: 2}  # nobody helped: left out
    assert asked == [query_of_ids]


def test_people_helped_among_without_a_counting_hook_asks_the_activity_hook(monkeypatch):
    monkeypatch.setitem(hooks._hooks, PEOPLE_HELPED_HOOK, [])
    answer = {1: MentorActivity(people_helped=2), 3: MentorActivity(people_helped=0)}
    with hooks.register_temporarily(MENTOR_ACTIVITY_HOOK, lambda ids: answer):
        assert people_helped_among([1, 2, 3]) == {1: 2}
