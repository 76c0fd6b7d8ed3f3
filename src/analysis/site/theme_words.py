"""Sphinx extension: the book's own translations of the themes' words come first.

pydata-sphinx-theme 0.17 and sphinx-book-theme 1.3 leave some words untranslated in
Chinese ("Color mode", "© Copyright") or use Taiwan usage (列印成 PDF). The files
`<pcm_locale_dir>/<language>/LC_MESSAGES/<catalog>.po` (catalogs `sphinx`, which
pydata-sphinx-theme shares, and `booktheme`), relative to the book's folder, are read at
start-up and put in front of the themes' own catalogs; no .mo file is written.
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


def setup(app):
    app.add_config_value("pcm_locale_dir", "_locale", "html")
    app.connect("config-inited", prefer_own_words)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
