"""Browser and static checks over the built site (_build/html).

Needs the site built first (python -m analysis build) and Debian's chromium
(/usr/bin/chromium, driven by the playwright package; never `playwright install`).
Every request to a host other than 127.0.0.1 is aborted: the site must work offline.
"""
from __future__ import annotations

import functools
import os
import re
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from analysis import sitecheck as site_checks  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
BUILT = (HTML / "index.html").is_file()

PAGES = site_checks.html_pages(HTML) if BUILT else []
CHAPTERS = [p for p in PAGES if p.startswith("book/")]
CHART_PAGES = [p for p in CHAPTERS if 'class="pcm-chart"' in (HTML / p).read_text(encoding="utf-8")]
ZH_PAGES = [p for p in CHAPTERS if p.startswith("book/zh/")]
SWITCH_PAGES = [p for p in CHAPTERS if p.startswith(("book/zh/", "book/en/"))]
SCREENSHOT_PAGE = "book/zh/actions/action-5.html"
DESKTOP_PAGES = ["book/zh/actions/action-5.html", "book/en/actions/action-1.html"]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PHONE = {"width": 375, "height": 800}
# Navigation that lists every page (so it links every counterpart): not a language switch.
NAV = ".bd-sidebar-primary, .bd-sidebar-secondary, .prev-next-area, .bd-header, #pst-search-dialog"


def _need_build():
    if not BUILT:
        pytest.fail(f"no built site at {HTML}: build the site first: python -m analysis build",
                    pytrace=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url():
    _need_build()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(HTML)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(scope="session")
def browser():
    _need_build()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                              args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """A fresh context with non-local requests aborted; records what went wrong."""

    def __init__(self, browser, base_url: str, **context_args):
        self.base = base_url
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.ctx = browser.new_context(**context_args)
        self.ctx.route("**/*", self._route)
        self.page = self.ctx.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(
            f"console.error: {m.text} @ {m.location.get('url', '')}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def _route(self, route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def goto(self, path: str):
        self.page.goto(self.base + path, wait_until="load")
        target = _refresh_target(path)
        if target:  # index.html is <meta http-equiv=Refresh content="0; url=book/index.html">
            self.page.wait_for_url("**/" + target, timeout=10000)
            self.page.wait_for_load_state("load")
        return self.page

    def close(self):
        self.ctx.close()


def _refresh_target(path: str) -> str | None:
    """Where a meta-refresh page sends the browser (relative to html root), else None."""
    file = HTML / path.split("?")[0]
    if not file.is_file() or file.stat().st_size > 2000:
        return None
    m = re.search(r'http-equiv="?refresh"?\s+content="\d+;\s*url=([^"]+)"', file.read_text(), re.I)
    return (Path(path).parent / m.group(1)).as_posix().lstrip("./") if m else None


@pytest.fixture
def visit(browser, base_url):
    made: list[Visit] = []

    def open_(**context_args) -> Visit:
        v = Visit(browser, base_url, **context_args)
        made.append(v)
        return v

    yield open_
    for v in made:
        v.close()


SETTLED_JS = ("() => [...document.querySelectorAll('div.pcm-chart')].every("
              "b => ['done', 'error'].includes(b.dataset.pcmState))")
CHARTS_JS = """() => [...document.querySelectorAll('div.pcm-chart')].map(b => ({
    id: b.id, state: b.dataset.pcmState, svg: b.querySelectorAll('svg').length,
    error: (b.querySelector('.pcm-chart-error') || {}).textContent || null}))"""
# The elements sticking out furthest right (not position:fixed, not inside a clipping box).
OVERFLOW_JS = """() => {
  const W = document.documentElement.clientWidth, S = document.documentElement.scrollWidth;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const hidden = el => { for (let p = el; p && p !== document.body; p = p.parentElement) {
      const cs = getComputedStyle(p);
      if (cs.position === 'fixed' || (p !== el && cs.overflowX !== 'visible')) return true; }
    return false; };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 0.5 || r.right < S - 2 || hidden(el)) continue;
    const path = [];
    for (let p = el; p && p !== document.body && path.length < 3; p = p.parentElement) path.unshift(name(p));
    out.push(path.join(' > ') + ` (right=${Math.round(r.right)}, text=${JSON.stringify((el.textContent || '').trim().slice(0, 60))})`);
  }
  return out.slice(-4);
}"""

# One phone-sized load per page, shared by the offline / charts / phone-width tests: a page load
# costs ~1 s of CPU here, and three loads per page would not fit the ~90 s budget.
_OBSERVED: dict[str, dict] = {}


@pytest.fixture
def observe(browser, base_url):
    def run(page: str) -> dict:
        if page not in _OBSERVED:
            v = Visit(browser, base_url, viewport=PHONE, is_mobile=True, has_touch=True,
                      device_scale_factor=2 if page == SCREENSHOT_PAGE else 1)
            try:
                p = v.goto(page)
                obs: dict = {"charts": [], "settle_error": None}
                try:
                    p.wait_for_function(SETTLED_JS, timeout=15000)
                except Exception as e:  # reported by test_charts_drawn
                    obs["settle_error"] = str(e).splitlines()[0]
                obs["charts"] = p.evaluate(CHARTS_JS)
                p.wait_for_timeout(100)  # a late console error from a chart / resize handler
                obs["scroll_width"] = p.evaluate("() => document.documentElement.scrollWidth")
                obs["overflow"] = p.evaluate(OVERFLOW_JS) if obs["scroll_width"] > PHONE["width"] else []
                if page == SCREENSHOT_PAGE:
                    SHOTS.mkdir(parents=True, exist_ok=True)
                    p.screenshot(path=str(SHOTS / "phone-action-5.png"))
                obs["errors"], obs["blocked"] = list(v.errors), list(v.blocked)
            finally:
                v.close()
            _OBSERVED[page] = obs
        return _OBSERVED[page]
    return run


# -- static -----------------------------------------------------------------------------------

def test_no_external_loads():
    _need_build()
    assert site_checks.external_loads(HTML) == []


def test_no_broken_internal_links():
    """Every page, anchor and download the site links to exists (offline link check)."""
    _need_build()
    assert site_checks.broken_links(HTML) == []


def test_pages_found():
    _need_build()
    assert "index.html" in PAGES and len(CHAPTERS) >= 2, PAGES


@functools.lru_cache(maxsize=1)
def _weights() -> dict:
    return site_checks.page_weights(HTML, breakdown=True)


@pytest.mark.parametrize("page", PAGES or ["-"])
def test_page_weight_under_1mb(page):
    _need_build()
    files = _weights()[page]
    total = sum(files.values())
    top = ", ".join(f"{f} {n / 1000:.0f} KB" for f, n in sorted(files.items(), key=lambda kv: -kv[1])[:4])
    shared = ", ".join(f"{f} {n / 1000:.0f} KB" for f, n in site_checks.shared_weights(HTML).items())
    assert total <= site_checks.PAGE_LIMIT, (
        f"{page} loads {total / 1000:.0f} KB (limit 1000 KB, shared {shared} not counted); "
        f"largest: {top}")


# -- browser ----------------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES or ["-"])
def test_page_loads_offline_without_errors(observe, page):
    obs = observe(page)
    assert obs["errors"] == [], f"{page}: {obs['errors']}"
    assert obs["blocked"] == [], f"{page} tried to reach other hosts: {obs['blocked']}"


@pytest.mark.parametrize("page", DESKTOP_PAGES)
def test_desktop_loads_offline_with_charts(visit, page):
    """The phone-sized loads above, once at desktop size (1280x800)."""
    _need_build()
    v = visit(viewport={"width": 1280, "height": 800})
    p = v.goto(page)
    p.wait_for_function(SETTLED_JS, timeout=15000)
    bad = [c for c in p.evaluate(CHARTS_JS) if c["state"] != "done" or c["svg"] < 1]
    assert (v.errors, v.blocked, bad) == ([], [], []), f"{page}: {v.errors} {v.blocked} {bad}"


@pytest.mark.parametrize("page", CHART_PAGES or ["-"])
def test_charts_drawn(observe, page):
    if page == "-":
        pytest.skip("no page with .pcm-chart")
    obs = observe(page)
    charts = obs["charts"]
    assert charts, f"{page}: no div.pcm-chart in the DOM"
    bad = [c for c in charts if c["state"] != "done" or c["svg"] < 1]
    assert bad == [], f"{page}: charts not drawn ({obs['settle_error']}): {bad}; console: {obs['errors']}"


@pytest.mark.parametrize("page", PAGES or ["-"])
def test_phone_width_no_horizontal_scroll(observe, page):
    obs = observe(page)
    assert obs["scroll_width"] <= PHONE["width"], (
        f"{page}: scrollWidth {obs['scroll_width']} > {PHONE['width']}; overflowing: {obs['overflow']}")


def _search_hrefs(visit, query: str) -> tuple[list[str], str, list[str]]:
    v = visit()
    p = v.goto("search.html?q=" + quote(query))
    # Sphinx writes "Search finished, found N page(s)..." (translated) into .search-summary.
    p.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary, "
        "#search-results p'); return s && s.textContent.trim().length > 0 && "
        "!document.querySelector('#search-progress:not(:empty)') }", timeout=15000)
    hrefs = p.eval_on_selector_all("#search-results ul.search li a", "as => as.map(a => a.href)")
    summary = p.inner_text("#search-results") [:300]
    return [urlparse(h).path for h in hrefs], summary, v.errors


@pytest.mark.parametrize("query, target", [
    ("光伏", "/book/zh/actions/action-1.html"),
    ("光伏装机", "/book/zh/actions/action-1.html"),  # typed without a space: cut by pcm-search.js
    ("photovoltaic", "/book/en/actions/action-1.html"),
])
def test_search_finds(visit, query, target):
    hrefs, summary, errors = _search_hrefs(visit, query)
    assert target in hrefs, f"search {query!r}: results {hrefs}; summary {summary!r}; console {errors}"


@pytest.mark.parametrize("page", SWITCH_PAGES or ["-"])
def test_language_switch(page):
    """A link from each zh page to its en counterpart (and back) outside the navigation:
    the sidebar table of contents lists every page of both editions, so it does not count.
    Static check of the built HTML (the switch is p.pcm-switch, written at build time;
    book/zh/index.html links ../en/index.html in its text instead)."""
    _need_build()
    from bs4 import BeautifulSoup
    if page.startswith("book/zh/"):
        counterpart = page.replace("book/zh/", "book/en/", 1)
    else:
        counterpart = page.replace("book/en/", "book/zh/", 1)
    soup = BeautifulSoup((HTML / page).read_text(encoding="utf-8"), "html.parser")
    for nav in soup.select(NAV):
        nav.decompose()
    here = Path(page).parent
    targets = {os.path.normpath(here / a["href"].split("#")[0]) for a in soup.select("a[href]")
               if not re.match(r"^[a-z]+:|^#|^//", a["href"])}
    assert counterpart in targets, f"{page}: no link to {counterpart} outside the navigation"


# -- the answer first (issue 11) -------------------------------------------------------------

ANSWER_PAGES = [f"book/{language}/{page}.html" for language in ("zh", "en") for page in ("index", "scorecard")]


@functools.lru_cache(maxsize=1)
def _expected_counts() -> dict[str, int]:
    """The counts the pages must show, computed here from today's data and the current edition."""
    from analysis import editions, overview
    from analysis.dataset import default_data_dir, load_dataset

    edition = editions.latest(default_data_dir())
    assessment = load_dataset().assess_district(edition.data_as_of)
    return overview.standing(assessment, edition.data_as_of).counts()


@pytest.mark.parametrize("page", ANSWER_PAGES)
def test_the_conclusion_shows_the_counts_the_data_give(visit, page):
    """The landing pages and the scorecard, read in the browser: every count of the conclusion
    (targets, with district data, deadlines passed and those with a result, judged, met,
    behind) is the one today's data give; a data change that was not republished fails here."""
    _need_build()
    v = visit(viewport={"width": 1280, "height": 800})
    p = v.goto(page)
    shown = p.eval_on_selector_all(".pcm-conclusion .pcm-count",
                                   "els => els.map(e => [e.dataset.count, e.innerText.trim()])")
    assert {name: int(text) for name, text in shown} == _expected_counts(), page
    lead = p.inner_text(".pcm-conclusion")
    assert str(_expected_counts()["due"]) in lead and str(_expected_counts()["targets"]) in lead
    keys = p.eval_on_selector_all(".pcm-key a", "els => els.map(a => a.getAttribute('href'))")
    assert keys and all(k.startswith("methodology.html#status-") for k in keys)
    cells = p.eval_on_selector_all(".pcm-grid a.pcm-cell", "els => els.length")
    assert cells == _expected_counts()["targets"]
    assert (v.errors, v.blocked) == ([], [])
