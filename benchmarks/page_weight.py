"""Print each built page's weight (page + local resources it loads) and the shared bundle's.

Usage: python benchmarks/page_weight.py [_build/html] [--detail]
Weights are bytes transferred (text gzip-compressed, as a static server with compression
sends it; fonts and images raw), with raw file sizes beside them.
Exit 1 if any chapter (page under book/) is over site_checks.PAGE_LIMIT (1 MB = 1,000,000
bytes).  The shared _static/vega-bundle.js is counted once, separately, not per page.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from analysis import sitecheck as site_checks  # noqa: E402


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    html = Path(args[0]) if args else ROOT / "_build" / "html"
    if not (html / "index.html").is_file():
        print(f"no built site at {html}: build the site first: python -m analysis build")
        return 2
    detail = "--detail" in argv
    weights = site_checks.page_weights(html, breakdown=True)
    raw = site_checks.page_weights(html, transferred=False)
    limit = site_checks.PAGE_LIMIT
    over = []
    print("transferred: text gzip-compressed (level 6), fonts and images as they are; raw: file sizes")
    print(f"{'KB sent':>9}  {'KB raw':>9}  page (page + local resources it loads, shared bundle excluded)")
    for page, files in weights.items():
        total = sum(files.values())
        flag = ""
        if page.startswith("book/") and total > limit:
            over.append(page)
            flag = "  OVER 1 MB"
        print(f"{total / 1000:9.1f}  {raw[page] / 1000:9.1f}  {page}{flag}")
        if detail:
            for f, n in sorted(files.items(), key=lambda kv: -kv[1]):
                print(f"{'':11}{n / 1000:9.1f}  {f}")
    shared_raw = site_checks.shared_weights(html, transferred=False)
    for name, n in site_checks.shared_weights(html).items():
        print(f"{n / 1000:9.1f}  {shared_raw[name] / 1000:9.1f}  {name}  (shared, counted once for the site)")
    if over:
        print(f"{len(over)} chapter(s) over {limit / 1e6:.0f} MB: {', '.join(over)}")
        return 1
    print("all chapters under 1 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
