import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CouncilFactory, UserFactory

SIGNUP_URL = "/accounts/signup/"


def signup_data(**overrides):
    data = {
        "email": "new.member@example.gov.uk",
        "first_name": "Nia",
        "last_name": "Newcomer",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_signup_creates_a_member_with_their_council_and_sends_a_verification_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    council = CouncilFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP_URL, signup_data(council=council.pk))
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new.member@example.gov.uk")
    assert (user.first_name, user.last_name, user.council) == ("Nia", "Newcomer", council)
    assert not user.is_staff and not user.is_superuser
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["new.member@example.gov.uk"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body


@pytest.mark.django_db
def test_signup_with_duplicate_email_gets_a_clear_message(client):
    UserFactory(email="taken@example.gov.uk")
    response = client.post(SIGNUP_URL, signup_data(email="taken@example.gov.uk"))
    assert response.status_code == 200
    assert "already registered with this email" in response.content.decode()
    assert get_user_model().objects.filter(email="taken@example.gov.uk").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["password1", "12345678901", "short"])
def test_signup_with_weak_password_gets_a_clear_message(client, password):
    response = client.post(SIGNUP_URL, signup_data(password1=password, password2=password))
    assert response.status_code == 200
    html = response.content.decode()
    assert any(phrase in html for phrase in ("too common", "too short", "entirely numeric"))
    assert not get_user_model().objects.filter(email="new.member@example.gov.uk").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["<script>alert(1)</script>", "<b>Bold</b>", '"><img src=x onerror=alert(1)>']
)
def test_signup_with_html_in_the_name_gets_a_clear_message_and_is_never_rendered(client, name):
    response = client.post(SIGNUP_URL, signup_data(first_name=name))
    assert response.status_code == 200
    html = response.content.decode()
    assert "plain text, without &lt; or &gt; characters" in html
    assert "<script>alert(1)</script>" not in html and "onerror=alert(1)>" not in html
    assert not get_user_model().objects.filter(email="new.member@example.gov.uk").exists()


@pytest.mark.django_db
def test_signup_with_garbage_input_never_errors(client):
    response = client.post(
        SIGNUP_URL, {"email": "x" * 10_000, "first_name": "\x00", "council": "not-a-number"}
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_members_cannot_reach_the_admin(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login/" in response.headers["Location"]


@pytest.mark.django_db
def test_editor_groups_exist_with_admin_access():
    for name in ("Authors", "Moderators", "Mentors"):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
    moderators = Group.objects.get(name="Moderators")
    assert moderators.permissions.filter(codename="change_council").exists()
    assert not Group.objects.get(name="Authors").permissions.filter(codename="change_council").exists()


@pytest.mark.django_db
def test_password_reset_page_works(client, member, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and "/accounts/password/reset/key/" in mailoutbox[0].body


def test_forms_in_one_request_read_the_councils_once(db):
    """A barrier's page asks for the member's council in several forms: one query between them."""
    from cms import cache as page_cache
    from cms.forms import CouncilChoiceField

    CouncilFactory(name="Devon County Council")
    CouncilFactory(name="Exeter City Council")

    class AskCouncil(forms.Form):
        council = CouncilChoiceField()

    page_cache._request_started()
    try:
        with CaptureQueriesContext(connection) as queries:
            first, second = (str(AskCouncil(prefix=prefix)["council"]) for prefix in ("endorse", "suggest"))
    finally:
        page_cache._request_finished()
    assert len(queries) == 1
    assert first.count("<option") == second.count("<option") == 3  # "none", then both councils
    assert "Exeter City Council" in first and 'name="suggest-council"' in second


def test_a_pick_list_with_nothing_to_choose_from_renders(db):
    from cms import cache as page_cache
    from cms.forms import CouncilChoiceField

    field = CouncilChoiceField()
    field.queryset = field.queryset.none()
    page_cache._request_started()
    try:
        assert list(field.choices) == [("", "---------")]
    finally:
        page_cache._request_finished()
