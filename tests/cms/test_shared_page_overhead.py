"""The per-page checks every page pays, made cheaper, still give Wagtail's and Django's answers:
view restrictions in one query, and "may this member open the editor" in none when the member is
signed in (loaded with them by cms.auth_backends), else in one."""

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth.models import Group, Permission
from wagtail.models import Page, PageViewRestriction

from cms.auth_backends import AuthenticationBackend, ModelBackend
from cms.models import StandardPage, User
from tests.factories import UserFactory


def wagtails_view_restrictions(page):
    """Wagtail's own ``Page.get_view_restrictions``, as it is without cms/page_queries.py."""
    ids = set()

    def add(candidate):
        if candidate.alias_of:
            add(candidate.alias_of)
        else:
            ids.add(candidate.id)

    add(page)
    for ancestor in Page.get_ancestors(page).only("alias_of"):
        add(ancestor)
    return PageViewRestriction.objects.filter(page_id__in=ids)


def add_page(parent, slug):
    page = StandardPage(title=slug, slug=slug, body=[])
    parent.add_child(instance=page)
    return page


@pytest.mark.django_db
def test_view_restrictions_match_wagtails_including_aliases(home_page):
    section = add_page(home_page, "section")
    inner = add_page(section, "inner")
    leaf = add_page(inner, "leaf")
    elsewhere = add_page(home_page, "elsewhere")
    alias_of_inner = inner.create_alias(parent=elsewhere, update_slug="inner-alias")
    below_alias = add_page(alias_of_inner, "below")
    alias_of_leaf = leaf.create_alias(parent=elsewhere, update_slug="leaf-alias")
    pages = [home_page, section, inner, leaf, elsewhere, alias_of_inner, below_alias, alias_of_leaf]

    def same_everywhere():
        for page in pages:
            page = Page.objects.get(pk=page.pk).specific
            assert set(page.get_view_restrictions()) == set(wagtails_view_restrictions(page)), page.url_path

    same_everywhere()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    same_everywhere()
    PageViewRestriction.objects.create(
        page=inner, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    PageViewRestriction.objects.create(page=elsewhere, restriction_type=PageViewRestriction.LOGIN)
    same_everywhere()


@pytest.mark.django_db
def test_view_restrictions_take_one_query(home_page, django_assert_num_queries):
    leaf = add_page(add_page(add_page(home_page, "a"), "b"), "c")
    with django_assert_num_queries(1):
        list(leaf.get_view_restrictions())


def users_with_and_without_admin_access():
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    direct = UserFactory()
    direct.user_permissions.add(access_admin)
    group = Group.objects.create(name="Openers")
    group.permissions.add(access_admin)
    through_group = UserFactory()
    through_group.groups.add(group)
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    users = [
        UserFactory(),
        direct,
        through_group,
        editor,
        UserFactory(is_superuser=True),
        UserFactory(is_superuser=True, is_active=False),
        UserFactory(is_active=False),
    ]
    inactive_with_perm = UserFactory(is_active=False)
    inactive_with_perm.user_permissions.add(access_admin)
    users.append(inactive_with_perm)
    return users


@pytest.mark.django_db
def test_can_access_admin_agrees_with_has_perm(django_assert_max_num_queries):
    users = users_with_and_without_admin_access()
    for user in users:
        expected = User.objects.get(pk=user.pk).has_perm("wagtailadmin.access_admin")
        fresh = User.objects.get(pk=user.pk)
        with django_assert_max_num_queries(1):
            assert fresh.can_access_admin == expected, user
    assert [User.objects.get(pk=u.pk).can_access_admin for u in users[:5]] == [False, True, True, True, True]


@pytest.mark.django_db
@pytest.mark.parametrize("backend", [ModelBackend(), AuthenticationBackend()], ids=["django", "allauth"])
def test_a_signed_in_member_comes_with_the_answer_in_the_same_query(backend, django_assert_num_queries):
    for user in users_with_and_without_admin_access():
        expected = User.objects.get(pk=user.pk).has_perm("wagtailadmin.access_admin")
        with django_assert_num_queries(1):
            loaded = backend.get_user(user.pk)
            assert (loaded is not None and loaded.can_access_admin) == expected, user
        if not user.is_active:  # as Django's backends: an inactive user is not signed in
            assert loaded is None
    assert backend.get_user(10**9) is None


@pytest.mark.django_db
@pytest.mark.parametrize("backend", [ModelBackend(), AuthenticationBackend()], ids=["django", "allauth"])
def test_the_async_sign_in_path_loads_the_answer_too(backend):
    member, superuser = UserFactory(), UserFactory(is_superuser=True)
    member.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    loaded = async_to_sync(backend.aget_user)(member.pk)
    assert loaded.__dict__["holds_admin_access"] is True and loaded.can_access_admin
    assert async_to_sync(backend.aget_user)(superuser.pk).can_access_admin
    assert async_to_sync(backend.aget_user)(10**9) is None


@pytest.mark.django_db
def test_the_sites_sign_in_uses_these_backends(client):
    member = UserFactory()
    client.force_login(member)
    response = client.get("/")
    assert response.wsgi_request.user._wrapped.__dict__["holds_admin_access"] is False
