"""The home page and a standard page in a real browser: keyboard, no JavaScript, axe-core."""

import pytest

from cms.models import StandardPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def accessibility_page(home_page):
    page = StandardPage(
        title="Accessibility statement",
        slug="accessibility",
        intro="How accessible this site is.",
        body=[
            ("heading", {"text": "Compliance", "level": "h2"}),
            (
                "paragraph",
                "<p>This site aims to meet <a href='https://www.w3.org/TR/WCAG22/'>WCAG 2.2</a> AA.</p>",
            ),
            ("quote", {"quote": "Accessibility is for everyone.", "attribution": "A council officer"}),
        ],
        show_in_menus=True,
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(browser_page, accessibility_page):
    browser_page.goto("/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert browser_page.locator(".skip-link").is_visible()
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main-content"


def test_home_page_has_no_axe_violations(browser_page, accessibility_page, axe):
    browser_page.goto("/")
    axe(browser_page)


def test_standard_page_has_no_axe_violations(browser_page, accessibility_page, axe):
    browser_page.goto("/accessibility/")
    assert browser_page.locator("h1").inner_text() == "Accessibility statement"
    axe(browser_page)


def test_sign_up_page_has_no_axe_violations_and_works_without_javascript(no_js_page, browser_page, axe):
    browser_page.goto("/accounts/signup/")
    axe(browser_page)
    no_js_page.goto("/accounts/signup/")
    no_js_page.fill("#id_email", "nojs@example.gov.uk")
    no_js_page.fill("#id_first_name", "<b>Bold</b>")
    no_js_page.fill("#id_last_name", "Tester")
    no_js_page.fill("#id_password1", "a-long-unusual-passphrase")
    no_js_page.fill("#id_password2", "a-long-unusual-passphrase")
    no_js_page.get_by_role("button", name="Sign Up").click()
    assert "plain text, without < or > characters" in no_js_page.locator(".error-summary").inner_text()
