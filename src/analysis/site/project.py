"""Where a book lives: its folders (`Project`) and the hand-written files it is made of."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..inputs.dataset import default_data_dir

REPO = Path(__file__).resolve().parents[3]
ROOT_ENV = "PCM_ROOT"


def default_root() -> Path:
    """$PCM_ROOT (a folder holding _config.yml, _toc.yml and book/), else this repository."""
    configured = os.environ.get(ROOT_ENV)
    return Path(configured) if configured else REPO


@dataclass(frozen=True)
class Project:
    """A book's folders: `root` holds _config.yml, _toc.yml and book/."""

    root: Path = field(default_factory=default_root)
    data_dir: Path = field(default_factory=default_data_dir)

    @property
    def book(self) -> Path:
        return self.root / "book"

    @property
    def templates(self) -> Path:
        return self.book / "templates"

    @property
    def assets(self) -> Path:
        return self.book / "_assets"

    @property
    def build_dir(self) -> Path:
        return self.root / "_build"

    @property
    def html(self) -> Path:
        return self.build_dir / "html"

    @property
    def site(self) -> Path:
        return self.build_dir / "site"

    @property
    def uses_default_data(self) -> bool:
        return self.data_dir.resolve() == default_data_dir().resolve()


# The hand-written files a book is made of (everything else is generated from data and code).
BOOK_SOURCES = ("_config.yml", "requirements.txt", "book/language-choice.html",
                "book/zh/analysts.md", "book/en/analysts.md", "book/templates/action.ipynb",
                "book/templates/page.ipynb", "book/_assets/pcm.css", "book/_assets/pcm-charts.js",
                "book/_assets/pcm-search.js", "book/_assets/pcm-nav.js",
                "book/_locale/zh_CN/LC_MESSAGES/sphinx.po", "book/_locale/zh_CN/LC_MESSAGES/booktheme.po",
                *(f"book/_templates/{name}.html" for name in ("sbt-sidebar-nav", "search-button-field",
                                                              "toggle-primary-sidebar", "toggle-secondary-sidebar")))


def copy_book(root: Path, data_dir: Path, source: Path = REPO) -> Project:
    """A fresh book at `root` from `source`'s hand-written files, reading `data_dir`
    (for tests and benchmarks: nothing executed or built yet)."""
    for name in BOOK_SOURCES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / name, root / name)
    return Project(root=root, data_dir=data_dir)
