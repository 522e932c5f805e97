"""Following topics: the topic page, the Follow toggle, the weekly digest (once per member per
week, none when nothing is new) and the one-click unsubscribe."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms import tasks, topics
from cms.models import TopicDigest, TopicFollow
from tests.factories import TopicFactory, UserFactory
from tests.practice.case_study_factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.practice.knowledge_factories import BarrierFactory, FixFactory, KnowledgeBaseIndexFactory
from tests.surgeries.factories import make_mentor, make_surgery, surgery_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def twitter(db):
    return TopicFactory(name="Twitter", slug="twitter")


@pytest.fixture
def metrics(db):
    return TopicFactory(name="Metrics", slug="metrics")


@pytest.fixture
def content(home_page, twitter, metrics):
    """One case study, fix and upcoming surgery on Twitter, and one case study on Metrics."""
    cases = CaseStudyIndexPageFactory(parent=home_page)
    kb = KnowledgeBaseIndexFactory(parent=home_page)
    barrier = BarrierFactory(parent=kb)
    return {
        "case": CaseStudyPageFactory(parent=cases, title="Tweeting gritter routes", topics=[twitter]),
        "fix": FixFactory(
            parent=barrier, title="Agree a Twitter rota", topics=[twitter], first_published_at=timezone.now()
        ),
        "surgery": make_surgery(surgery_index(home_page), title="Twitter clinic", topics=[twitter]),
        "other": CaseStudyPageFactory(parent=cases, title="Counting what matters", topics=[metrics]),
    }


def follow(user, topic, days_ago=8):
    return TopicFollow.objects.create(
        user=user, topic=topic, created_at=timezone.now() - timedelta(days=days_ago)
    )


def test_topic_page_lists_what_is_tagged_across_the_site(client, content, twitter):
    response = client.get(reverse("topic", args=["twitter"]))
    assert response.status_code == 200
    text = response.text
    for title in ("Tweeting gritter routes", "Agree a Twitter rota", "Twitter clinic"):
        assert title in text
    assert "Counting what matters" not in text
    assert "Sign in</a> to follow Twitter" in text
    assert client.get(reverse("topic", args=["no-such-topic"])).status_code == 404


def test_topic_chips_on_every_kind_of_page_link_to_the_topic_page(client, content, home_page, twitter):
    """A chip is the way from anything tagged to everything on that topic (and its Follow)."""
    barrier = content["fix"].get_parent().specific
    barrier.topics.set([twitter])
    barrier.save_revision().publish()
    mentor = make_mentor(home_page, title="Tess Tweeter")
    mentor.topics.set([twitter])
    mentor.save_revision().publish()
    chip = '<a class="tag" href="/topics/twitter/">Twitter</a>'
    for page in (barrier, content["fix"], content["case"], mentor, content["surgery"]):
        html = client.get(page.url).content.decode()
        assert html.count(chip) == 1, page.title
    assert client.get("/topics/twitter/").status_code == 200
    # On the knowledge base index the chips filter the listing instead.
    assert 'href="/barriers/?topic=twitter"' in client.get("/barriers/").content.decode()


def test_free_tags_with_unicode_or_no_letters_never_break_a_page(client, content):
    """Editors tag freely; taggit keeps Unicode in slugs and gives "🙂" an empty one."""
    from cms.models import Topic

    barrier = content["fix"].get_parent().specific
    barrier.topics.add("Café culture", "🙂")
    barrier.save_revision().publish()
    cafe = Topic.objects.get(name="Café culture")
    assert cafe.slug == "café-culture"
    html = client.get(barrier.url).content.decode()
    assert f'<a class="tag" href="{reverse("topic", args=[cafe.slug])}">Café culture</a>' in html
    assert '<span class="tag">🙂</span>' in html
    assert client.get(reverse("topic", args=[cafe.slug])).status_code == 200


def test_follow_is_a_post_toggle_for_signed_in_members(client, twitter):
    user = UserFactory()
    url = reverse("follow_topic", args=["twitter"])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not TopicFollow.objects.exists()

    client.force_login(user)
    response = client.post(url, {"next": "https://evil.example/"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("topic", args=["twitter"])
    assert "You follow Twitter" in response.text
    assert "Unfollow" in response.text
    assert list(TopicFollow.objects.values_list("user", "topic")) == [(user.pk, twitter.pk)]

    listing = client.get(reverse("followed_topics"))
    assert "Twitter" in listing.text and "Unfollow" in listing.text

    client.post(url)
    assert not TopicFollow.objects.exists()
    assert "You do not follow any topics yet" in client.get(reverse("followed_topics")).text


def test_followed_topics_needs_sign_in(client):
    response = client.get(reverse("followed_topics"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_digest_goes_once_a_week_with_what_is_new_on_followed_topics(content, twitter, mailoutbox):
    member = UserFactory(email="reader@example.org")
    follow(member, twitter)

    assert tasks.send_topic_digests() == 1
    assert tasks.send_topic_digests() == 1  # the beat job ran twice: queued twice, sent once
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert mailoutbox[0].to == ["reader@example.org"]
    for title in ("Tweeting gritter routes", "Agree a Twitter rota", "Twitter clinic"):
        assert title in body
    assert "Counting what matters" not in body
    assert TopicDigest.objects.filter(user=member).count() == 1

    # Next week: only what was published since the last digest.
    next_week = timezone.now() + timedelta(days=7)
    assert topics.send_digest(member.pk, now=next_week) is False  # nothing new: no email
    assert len(mailoutbox) == 1


def test_members_with_nothing_new_get_no_email(content, metrics, twitter, mailoutbox):
    follows_nothing_new = UserFactory()
    follow(follows_nothing_new, twitter, days_ago=0)
    # Everything on Twitter was published before they followed it.
    TopicFollow.objects.filter(user=follows_nothing_new).update(
        created_at=timezone.now() + timedelta(minutes=1)
    )
    follows_nothing = UserFactory()
    tasks.send_topic_digests()
    assert mailoutbox == []
    assert not TopicDigest.objects.filter(user__in=[follows_nothing_new, follows_nothing]).exists()


def test_a_failed_send_gives_the_week_back(content, twitter, mailoutbox, monkeypatch):
    member = UserFactory()
    follow(member, twitter)

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(OSError):
        topics.send_digest(member.pk)
    assert not TopicDigest.objects.exists()
    monkeypatch.undo()
    assert topics.send_digest(member.pk) is True


def unsubscribe_path(message):
    return re.search(r"/topics/digest/unsubscribe/\S+/", message.body).group(0)


def test_unsubscribe_in_one_click_without_signing_in_only_for_that_member(
    client, content, twitter, metrics, mailoutbox
):
    member, other = UserFactory(), UserFactory()
    follow(member, twitter)
    follow(member, metrics)
    follow(other, twitter)
    tasks.send_topic_digests()
    message = next(m for m in mailoutbox if m.to == [member.email])
    path = unsubscribe_path(message)

    response = client.get(path)
    assert response.status_code == 200
    assert "You are unsubscribed" in response.text
    assert not TopicFollow.objects.filter(user=member).exists()
    assert TopicFollow.objects.filter(user=other).exists()


def test_a_tampered_unsubscribe_link_is_refused_and_changes_nothing(client, twitter):
    member, other = UserFactory(), UserFactory()
    follow(member, twitter)
    follow(other, twitter)
    token = topics.unsubscribe_token(member)
    other_value = topics.unsubscribe_token(other).split(":")[0]
    for bad in (token[:-3] + "abc", other_value + token[token.index(":") :], "rubbish"):
        response = client.get(reverse("topic_unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "not valid" in response.text
    assert TopicFollow.objects.count() == 2


@pytest.mark.parametrize("each", [2, 8])
def test_topic_page_queries_do_not_grow_with_items(
    client, home_page, twitter, each, django_assert_max_num_queries
):
    cases = CaseStudyIndexPageFactory(parent=home_page)
    barrier = BarrierFactory(parent=KnowledgeBaseIndexFactory(parent=home_page))
    surgeries = surgery_index(home_page)
    for _ in range(each):
        CaseStudyPageFactory(parent=cases, topics=[twitter])
        FixFactory(parent=barrier, topics=[twitter])
        make_surgery(surgeries, topics=[twitter])
    client.force_login(UserFactory())
    with django_assert_max_num_queries(16):
        response = client.get(reverse("topic", args=["twitter"]))
    assert response.text.count('class="card"') == 3 * each
