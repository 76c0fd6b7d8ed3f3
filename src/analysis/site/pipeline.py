"""From data to executed chapters to HTML to a published site.

* `Project`: where things are (the repository by default; tests use a copy).
* `plan_jobs()`: every page to execute, per language: the headline goals (action 0), each
  action in the catalogue, and the overview pages, with the edition and its as-of date
  as parameters.
* `run()`: executes, with papermill in a warm kernel per worker (`engine`), only the pages
  whose inputs changed (template, package code, pinned requirements, parameters, and the
  rows and files the page reads: `action_slice`, `page_slice`), into a staging folder; the executed notebooks replace the published ones only when
  every page succeeded. Input fingerprints are kept in book/.inputs.json.
* `stale_pages()`: the published pages (and _toc.yml) that today's data and code would change.
* `build()`: refuses stale pages; then self-hosted vega bundle, download files, and one
  Jupyter Book per language (warnings are errors) assembled into one site: the language
  choice at the top, each language's book under /zh/ and /en/ (BOOKS); `draft=True` puts
  a draft banner on every page.
* `publish()`: chooses the edition (editions.choose), run + build + checks of the built
  site, then swap it into _build/site in one rename: the previous site stays in place
  unless everything passed; then the edition's record and the release artefact (archive,
  sha256, manifest) in _build/release.

Without an edition, run and build use the current one: the latest record in data/editions/.
Progress is logged (logger "analysis"): one line per phase with its duration.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from pathlib import Path
from string import Template

import nbformat
import pandas as pd
import yaml
from tqdm import tqdm

from ..assess import editions
from ..inputs import catalogue, energy
from ..inputs.dataset import Dataset, load_dataset
from ..inputs.plan import PLAN_CONFIG, Plan, read_plan
from ..pages.downloads import write_downloads
from ..pages.images import write_images
from ..assess.editions import Edition
from ..pages.labels import LANGUAGES, TEXT, format_date, status_text
from ..pages.page import PAGE_TITLES, page_title
from ..pages import footer
from . import engine
from ..pages.preview import set_aside_line
from .postprocess import add_footer, drop_icon_script, mark_draft
from .project import Project
from .release import GENERATED_BOOK_FILES, git_state, make_release
from .sitecheck import site_problems
from ..pages.publication import chapter_title, target_anchor, target_heading, target_heading_cell
from ..assess import progress as pg

PACKAGE = Path(__file__).resolve().parents[1]
NEEDS_TARGETS = "needs-targets"  # a template cell shown only where the chapter has targets
PER_TARGET = "per-target"  # a template cell repeated for each of the chapter's targets
VOLATILE_METADATA = ("papermill", "execution")
STAMPS = ".inputs.json"
BUILD_STAMP = "html-inputs.sha256"  # in the build folder: what the HTML in it was built from
PUBLISHED_STAMP = "site-inputs.sha256"  # in the build folder: what the published site, record and release come from
STALE_PAGES = ("the published pages are older than data/ or the code; "
               "run publish and commit book/, data/ and _toc.yml")
log = logging.getLogger("analysis")


@contextmanager
def phase(name: str):
    """Log `name` and its duration once the block is done ('build 12.0 s')."""
    start = time.perf_counter()
    yield
    log.info(f"{name} {time.perf_counter() - start:.1f} s")


@dataclass(frozen=True)
class Job:
    template: Path
    output: Path  # relative to the project root
    language: str
    title: str
    parameters: dict
    data_slice: str  # JSON of the data the page shows
    dropped: tuple[str, ...] = ()  # tags of the template's cells the page leaves out
    targets: tuple[tuple[str, str], ...] = ()  # a chapter's (target id, heading), one section each
    site_title: str = ""  # the site's name in the page's language (plan.yaml), for the page's description


def frame_json(frame: pd.DataFrame) -> str:
    return frame.to_json(orient="records", date_format="iso", double_precision=12)


def action_slice(dataset: Dataset, action: int, assessment: pd.DataFrame) -> str:
    """The rows an action chapter reads: its targets and their assessment, their series and
    context series, its task reports, every source, indicator and check (its related figures
    and what was searched), the context areas' own targets, the departments, its entry in actions.yaml and plan.yaml; the energy activity and emission
    factors too when it shows an estimate from them (its peak test)."""
    targets = dataset.targets[dataset.targets["action"] == action]
    links = dataset.context_links[dataset.context_links["target_id"].isin(targets["target_id"])]
    indicators = set(targets["indicator_id"]) | set(links["indicator_id"]) | set(dataset.indicators["increment_of"].dropna())
    observations = dataset.observations[dataset.observations["indicator_id"].isin(indicators)]
    reports = dataset.task_reports[dataset.task_reports["action"] == action]
    estimates = observations["origin"].eq(energy.ESTIMATED).any()
    activity, factors = (dataset.activity, dataset.factors) if estimates else (dataset.activity[:0], dataset.factors[:0])
    sources = dataset.sources  # all: the chapter names related figures and the checks, with their sources
    entry = dataset.actions["goals"] if action == 0 else next(a for a in dataset.actions["actions"] if a["id"] == action)
    return json.dumps([frame_json(targets), frame_json(assessment[assessment["action"] == action]), frame_json(links),
                       frame_json(observations), frame_json(reports), frame_json(sources), frame_json(activity),
                       frame_json(factors), frame_json(dataset.indicators),
                       frame_json(dataset.checks), frame_json(dataset.context_targets),
                       frame_json(dataset.departments), entry, plan_json(dataset)], ensure_ascii=False, sort_keys=True)


def plan_json(dataset: Dataset) -> dict:
    """plan.yaml as every page reads it (names of the plan, the places and the site)."""
    return dataset.plan.model_dump(mode="json")


def page_slice(dataset: Dataset, page: str, edition: int, assessment: pd.DataFrame) -> str:
    """The rows and files an overview page reads. The pages that show statuses read the
    assessment (every target's row and result, as of the edition's date), not the
    observations it was computed from: a figure that moves no result (a context figure, a
    year that does not change a latest value) re-executes none of them. The sources page
    reads how many values each source gives, not the values; the what-changed page, each
    earlier edition re-assessed with today's data (its method log). A page not listed here reads,
    as far as its fingerprint knows, the targets and every observation: a new page should
    say what it reads."""
    counts = dataset.observations.groupby("source_id").size().to_dict()
    parts = {
        "index": lambda: [frame_json(assessment), dataset.actions, frame_json(dataset.checks)],
        "scorecard": lambda: [frame_json(assessment), dataset.actions, frame_json(dataset.departments),
                              frame_json(dataset.checks)],
        "checks": lambda: [frame_json(assessment), frame_json(dataset.indicators), frame_json(dataset.checks)],
        "data": lambda: [frame_json(assessment)],
        "responsibility": lambda: [frame_json(dataset.targets), frame_json(dataset.departments), dataset.actions],
        "methodology": lambda: [frame_json(dataset.factors)],
        "sources": lambda: [frame_json(dataset.sources), counts, frame_json(dataset.departments)],
        "plan": lambda: [dataset.plan_text, frame_json(dataset.targets)],
        "changes": lambda: [frame_json(assessment),  # and each earlier edition as recorded and re-assessed now
                            {str(e.year): [e.data_as_of.isoformat(), frame_json(f),
                                           frame_json(pg.assess_district(dataset, e.data_as_of))]
                             for e, f in editions.read_records(dataset.data_dir).items() if e.year < edition},
                            frame_json(dataset.method_changes), frame_json(dataset.corrections),
                            frame_json(dataset.sources), frame_json(dataset.indicators)],
        "corrections": lambda: [frame_json(dataset.targets), frame_json(dataset.corrections)],
    }
    shown = parts.get(page, lambda: [frame_json(dataset.targets), frame_json(dataset.observations)])()
    return json.dumps([*shown, plan_json(dataset)], ensure_ascii=False, sort_keys=True)


def action_ids(dataset: Dataset) -> list[int]:
    return [0, *(a["id"] for a in dataset.actions["actions"])]


def plan_jobs(dataset: Dataset, project: Project, edition: Edition) -> list[Job]:
    """Every page to execute. The data directory is a parameter only when it is not the
    default, so committed notebooks hold no machine-specific path."""
    data_parameter = "" if project.uses_default_data else str(project.data_dir.resolve())
    assessment = pg.assess_district(dataset, edition.data_as_of)  # what the pages show, keys their fingerprints
    jobs = []
    for language in LANGUAGES:
        site_title = dataset.plan.site_title(language)
        common = {"language": language, "data_dir": data_parameter, "edition": edition.year,
                  "data_as_of": edition.data_as_of.isoformat()}
        for action in action_ids(dataset):
            title = chapter_title(dataset, action, language)
            own = dataset.targets[dataset.targets["action"].eq(action)]
            sections = tuple((r["target_id"], target_heading(r, language)) for _, r in own.iterrows())
            jobs.append(Job(project.templates / "action.ipynb", Path("book", language, "actions", f"action-{action}.ipynb"),
                            language, title, {**common, "action": action, "title": title},
                            action_slice(dataset, action, assessment), () if sections else (NEEDS_TARGETS,), sections, site_title))
        for page in ("index", *PAGE_TITLES):
            title = page_title(page, dataset.plan, language)
            jobs.append(Job(project.templates / "page.ipynb", Path("book", language, f"{page}.ipynb"), language, title,
                            {**common, "page": page, "title": title}, page_slice(dataset, page, edition.year, assessment),
                            site_title=site_title))
    return jobs


def code_fingerprint(project: Project) -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + path.read_bytes())
    requirements = project.root / "requirements.txt"
    if requirements.exists():
        digest.update(requirements.read_bytes())
    return digest.hexdigest()


def fingerprint(job: Job, code: str) -> str:
    digest = hashlib.sha256(code.encode())
    digest.update(job.template.read_bytes())
    digest.update(json.dumps(job.parameters, sort_keys=True, ensure_ascii=False).encode())
    digest.update(job.data_slice.encode())
    return digest.hexdigest()


def localised(job: Job) -> nbformat.NotebookNode:
    """The job's template without the cells it drops, `{title}` and the TEXT keys filled in
    its markdown cells, and a description of the page for search engines and the previews of
    a shared link, in the notebook's metadata: `myst.html_meta` (MyST's <meta name="description">)
    and `og:description` (sphinxext-opengraph's)."""
    notebook = nbformat.read(job.template, as_version=4)
    notebook.cells = [c for c in notebook.cells if not set(c.metadata.get("tags", [])) & set(job.dropped)]
    words = {**TEXT[job.language], "title": job.title}
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = cell.source.format_map(words)
    notebook.cells = [expanded for cell in notebook.cells for expanded in per_target(cell, job.targets)]
    description = f"{job.title} · {job.site_title}" if job.title != job.site_title else job.title
    notebook.metadata["myst"] = {"html_meta": {"description": description}}
    notebook.metadata["og:description"] = description
    return notebook


def per_target(cell: nbformat.NotebookNode, targets: tuple[tuple[str, str], ...]) -> list[nbformat.NotebookNode]:
    """A template cell tagged PER_TARGET becomes, for each target, its heading (a Markdown
    cell, so it is in the page's contents) and the cell with `target_id` and `heading` given;
    fixed cell ids keep the notebook's bytes the same for the same inputs. Other cells stay."""
    if PER_TARGET not in cell.metadata.get("tags", []):
        return [cell]
    cells = []
    for target_id, heading in targets:
        anchor = target_anchor(target_id)
        cells.append(nbformat.v4.new_markdown_cell(target_heading_cell(target_id, heading), id=f"{anchor}-heading"))
        code = nbformat.v4.new_code_cell(f"target_id, heading = {target_id!r}, {heading!r}\n{cell.source}",
                                         id=anchor, metadata=copy.deepcopy(cell.metadata))
        cells.append(code)
    return cells


def finalise(path: Path) -> None:
    """Drop papermill's timing metadata, hide the cell of parameters it injected and give
    that cell a fixed id, so that the same inputs always write the same bytes."""
    notebook = nbformat.read(path, as_version=4)
    for key in VOLATILE_METADATA:
        notebook.metadata.pop(key, None)
        for cell in notebook.cells:
            cell.metadata.pop(key, None)
    for cell in notebook.cells:
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell.id = "injected-parameters"  # papermill gives it a random id on every run
            if "remove-cell" not in tags:
                cell.metadata["tags"] = [*tags, "remove-cell"]
    nbformat.write(notebook, path)


def execute(job: Job, staging: Path) -> Path:
    """Execute one page into the staging folder (same relative path as published), in this
    process's warm kernel (engine)."""
    output = staging / job.output
    output.parent.mkdir(parents=True, exist_ok=True)
    engine.execute_page(localised(job), output, job.parameters, str(job.output))
    finalise(output)
    return output


def toc_text(dataset: Dataset) -> str:
    """_toc.yml from the catalogue: one chapter per action, so another plan needs no code change.
    Paths are relative to a language's folder: the same table of contents serves each
    language's book (book/zh, book/en), which hold the same files."""
    files = ["scorecard", "changes", *(f"actions/action-{a}" for a in action_ids(dataset)),
             "responsibility", "methodology", "sources", "checks", "data", "plan", "corrections", "analysts"]
    toc = {"format": "jb-book", "root": "index", "chapters": [{"file": f} for f in files]}
    return ("# Written by `python -m analysis run` from the catalogue (data/actions.yaml); one table of\n"
            "# contents for each language's book (book/zh, book/en), paths relative to its folder.\n"
            + yaml.safe_dump(toc, allow_unicode=True, sort_keys=False))


def write_toc(project: Project, dataset: Dataset) -> Path:
    path = project.root / "_toc.yml"
    path.write_text(toc_text(dataset), encoding="utf-8")
    return path


def current_edition(project: Project) -> Edition:
    """The latest record in data/editions/; refuses (saying what to type) before the first."""
    edition = editions.latest(project.data_dir)
    if edition is None:
        raise editions.no_edition_yet(project.data_dir)
    return edition


def validated(project: Project) -> Dataset:
    with phase("validate"):
        return load_dataset(project.data_dir)


def fingerprints(project: Project, jobs: list[Job]) -> tuple[dict[str, str], dict[str, str]]:
    """(what book/.inputs.json records, what today's inputs give), by output path."""
    stamps_path = project.book / STAMPS
    stamps = json.loads(stamps_path.read_text()) if stamps_path.exists() else {}
    code = code_fingerprint(project)
    return stamps, {str(job.output): fingerprint(job, code) for job in jobs}


def outdated(project: Project, jobs: list[Job]) -> list[Job]:
    stamps, wanted = fingerprints(project, jobs)
    return [job for job in jobs
            if stamps.get(str(job.output)) != wanted[str(job.output)] or not (project.root / job.output).exists()]


def stale_pages(project: Project = Project(), edition: Edition | None = None,
                dataset: Dataset | None = None) -> list[Path]:
    """The published notebooks (and _toc.yml) that the current data and code would change,
    for `edition` (default: the current one). Empty when the pages are up to date."""
    dataset = dataset or load_dataset(project.data_dir)
    edition = edition or current_edition(project)
    stale = [project.root / job.output for job in outdated(project, plan_jobs(dataset, project, edition))]
    toc = project.root / "_toc.yml"
    if not toc.exists() or toc.read_text(encoding="utf-8") != toc_text(dataset):
        stale.append(toc)
    return stale


class DraftRowsError(RuntimeError):
    """Targets drafted from the plan's text (`draft-plan`) and not yet checked: publishing waits for them."""

    def __init__(self, rows: list[tuple[int, str]]):
        listed = ", ".join(f"{target} (row {line})" for line, target in rows)
        listed_zh = "，".join(f"{target}（第{line}行）" for line, target in rows)
        if not rows:  # every row checked: the column itself would reach the published data files
            super().__init__("未发布：targets.csv 各行均已核对，但仍有 draft 列：请删除该列\n"
                             "not published: every row of targets.csv is checked, but the file still has its draft "
                             "column: delete the column")
            return
        super().__init__(f"未发布：targets.csv 有{len(rows)}行仍标为草稿（draft 列）：{listed_zh}。核对原文后清空该单元格，"
                         "或用 publish --draft 先看草稿\n"
                         f"not published: {len(rows)} row(s) of targets.csv still marked draft (the draft column): "
                         f"{listed}. Clear the cell once a row is checked against the plan, or look first with "
                         "publish --draft")


class StalePagesError(RuntimeError):
    """The published pages do not match the data and code (see STALE_PAGES)."""

    def __init__(self, project: Project, stale: list[Path]):
        shown = ", ".join(str(p.relative_to(project.root)) for p in stale[:4]) + (" …" if len(stale) > 4 else "")
        super().__init__(f"{STALE_PAGES}\n  {len(stale)} stale: {shown}")


@dataclass
class RunReport:
    executed: list[Path]
    unchanged: list[Path]


def ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle (no traceback from every worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run(project: Project = Project(), edition: Edition | None = None, workers: int | None = None,
        force: bool = False, show_progress: bool = True, dataset: Dataset | None = None) -> RunReport:
    """Validate the data (unless `dataset` is given), then execute the pages whose inputs
    changed, for `edition` (default: the current one).

    Raises DataValidationError (bad data) or engine.PageError (a failing page or kernel,
    naming the page and the cell); in both cases no published notebook is touched.
    """
    dataset = dataset or validated(project)
    edition = edition or current_edition(project)
    jobs = plan_jobs(dataset, project, edition)
    _, wanted = fingerprints(project, jobs)
    todo = jobs if force else outdated(project, jobs)
    staging = project.build_dir / "staging-notebooks"
    shutil.rmtree(staging, ignore_errors=True)
    with phase(f"execute {len(todo)} pages"):
        if todo:
            execute_all(todo, staging, workers or os.cpu_count() or 1, show_progress)
        for job in todo:  # every page succeeded: publish them together
            (project.root / job.output).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / job.output, project.root / job.output)
    shutil.rmtree(staging, ignore_errors=True)
    (project.book / STAMPS).write_text(json.dumps(dict(sorted(wanted.items())), indent=1) + "\n")
    write_toc(project, dataset)
    return RunReport([project.root / j.output for j in todo],
                     [project.root / j.output for j in jobs if j not in todo])


def execute_all(todo: list[Job], staging: Path, workers: int, show_progress: bool) -> None:
    """Execute the pages in parallel; on the first failure cancel the rest and raise it."""
    with ProcessPoolExecutor(max_workers=workers, initializer=ignore_interrupts) as pool:
        futures = {pool.submit(execute, job, staging): job for job in todo}
        bar_wanted = show_progress and sys.stderr.isatty()  # a passing bar on a terminal; nothing in a log
        with tqdm(total=len(todo), desc="pages", unit="page", disable=not bar_wanted, leave=False) as bar:
            for future in as_completed(futures):
                if future.exception() is not None:  # one page failed: stop, publish none
                    pool.shutdown(wait=True, cancel_futures=True)
                    shutil.rmtree(staging, ignore_errors=True)
                    raise future.exception()
                bar.set_postfix_str(str(futures[future].output), refresh=False)
                bar.update()


def write_vega_bundle(assets: Path) -> Path:
    """vega, vega-lite and vega-embed in one script exposing only window.vegaEmbed
    (rewritten only when its content would change)."""
    import altair as alt
    import vl_convert as vlc

    version = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    if version not in vlc.get_vegalite_versions():
        raise RuntimeError(f"vl-convert has no Vega-Lite {version} (Altair {alt.__version__})")
    header = (f"/* vega {vlc.get_vega_version()}, vega-lite {version}, vega-embed {vlc.get_vega_embed_version()}"
              " (BSD-3-Clause), bundled by vl-convert-python; wrapped so that only vegaEmbed is global. */\n")
    path = assets / "vega-bundle.js"
    if path.exists() and path.read_text(encoding="utf-8").startswith(header):
        return path
    body = vlc.javascript_bundle(snippet="window.vegaEmbed = vegaEmbed;", vl_version=version)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "(function () {\n" + body + "\n})();\n", encoding="utf-8")
    return path


# Each language is a book of its own (its own search index, navigation and theme words),
# built from the root _config.yml and _toc.yml with these settings on top, and titled with the
# site's name in plan.yaml.
BOOKS = {
    "zh": {"language": "zh_CN", "search": "搜索本站…"},
    "en": {"language": "en", "search": "Search this site…"},
}
LANGUAGE_CHOICE = "language-choice.html"  # under book/: the site's top page, filled from plan.yaml


def book_config(project: Project, plan: Plan, language: str) -> Path:
    """One language's _config.yml, in the build folder: the root file with BOOKS[language] and the
    site's name in that language (plan.yaml) applied."""
    config = yaml.safe_load((project.root / "_config.yml").read_text(encoding="utf-8"))
    settings, title = BOOKS[language], plan.site_title(language)
    config["title"] = config["author"] = title
    sphinx = config["sphinx"]["config"]
    sphinx["language"] = settings["language"]
    sphinx.setdefault("html_theme_options", {})["search_bar_text"] = settings["search"]
    sphinx["ogp_site_name"] = title
    path = project.build_dir / "books" / language / "_config.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_books(project: Project, plan: Plan) -> dict[str, Path]:
    """Every language's book with Jupyter Book, at once (warnings are errors); their HTML folders.
    Every page is written (--all): Sphinx copies changed assets only when some page is outdated."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    running = {}
    for language in BOOKS:
        out = project.build_dir / "books" / language
        command = [str(jupyter_book), "build", str(project.book / language), "--config",
                   str(book_config(project, plan, language)), "--toc", str(project.root / "_toc.yml"),
                   "--path-output", str(out), "--all", "-W", "-n", "--keep-going", "-q"]
        running[language] = subprocess.Popen(command, cwd=project.root, stdout=subprocess.PIPE,
                                             stderr=subprocess.STDOUT, text=True)
    failed = []
    for language, process in running.items():
        output, _ = process.communicate()
        if process.returncode != 0:
            failed.append(f"[{language}]\n{output}")
    if failed:
        raise BuildError("jupyter-book build failed (warnings are errors):\n" + "\n".join(failed))
    return {language: project.build_dir / "books" / language / "_build" / "html" for language in BOOKS}


def language_choice(project: Project, plan: Plan) -> str:
    """The site's top page: book/language-choice.html with the names in plan.yaml."""
    values = {"title_zh": plan.site.title_zh, "title_en": plan.site.title_en, "plan_zh": plan.plan.title_zh,
              "plan_en": plan.plan.title_en, "number": plan.plan.number, "issued_zh": format_date(plan.plan.issued, "zh")}
    template = Template((project.book / LANGUAGE_CHOICE).read_text(encoding="utf-8"))
    return template.substitute({key: escape(value) for key, value in values.items()})


def assemble_site(project: Project, books: dict[str, Path], plan: Plan) -> Path:
    """One site: the language choice at the top, each book in its language's folder."""
    shutil.rmtree(project.html, ignore_errors=True)
    project.html.mkdir(parents=True)
    (project.html / "index.html").write_text(language_choice(project, plan), encoding="utf-8")
    for language, html in books.items():
        shutil.copytree(html, project.html / language, ignore=shutil.ignore_patterns(".buildinfo"))
    return project.html


def build(project: Project = Project(), edition: Edition | None = None, draft: bool = False,
          dataset: Dataset | None = None) -> Path:
    """The HTML site from the executed notebooks of `edition` (default: the current one), from
    `dataset` (default: data/ read again).

    Refuses (StalePagesError) notebooks older than the data or code: the downloads are
    written from today's data, so they would disagree with the pages. Nothing is done when
    the HTML in place was built from the same inputs (build_fingerprint). Otherwise, before:
    the vega bundle and the download files (every chart's data and image, the whole assessment) into
    the book's assets. Then one book per language (build_books) assembled into one site;
    after: the theme's redundant icon script dropped, and the draft banner put on (draft) or
    taken off every page."""
    with phase("build"):
        dataset = dataset or load_dataset(project.data_dir)
        edition = edition or current_edition(project)
        stale = stale_pages(project, edition, dataset)
        if stale:
            raise StalePagesError(project, stale)
        built = footer.source_date(project.root)
        stamp = project.build_dir / BUILD_STAMP
        inputs = build_fingerprint(project) + (" draft" if draft else "") + f" {edition} built {built}"
        if (project.html / "index.html").exists() and stamp.exists() and stamp.read_text() == inputs:
            return project.html  # nothing the site is made of has changed
        stamp.unlink(missing_ok=True)
        write_vega_bundle(project.assets)
        write_downloads(dataset, project.assets / "downloads", edition.data_as_of, edition.year,  # removes stale files
                        built)
        write_images(dataset, project.assets / "downloads", edition.data_as_of, edition.year,
                     footer.settings(project.root)["licence_text_data"])  # draws only the charts that changed
        assemble_site(project, build_books(project, dataset.plan), dataset.plan)
        drop_icon_script(project.html)
        mark_draft(project.html, draft)
        config, plan = footer.settings(project.root), dataset.plan
        add_footer(project.html, {language: footer.footer_html(config, plan, edition.year, edition.data_as_of, built, language)
                                  for language in LANGUAGES})
        stamp.write_text(inputs)
        return project.html


def build_fingerprint(project: Project) -> str:
    """Hash of everything the HTML is made of: code and pinned requirements, the book's
    configuration and table of contents, every file under book/ that is not generated from
    the others (notebooks, pages, scripts and styles), and every data file but the edition
    records (plan.yaml: the books' titles, the language choice, the footer's publisher; the
    rest: the downloads). The generated files (the vega bundle: code; the downloads: code
    and data) are left out, so the fingerprint is known before they are written."""
    digest = hashlib.sha256(code_fingerprint(project).encode())
    generated = tuple(project.book / name for name in GENERATED_BOOK_FILES)
    book = [p for p in sorted(project.book.rglob("*")) if not str(p).startswith(tuple(map(str, generated)))]
    data = [p for p in sorted(project.data_dir.rglob("*")) if editions.EDITIONS_DIR not in p.relative_to(project.data_dir).parts]
    for path in [project.root / "_config.yml", project.root / "_toc.yml", *book]:
        if path.is_file():
            digest.update(str(path.relative_to(project.root)).encode() + b"\0" + path.read_bytes())
    for path in data:
        if path.is_file():
            digest.update(b"data/" + str(path.relative_to(project.data_dir)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class BuildError(RuntimeError):
    """Jupyter Book failed or warned; the message holds its output."""


class SiteCheckError(RuntimeError):
    """The built site failed a check; it was not published."""


class NoChannelError(RuntimeError):
    """A publication without a way for readers to report an error (plan.yaml's site.report_error)."""


def require_channel(plan: Plan, data_dir: Path) -> None:
    """Refuse to publish (not a draft) while plan.yaml names no channel for reporting an error:
    the corrections page and every footer would have nowhere to send a reader."""
    if not plan.site.report_error:
        raise NoChannelError(
            f"{Path(data_dir) / PLAN_CONFIG} names no channel for readers to report an error: add, under site:, "
            "report_error: an e-mail address (errors@your-organisation.example) or an http(s) address (an issue "
            "tracker or a form), then publish again; or publish a draft with --draft, which records and releases nothing")


def change_lines(before: pd.DataFrame, after: pd.DataFrame, language: str = "en") -> list[str]:
    """One line per target whose status moved: 'T1-1  ▲ On track -> ✔ Target met'."""
    def words(status) -> str:
        return status_text(status, language) if isinstance(status, str) else ("（无此目标）" if language == "zh" else "(no target)")
    moved = editions.status_changes(before, after)
    return [f"  {r.target_id:<6} {words(r.status_before)} -> {words(r.status_now)}" for r in moved.itertuples()]


def log_changes(heading: str, year: int | None, records: dict[int, pd.DataFrame], after: pd.DataFrame) -> None:
    """'<heading> against the <year> edition: 2' and a line per target, or 'none'."""
    if year is None:
        log.info(f"{heading}: none (no earlier edition to compare with)")
        return
    lines = change_lines(records[year], after)
    log.info(f"{heading} against the {year} edition: {len(lines) or 'none'}")
    for line in lines:
        log.info(line)


def published_fingerprint(project: Project, record: str) -> str:
    """What a published site, its edition record and its release are made of: the HTML's
    inputs (BUILD_STAMP), the record's text and the commit (the release's manifest names it)."""
    commit, dirty = git_state(project.root)
    html_inputs = (project.build_dir / BUILD_STAMP).read_text()
    return hashlib.sha256(f"{html_inputs}\0{record}\0{commit} {dirty}".encode()).hexdigest()


def published_as_it_stands(project: Project, edition: Edition, record: str) -> bool:
    """True when the site in place, the edition's record and the release were published from
    exactly these inputs: publishing again would write the same bytes (checks included)."""
    stamp, path = project.build_dir / PUBLISHED_STAMP, editions.record_path(project.data_dir, edition.year)
    return ((project.site / "index.html").exists() and (project.build_dir / "release" / "manifest.json").exists()
            and path.exists() and path.read_text(encoding="utf-8") == record
            and stamp.exists() and stamp.read_text() == published_fingerprint(project, record))


def publish(project: Project = Project(), edition: int | None = None, data_as_of: datetime.date | None = None,
            workers: int | None = None, show_progress: bool = True, replace: bool = False, draft: bool = False,
            today: datetime.date | None = None) -> Path:
    """Choose the edition (editions.choose: the current one by default, or the next year),
    run, build and check; then replace the published site, record the edition and release
    it. Returns the site folder (a draft: the built HTML, nothing recorded or released).

    Without `draft`, refuses (NoChannelError), once the edition is chosen, a plan.yaml that names
    no channel for reporting an error. Any failure (a refused edition, bad data, a failing page, a build warning, a failed
    site check) raises before the published site in `project.site` is touched. When the
    site, record and release in place come from exactly these inputs, nothing is redone.
    """

    chosen, new = editions.choose(project.data_dir, edition, data_as_of, replace, today)
    if not draft:
        require_channel(read_plan(project.data_dir), project.data_dir)
    if new and data_as_of is None:
        log.info(f"new edition {chosen.year}: data as of today, {chosen.data_as_of.isoformat()} "
                 "(--data-as-of YYYY-MM-DD gives another date)")
    dataset = validated(project)
    drafts = catalogue.drafted(dataset.targets)
    if not draft and catalogue.DRAFT_COLUMN in dataset.targets:
        raise DraftRowsError(list(zip(drafts.index, drafts["target_id"])))
    set_aside = set_aside_line(dataset, chosen)
    if set_aside:
        log.info(set_aside)
    snapshot = editions.snapshot(pg.assess_district(dataset, chosen.data_as_of))
    records = editions.load_editions(project.data_dir)
    latest = max(records) if records else None
    log_changes("published statuses this data moves", latest, records, snapshot)
    run(project, chosen, workers, show_progress=show_progress, dataset=dataset)
    html = build(project, chosen, draft, dataset)
    record = editions.to_json(chosen, snapshot)
    if not draft and published_as_it_stands(project, chosen, record):
        log.info(f"{chosen} is published as it stands: nothing changed since {project.site / 'index.html'}")
        return project.site
    with phase("check"):
        problems = site_problems(html)
    if problems:
        raise SiteCheckError("the built site failed its checks:\n" + "\n".join(f"  - {p}" for p in problems))
    if draft:
        log.info(f"draft of {chosen}: {html / 'index.html'} (not published: no record, no release)")
        return html
    with phase("release"):
        staged, previous = project.build_dir / "site-staging", project.build_dir / "site-previous"
        for folder in (staged, previous):
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(html, staged)
        editions.write_edition(project.data_dir, chosen, snapshot)
        if project.site.exists():
            os.replace(project.site, previous)
        os.replace(staged, project.site)
        shutil.rmtree(previous, ignore_errors=True)
        make_release(project, chosen.year, project.build_dir / "release")
        (project.build_dir / PUBLISHED_STAMP).write_text(published_fingerprint(project, record))
    before = editions.previous_edition(records, chosen.year)
    log.info(f"published {chosen}: {project.site / 'index.html'}; release in {project.build_dir / 'release'}")
    log_changes("status changes", before, records, snapshot)
    return project.site
