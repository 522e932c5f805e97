import pytest
from django.urls import path
from wagtail.models import Page

from cms.models import StandardPage


@pytest.fixture
def about_page(home_page):
    page = StandardPage(
        title="About Practice Hub",
        slug="about",
        intro="Who we are",
        body=[("paragraph", "<p>Councils learning together.</p>")],
        show_in_menus=True,
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_home_page_has_landmarks_skip_link_and_navigation(client, about_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main-content">' in html
    assert '<main id="main-content"' in html
    assert 'aria-label="Main"' in html
    assert "About Practice Hub" in html  # in the header's sections
    assert 'href="/accessibility/"' in html and 'href="/privacy/"' in html


@pytest.mark.django_db
def test_standard_page_renders_its_stream_and_marks_its_section_current(client, about_page):
    response = client.get("/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>Councils learning together.</p>" in html
    assert 'aria-current="page"' in html


@pytest.mark.django_db
def test_unknown_address_gets_the_friendly_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "home page" in response.content.decode()


@pytest.mark.django_db
def test_security_headers_and_content_security_policy_on_public_pages(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_sections(client, home_page, django_assert_max_num_queries):
    for number in range(10):
        page = StandardPage(title=f"Section {number}", slug=f"section-{number}", body=[], show_in_menus=True)
        home_page.add_child(instance=page)
        page.save_revision().publish()
    # The home page also shows what is alive in the apps (stuck form, impact figures,
    # surgeries, case studies, fixes, mentors): a fixed number of queries for each.
    with django_assert_max_num_queries(24):
        assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_home_page_is_the_site_root(home_page):
    assert home_page.get_parent().specific_class is Page
    assert home_page.url == "/"


def _broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", _broken_view)]


@pytest.mark.django_db
def test_server_error_gets_the_friendly_500_page(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
