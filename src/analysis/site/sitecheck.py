"""Static checks over the built site (_build/html), used by `publish` and the tests.

site_problems(html_dir)   what stops a publication: external loads and broken links.
external_loads(html_dir)  every reference in a .html or .css file that would make a
                          browser load something from another host (empty = offline).
broken_links(html_dir)    every local <a href> whose file or #anchor does not exist.
missing_files(html_dir)   every local file a page loads (its <noscript> images included)
                          that does not exist.
chart_image_problems(html_dir)  every chart image a page offers (figures.py) that is not a
                          drawn SVG with text and a PNG of PNG_SCALE times its size.
page_weights(html_dir)    bytes per HTML page: the page plus every local resource it
                          loads, the vega bundle included where pcm-charts.js loads it
                          (a page that draws a chart; see ON_DEMAND).

Turned from the prototype scripts/check_offline.py.  <a href> to other hosts are
navigation, not loads, and are not reported (see external_links).  A JSON
<script type="application/json"> (our chart specs) is not code: its "$schema" URL
is never fetched by vega-embed and is ignored.
"""
from __future__ import annotations

import gzip
import re
import struct
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..pages.figures import PNG_SCALE

__all__ = ["site_problems", "external_loads", "broken_links", "external_links", "html_pages", "page_weights",
           "page_resources", "draws_chart", "missing_files", "chart_image_problems", "ON_DEMAND", "PAGE_LIMIT", "GOALS"]

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, //host
URL_IN_TEXT = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s\"'`)<>]*", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+(?:url\()?\s*['"]?([^'");\s]+)""", re.I)
FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.I)
LOADERS = {"script", "link", "img", "iframe", "source", "video", "audio", "embed",
           "object", "input", "track", "image", "use"}
LOAD_ATTRS = {"src", "href", "srcset", "poster", "data", "xlink:href"}
CODE_TYPES = ("text/javascript", "module", "application/javascript")
# <link rel=...> values that make the browser fetch the href.
FETCHING_RELS = {"stylesheet", "preload", "modulepreload", "icon", "shortcut", "apple-touch-icon",
                 "manifest", "prefetch"}
IGNORE = ("http://www.w3.org/",)  # namespace identifiers, never fetched

# Scripts that fetch another file themselves, on the pages that need it: loader -> (file next to it, mark in the page).
ON_DEMAND = {"pcm-charts.js": ("vega-bundle.js", 'class="pcm-chart"')}
PAGE_LIMIT = 1_000_000  # bytes ("1 MB")
# Goals for a cold visit, bytes transferred: a page without a chart, a page that draws charts (bundle included).
GOALS = {"page": 350_000, "chart page": 700_000}
COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".txt", ".csv", ".map"}


def _external(url: str) -> bool:
    return bool(EXTERNAL.match(url)) and not url.strip().startswith(IGNORE)


def _local(url: str) -> bool:
    u = url.strip()
    return bool(u) and not EXTERNAL.match(u) and not re.match(r"^[a-z][a-z0-9+.-]*:", u, re.I) \
        and not u.startswith("#")


class _Scan(HTMLParser):
    """Collect external loads, external links and local resources of one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self.links: list[str] = []
        self.local: list[str] = []  # local URLs the browser fetches (as written)
        self.fallback: list[str] = []  # local URLs inside <noscript>: fetched only where scripts do not run
        self.images: list[str] = []  # local <a href> to an SVG or PNG file: images offered for download
        self.anchors: list[str] = []  # local <a href> (as written)
        self.ids: set[str] = set()  # id and name attributes: link targets
        self._in: str | None = None
        self._noscript = 0

    def handle_starttag(self, tag, attrs):
        if tag == "noscript":
            self._noscript += 1
        a = {k: (v or "") for k, v in attrs}
        rels = set(a.get("rel", "").lower().split())
        self.ids.update(a[k] for k in ("id", "name") if a.get(k))
        for name, value in attrs:
            if not value:
                continue
            if name == "style":
                self._css(value)
            if tag == "a" and name == "href":
                if _external(value):
                    self.links.append(value)
                elif _local(value) or value.startswith("#"):
                    self.anchors.append(value)
                    if urlsplit(value).path.endswith((".svg", ".png")):
                        self.images.append(value)
                continue
            if tag in LOADERS and name in LOAD_ATTRS:
                parts = [p.strip().split()[0] for p in value.split(",") if p.strip()] \
                    if name == "srcset" else [value]
                for part in parts:
                    if _external(part):
                        self.loads.append(f"<{tag} {name}={part.strip()}>")
                    elif _local(part) and (tag != "link" or rels & FETCHING_RELS):
                        (self.fallback if self._noscript else self.local).append(part)
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            if _external(a.get("content", "").split("url=")[-1]):
                self.loads.append(f"<meta refresh {a.get('content')}>")
        if tag == "script" and (a.get("type") or "text/javascript") in CODE_TYPES:
            self._in = "script"
        elif tag == "style":
            self._in = "style"

    def handle_endtag(self, tag):
        if tag == "noscript":
            self._noscript = max(0, self._noscript - 1)
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self._css(data)
        elif self._in == "script":
            for url in URL_IN_TEXT.findall(data):
                if _external(url):
                    self.loads.append(f"inline script mentions {url}")

    def _css(self, text: str) -> None:
        for m in CSS_URL.finditer(text):
            url = m.group(1) or m.group(2)
            if url and _external(url):
                self.loads.append(f"css {url}")
            elif url and _local(url):
                self.local.append(url)


def _scan(path: Path) -> _Scan:
    scan = _Scan()
    scan.feed(path.read_text(encoding="utf-8", errors="replace"))
    scan.close()
    return scan


def _skipped(rel: Path) -> bool:
    # _static/*.html (in each language's book) are theme template macros; dot-folders
    # (.pytest_cache, ...) are not the site.
    return "_static" in rel.parts or any(p.startswith(".") for p in rel.parts)


def html_pages(html_dir) -> list[str]:
    """The site's HTML pages, as paths relative to html_dir (posix), sorted."""
    root = Path(html_dir)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if not _skipped(p.relative_to(root)))


def external_loads(html_dir) -> list[str]:
    """Every reference in every .html and .css file that loads from another host.

    Each item is "relative/path: what".  An empty list means the site works offline.
    """
    root = Path(html_dir)
    found: list[str] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".html":
            found += [f"{rel}: {item}" for item in _scan(path).loads]
        elif path.suffix == ".css":
            for m in CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")):
                url = m.group(1) or m.group(2)
                if url and _external(url):
                    found.append(f"{rel}: css {url}")
    return found


def external_links(html_dir) -> dict[str, list[str]]:
    """<a href> to other hosts per page (navigation, not loads; informational)."""
    root = Path(html_dir)
    out = {}
    for page in html_pages(root):
        links = sorted(set(_scan(root / page).links))
        if links:
            out[page] = links
    return out


def _resolve(root: Path, base: Path, url: str) -> Path | None:
    """File under root that a local URL written in file `base` refers to, or None."""
    path = unquote(urlsplit(url.strip()).path)
    if not path:
        return None
    target = (root / path.lstrip("/")) if path.startswith("/") else (base.parent / path)
    try:
        target = target.resolve()
        target.relative_to(root.resolve())
    except (OSError, ValueError):
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _css_refs(css_text: str) -> list[str]:
    """Local URLs a stylesheet fetches.  In an @font-face src list only the first
    url() is counted (the browser takes the first format it supports: woff2)."""
    refs: list[str] = []
    spans = []
    for face in FONT_FACE.finditer(css_text):
        spans.append(face.span())
        urls = [m.group(1) for m in CSS_URL.finditer(face.group(1)) if m.group(1)]
        refs += [u for u in urls[:1] if _local(u)]
    for m in CSS_URL.finditer(css_text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        url = m.group(1) or m.group(2)
        if url and _local(url):
            refs.append(url)
    return refs


def draws_chart(html_dir, page: str) -> bool:
    return ON_DEMAND["pcm-charts.js"][1] in (Path(html_dir) / page).read_text(encoding="utf-8", errors="replace")


def page_resources(html_dir, page: str) -> set[Path]:
    """Every local file one page loads: its scripts, stylesheets (and what they
    @import / url(): images, fonts), images, iframes, what its scripts fetch on
    demand (ON_DEMAND)...  Includes the page itself."""
    root = Path(html_dir).resolve()
    start = (root / page).resolve()
    text = start.read_text(encoding="utf-8", errors="replace")
    seen: set[Path] = {start}
    todo = [(start, u) for u in _scan(start).local]
    while todo:
        base, url = todo.pop()
        target = _resolve(root, base, url)
        if target is None or target in seen:
            continue
        seen.add(target)
        if target.suffix == ".css":
            todo += [(target, u) for u in _css_refs(target.read_text(encoding="utf-8", errors="replace"))]
        if target.name in ON_DEMAND and ON_DEMAND[target.name][1] in text:
            todo.append((target, ON_DEMAND[target.name][0]))
    return seen


def transferred_size(path: Path) -> int:
    """Bytes sent over the network: text (HTML, CSS, JS, JSON, SVG) gzip-compressed at level 6,
    as any static web server configured for compression sends it; fonts and images as they are."""
    data = path.read_bytes()
    return len(gzip.compress(data, compresslevel=6, mtime=0)) if path.suffix in COMPRESSED_SUFFIXES else len(data)


def page_weights(html_dir, breakdown: bool = False, transferred: bool = True) -> dict[str, int]:
    """Bytes per page of a cold visit: the page plus every local resource it loads;
    `transferred` counts text compressed (see transferred_size), else raw file sizes.

    With breakdown=True, values are dicts {resource: bytes} instead of totals.
    """
    root = Path(html_dir).resolve()
    size = transferred_size if transferred else (lambda f: f.stat().st_size)
    out = {}
    for page in html_pages(root):
        files = {f.relative_to(root).as_posix(): size(f) for f in page_resources(root, page)}
        out[page] = files if breakdown else sum(files.values())
    return out


def broken_links(html_dir) -> list[str]:
    """Every local link (page, download or #anchor) that leads nowhere, as "page: href"."""
    root = Path(html_dir).resolve()
    scans: dict[Path, _Scan] = {}

    def scan(path: Path) -> _Scan:
        if path not in scans:
            scans[path] = _scan(path)
        return scans[path]

    broken = []
    for page in html_pages(root):
        source = root / page
        for href in scan(source).anchors:
            parts = urlsplit(href)
            target = source if not parts.path else _resolve(root, source, href)
            if target is None:
                broken.append(f"{page}: {href} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in scan(target).ids:
                broken.append(f"{page}: {href} (no such anchor)")
    return broken


def missing_files(html_dir) -> list[str]:
    """Every local file a page loads (scripts, styles, images, those in <noscript> too) that
    does not exist, as "page: url"."""
    root = Path(html_dir).resolve()
    missing = []
    for page in html_pages(root):
        scan = _scan(root / page)
        missing += [f"{page}: {url}" for url in dict.fromkeys(scan.local + scan.fallback)
                    if urlsplit(url.strip()).path and _resolve(root, root / page, url) is None]
    return missing


def svg_size(text: str) -> tuple[float, float] | None:
    """(width, height) of an SVG document, from its root element; None if it has none."""
    match = re.search(r'<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"', text)
    return (float(match.group(1)), float(match.group(2))) if match else None


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels of a PNG file; None if it is not one."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def chart_image_problems(html_dir) -> list[str]:
    """Every chart image a page offers that is not what it should be: an SVG with a size and
    text drawn on it, and beside it the PNG of the same name, PNG_SCALE times that size."""
    root = Path(html_dir).resolve()
    problems = []
    for page in html_pages(root):
        for url in dict.fromkeys(_scan(root / page).images):
            path = _resolve(root, root / page, url)
            if path is None or path.suffix != ".svg":
                continue  # a missing file is a broken link; a PNG is checked beside its SVG
            text = path.read_text(encoding="utf-8", errors="replace")
            size, png = svg_size(text), path.with_suffix(".png")
            if size is None or "<text" not in text:
                problems.append(f"{page}: {url} is not a drawn chart (no size or no text)")
            elif not png.is_file():
                problems.append(f"{page}: {url} has no PNG beside it")
            elif png_size(png.read_bytes()) != tuple(round(v * PNG_SCALE) for v in size):
                problems.append(f"{page}: {png.name} is {png_size(png.read_bytes())} pixels, not {PNG_SCALE} x {size}")
    return problems


def site_problems(html_dir) -> list[str]:
    """Everything that must stop a publication of this built site."""
    return ([f"loads from another host: {p}" for p in external_loads(html_dir)]
            + [f"broken link: {p}" for p in broken_links(html_dir)]
            + [f"missing file: {p}" for p in missing_files(html_dir)]
            + [f"chart image: {p}" for p in chart_image_problems(html_dir)])
