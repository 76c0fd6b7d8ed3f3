"""Screenshots of the landing page and the scorecard, desktop and phone, both languages,
from the built site (_build/site, or the folder given), into docs/.

    .venv/bin/python docs/take_screenshots.py [SITE]

Headless Debian chromium through playwright (never `playwright install`); every request
to another host is aborted, as in tests/test_site.py.
"""

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent
SITE = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS.parent / "_build" / "site"
PAGES = {"landing": "index", "scorecard": "scorecard"}
SIZES = {"desktop": dict(viewport={"width": 1280, "height": 900}),
         "phone": dict(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True, device_scale_factor=2)}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu"])
        for size, options in SIZES.items():
            context = browser.new_context(**options)
            context.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).hostname == "127.0.0.1"
                          else route.abort())
            page = context.new_page()
            for language in ("zh", "en"):
                for name, file in PAGES.items():
                    page.goto(f"{base}{language}/{file}.html", wait_until="load")
                    out = DOCS / f"{name}-{language}-{size}.png"
                    page.screenshot(path=str(out), full_page=False)
                    print(out.relative_to(DOCS.parent))
            context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
