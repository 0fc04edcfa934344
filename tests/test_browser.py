"""The query page in a real browser: headless Debian Chromium driven by Playwright for Python."""

from urllib.parse import urlparse

import pytest

from api.settings import ROOT
from api.testing import CHROMIUM, server

YASGUI = ROOT / "node_modules/@zazuko/yasgui/build/yasgui.min.js"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium chromium-driver)"),
]


@pytest.fixture(scope="module")
def base(seed_build):
    with server(seed_build[1]) as url:
        yield url


@pytest.fixture()
def page(browser, base):
    """A page that may talk to our server only; any other request is recorded and refused."""
    context = browser.new_context()
    page = context.new_page()
    page.outside = []
    host = urlparse(base).netloc

    def guard(route):
        if urlparse(route.request.url).netloc == host:
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


@pytest.mark.skipif(not YASGUI.exists(), reason="node_modules absent: run npm ci (make run does)")
def test_run_a_named_query_in_yasgui(page, base):
    page.goto(base + "/")
    page.wait_for_selector(".yasgui .tabsList", timeout=15_000)
    tabs = page.locator(".yasgui .tabsList .tab")
    assert tabs.count() >= 8  # one per named query
    # Pick the timeline tab and run it.
    page.locator(".yasgui .tabsList .tab", has_text="imeline").first.click()
    panel = page.locator(".tabPanel.active")
    assert "SELECT" in panel.locator(".CodeMirror").inner_text()
    panel.locator(".yasqe_queryButton").click()
    rows = panel.locator(".yasr table tbody tr")
    rows.first.wait_for(timeout=15_000)
    assert rows.count() > 0
    assert page.outside == [], f"the page tried to reach other hosts: {page.outside}"
    assert page.errors == []


def test_plain_form_works_without_javascript_editor(page, base):
    """The fallback path: the service's own HTML results for a query typed into a form."""
    page.goto(base + "/queries")
    page.locator("section#timeline h2 a").click()
    page.wait_for_selector("table.results tbody tr", timeout=15_000)
    assert page.locator("table.results tbody tr").count() > 0
    assert page.outside == []
