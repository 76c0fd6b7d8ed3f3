"""Browser and static checks over the built site (_build/html).

Needs the site built first (python -m analysis build), Debian's chromium (/usr/bin/chromium,
driven by the playwright package; never `playwright install`) and axe-core from
node_modules (package.json; `make test` installs it). Every request to a host other than
127.0.0.1 is aborted: the site must work offline.
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
import yaml

from analysis.inputs.dataset import READER_WORDS, default_data_dir
from analysis.site import sitecheck as site_checks  # noqa: E402
from analysis.site.project import Project
from analysis.assess import progress as pg
from analysis.pages.publication import target_anchor

ROOT = Path(__file__).resolve().parent.parent
HTML = Project().html  # this repository's, or $PCM_ROOT's (tests/test_second_plan.py)
SHOTS = Project().build_dir / "screenshots"
BUILT = (HTML / "index.html").is_file()

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

PAGES = site_checks.html_pages(HTML) if BUILT else []
CHAPTERS = [p for p in PAGES if p.startswith(("zh/", "en/"))]
CHART_PAGES = [p for p in CHAPTERS if site_checks.draws_chart(HTML, p)]
SWITCH_PAGES = [p for p in CHAPTERS if not p.endswith(("search.html", "genindex.html"))]
# A chapter with a chart in each language (the first: the plan in data/ decides which).
DESKTOP_PAGES = [next((p for p in CHART_PAGES if p.startswith(f"{language}/actions/")), f"{language}/-")
                 for language in ("zh", "en")]
SCREENSHOT_PAGE = DESKTOP_PAGES[0]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PHONE = {"width": 375, "height": 800}
# Navigation around the article: not a language switch.
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
        return self.page

    def close(self):
        self.ctx.close()


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
                    p.screenshot(path=str(SHOTS / "phone-chart-chapter.png"))
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
    assert total <= site_checks.PAGE_LIMIT, f"{page} loads {total / 1000:.0f} KB (limit 1000 KB); largest: {top}"


@pytest.mark.parametrize("page", PAGES or ["-"])
def test_vega_bundle_only_where_a_chart_is_drawn(page):
    """Static count of every font the CSS names (so over what a browser fetches; see
    benchmarks/page_weight.py): the bundle is counted on chart pages only."""
    _need_build()
    loads_bundle = any(f.endswith("/vega-bundle.js") for f in _weights()[page])
    assert loads_bundle == site_checks.draws_chart(HTML, page), page
    assert "vega-bundle.js" not in (HTML / page).read_text(encoding="utf-8"), f"{page} names the bundle itself"


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
    if page.endswith("/-"):
        pytest.skip("no chapter draws a chart in this language")
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


def _search(visit, language: str, query: str) -> tuple[list[str], str, str, list[str]]:
    """(result paths, the results' summary, the search page's lang, console errors)."""
    v = visit()
    p = v.goto(f"{language}/search.html?q=" + quote(query))
    # Sphinx writes "Search finished, found N page(s)..." (translated) into .search-summary.
    p.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary, "
        "#search-results p'); return s && s.textContent.trim().length > 0 && "
        "!document.querySelector('#search-progress:not(:empty)') }", timeout=15000)
    hrefs = p.eval_on_selector_all("#search-results ul.search li a", "as => as.map(a => a.href)")
    summary = p.inner_text("#search-results")[:300]
    return [urlparse(h).path for h in hrefs], summary, p.evaluate("document.documentElement.lang"), v.errors


def reader_words() -> list[tuple[str, str, str]]:
    """(language, query, the chapter it must find) from the data's reader_words.yaml (data/README.md)."""
    path = default_data_dir() / READER_WORDS
    words = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    found = [(language, str(query), f"/{language}/actions/action-{action}.html")
             for language in ("zh", "en") for query, action in (words.get(language) or {}).items()]
    return found or [("zh", "", f"{path} is missing or empty: write the words a reader should find")]


@pytest.mark.monitor_data  # the words of the plan in data/: its reader_words.yaml
@pytest.mark.parametrize("language, query, target", reader_words())
def test_search_finds_in_the_readers_language(visit, language, query, target):
    assert query, target
    hrefs, summary, lang, errors = _search(visit, language, query)
    assert target in hrefs, f"search {query!r}: results {hrefs}; summary {summary!r}; console {errors}"
    assert all(h.startswith(f"/{language}/") for h in hrefs), f"{query!r}: another language's pages: {hrefs}"
    assert lang == {"zh": "zh-CN", "en": "en"}[language]
    words = {"zh": "搜索完成", "en": "Search finished"}[language]  # Sphinx's own words, in the page's language
    assert words in summary, summary


@pytest.mark.parametrize("page", SWITCH_PAGES or ["-"])
def test_language_switch(page):
    """A link from each zh page to its en counterpart (and back) outside the navigation,
    saying the other language (lang and hreflang)."""
    _need_build()
    from bs4 import BeautifulSoup
    here, other = page.split("/", 1)[0], {"zh": "en", "en": "zh"}[page.split("/", 1)[0]]
    counterpart = other + page[len(here):]
    soup = BeautifulSoup((HTML / page).read_text(encoding="utf-8"), "html.parser")
    for nav in soup.select(NAV):
        nav.decompose()
    links = [a for a in soup.select("a[href]") if not re.match(r"^[a-z]+:|^#|^//", a["href"])
             and os.path.normpath(Path(page).parent / a["href"].split("#")[0]) == counterpart]
    assert links, f"{page}: no link to {counterpart} outside the navigation"
    assert all(a.get("lang", "").startswith(other) and a.get("hreflang", "").startswith(other) for a in links)


@pytest.mark.parametrize("page", CHAPTERS or ["-"])
def test_navigation_stays_in_the_pages_language(page):
    """Sidebar, previous / next and the search form lead only to pages of the page's own language."""
    _need_build()
    from bs4 import BeautifulSoup
    language = page.split("/", 1)[0]
    soup = BeautifulSoup((HTML / page).read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == {"zh": "zh-CN", "en": "en"}[language]
    for a in soup.select(".bd-sidebar-primary a[href], .prev-next-area a[href]"):
        if a["href"].startswith("#"):
            continue  # this page
        target = os.path.normpath(Path(page).parent / a["href"].split("#")[0])
        assert target.startswith(language + "/"), f"{page}: navigation leads to {target}"


THEME_WORDS_EN = re.compile(r"Search this book|Color mode|Toggle (primary|secondary) sidebar|System Settings|"
                            r"aria-label=\"Main\"|Copyright|列印")


@pytest.mark.parametrize("page", [p for p in CHAPTERS if p.startswith("zh/")] or ["-"])
def test_chinese_pages_have_the_theme_words_in_chinese(page):
    _need_build()
    text = (HTML / page).read_text(encoding="utf-8")
    assert not THEME_WORDS_EN.search(text), f"{page}: {THEME_WORDS_EN.search(text).group(0)!r}"
    assert "打印 / 另存为 PDF" in text or page in ("zh/search.html", "zh/genindex.html")  # pages without the button
    assert "download-notebook-button" not in text and ">.ipynb<" not in text and ">.pdf<" not in text, page
    assert ("重现本页" in text) == (page == "zh/analysts.html"), page  # only the analysts' page: reproduce it


# The first action's chapter in Chinese, the last one's in English.
ACTION_CHAPTERS = sorted((p for p in CHAPTERS if "/actions/action-" in p and not p.endswith("action-0.html")),
                         key=lambda p: int(p.rsplit("-", 1)[1].removesuffix(".html")))
NAV_PAGES = [next((p for p in ACTION_CHAPTERS if p.startswith("zh/")), "zh/-"),
             next((p for p in reversed(ACTION_CHAPTERS) if p.startswith("en/")), "en/-")]


@pytest.mark.parametrize("width", [375, 900])
@pytest.mark.parametrize("page", NAV_PAGES)
def test_phone_and_tablet_navigation(visit, page, width):
    """Tapping the visible menu button shows the chapter list; tapping the visible page-contents
    button shows the page's headings."""
    _need_build()
    if page.endswith("/-"):
        pytest.skip("the plan has no action chapter in this language")
    v = visit(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    p = v.goto(page)
    p.locator("button.primary-toggle:visible").tap()
    chapters = p.locator("#pst-primary-sidebar-modal[open] a[href$='scorecard.html']")
    chapters.wait_for(state="visible", timeout=5000)
    p.keyboard.press("Escape")
    p.locator("#pst-primary-sidebar-modal[open]").wait_for(state="detached", timeout=5000)
    p.locator("button.secondary-toggle:visible").tap()
    headings = p.locator("#pst-secondary-sidebar-modal[open] a[href^='#']")
    headings.first.wait_for(state="visible", timeout=5000)
    assert headings.count() >= 3 and v.errors == [], (headings.count(), v.errors)


def test_desktop_sidebar_collapses(visit):
    _need_build()
    v = visit(viewport={"width": 1280, "height": 800})
    p = v.goto(NAV_PAGES[0])
    sidebar = p.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    p.locator("button.primary-toggle:visible").click()
    sidebar.wait_for(state="hidden", timeout=5000)
    assert v.errors == []


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def axe_script() -> str:
    if not AXE.is_file():
        pytest.fail(f"no {AXE}: install the test's JavaScript first: npm ci", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 375, 1280])
def test_accessibility(browser, base_url, axe_script, width, mode):
    """axe-core (pinned in package.json, run inside the page, offline): no serious or critical
    WCAG 2.0 / 2.1 A or AA violation on any page, at the narrowest phone (320 px, WCAG's reflow
    width), a common phone and desktop width, light and dark."""
    v = Visit(browser, base_url, viewport={"width": width, "height": 800}, color_scheme=mode)
    v.ctx.add_init_script(f"localStorage.setItem('mode', '{mode}')")  # the theme's colour mode
    found = []
    try:
        for page in PAGES:
            p = v.goto(page)
            if page != "index.html":
                assert p.evaluate("document.documentElement.dataset.theme") == mode, page
            p.add_script_tag(content=axe_script)
            violations = p.evaluate("""async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
                .violations.filter(v => ['serious', 'critical'].includes(v.impact))
                .map(v => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(' ')}`)""", AXE_TAGS)
            found += [f"{page}: {item}" for item in violations]
    finally:
        v.close()
    assert found == [], "\n".join(found[:20])


# -- the answer first (issue 11) -------------------------------------------------------------

ANSWER_PAGES = [f"{language}/{page}.html" for language in ("zh", "en") for page in ("index", "scorecard")]


@functools.lru_cache(maxsize=1)
def _expected_counts() -> dict[str, int]:
    """The counts the pages must show, computed here from today's data and the current edition."""
    from analysis.assess import editions
    from analysis.pages import overview
    from analysis.inputs.dataset import default_data_dir, load_dataset

    edition = editions.latest(default_data_dir())
    assessment = pg.assess_district(load_dataset(), edition.data_as_of)
    counts = overview.standing(assessment, edition.data_as_of).counts()
    if counts["due"] == 0:  # then the page says that no target has reached its deadline, without counts
        counts = {name: n for name, n in counts.items() if name not in ("due", "due_with_result")}
    return counts


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
    assert str(_expected_counts().get("due", "")) in lead and str(_expected_counts()["targets"]) in lead
    keys = p.eval_on_selector_all(".pcm-key a", "els => els.map(a => a.getAttribute('href'))")
    assert keys and all(k.startswith("methodology.html#status-") for k in keys)
    cells = p.eval_on_selector_all(".pcm-grid a.pcm-cell", "els => els.length")
    assert cells == _expected_counts()["targets"]
    assert (v.errors, v.blocked) == ([], [])


@pytest.mark.parametrize("page", [p for p in SWITCH_PAGES if "/actions/" in p or p.endswith("scorecard.html")] or ["-"])
def test_a_shared_link_has_a_description_and_open_graph_tags(page):
    """Every chapter and the scorecard describe themselves for search engines and link
    previews (WeChat): <meta name="description"> and og:description name the page and the
    site, og:title and og:site_name are there."""
    _need_build()
    from bs4 import BeautifulSoup
    soup = BeautifulSoup((HTML / page).read_text(encoding="utf-8"), "html.parser")
    title = soup.select_one("main h1").get_text(strip=True).rstrip("#")
    description = soup.select_one('meta[name="description"]')["content"]
    assert description.startswith(title + " · "), (page, description, title)
    assert soup.select_one('meta[property="og:description"]')["content"] == description
    assert soup.select_one('meta[property="og:title"]')["content"] and soup.select_one('meta[property="og:site_name"]')


def test_a_chapter_without_targets_has_no_empty_target_heading():
    """An action without a quantified target (in Putuo's plan, 二, industry) has no 'Target by
    target' heading, in either language; one with targets has it."""
    _need_build()
    from analysis.inputs.dataset import load_dataset
    dataset = load_dataset()
    targets = dataset.targets
    empty = [a["id"] for a in dataset.actions["actions"] if not targets["action"].eq(a["id"]).any()]
    if not empty:
        pytest.skip("every action of the plan in data/ has a quantified target")
    for action in empty:
        for language, heading, note in (("zh", ">逐项目标<", "本行动无量化目标"), ("en", ">Target by target<",
                                                                               "no quantified target")):
            text = (HTML / language / "actions" / f"action-{action}.html").read_text(encoding="utf-8")
            assert heading not in text and note in text, (language, action)
    with_targets = int(targets.loc[targets["action"] > 0, "action"].min())
    assert ">逐项目标<" in (HTML / "zh" / "actions" / f"action-{with_targets}.html").read_text(encoding="utf-8")


def test_every_target_is_in_its_chapters_contents_and_keeps_its_anchor():
    """Each target's heading is a real heading: listed in the page's contents, and #t1-1
    (what the scorecard and the plan link to) still lands on it."""
    _need_build()
    from bs4 import BeautifulSoup
    from analysis.inputs.dataset import load_dataset
    for r in load_dataset().targets.itertuples():
        for language in ("zh", "en"):
            soup = BeautifulSoup((HTML / language / "actions" / f"action-{r.action}.html").read_text(encoding="utf-8"),
                                 "html.parser")
            contents = [a.get_text(strip=True) for a in soup.select(".bd-toc a.nav-link")]
            assert any(text.startswith(f"{r.target_id} ") for text in contents), (language, r.target_id, contents)
            anchor = soup.find(id=target_anchor(r.target_id))
            assert anchor is not None and anchor.find_next("h3").get_text().startswith(r.target_id)


# -- each chart: chart and table, images, without scripts, in print (issue 20) ----------------

# Per figure: the table's rows (year, series, value text) and every row each drawn chart's view holds.
FIGURES_JS = """() => [...document.querySelectorAll('.pcm-figure')].map(f => ({
  id: f.id,
  table: [...f.querySelectorAll('.pcm-panel-table tbody tr')].map(tr => [...tr.cells].map(td => td.textContent)),
  drawn: [...f.querySelectorAll('div.pcm-chart')].flatMap(box => {
    const spec = JSON.parse(box.querySelector('script[type="application/json"]').textContent);
    return Object.keys(spec.datasets || {}).flatMap(name => box.pcmView.data(name).map(d => ({
      series: d.series ?? d.area, year: d.year, value: d.value ?? null, low: d.low ?? null, high: d.high ?? null})));
  })}))"""


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@pytest.mark.parametrize("page", CHART_PAGES or ["-"])
def test_each_charts_table_is_exactly_what_it_draws(visit, page):
    """The table under each figure's second tab holds every point its charts' Vega views hold,
    once, and nothing else (year, series, value; an interval as 'low – high'), each with a unit
    and a source."""
    if page == "-":
        pytest.skip("no page with .pcm-chart")
    v = visit(viewport={"width": 1280, "height": 800})
    p = v.goto(page)
    p.wait_for_function(SETTLED_JS, timeout=15000)
    found = p.evaluate(FIGURES_JS)
    assert found, f"{page}: no figure"
    for figure in found:
        drawn = {(d["series"], int(d["year"]), round(d["value"], 2) if d["value"] is not None else
                  (round(d["low"], 2), round(d["high"], 2))) for d in figure["drawn"]}
        shown = set()
        for year, series, value, unit, source in figure["table"]:
            number = tuple(round(_number(x), 2) for x in value.split(" – ")) if " – " in value else round(_number(value), 2)
            shown.add((series, int(year), number))
            assert unit and source, (figure["id"], year, series)
        assert len(shown) == len(figure["table"]), f"{figure['id']}: a point twice in the table"
        assert shown == drawn, f"{page} {figure['id']}: table {sorted(map(str, shown))} != drawn {sorted(map(str, drawn))}"


def test_the_chart_and_table_tabs_work_from_the_keyboard(visit):
    _need_build()
    page = DESKTOP_PAGES[0]
    if page.endswith("/-"):
        pytest.skip("no chapter draws a chart")
    v = visit(viewport={"width": 1280, "height": 800})
    p = v.goto(page)
    p.wait_for_function(SETTLED_JS, timeout=15000)
    figure = p.locator(".pcm-figure").first
    chart_tab, table_tab = figure.locator('[role="tab"]').nth(0), figure.locator('[role="tab"]').nth(1)
    chart_tab.focus()
    p.keyboard.press("ArrowRight")
    assert table_tab.get_attribute("aria-selected") == "true" and p.evaluate("document.activeElement.id") == \
        table_tab.get_attribute("id")
    assert figure.locator(".pcm-panel-table table").is_visible() and not figure.locator(".pcm-panel-chart").is_visible()
    p.keyboard.press("Home")
    assert chart_tab.get_attribute("aria-selected") == "true" and figure.locator(".pcm-panel-chart svg").first.is_visible()
    p.keyboard.press("Tab")  # one stop for the tab list: Tab leaves it
    assert p.evaluate("document.activeElement.getAttribute('role')") != "tab"
    assert v.errors == []


@functools.lru_cache(maxsize=1)
def _edition_facts() -> tuple[str, dict[str, str]]:
    """The licence named on the chart images and, per language, the data-as-of date in words."""
    from analysis.assess import editions
    from analysis.inputs.dataset import default_data_dir
    from analysis.pages import footer
    from analysis.pages.labels import format_date

    edition = editions.latest(default_data_dir())
    return (footer.settings(ROOT)["licence_text_data"],
            {language: format_date(edition.data_as_of, language) for language in ("zh", "en")})


@pytest.mark.parametrize("page", CHART_PAGES or ["-"])
def test_every_chart_offers_its_image_with_source_licence_and_date(page):
    """Each figure links an SVG, a PNG (twice the SVG's size) and its CSV; the SVG's text names the
    figure's target, every source in its table, the licence, the edition and the data-as-of date."""
    if page == "-":
        pytest.skip("no page with .pcm-chart")
    from bs4 import BeautifulSoup
    licence, days = _edition_facts()
    language = page.split("/", 1)[0]
    soup = BeautifulSoup((HTML / page).read_text(encoding="utf-8"), "html.parser")
    figures = soup.select(".pcm-figure")
    assert figures and len(figures) == len({b.find_parent(class_="pcm-figure")["id"] for b in soup.select("div.pcm-chart")})
    for figure in figures:
        links = {a["href"].rsplit(".", 1)[1]: HTML / os.path.normpath(Path(page).parent / a["href"])
                 for a in figure.select(".pcm-download a[download]")}
        assert set(links) == {"svg", "png", "csv"}, (page, figure["id"], links)
        svg = links["svg"].read_text(encoding="utf-8")
        text = "".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)).replace(" ", "")
        sources = {td.get_text() for td in figure.select(".pcm-panel-table td:nth-of-type(5)")}
        target = figure["id"].removesuffix("-figure").upper()
        for words in [target, licence, days[language], *sources]:
            if "本站" in words or "this monitor" in words or words.startswith(("方案", "the plan")):
                continue  # computed, or the plan: named in the table, not a source on the image
            assert words.replace(" ", "") in text, (page, figure["id"], words)
        width, height = site_checks.svg_size(svg)
        assert site_checks.png_size(links["png"].read_bytes()) == (round(width * 2), round(height * 2))
        assert links["csv"].is_file() and (figure.select_one("noscript img") or {}).get("src", "").endswith(".svg")


@pytest.mark.parametrize("page", DESKTOP_PAGES)
def test_a_chapter_without_javascript_shows_its_charts(browser, base_url, page):
    """Scripts off: every figure shows its chart's image (loaded, with its text alternative) and
    its table, and no tab that would do nothing."""
    _need_build()
    if page.endswith("/-"):
        pytest.skip("no chapter draws a chart in this language")
    v = Visit(browser, base_url, viewport=PHONE, java_script_enabled=False)
    try:
        p = v.goto(page)
        p.wait_for_load_state("networkidle")
        shown = p.eval_on_selector_all(".pcm-figure", """fs => fs.map(f => {
            const img = f.querySelector('img.pcm-chart-static');
            return {id: f.id, image: !!img && img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().width > 0,
                    alt: img ? img.alt : '', table: f.querySelector('.pcm-panel-table table').getBoundingClientRect().height > 0,
                    tabs: f.querySelector('.pcm-tabs').getBoundingClientRect().height};})""")
        assert shown and all(s["image"] and s["alt"] and s["table"] and s["tabs"] == 0 for s in shown), shown
        assert p.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        v.close()


def test_printing_a_chapter_prints_its_charts(visit):
    """In print, every chart is drawn and visible even where the table's tab was chosen; no tabs."""
    _need_build()
    page = DESKTOP_PAGES[0]
    if page.endswith("/-"):
        pytest.skip("no chapter draws a chart")
    v = visit(viewport={"width": 1280, "height": 800})
    p = v.goto(page)
    p.wait_for_function(SETTLED_JS, timeout=15000)
    p.locator('.pcm-figure [role="tab"]').nth(1).click()  # the first figure's table
    p.emulate_media(media="print")
    boxes = p.eval_on_selector_all("div.pcm-chart svg.marks", "svgs => svgs.map(s => s.getBoundingClientRect().width)")
    assert boxes and all(w > 100 for w in boxes), boxes
    assert p.eval_on_selector_all(".pcm-tabs", "ts => ts.map(t => t.getBoundingClientRect().height)") == \
        [0] * p.locator(".pcm-tabs").count()
    assert len(p.pdf()) > 10_000 and v.errors == []


def test_axe_with_a_table_tab_chosen(browser, base_url, axe_script):
    """The table panel, once chosen, passes axe too (the page-wide run sees the chart tabs)."""
    _need_build()
    page = DESKTOP_PAGES[-1]
    if page.endswith("/-"):
        pytest.skip("no chapter draws a chart")
    v = Visit(browser, base_url, viewport=PHONE)
    try:
        p = v.goto(page)
        p.wait_for_function(SETTLED_JS, timeout=15000)
        for tab in p.locator('.pcm-figure [role="tab"]:nth-child(2)').all():
            tab.click()
        p.add_script_tag(content=axe_script)
        violations = p.evaluate("""async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
            .violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(' ')}`)""", AXE_TAGS)
        assert violations == [], violations
    finally:
        v.close()


# -- links, publication facts and downloads (issue 20) -----------------------------------------

GRID_PAGES = [f"{language}/{page}.html" for language in ("zh", "en") for page in ("index", "scorecard")]


def test_every_grid_cell_links_to_its_target(visit):
    """In a browser: each cell of the status grid is a link to its target's section (the
    anchor exists on the chapter and holds the target's heading), one cell per target, with
    the target's short name beside its id; following the first lands there."""
    from analysis.inputs.dataset import load_dataset
    targets = load_dataset().targets
    v = visit(viewport=PHONE)
    for page in GRID_PAGES:
        p = v.goto(page)
        cells = p.evaluate("""() => [...document.querySelectorAll('.pcm-grid a.pcm-cell')].map(a => ({
            href: a.href, id: a.querySelector('.pcm-cell-id').textContent,
            name: (a.querySelector('.pcm-cell-name') || {}).textContent || ''}))""")
        assert len(cells) == len(targets), page
        language = page.split("/")[0]
        names = dict(zip(targets["target_id"], targets[f"metric_{language}"]))
        for cell in cells:
            target_id = cell["id"].split()[-1]
            assert cell["name"] == names[target_id], (page, target_id)
            chapter, anchor = cell["href"].split("#")
            q = v.goto(chapter.removeprefix(v.base))
            heading = q.evaluate("a => { const el = document.getElementById(a); return el && "
                                 "(el.matches('h3') ? el : el.querySelector('h3') || el.nextElementSibling)"
                                 ".textContent }", anchor)
            assert heading and heading.strip().startswith(target_id), (page, cell["href"], heading)
    p = v.goto(GRID_PAGES[0])
    first = p.locator(".pcm-grid a.pcm-cell").first
    href = first.get_attribute("href")
    first.click()
    p.wait_for_load_state("load")
    assert p.url.endswith(href)
    assert p.evaluate("() => document.getElementById(location.hash.slice(1)) !== null")


def test_copy_link_is_keyboard_operable_and_copies_the_targets_address(visit):
    from analysis.inputs.dataset import load_dataset
    chapter = f"actions/action-{load_dataset().targets['action'].iloc[0]}.html"  # the first with a target
    v = visit(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    for language, copied in (("zh", "链接已复制"), ("en", "Link copied")):
        p = v.goto(f"{language}/{chapter}")
        link = p.locator("a.pcm-copy-link").first
        anchor = link.get_attribute("href")
        link.focus()
        p.keyboard.press("Enter")
        status = p.locator(".pcm-copy-status").first
        status.wait_for(state="visible")
        assert status.text_content() == copied
        assert p.evaluate("() => navigator.clipboard.readText()") == v.base + f"{language}/{chapter}" + anchor


def test_the_publication_facts_hold_on_every_page():
    """No copyright line beside the open licence, no placeholder contact; the next edition's
    expected date in every footer; the method log on the what-changed page."""
    _need_build()
    for page in PAGES:
        text = (HTML / page).read_text(encoding="utf-8")
        for wrong in ("版权所有", "Copyright", "©", "has not set a contact", "尚未设置联系方式"):
            assert wrong not in text, (page, wrong)
        if page.startswith("zh/"):
            assert "下一版预计" in text and "文字和数据由" in text, page
        elif page.startswith("en/"):
            assert "next edition expected" in text and "Text and data by" in text, page
    for language in ("zh", "en"):
        changes = (HTML / language / "changes.html").read_text(encoding="utf-8")
        assert 'id="method-changes"' in changes and "pcm-method-log" in changes
        assert 'id="corrections-made"' in (HTML / language / "corrections.html").read_text(encoding="utf-8")


def test_every_csv_download_starts_with_a_byte_order_mark():
    _need_build()
    files = sorted(HTML.glob("*/_static/downloads/*.csv"))
    assert files and all(f.read_bytes().startswith(b"\xef\xbb\xbf") for f in files), \
        [f.name for f in files if not f.read_bytes().startswith(b"\xef\xbb\xbf")]
