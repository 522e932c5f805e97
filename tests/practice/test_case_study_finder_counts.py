"""The finder's counts, summed from groups by id rather than counted option by option, agree with
counting each option's results directly, for every combination of filters; and a page of results
(sorted by key, then loaded) is the same page, in the same order, as sorting whole rows."""

import datetime
import itertools

import pytest

from cms.models import Council
from practice.case_study_filters import FACETS, SORTS, CaseStudyFinder
from tests.factories import CouncilFactory, PlatformFactory, TopicFactory
from tests.practice.case_study_factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    """Fourteen case studies crossing councils, stages, platforms and topics (some with none), a
    topic and a platform only a private case study uses, and a topic nobody uses."""
    index = CaseStudyIndexPageFactory(parent=home_page)
    councils = [
        CouncilFactory(name="Devon", kind=Council.Kind.COUNTY, region=Council.Region.SOUTH_WEST),
        CouncilFactory(name="Brighton", kind=Council.Kind.UNITARY, region=Council.Region.SOUTH_EAST),
        CouncilFactory(name="Leeds", kind=Council.Kind.METROPOLITAN, region=Council.Region.YORKSHIRE),
    ]
    platforms = [PlatformFactory(name=name, slug=name.lower()) for name in ("Twitter", "Facebook", "Blogs")]
    topics = [TopicFactory(name=name) for name in ("metrics", "young-people", "housing")]
    TopicFactory(name="unused")
    stages = ["listen", "participate", "transform"]
    for number in range(14):
        CaseStudyPageFactory(
            parent=index,
            title=f"Case {number:02d}",
            council=councils[number % 3],
            stage=stages[number % 3 if number % 4 else 0],
            platforms=platforms[: number % 4],
            topics=topics[number % 2 : number % 2 + number % 3],
            published_date=datetime.date(2010, 1 + number % 5, 1),  # ties, so the tie-breaks count
        )
    hidden = CaseStudyPageFactory(
        parent=index,
        title="Draft",
        council=councils[0],
        stage="listen",
        platforms=[PlatformFactory(name="Private", slug="private")],
        topics=[TopicFactory(name="private-topic")],
        published_date=datetime.date(2012, 1, 1),
    )
    hidden.unpublish()
    return index


def finder_for(index, **filters):
    return CaseStudyFinder(index.case_studies(), filters)


def every_combination(index):
    """Every way of choosing one value (that some case study has) for at most two facets."""
    finder = finder_for(index)
    choices = [[None, *(value for value, _ in finder.options[facet.name])] for facet in FACETS]
    for values in itertools.product(*choices):
        chosen = {facet.name: value for facet, value in zip(FACETS, values, strict=True) if value}
        if len(chosen) <= 2:
            yield chosen


def test_options_are_what_listed_case_studies_use(index):
    finder = finder_for(index)
    assert [name for _, name in finder.options["topic"]] == ["housing", "metrics", "young-people"]
    assert [slug for slug, _ in finder.options["platform"]] == ["blogs", "facebook", "twitter"]


def test_every_count_is_the_number_of_results_that_option_gives(index):
    for chosen in every_combination(index):
        finder = finder_for(index, **chosen)
        assert finder.selected == chosen
        assert finder._total == finder.filtered().distinct().count(), chosen
        for facet in FACETS:
            for value, _ in finder.options[facet.name]:
                expected = finder.filtered({**chosen, facet.name: value}).distinct().count()
                assert finder.counts(facet).get(value, 0) == expected, (chosen, facet.name, value)


@pytest.mark.parametrize("sort", list(SORTS))
@pytest.mark.parametrize("filters", [{}, {"stage": "listen"}, {"topic": "metrics", "platform": "twitter"}])
def test_each_page_is_the_sorted_results_in_order(index, sort, filters):
    finder = finder_for(index, sort=sort, **filters)
    everything = list(finder.results())
    num_pages = finder.paginate(1, per_page=5).page.paginator.num_pages
    shown = [
        case_study.pk
        for number in range(1, num_pages + 1)
        for case_study in finder.paginate(number, per_page=5).page.object_list
    ]
    assert shown == [case_study.pk for case_study in everything]
