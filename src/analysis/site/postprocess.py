"""Touches to the built HTML that Sphinx cannot make (run after the Jupyter Book build).

* `drop_icon_script(html_dir)`: the theme's Font Awesome script, which only repeats the
  icons its web fonts already draw;
* `mark_draft(html_dir, draft)`: the draft banner on every page, or off;
* `add_footer(html_dir, footers)`: the publication facts (`footer`) in every page's footer.

Each language is a book of its own (pipeline.BOOKS), so pages say their language and
the theme's words are in it without any change here.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..pages.footer import BOOK_ROOT

ICON_SCRIPT = re.compile(r'<script\b[^>]*\bsrc="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*>\s*</script>\s*')
ICON_SCRIPT_FILES = ("fontawesome.js", "fontawesome.js.map", "fontawesome.js.LICENSE.txt")


def drop_icon_script(html_dir: Path) -> int:
    """Remove the theme's Font Awesome script (1.5 MB on every page) and its files.

    The theme's stylesheet already draws the same icons with the Font Awesome web fonts
    (checked by screenshots: the header and sidebar icons are identical without the
    script), so the script only repeated them as SVG. Returns the pages changed."""
    root = Path(html_dir)
    changed = 0
    for path in sorted(root.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        new = ICON_SCRIPT.sub("", text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    for name in ICON_SCRIPT_FILES:
        (root / "_static" / "scripts" / name).unlink(missing_ok=True)
    return changed


DRAFT_TEXT = ("草稿 — 未发布", "DRAFT — not published")
DRAFT_BANNER = (f'<div class="pcm-draft" role="note"><span lang="zh-CN">{DRAFT_TEXT[0]}</span> / '
                f'<span lang="en">{DRAFT_TEXT[1]}</span></div>\n')
DRAFT_MARK = re.compile(r'<div class="pcm-draft"[^>]*>.*?</div>\n?', re.S)
BODY_TAG = re.compile(r"<body\b[^>]*>\n?", re.I)


def mark_draft(html_dir: Path, draft: bool) -> int:
    """Put the draft banner at the top of every page (`draft`), or take it off: both ways,
    since an incremental build keeps the pages it does not rewrite. Returns the pages
    carrying the banner."""
    marked = 0
    for path in sorted(Path(html_dir).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        new = DRAFT_MARK.sub("", text)
        if draft:
            new = BODY_TAG.sub(lambda body: body.group(0) + DRAFT_BANNER, new, count=1)
            marked += DRAFT_BANNER in new
        if new != text:
            path.write_text(new, encoding="utf-8")
    return marked


FOOTER_MARK = re.compile(r"<!-- pcm-footer -->.*?<!-- /pcm-footer -->", re.S)
FOOTER_END = re.compile(r'(<footer class="bd-footer-content">.*?)(</footer>)', re.S)


def add_footer(html_dir: Path, footers: dict[str, str]) -> int:
    """Put the publication facts (`footers`, by language: the site's zh/ and en/ books) in the
    theme's footer of every page, replacing those of an earlier run; a page outside both
    books gets both. A link to BOOK_ROOT in a footer is made relative to the page. Returns the
    pages changed."""
    changed = 0
    for path in sorted(Path(html_dir).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        parts = path.relative_to(html_dir).parts
        if len(parts) > 1 and parts[0] in footers:
            body = footers[parts[0]].replace(BOOK_ROOT, "../" * (len(parts) - 2))
        else:
            body = "".join(f.replace(BOOK_ROOT, f"{language}/") for language, f in footers.items())
        block = f"<!-- pcm-footer -->{body}<!-- /pcm-footer -->"
        new = FOOTER_MARK.sub("", text)
        new = FOOTER_END.sub(lambda m: m.group(1) + block + m.group(2), new, count=1)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
