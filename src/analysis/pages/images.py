"""Every chart a chapter shows, as an image in each language, written at build time beside its CSV.

`write_images(dataset, directory, as_of, edition, licence)` writes, for every target whose
chapter draws a figure (`publication.Chapter.target_figure`, so exactly the charts the pages
show), `target-<id>-<language>.svg` and `.png` (`downloads.image_file`): the charts under
the target's heading, and on the image itself its sources, the site's name, the edition, the
data-as-of date and the licence, so that a copy pasted into a report or a chat keeps them.
The SVG is also the chapter's chart where scripts do not run.

Rendered once per chart and language: each SVG begins with a comment holding the digest of
what it is drawn from (`figures.spec_digest`), and an image whose digest is unchanged is
not drawn again. Images of a target that no longer draws a figure are removed.
"""

from __future__ import annotations

import logging
import time
from datetime import date
from pathlib import Path

from . import charts, downloads, figures
from .labels import LANGUAGES, TEXT, format_date
from .publication import Chapter
from ..inputs.dataset import Dataset

log = logging.getLogger("analysis")


def marker(digest: str) -> str:
    return f"<!-- pcm-image {digest} -->\n"


def image_facts(chapter: Chapter, figure: figures.Figure, licence: str) -> list[str]:
    """The lines under the charts: the sources of the published figures drawn, then the site,
    the edition, the data-as-of date and the licence."""
    language, words = chapter.language, figures.WORDS[chapter.language]
    rows = chapter.drawn_rows(figure)
    sources = list(dict.fromkeys(rows.loc[rows["published"], "source"]))
    publication = [chapter.dataset.plan.site_title(language), words["edition"].format(edition=chapter.edition),
                   words["as_of"].format(day=format_date(chapter.data_as_of, language)),
                   words["licence"].format(licence=licence)]
    facts = [words["sources"] + figures.SEPARATORS[language].join(sources)] if sources else []
    return [*facts, " · ".join(publication)]


def write_images(dataset: Dataset, directory: Path, as_of: date, edition: int, licence: str) -> list[Path]:
    """Write (or keep, where unchanged) every chart image; return the paths, target by target,
    Chinese then English, SVG then PNG."""
    if not licence:
        raise ValueError("no licence to put on the chart images: set publication.licence_text_data in _config.yml")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written, drawn, started = [], 0, time.perf_counter()
    for language in LANGUAGES:
        chapter = Chapter(dataset, language, edition, as_of)
        for _, row in chapter.assessment.iterrows():
            points = charts.chart_points(row, dataset.observations, chapter.source_table, dataset.plan, language,
                                         dataset.indicators)
            figure = chapter.target_figure(row, points)
            if figure is None:
                continue
            spec = figures.image_spec(figure, image_facts(chapter, figure, licence), TEXT[language]["context_panel"])
            svg_path = directory / downloads.image_file(row["target_id"], language, "svg")
            png_path = directory / downloads.image_file(row["target_id"], language, "png")
            head = marker(figures.spec_digest(spec))
            if not (png_path.exists() and svg_path.exists() and svg_path.read_text(encoding="utf-8").startswith(head)):
                svg, png = figures.render(spec, language)
                png_path.write_bytes(png)
                svg_path.write_text(head + svg, encoding="utf-8")  # last: an image with its marker is complete
                drawn += 1
            written += [svg_path, png_path]
    keep = set(written)
    for suffix in ("svg", "png"):
        for stale in directory.glob(f"target-*.{suffix}"):
            if stale not in keep:
                stale.unlink()
    log.info(f"chart images: {drawn} of {len(written) // 2} drawn in {time.perf_counter() - started:.1f} s")
    return written
