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


@pytest.mark.skipif(not YASGUI.exists(), reason="node_modules absent: run npm ci (make run does)")
def test_yasgui_results_are_set_up_for_people(page, base):
    """Statistics in YASGUI: IRIs compacted with the predeclared prefixes and opening this server's
    pages, typed literals shown as values, nothing cut with an ellipsis, and the table within the page."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/")
    page.wait_for_selector(".yasgui .tabsList", timeout=15_000)
    page.locator(".yasgui .tabsList .tab").get_by_text("Statistics", exact=True).click()  # not "Statistics an organisation cited…"
    panel = page.locator(".tabPanel.active")
    panel.locator(".yasqe_queryButton").click()
    panel.locator(".yasr table tbody tr").first.wait_for(timeout=15_000)
    cells = page.evaluate("""() => {
        const table = document.querySelector('.tabPanel.active .yasr table');
        const heads = Array.from(table.querySelectorAll('thead th')).map(th => th.innerText.trim());
        const rows = Array.from(table.querySelectorAll('tbody tr')).map(tr =>
            Object.fromEntries(Array.from(tr.querySelectorAll('td')).map((td, i) => [heads[i], td.innerText.trim()])));
        const links = Array.from(table.querySelectorAll('tbody a.iri')).map(a => a.getAttribute('href'));
        const cut = Array.from(table.querySelectorAll('td div')).filter(d => d.scrollWidth > d.clientWidth + 1).length;
        return {rows, links, cut, table: table.getBoundingClientRect().right, page: document.documentElement.scrollWidth,
                ellipsed: table.classList.contains('ellipseTable')};
    }""")
    rows = cells["rows"]
    assert len(rows) > 10
    assert all(row["statistic"].startswith("statistic:") and row["measure"].startswith("ms:") for row in rows)
    assert all(row["value"].replace(".", "").isdigit() for row in rows)  # "250", not "250"^^xsd:decimal
    assert {row["date"] for row in rows if row["date"]} and all(len(row["date"]) == 10 for row in rows if row["date"])
    assert cells["links"] and all(link.startswith(("/id/", "/measure/")) for link in cells["links"])
    assert cells["cut"] == 0 and not cells["ellipsed"]
    assert cells["table"] <= 1280 and cells["page"] <= 1280
    first = panel.locator(".yasr tbody a.iri").first.get_attribute("href")
    response = page.request.get(base + first, headers={"Accept": "text/html"})
    assert response.status == 200  # the link opens this server's own page
    assert page.outside == [] and page.errors == []


@pytest.mark.skipif(not YASGUI.exists(), reason="node_modules absent: run npm ci (make run does)")
def test_a_kind_prefix_works_in_yasgui(page, base):
    page.goto(base + "/")
    page.wait_for_selector(".yasgui .tabsList", timeout=15_000)
    page.evaluate("""() => window.channelKgYasgui.getTab().getYasqe().setValue(
        'SELECT ?name WHERE { person:priti-patel rdfs:label ?name }')""")
    panel = page.locator(".tabPanel.active")
    panel.locator(".yasqe_queryButton").click()
    panel.locator(".yasr table tbody tr").first.wait_for(timeout=15_000)
    assert "Priti Patel" in panel.locator(".yasr table tbody").inner_text()
    assert page.errors == []
