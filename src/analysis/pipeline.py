"""From data to executed chapters to HTML.

* `chapter_jobs()` lists every page: per language, the headline-goals chapter (action 0),
  the nine action chapters and the overview pages.
* `execute_page()` fills a template's markdown headings for its language, runs it with
  papermill in the output folder (as nbval will), and removes volatile metadata so that
  a re-run with the same inputs writes the same bytes.
* `write_vega_bundle()` writes vega + vega-lite + vega-embed from vl-convert-python into
  the book's assets (served by the site itself, never a CDN).
* `build_html()` runs Jupyter Book with warnings as errors.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill

from .dataset import Dataset, default_data_dir, load_dataset
from .labels import LANGUAGES, TEXT
from .pages import PAGE_TITLES
from .publication import chapter_title

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / "book"
TEMPLATES = BOOK / "templates"
ASSETS = BOOK / "_assets"
BUILD = REPO / "_build"
ACTIONS = range(0, 10)
PAGES = tuple(PAGE_TITLES)
VOLATILE_METADATA = ("papermill", "execution")


@dataclass(frozen=True)
class Job:
    template: Path
    output: Path
    language: str
    title: str
    parameters: dict


def chapter_jobs(dataset: Dataset, data_dir: Path, edition: int) -> list[Job]:
    """Every page to execute. The data directory is passed only when it is not the default,
    so committed notebooks hold no machine-specific path."""
    jobs = []
    data_parameter = "" if data_dir.resolve() == default_data_dir().resolve() else str(data_dir.resolve())
    for language in LANGUAGES:
        common = {"language": language, "data_dir": data_parameter, "edition": edition}
        for action in ACTIONS:
            title = chapter_title(dataset, action, language)
            jobs.append(Job(TEMPLATES / "action.ipynb", BOOK / language / "actions" / f"action-{action}.ipynb",
                            language, title, {**common, "action": action, "title": title}))
        for page in PAGES:
            title = PAGE_TITLES[page][LANGUAGES.index(language)]
            jobs.append(Job(TEMPLATES / "page.ipynb", BOOK / language / f"{page}.ipynb", language, title,
                            {**common, "page": page, "title": title}))
    return jobs


def localised(template: Path, language: str, title: str) -> nbformat.NotebookNode:
    """The template with `{title}` and the TEXT keys filled in its markdown cells."""
    notebook = nbformat.read(template, as_version=4)
    words = {**TEXT[language], "title": title}
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = cell.source.format_map(words)
    return notebook


def finalise(path: Path) -> None:
    """Drop papermill's timing metadata and hide the cell of parameters it injected."""
    notebook = nbformat.read(path, as_version=4)
    for key in VOLATILE_METADATA:
        notebook.metadata.pop(key, None)
        for cell in notebook.cells:
            cell.metadata.pop(key, None)
    for cell in notebook.cells:
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            cell.metadata["tags"] = [*tags, "remove-cell"]
    nbformat.write(notebook, path)


def execute_page(job: Job) -> Path:
    job.output.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(localised(job.template, job.language, job.title), job.output)
    papermill.execute_notebook(str(job.output), str(job.output), parameters=job.parameters,
                               cwd=str(job.output.parent), record_timing=False, progress_bar=False,
                               language="python", kernel_name="python3")
    finalise(job.output)
    return job.output


def write_vega_bundle(assets: Path = ASSETS) -> Path:
    """vega, vega-lite and vega-embed in one script exposing only window.vegaEmbed."""
    import altair as alt
    import vl_convert as vlc

    version = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    if version not in vlc.get_vegalite_versions():
        raise RuntimeError(f"vl-convert has no Vega-Lite {version} (Altair {alt.__version__})")
    body = vlc.javascript_bundle(snippet="window.vegaEmbed = vegaEmbed;", vl_version=version)
    header = (f"/* vega {vlc.get_vega_version()}, vega-lite {version}, vega-embed {vlc.get_vega_embed_version()}"
              " (BSD-3-Clause), bundled by vl-convert-python; wrapped so that only vegaEmbed is global. */\n")
    path = assets / "vega-bundle.js"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "(function () {\n" + body + "\n})();\n", encoding="utf-8")
    return path


def build_html() -> None:
    """Jupyter Book 1 into _build/html, warnings as errors, notebooks rendered from their stored outputs."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    subprocess.run([str(jupyter_book), "build", str(REPO), "-W", "-n", "--keep-going"], check=True, cwd=REPO)


def run_all(data_dir: Path | None = None, edition: int = 2026, jobs: int = 2) -> list[Path]:
    """Validate the data, then execute every page (in parallel processes)."""
    from concurrent.futures import ProcessPoolExecutor

    data_dir = Path(data_dir) if data_dir else default_data_dir()
    dataset = load_dataset(data_dir)
    pages = chapter_jobs(dataset, data_dir, edition)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(execute_page, pages))
