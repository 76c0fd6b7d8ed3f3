"""Print the weight of a cold visit to each built page, and the heaviest of each page type.

Usage: python benchmarks/page_weight.py [_build/html] [--detail]
Each page is opened in Debian's chromium (a fresh profile: nothing cached, other hosts
blocked) and every file it fetched is counted, as a static server with compression sends it
(text gzip-compressed at level 6, fonts and images as they are; sitecheck.transferred_size),
with raw file sizes beside. So only the fonts a page uses count, and the vega bundle only
where pcm-charts.js loads it (a page that draws a chart). Goals (sitecheck.GOALS): 350 KB
for a page without a chart, 700 KB for a page with charts, bundle included. Exit 1 if a
page is over its goal.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent

from analysis.site import sitecheck as site_checks  # noqa: E402


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def fetched(html: Path) -> dict[str, list[Path]]:
    """The files each page fetches on a cold visit, by page."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    found = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu"])
        for page in site_checks.html_pages(html):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname ==
                          "127.0.0.1" else route.abort())
            files: list[Path] = []
            tab = context.new_page()
            tab.on("requestfinished", lambda request: files.append(html / unquote(urlsplit(request.url).path).lstrip("/")))
            tab.goto(base + page, wait_until="load")
            tab.wait_for_load_state("networkidle")
            found[page] = sorted({f for f in files if f.is_file()})
            context.close()
        browser.close()
    server.shutdown()
    return found


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    html = Path(args[0]) if args else ROOT / "_build" / "html"
    if not (html / "index.html").is_file():
        print(f"no built site at {html}: build the site first: python -m analysis build")
        return 2
    heaviest: dict[str, tuple[int, str]] = {}
    over = []
    print("cold visit in chromium; transferred: text gzip-compressed (level 6), fonts and images as they are; "
          "raw: file sizes")
    print(f"{'KB sent':>9}  {'KB raw':>9}  {'type':<10}  page")
    for page, files in fetched(html).items():
        sizes = {f: site_checks.transferred_size(f) for f in files}
        total, raw = sum(sizes.values()), sum(f.stat().st_size for f in files)
        kind = "chart page" if site_checks.draws_chart(html, page) else "page"
        heaviest[kind] = max(heaviest.get(kind, (0, "")), (total, page))
        flag = ""
        if total > site_checks.GOALS[kind]:
            over.append(page)
            flag = f"  OVER {site_checks.GOALS[kind] / 1000:.0f} KB"
        print(f"{total / 1000:9.1f}  {raw / 1000:9.1f}  {kind:<10}  {page}{flag}")
        if "--detail" in argv:
            for f, n in sorted(sizes.items(), key=lambda kv: -kv[1]):
                print(f"{'':11}{n / 1000:9.1f}  {f.relative_to(html)}")
    for kind, (total, page) in sorted(heaviest.items()):
        print(f"heaviest {kind}: {total / 1000:.1f} KB sent ({page}); goal {site_checks.GOALS[kind] / 1000:.0f} KB")
    if over:
        print(f"{len(over)} page(s) over their goal: {', '.join(over)}")
        return 1
    print("every page within its goal")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
