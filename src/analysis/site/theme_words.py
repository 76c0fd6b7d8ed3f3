"""Sphinx extension: the book's own translations of the themes' words come first.

pydata-sphinx-theme 0.17 and sphinx-book-theme 1.3 leave some words untranslated in
Chinese ("Color mode", "© Copyright") or use Taiwan usage (列印成 PDF). The files
`<pcm_locale_dir>/<language>/LC_MESSAGES/<catalog>.po` (catalogs `sphinx`, which
pydata-sphinx-theme shares, and `booktheme`), relative to the book's folder, are read at
start-up and put in front of the themes' own catalogs; no .mo file is written.

It also words the theme's download menu for readers: its ".ipynb", ".md" and ".pdf" buttons
(file suffixes, jargon to a reader) become one "print / save as PDF" button on every page
and, on the analysts' page (ANALYSTS_PAGE), a "reproduce this page" link to the page's source.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale


def translations(po: Path) -> gettext.GNUTranslations:
    with po.open("rb") as f:
        catalog = read_po(f)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def prefer_own_words(app, config) -> None:
    folder = Path(app.srcdir) / config.pcm_locale_dir / (config.language or "en") / "LC_MESSAGES"
    for po in sorted(folder.glob("*.po")):
        own, key = translations(po), ("general", po.stem)
        if key in locale.translators:
            own.add_fallback(locale.translators[key])
        locale.translators[key] = own
        if po.stem == "sphinx":
            app.translator = own  # what the HTML templates' _() use


ANALYSTS_PAGE = "analysts"
READER_WORDS = {  # (print / save as PDF, reproduce this page), by the book's Sphinx language
    "zh_CN": ("打印 / 另存为 PDF", "重现本页"),
    "en": ("Print / save as PDF", "Reproduce this page"),
}


def reader_buttons(app, pagename, templatename, context, doctree) -> None:
    """Replace the theme's download group (after sphinx-book-theme made it, priority 501)."""
    printing, reproduce = READER_WORDS.get(app.config.language or "en", READER_WORDS["en"])
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        source = next((b for b in group["buttons"] if b.get("label") == "download-source-button"), None)
        buttons = [{"type": "javascript", "javascript": "window.print()", "text": printing, "tooltip": printing,
                    "icon": "fas fa-print", "label": "print-button"}]
        if pagename == ANALYSTS_PAGE and source is not None:
            buttons.append({**source, "text": reproduce, "tooltip": reproduce, "label": "reproduce-button"})
        group["buttons"] = buttons
        group["tooltip"] = printing


def setup(app):
    app.add_config_value("pcm_locale_dir", "_locale", "html")
    app.connect("config-inited", prefer_own_words)
    app.connect("html-page-context", reader_buttons, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
