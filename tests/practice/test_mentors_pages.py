"""The mentor index and profiles: what a visitor sees, how they find a mentor, and what it costs."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from cms.models import Council
from practice.activity import MENTOR_ACTIVITY_HOOK, MentorActivity, UpcomingSurgery
from practice.models import MentorIndexPage, MentorPage
from tests.factories import CouncilFactory, PlatformFactory, TopicFactory
from tests.practice.mentor_factories import (
    MentorPageFactory,
    make_mentor_index,
    make_photo,
    without_index_updates,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor_index(home_page):
    return make_mentor_index(home_page, intro="Find someone who has solved your problem before.")


@pytest.fixture
def vocabulary():
    return {
        "twitter": TopicFactory(name="twitter"),
        "metrics": TopicFactory(name="metrics"),
        "young-people": TopicFactory(name="young-people"),
        "facebook": PlatformFactory(name="Facebook", slug="facebook"),
        "youtube": PlatformFactory(name="YouTube", slug="youtube"),
        "devon": CouncilFactory(name="Devon County Council", region=Council.Region.SOUTH_WEST),
        "lewisham": CouncilFactory(name="London Borough of Lewisham", region=Council.Region.LONDON),
    }


@pytest.fixture
def mentors(mentor_index, vocabulary):
    v = vocabulary
    return {
        "priya": MentorPageFactory(
            parent=mentor_index,
            title="Priya Shah",
            council=v["devon"],
            topics=[v["twitter"], v["metrics"]],
            platforms=[v["facebook"]],
            offers_surgeries=True,
            offers_calls=False,
        ),
        "aisha": MentorPageFactory(
            parent=mentor_index,
            title="Aisha Okafor",
            council=v["lewisham"],
            topics=[v["young-people"]],
            platforms=[v["youtube"]],
            offers_surgeries=False,
            offers_calls=True,
        ),
        "sam": MentorPageFactory(
            parent=mentor_index,
            title="Sam Okoye",
            council=None,
            organisation="Neighbourhood Blogs Network",
            topics=[v["twitter"]],
            platforms=[v["youtube"]],
            offers_surgeries=True,
            offers_messages=False,
        ),
    }


def listed_names(response):
    return [mentor.title for mentor, _ in response.context["mentors"]]


def test_index_lists_live_mentors_with_what_each_offers(client, mentors):
    draft = MentorPageFactory(parent=mentors["priya"].get_parent(), title="Draft Person")
    draft.unpublish()
    response = client.get("/mentors/")
    assert response.status_code == 200
    html = response.content.decode()
    assert listed_names(response) == ["Aisha Okafor", "Priya Shah", "Sam Okoye"]
    assert "Draft Person" not in html
    assert "Find someone who has solved your problem before." in html
    assert "Digital communications officer, London Borough of Lewisham" in html
    assert "Neighbourhood Blogs Network" in html
    assert "Offers:</span> A 1:1 call, Questions by message" in html
    assert html.count("No surgeries booked yet") == 3
    assert '<a href="/mentors/aisha-okafor/">Aisha Okafor</a>' in html


def test_mentors_index_is_in_the_main_navigation(client, mentors):
    html = client.get("/").content.decode()
    assert '<a href="/mentors/">Digital mentors</a>' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=twitter", ["Priya Shah", "Sam Okoye"]),
        ("topic=young-people", ["Aisha Okafor"]),
        ("platform=youtube", ["Aisha Okafor", "Sam Okoye"]),
        ("region=london", ["Aisha Okafor"]),
        ("region=south_west", ["Priya Shah"]),
        ("offer=surgeries", ["Priya Shah", "Sam Okoye"]),
        ("offer=calls", ["Aisha Okafor"]),
        ("offer=messages", ["Aisha Okafor", "Priya Shah"]),
        ("topic=twitter&platform=youtube&offer=surgeries", ["Sam Okoye"]),
        ("topic=twitter&region=london", []),
    ],
)
def test_filters_by_topic_platform_region_and_offer(client, mentors, query, expected):
    response = client.get(f"/mentors/?{query}")
    assert response.status_code == 200
    assert listed_names(response) == expected
    if not expected:
        assert "No mentor matches those filters yet" in response.content.decode()


def test_filters_offer_only_what_listed_mentors_have(client, mentors):
    TopicFactory(name="unused-topic")
    form = client.get("/mentors/").context["filter_form"]
    assert [value for value, _ in form.fields["topic"].choices] == ["", "metrics", "twitter", "young-people"]
    assert [value for value, _ in form.fields["region"].choices] == ["", "london", "south_west"]
    assert [value for value, _ in form.fields["platform"].choices] == ["", "facebook", "youtube"]


def test_an_unknown_filter_gets_a_clear_message_and_the_other_filters_still_apply(client, mentors):
    response = client.get("/mentors/?topic=<script>nope</script>&region=london")
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "No listed mentor has the topic “&lt;script&gt;nope&lt;/script&gt;”. Choose one from the list."
        in html
    )
    assert "<script>nope" not in html
    assert listed_names(response) == ["Aisha Okafor"]


def test_index_paginates_and_keeps_the_filters(client, mentor_index, vocabulary, monkeypatch):
    monkeypatch.setattr(MentorIndexPage, "mentors_per_page", 2)
    for number in range(5):
        MentorPageFactory(parent=mentor_index, title=f"Person {number}", topics=[vocabulary["twitter"]])
    MentorPageFactory(parent=mentor_index, title="Person Elsewhere")
    response = client.get("/mentors/?topic=twitter&page=3")
    assert response.status_code == 200
    assert listed_names(response) == ["Person 4"]
    html = response.content.decode()
    assert 'href="?topic=twitter&amp;page=2" rel="prev"' in html
    assert "5 mentors match your filters" in html
    assert client.get("/mentors/?page=banana").status_code == 200


def test_profile_shows_everything_but_the_private_details(client, mentors, vocabulary):
    priya = mentors["priya"]
    priya.availability = "Weekday mornings"
    priya.languages = "English, Gujarati"
    priya.bio = "<p>Priya runs the <b>city's</b> accounts.</p>"
    priya.save_revision().publish()
    response = client.get("/mentors/priya-shah/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Priya Shah</h1>" in html
    assert "Digital communications officer, Devon County Council" in html
    assert "South West" in html
    assert "<p>Priya runs the <b>city&#x27;s</b> accounts.</p>" in html or "<b>city's</b>" in html
    assert '<a class="tag" href="/topics/twitter/">twitter</a>' in html
    assert "Facebook" in html
    assert "<li>Social media surgeries</li><li>Questions by message</li>" in html
    assert "<dd>Weekday mornings</dd>" in html and "<dd>English, Gujarati</dd>" in html
    assert "No surgeries booked yet." in html and "No help recorded yet." in html
    assert '<a class="button" href="/mentors/priya-shah/message/">Message Priya Shah</a>' in html
    assert priya.contact_email not in html


def test_a_mentor_who_takes_no_messages_has_no_message_form(client, mentors):
    html = client.get("/mentors/sam-okoye/").content.decode()
    assert "/mentors/sam-okoye/message/" not in html
    assert client.get("/mentors/sam-okoye/message/").status_code == 404
    assert client.post("/mentors/sam-okoye/message/", {"name": "x"}).status_code == 404


def test_initials_stand_in_for_a_missing_photo(mentors, mentor_index):
    assert mentors["priya"].initials == "PS"
    assert MentorPage(title="Cllr Helen Marsh").initials == "HM"
    assert MentorPage(title="Dr. Ann Mary Jones").initials == "AJ"
    assert MentorPage(title="Cher").initials == "C"


# --- the activity seam: people helped and next surgeries -----------------------------------


def surgeries_hook(calls):
    """A stand-in for the surgeries app's hook: one query for every mentor asked about."""
    soon = timezone.now() + timedelta(days=3)

    def answer(mentor_ids):
        from practice.models import MentorPage

        calls.append(list(mentor_ids))
        ids = list(MentorPage.objects.filter(pk__in=mentor_ids).values_list("pk", flat=True))
        return {
            mentor_id: MentorActivity(
                people_helped=mentor_id % 7 + 1,
                next_surgeries=[
                    UpcomingSurgery("Later surgery", "/surgeries/later/", soon + timedelta(days=7), None),
                    UpcomingSurgery(f"Surgery for {mentor_id}", f"/surgeries/{mentor_id}/", soon, 4),
                ],
            )
            for mentor_id in ids
        }

    return answer


@pytest.fixture(autouse=True)
def only_the_hooks_registered_here(monkeypatch):
    """These tests speak for the seam alone: the surgeries app's own hooks are set aside."""
    hooks.search_for_hooks()
    monkeypatch.setitem(hooks._hooks, MENTOR_ACTIVITY_HOOK, [])
    monkeypatch.setitem(hooks._hooks, "practice_help_given", [])


def test_index_and_profile_show_people_helped_and_next_surgeries_from_the_hook(client, mentors):
    calls = []
    priya = mentors["priya"]
    with hooks.register_temporarily(MENTOR_ACTIVITY_HOOK, surgeries_hook(calls)):
        index_html = client.get("/mentors/").content.decode()
        profile_html = client.get("/mentors/priya-shah/").content.decode()
    assert len(calls) == 2  # once for the whole index, once for the profile
    assert sorted(calls[0]) == sorted(mentor.pk for mentor in mentors.values())
    assert f"Helped {priya.pk % 7 + 1} " in index_html
    assert f'<a href="/surgeries/{priya.pk}/">Surgery for {priya.pk}</a>' in index_html
    assert "(4 places left)" in index_html
    assert "No surgeries booked yet" not in index_html
    assert f"has helped <strong>{priya.pk % 7 + 1} " in profile_html
    assert profile_html.index(f"Surgery for {priya.pk}") < profile_html.index("Later surgery")


# --- cost: the index does not do a query per mentor -----------------------------------------


def add_mentors(index, vocabulary, count, start=0):
    photos = [make_photo("Photo one", "#0b3d59"), make_photo("Photo two", "#0f6b3a")]
    for number in range(start, start + count):
        MentorPageFactory(
            parent=index,
            title=f"Mentor {number:04d}",
            photo=photos[number % 3] if number % 3 < 2 else None,
            council=vocabulary["devon"] if number % 2 else vocabulary["lewisham"],
            topics=[vocabulary["twitter"], vocabulary["metrics"]],
            platforms=[vocabulary["facebook"], vocabulary["youtube"]],
        )


# 19 for the page itself; the surgeries app's activity hook adds 3, however many mentors.
INDEX_QUERY_BOUND = 22


def assert_index_queries(client, url, django_assert_max_num_queries):
    client.get(url)  # warms what is cached per process, not per page (the site's root paths)
    with django_assert_max_num_queries(INDEX_QUERY_BOUND):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_index_queries_do_not_grow_from_10_to_500_mentors(
    client, mentor_index, vocabulary, django_assert_max_num_queries
):
    calls = []
    filtered = "/mentors/?topic=twitter&region=london&offer=surgeries&page=2"
    with hooks.register_temporarily(MENTOR_ACTIVITY_HOOK, surgeries_hook(calls)):
        add_mentors(mentor_index, vocabulary, 10)
        assert (
            len(assert_index_queries(client, "/mentors/", django_assert_max_num_queries).context["mentors"])
            == 10
        )
        assert_index_queries(client, filtered, django_assert_max_num_queries)
        with without_index_updates():
            add_mentors(mentor_index, vocabulary, 490, start=10)
        response = assert_index_queries(client, "/mentors/", django_assert_max_num_queries)
        assert_index_queries(client, filtered, django_assert_max_num_queries)
    html = response.content.decode()
    assert len(response.context["mentors"]) == mentor_index.mentors_per_page
    assert "500 mentors" in html
    assert html.count('class="mentor-card__photo"') == 16 and html.count('class="mentor-initials"') == 8
    assert html.count("Surgery for ") == mentor_index.mentors_per_page
    assert all(len(ids) <= mentor_index.mentors_per_page for ids in calls)


def test_profile_query_count_is_small(client, mentors, django_assert_max_num_queries):
    client.get("/mentors/priya-shah/")
    with django_assert_max_num_queries(17):  # 14, and 3 for the surgeries app's activity hook
        assert client.get("/mentors/priya-shah/").status_code == 200
