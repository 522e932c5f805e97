"""A signed-in member's session and the member come in one query (cms.sessions), and everything
Django's sessions and sign-in promise still holds: the right member, never an inactive one, a
changed password or a sign-out ends the session, and deleting a member ends their sessions."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms import cache as page_cache
from cms import tasks
from cms.auth_backends import ModelBackend, hand_over
from cms.models import MemberSession
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def queries_of(client, path="/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [query["sql"] for query in queries]


def reads_of(table, sqls):
    return [sql for sql in sqls if f'FROM "{table}"' in sql]


def read_alone(table, sqls):
    """Queries reading ``table`` other than the session's own."""
    return [sql for sql in reads_of(table, sqls) if 'FROM "cms_membersession"' not in sql]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_session_and_its_member_load_in_one_query(home_page):
    member = UserFactory()
    response, sqls = queries_of(signed_in(member))
    assert response.wsgi_request.user == member
    assert len(reads_of("cms_membersession", sqls)) == 1
    assert read_alone("cms_user", sqls) == []  # not asked for again on its own


def test_the_member_comes_with_their_admin_access(home_page):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    for user, may_edit in [(UserFactory(), False), (editor, True), (UserFactory(is_superuser=True), True)]:
        response, sqls = queries_of(signed_in(user))
        assert response.wsgi_request.user.can_access_admin is may_edit
        if not may_edit:  # (the user bar then asks an editor's page permissions, as Wagtail does)
            assert read_alone("auth_permission", sqls) == []


def test_an_inactive_member_is_not_signed_in(home_page):
    member = UserFactory()
    client = signed_in(member)
    member.is_active = False
    member.save()
    response, _ = queries_of(client)
    assert not response.wsgi_request.user.is_authenticated


def test_a_changed_password_ends_other_sessions(home_page):
    member = UserFactory()
    client = signed_in(member)
    member.set_password("a brand new passphrase")
    member.save()
    response, _ = queries_of(client)
    assert not response.wsgi_request.user.is_authenticated


def test_signing_out_ends_the_session_and_deleting_a_member_ends_theirs(home_page):
    leaving, staying = UserFactory(), UserFactory()
    client = signed_in(leaving)
    signed_in(staying)
    assert MemberSession.objects.filter(user=leaving).count() == 1
    leaving.delete()
    assert not queries_of(client)[0].wsgi_request.user.is_authenticated
    assert MemberSession.objects.filter(user=staying).count() == 1

    client = signed_in(staying)
    client.post("/accounts/logout/")
    assert not queries_of(client)[0].wsgi_request.user.is_authenticated


def test_a_visitors_session_names_no_member(home_page):
    store = import_module("cms.sessions.db").SessionStore()
    store["basket"] = "anything a visitor's session holds"
    store.create()
    assert MemberSession.objects.get(session_key=store.session_key).user_id is None
    store[SESSION_KEY] = "not a number"
    store.save()
    assert MemberSession.objects.get(session_key=store.session_key).user_id is None


def test_a_member_handed_over_is_used_only_for_their_own_id():
    someone, other = UserFactory(), UserFactory()
    page_cache._request_started()  # what Django's request_started signal runs
    try:
        hand_over(someone)
        assert ModelBackend().get_user(other.pk) == other  # asked for on its own
        hand_over(someone)
        with CaptureQueriesContext(connection) as queries:
            assert ModelBackend().get_user(someone.pk) is someone
        assert len(queries) == 0
        assert ModelBackend().get_user(someone.pk) == someone  # taken once: asked again
    finally:
        page_cache._request_finished()


def test_outside_a_request_nothing_is_kept():
    someone = UserFactory()
    hand_over(someone)
    with CaptureQueriesContext(connection) as queries:
        assert ModelBackend().get_user(someone.pk) == someone
    assert len(queries) == 1


def test_the_cached_store_loads_the_member_too(settings, home_page):
    settings.SESSION_ENGINE = "cms.sessions.cached_db"
    member = UserFactory()
    client = signed_in(member)
    caches[settings.SESSION_CACHE_ALIAS].clear()  # the first read comes from the database, joined
    response, sqls = queries_of(client)
    assert response.wsgi_request.user == member
    assert read_alone("cms_user", sqls) == []
    response, sqls = queries_of(client)  # from the cache: the member is loaded on their own
    assert response.wsgi_request.user == member
    assert reads_of("cms_membersession", sqls) == []


def test_expired_sessions_are_cleared_nightly(settings):
    member = UserFactory()
    signed_in(member)
    live = MemberSession.objects.get(user=member)
    MemberSession.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(days=1), user=member
    )
    tasks.clear_expired_sessions()
    assert list(MemberSession.objects.all()) == [live]
    assert "cms.tasks.clear_expired_sessions" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }


def test_a_session_naming_a_member_just_deleted_still_saves_and_loads_signed_out(home_page):
    member = UserFactory()
    member_id = member.pk
    store = import_module("cms.sessions.db").SessionStore()
    store[SESSION_KEY] = str(member_id)
    member.delete()
    store.create()  # no constraint to fail (Django would retry creating it for ever)
    assert MemberSession.objects.get(session_key=store.session_key).user_id == member_id
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    assert not queries_of(client)[0].wsgi_request.user.is_authenticated


def test_the_upgrade_deletes_sessions_left_in_djangos_own_table():
    from types import SimpleNamespace

    from django.apps import apps
    from django.contrib.sessions.models import Session

    upgrade = import_module("cms.migrations.0010_member_session")
    Session.objects.create(
        session_key="y" * 32, session_data="", expire_date=timezone.now() + timedelta(days=1)
    )
    upgrade.delete_djangos_own_sessions(apps, SimpleNamespace(connection=connection))
    assert not Session.objects.exists()
