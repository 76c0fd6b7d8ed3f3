"""Touches to the built HTML that Sphinx cannot make (run after the Jupyter Book build).

The book is one bilingual Sphinx build with `language: zh_CN` (one search index for both
editions), so every page starts `<html lang="zh-CN">`, and a screen reader would read the
English edition with a Chinese voice. `mark_languages(html_dir)` corrects that:

* every page under `book/en/` gets `lang="en"` on its `<html>` element;
* on every page, a link into the other edition that does not say its language yet gets
  `lang` (and `hreflang`) of that edition: the sidebar lists both editions' pages, so an
  English page names the Chinese pages in Chinese, and the other way round;
* on English pages, the theme's own words around the article (Sphinx writes them in
  Chinese: 搜索, 目录, 上一页, aria-labels such as 网页导航) are put in English
  (INTERFACE_EN), and the sidebar's caption of the Chinese edition is marked Chinese.

Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

EDITIONS = {"zh": "zh-CN", "en": "en"}  # folder under book/ -> HTML lang
SITE_LANGUAGE = "zh-CN"

# The theme's Chinese words (whole attribute values or whole text of an element) in English.
INTERFACE_EN = {
    "搜索": "Search", "索引": "Index", "目录": "Contents", "上一页": "Previous", "下一页": "Next",
    "跳转至主要内容": "Skip to main content", "回到顶部": "Back to top", "版本警告": "Version warning",
    "网页导航": "Site navigation", "当前页面": "On this page", "下载此页面": "Download this page",
    "下载源文件": "Download source file", "列印成 PDF": "Print to PDF", "全屏模式": "Fullscreen mode",
    "亮色": "Light", "暗色": "Dark",
}
INTERFACE_ATTRIBUTE = re.compile(r'(\s(?:title|aria-label|placeholder)=")(' + "|".join(map(re.escape, INTERFACE_EN)) + r')(")')
INTERFACE_TEXT = re.compile(r"(>\s*)(" + "|".join(map(re.escape, INTERFACE_EN)) + r")(\s*<)")
AUTHOR = re.compile(r"(<p class=\"component-author\">\s*)作者：\s*")
CHINESE_CAPTION = re.compile(r'<span class="caption-text">(?=[^<A-Za-z]*[\u4e00-\u9fff][^<A-Za-z]*</span>)')
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)

HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
LANG_ATTRIBUTE = re.compile(r"""(\s)lang\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
ANCHOR = re.compile(r"<a\b[^>]*>", re.I)
HREF = re.compile(r"""\shref\s*=\s*("([^"]*)"|'([^']*)')""", re.I)
HAS_LANG = re.compile(r"""\slang\s*=""", re.I)
HAS_HREFLANG = re.compile(r"""\shreflang\s*=""", re.I)


def page_language(relative: PurePosixPath) -> str:
    """The language of a page, from its place in the site: book/en/... is English."""
    parts = relative.parts
    if len(parts) > 2 and parts[0] == "book" and parts[1] in EDITIONS:
        return EDITIONS[parts[1]]
    return SITE_LANGUAGE


def set_html_lang(text: str, lang: str) -> str:
    """The page with `lang` (and xml:lang if present) set on its <html> element."""
    match = HTML_TAG.search(text)
    if not match:
        return text
    tag = match.group(0)
    if LANG_ATTRIBUTE.search(tag):
        new = LANG_ATTRIBUTE.sub(lambda m: f'{m.group(1)}lang="{lang}"', tag)  # not xml:lang (after ":")
        new = re.sub(r"""xml:lang\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", f'xml:lang="{lang}"', new)
    else:
        new = tag[:5] + f' lang="{lang}"' + tag[5:]
    return text[:match.start()] + new + text[match.end():]


def link_language(page: PurePosixPath, href: str) -> str | None:
    """The language of the edition a relative link from `page` leads into, or None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target: list[str] = list(page.parent.parts)
    for piece in PurePosixPath(parts.path).parts:
        if piece == "..":
            if not target:
                return None
            target.pop()
        elif piece not in (".", "/"):
            target.append(piece)
    if len(target) > 2 and target[0] == "book" and target[1] in EDITIONS:
        return EDITIONS[target[1]]
    return None


def mark_links(text: str, page: PurePosixPath, lang: str) -> str:
    """Links into the other edition marked with its language (where they do not say one)."""
    def mark(match: re.Match) -> str:
        tag = match.group(0)
        href = HREF.search(tag)
        if not href or HAS_LANG.search(tag):
            return tag
        other = link_language(page, href.group(2) if href.group(2) is not None else href.group(3))
        if other is None or other == lang:
            return tag
        extra = f' lang="{other}"' + ("" if HAS_HREFLANG.search(tag) else f' hreflang="{other}"')
        return tag[:2] + extra + tag[2:]

    return ANCHOR.sub(mark, text)


def translate_interface(text: str) -> str:
    """An English page with the theme's words around the article in English (the article untouched)."""
    def outside(part: str) -> str:
        part = INTERFACE_ATTRIBUTE.sub(lambda m: m.group(1) + INTERFACE_EN[m.group(2)] + m.group(3), part)
        part = INTERFACE_TEXT.sub(lambda m: m.group(1) + INTERFACE_EN[m.group(2)] + m.group(3), part)
        part = AUTHOR.sub(lambda m: m.group(1) + "By ", part)
        return CHINESE_CAPTION.sub('<span class="caption-text" lang="zh-CN">', part)

    pieces, last = [], 0
    for match in ARTICLE.finditer(text):
        pieces += [outside(text[last:match.start()]), match.group(0)]
        last = match.end()
    return "".join(pieces + [outside(text[last:])])


def mark_languages(html_dir: Path) -> int:
    """Set lang="en" on every English page of the built site (and mark cross-edition links);
    return the number of pages under book/en/ whose <html> now says lang="en"."""
    root = Path(html_dir)
    english = 0
    for path in sorted(root.rglob("*.html")):
        relative = PurePosixPath(path.relative_to(root).as_posix())
        if relative.parts[0] == "_static" or any(p.startswith(".") for p in relative.parts):
            continue  # theme templates, not pages
        lang = page_language(relative)
        text = path.read_text(encoding="utf-8")
        new = mark_links(translate_interface(set_html_lang(text, lang)) if lang == "en" else text, relative, lang)
        if new != text:
            path.write_text(new, encoding="utf-8")
        if lang == "en" and HTML_TAG.search(new):
            english += 1
    return english


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
    """Put the publication facts (`footers`, by HTML lang) in the theme's footer of every
    page, replacing those of an earlier run; a page outside both editions gets both.
    Returns the pages changed."""
    changed = 0
    for path in sorted(Path(html_dir).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        relative = PurePosixPath(path.relative_to(html_dir).as_posix())
        in_edition = len(relative.parts) > 2 and relative.parts[0] == "book" and relative.parts[1] in EDITIONS
        body = footers[page_language(relative)] if in_edition else "".join(footers.values())
        block = f"<!-- pcm-footer -->{body}<!-- /pcm-footer -->"
        new = FOOTER_MARK.sub("", text)
        new = FOOTER_END.sub(lambda m: m.group(1) + block + m.group(2), new, count=1)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
