"""The views in a real browser: headless Debian Chromium counts the drawn marks of each view
against the rows its named query returns, and keeps a screenshot of each."""

from urllib.parse import urlparse

import httpx
import pytest

from api.testing import CHROMIUM, server


pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium chromium-driver)"),
]


def expected_marks(base: str, query: str, fold: bool) -> int:
    """Rows of /queries/{query} as SPARQL JSON; folded, the distinct (agreement, broader) cells."""
    response = httpx.get(f"{base}/queries/{query}", headers={"Accept": "application/sparql-results+json"})
    rows = response.json()["results"]["bindings"]
    if fold:
        return len({(r["agreement"]["value"], r["broader"]["value"]) for r in rows})
    return len(rows)


@pytest.fixture(scope="module")
def base(seed_build):
    with server(seed_build[1]) as url:
        yield url


@pytest.mark.parametrize("path, query, fold", [
    ("/views/timeline", "timeline", False),
    ("/views/pledges", "pledge-matrix", False),
    ("/views/pledges?fold=broader", "pledge-matrix", True),
    ("/views/funding", "funding-by-year", False),
])
def test_marks_drawn_equal_query_rows(browser, base, tmp_path, path, query, fold):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside, errors = [], []
    host = urlparse(base).netloc
    page.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).netloc == host
               else (outside.append(route.request.url), route.abort()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(base + path)
        page.wait_for_selector("svg .mark", timeout=15_000)
        shot = tmp_path / (path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") + ".png")
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        marks = page.locator(".chart:visible .mark")  # the timeline draws a phone's layout too, hidden here
        assert marks.count() == expected_marks(base, query, fold)
        # Each mark has a tooltip and (in the seed data) a link to its page on this server.
        assert page.locator(".chart:visible .mark > title").count() == marks.count()
        first = page.locator(".chart:visible a.mark").first.get_attribute("href")
        assert first.startswith("/id/")
        assert outside == [] and errors == []
    finally:
        context.close()


def test_the_timeline_fits_a_phone(browser, base, tmp_path):
    """At 390 px every label is on the screen, whole: no text past the edge, no ellipsis, nothing
    to scroll sideways (the labels were cut off at the right of a 1,120 px drawing)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(base + "/views/timeline")
        page.wait_for_selector(".chart.narrow svg .mark", timeout=15_000)
        page.screenshot(path=str(tmp_path / "timeline-390.png"), full_page=True)
        assert (tmp_path / "timeline-390.png").stat().st_size > 10_000
        measured = page.evaluate("""() => {
            const svg = Array.from(document.querySelectorAll('.chart svg')).find(s => s.getBoundingClientRect().width > 0);
            const texts = Array.from(svg.querySelectorAll('text'));
            const past = texts.filter(t => { const r = t.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth; });
            const labels = Array.from(svg.querySelectorAll('a.mark')).map(a => ({
                title: a.querySelector('title').textContent,
                shown: Array.from(a.querySelectorAll('text tspan')).map(t => t.textContent).join(' ')}));
            return {page: document.documentElement.scrollWidth, texts: texts.length,
                    past: past.map(t => t.textContent), labels};
        }""")
        assert measured["page"] <= 390 and measured["texts"] > 20
        assert measured["past"] == []
        assert len(measured["labels"]) == expected_marks(base, "timeline", False)
        for label in measured["labels"]:
            date, _, what = label["title"].split(" · ", 2)
            assert label["shown"] == f"{date} {what}"  # the whole label, wrapped, never cut short
    finally:
        context.close()
