""" "This worked for us" on a fix and "we face this too" on a barrier: one per member per page,
a second press takes it back, optionally naming a council, rate-limited, no JavaScript needed."""

import pytest
from django.test import override_settings

from practice.models import BarrierAffected, FixEndorsement
from practice.services import endorsements
from practice.services.ratelimit import RateLimited
from tests.factories import CouncilFactory, UserFactory
from tests.practice.knowledge_factories import FixEndorsementFactory, FixFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fix(barrier):
    return FixFactory(parent=barrier, title="Show what you can reach", slug="show-what-you-can-reach")


def endorse_url(fix):
    return fix.url + "this-worked-for-us/"


def faced_url(barrier):
    return barrier.url + "we-face-this-too/"


def test_member_endorses_a_fix_naming_their_council_and_the_count_changes(client, fix):
    council = CouncilFactory(name="Kirklees Council")
    member = UserFactory(council=council)
    client.force_login(member)
    assert (
        "Members who say this worked for them: <strong data-endorse-count>0</strong>"
        in client.get(fix.url).content.decode()
    )

    response = client.post(endorse_url(fix), {"endorse-council": council.pk}, follow=True)

    assert response.redirect_chain[-1][0].endswith("#this-worked-for-us")
    html = response.content.decode()
    assert "Thank you: you said this fix worked for you." in html
    assert "Members who say this worked for them: <strong data-endorse-count>1</strong>" in html
    assert "It has worked for 1 council: Kirklees Council." in html
    assert 'aria-pressed="true"' in html
    assert FixEndorsement.objects.get(fix=fix, user=member).council == council


def test_a_second_press_takes_the_endorsement_back(client, fix, member):
    client.force_login(member)
    client.post(endorse_url(fix), {"endorse-council": ""})
    assert FixEndorsement.objects.filter(fix=fix, user=member, council=None).exists()
    response = client.post(endorse_url(fix), {"endorse-council": ""}, follow=True)
    assert "You took back “this worked for us”." in response.content.decode()
    assert not FixEndorsement.objects.filter(fix=fix).exists()
    assert 'aria-pressed="false"' in response.content.decode()


def test_one_endorsement_per_member_whatever_happens(fix, member):
    endorsements.toggle_fix_endorsement(fix, member)
    with pytest.raises(Exception):  # noqa: B017 - the database refuses a second row outright
        FixEndorsement.objects.create(fix=fix, user=member)


def test_we_face_this_too_on_a_barrier(client, barrier, member):
    council = CouncilFactory()
    client.force_login(member)
    response = client.post(faced_url(barrier), {"faced-council": council.pk}, follow=True)
    html = response.content.decode()
    assert "Noted: you face this barrier too." in html
    assert "Members who face this barrier: <strong data-endorse-count>1</strong>, at " + council.name in html
    assert BarrierAffected.objects.get(barrier=barrier, user=member).council == council
    client.post(faced_url(barrier), {"faced-council": council.pk})
    assert not BarrierAffected.objects.exists()


def test_counts_show_on_the_index_and_barrier_pages(client, knowledge_base, barrier, fix):
    for _ in range(3):
        FixEndorsementFactory(fix=fix)
    for user in UserFactory.create_batch(2):
        endorsements.toggle_barrier_affected(barrier, user)
    index = client.get(knowledge_base.url).content.decode()
    assert "1 fix</span>" in index and "2 face this too</span>" in index
    page = client.get(barrier.url).content.decode()
    assert "3 said “this worked for us”" in page
    assert "Worked for 3 councils" in page


def test_an_unknown_council_is_refused_with_a_message_and_nothing_changes(client, fix, member):
    client.force_login(member)
    response = client.post(endorse_url(fix), {"endorse-council": "99999"})
    assert response.status_code == 400
    assert "That council is not in our list" in response.content.decode()
    response = client.post(endorse_url(fix), {"endorse-council": "<script>alert(1)</script>"})
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not FixEndorsement.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in_and_nothing_changes(client, fix, barrier):
    response = client.post(endorse_url(fix), {})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert client.post(faced_url(barrier), {}).status_code == 302
    assert "Sign in</a> to say this worked for you." in client.get(fix.url).content.decode()
    assert not FixEndorsement.objects.exists() and not BarrierAffected.objects.exists()


def test_the_endpoints_only_accept_post(client, fix, member):
    client.force_login(member)
    assert client.get(endorse_url(fix)).status_code == 405
    assert not FixEndorsement.objects.exists()


def test_drafts_cannot_be_endorsed(client, barrier, member):
    draft = FixFactory(parent=barrier, live=False)
    client.force_login(member)
    assert client.post(endorse_url(draft), {}).status_code == 404
    with pytest.raises(Exception, match="not published"):
        endorsements.toggle_fix_endorsement(draft, member)
    assert not FixEndorsement.objects.exists()


@override_settings(PRACTICEHUB_ENDORSEMENTS_PER_HOUR=4)
def test_presses_are_rate_limited_with_a_clear_message(client, fix, barrier, member):
    client.force_login(member)
    for _ in range(2):
        assert client.post(endorse_url(fix), {}).status_code == 302
        assert client.post(faced_url(barrier), {}).status_code == 302
    response = client.post(endorse_url(fix), {})
    assert response.status_code == 429
    assert "You have pressed these buttons a lot in the last hour" in response.content.decode()
    assert not FixEndorsement.objects.exists()  # the fifth press changed nothing
    other = UserFactory()
    assert endorsements.toggle_fix_endorsement(fix, other).active  # limits are per member
    with pytest.raises(RateLimited):
        endorsements.toggle_barrier_affected(barrier, member)


def test_javascript_gets_json(client, fix, member):
    client.force_login(member)
    response = client.post(endorse_url(fix), {}, headers={"accept": "application/json"})
    assert response.json() == {
        "active": True,
        "count": 1,
        "message": "Thank you: you said this fix worked for you.",
    }
    response = client.post(
        endorse_url(fix), {"endorse-council": "nope"}, headers={"accept": "application/json"}
    )
    assert response.status_code == 400 and "council" in response.json()["error"]
    client.logout()
    assert client.post(endorse_url(fix), {}, headers={"accept": "application/json"}).status_code == 403
