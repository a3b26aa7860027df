"""axe-core in Chromium on every public page type, in both themes: no serious or critical
WCAG 2.1 A/AA violations. Each page is also saved as a screenshot under tests/artifacts/."""
from __future__ import annotations

import pytest

from tests.browser.axe import blocking_violations
from tests.browser.pages import public_pages

pytestmark = pytest.mark.browser

HOSTS = {"city": "127.0.0.1", "department": "localhost"}
SHARED_KINDS = ["home", "search", "not_found", "service_guide"]
# The department's demo site is the shared service-guide catalogue (themes/catalogue.py); the
# index pages, notices and policies are the city's.
CITY_KINDS = [*SHARED_KINDS, "service_guide_index", "notice_index", "notice", "policy_index", "policy"]
CASES = [("city", kind) for kind in CITY_KINDS] + [("department", kind) for kind in SHARED_KINDS]


@pytest.mark.parametrize("theme, kind", CASES)
def test_page_type_has_no_serious_accessibility_violations(page, site_server, screenshot, theme, kind):
    path = public_pages(site_server, HOSTS[theme]).get(kind)
    assert path, f"the demo content of the {theme} site has no {kind} page"
    page.goto(site_server.url_for(HOSTS[theme], path))
    assert page.locator("body").get_attribute("class").startswith(f"theme-{theme}")
    screenshot(page, f"{theme}-{kind}")
    assert blocking_violations(page) == []
    assert page.js_errors == []


def test_elder_mode_is_keyboard_operable_and_remembered(page, site_server, screenshot):
    page.goto(site_server.url_for("127.0.0.1", "/search/"))
    size_before = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    toggle = page.locator("[data-elder-toggle]")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    size_after = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert size_after >= size_before * 1.2
    page.reload()  # remembered across pages (cookie), rendered by the server
    assert "elder-mode" in page.locator("html").get_attribute("class")
    screenshot(page, "city-search-elder-mode")
    assert blocking_violations(page) == []
    page.locator("[data-elder-toggle]").press(" ")
    assert "elder-mode" not in (page.locator("html").get_attribute("class") or "")


def test_skip_link_moves_focus_to_main(page, site_server):
    page.goto(site_server.url_for("127.0.0.1", "/search/"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"


@pytest.mark.parametrize("theme, kind", [("city", "home"), ("city", "service_guide"), ("city", "policy"),
                                         ("department", "home")])
def test_pages_fit_a_phone_screen(browser, site_server, screenshot, theme, kind):
    """Responsive: at 390 px nothing forces sideways scrolling (wide tables scroll in their box)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site_server.url_for(HOSTS[theme], public_pages(site_server, HOSTS[theme])[kind]))
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        screenshot(page, f"{theme}-{kind}-phone")
        assert overflow <= 1, f"{overflow}px wider than the screen"
    finally:
        context.close()
