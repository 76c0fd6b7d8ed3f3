"""Command line for analysts: python -m analysis {draft-plan, validate, excel-template, excel-import, preview, run,
build, publish, site}.

The current edition is the latest record in data/editions/; `publish --edition N` makes
the next one. Every refusal says why and what to type.
"""

from __future__ import annotations

import datetime
import logging
import sys
from pathlib import Path

import click

from .inputs import catalogue, draft
from .inputs.dataset import default_data_dir, load_dataset
from .inputs.messages import LANGUAGES, default_language
from .inputs.validation import PROBLEMS_HEADING, WARNINGS_HEADING, DataValidationError, report
from .assess import editions, progress as pg
from .site.project import Project

# The site's machinery (papermill, Jupyter, Altair) and the spreadsheet's (openpyxl) are
# imported by the commands that use them: `preview` and `validate` answer in a second or so.


def refusals() -> tuple[type[Exception], ...]:
    from .site import pipeline

    return (editions.EditionError, pipeline.StalePagesError, pipeline.BuildError, pipeline.SiteCheckError,
            pipeline.DraftRowsError, pipeline.NoChannelError)


@click.group()
def cli() -> None:
    """A carbon-peak plan monitor (the plan in data/plan.yaml): check data, preview, execute the chapters, build and
    publish the site."""
    logger = logging.getLogger("analysis")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


data_option = click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                           help="Data folder (default: the repository's data/ or $PCM_DATA_DIR).")
as_of_option = click.option("--data-as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                            help="The date the edition's data are as of, YYYY-MM-DD.")
workers_option = click.option("--workers", type=int, default=None, help="Pages executed in parallel (default: cores).")


def project(data_dir: Path | None) -> Project:
    return Project(data_dir=data_dir or default_data_dir())


def day(value: datetime.datetime | None) -> datetime.date | None:
    return value.date() if value else None


lang_option = click.option("--lang", type=click.Choice(LANGUAGES), default=None,
                           help="Language of the messages (default: from the locale, zh_* -> zh).")


def refusing(action, language: str | None = None):
    """Run `action`; on invalid data (every problem, then any warning, in `language`), a
    refused edition, stale pages, a failed build or site check print the reason (and what
    to do) and exit 1: nothing published."""
    try:
        return action()
    except DataValidationError as err:
        language = language or default_language()
        click.echo(err.report(language), err=True)
        if err.warnings:
            click.echo(report(err.warnings, language, WARNINGS_HEADING), err=True)
        sys.exit(1)
    except Exception as err:
        if not isinstance(err, refusals()):
            raise
        click.echo(str(err), err=True)
        sys.exit(1)


@cli.command("draft-plan")
@click.argument("plan_text", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path), help="The draft data folder to write (empty).")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty (its draft files are replaced).")
@lang_option
def draft_plan(plan_text: Path, out: Path, force: bool, lang: str | None) -> None:
    """Draft a data folder from a plan's text: plan.yaml, actions.yaml, departments.csv, targets.csv (every
    candidate marked draft) and unplaced.txt; then fill what is empty and validate --data-dir OUT."""
    lang = lang or default_language()
    zh = lang == "zh"
    try:
        result = draft.write_draft(plan_text, out, force)
    except draft.DraftError as err:
        click.echo(err.text(lang), err=True)
        sys.exit(1)
    for finding in result.findings:
        click.echo(("编号：" if zh else "numbering: ") + finding.text(lang), err=True)
    tasks = sum(len(a["tasks"]) for a in result.actions["actions"])
    counts = (len(result.actions["actions"]), tasks, len(result.departments), len(result.targets), len(result.unplaced))
    click.echo(("已起草 {}：{}项行动，{}项任务，{}个责任单位，{}项候选目标（均标为 draft），{}句含未归类的数字（unplaced.txt）"
                if zh else "drafted {}: {} actions, {} tasks, {} departments, {} candidate targets (each marked draft), "
                "{} sentences with a number not placed (unplaced.txt)").format(out, *counts))
    click.echo(f"下一步：补全空白处，然后运行 python -m analysis validate --data-dir {out}" if zh else
               f"next: fill what is empty, then python -m analysis validate --data-dir {out}")


def draft_rows_text(rows: list[tuple[int, str]], lang: str) -> str:
    """'targets.csv: 3 rows still marked draft: T0-1 (row 2), ...' in the language."""
    listed = ("、".join(f"{target}（第{line}行）" for line, target in rows) if lang == "zh" else
              ", ".join(f"{target} (row {line})" for line, target in rows))
    return (f"targets.csv：{len(rows)}行仍标为草稿（draft 列），核对原文后清空该单元格：{listed}" if lang == "zh" else
            f"targets.csv: {len(rows)} row(s) still marked draft (the draft column); clear the cell once checked "
            f"against the plan: {listed}")


@cli.command()
@data_option
@lang_option
def validate(data_dir: Path | None, lang: str | None) -> None:
    """Check every data file; list each problem with file, row and column, then any warning, and the
    targets still marked draft."""
    lang = lang or default_language()
    drafts = catalogue.drafted_lines(data_dir or default_data_dir())
    if drafts:
        click.echo(draft_rows_text(drafts, lang), err=True)
    dataset = refusing(lambda: load_dataset(data_dir), lang)
    if dataset.warnings:
        click.echo(report(list(dataset.warnings), lang, WARNINGS_HEADING), err=True)
    counts = len(dataset.targets), len(dataset.observations), len(dataset.sources)
    click.echo("通过：{}项目标，{}条观测值，{}个来源".format(*counts) if lang == "zh" else
               "ok: {} targets, {} observations, {} sources".format(*counts))
    current = editions.latest(dataset.data_dir)
    if current is not None:  # what publishing these data would change on the site
        from .site import pipeline

        recorded = editions.load_editions(dataset.data_dir)[current.year]
        lines = pipeline.change_lines(recorded, editions.snapshot(pg.assess_district(dataset, current.data_as_of)), lang)
        heading = (f"与{current.year}年版相比，本数据将改变的已发布状态：{len(lines) or '无'}" if lang == "zh" else
                   f"published statuses this data moves against the {current.year} edition: {len(lines) or 'none'}")
        click.echo("\n".join([heading, *lines]))


@cli.command("excel-template")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@data_option
def excel_template(out: Path, data_dir: Path | None) -> None:
    """Write a workbook to fill: one sheet per data file, current rows, drop-down lists."""
    from .inputs import spreadsheet

    spreadsheet.write_template(data_dir or default_data_dir(), out)
    click.echo(f"template: {out}")


@cli.command("excel-import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_option
@lang_option
def excel_import(workbook: Path, data_dir: Path | None, lang: str | None) -> None:
    """Read a filled workbook, report each conversion, and write the CSV files if all of it validates."""
    from .inputs import spreadsheet

    lang = lang or default_language()
    result = spreadsheet.import_workbook(workbook, data_dir or default_data_dir())
    if result.conversions:
        click.echo(report(result.conversions, lang, spreadsheet.CONVERSIONS_HEADING))
    if result.problems:
        click.echo(report(result.problems, lang, PROBLEMS_HEADING), err=True)
    if result.warnings:
        click.echo(report(result.warnings, lang, WARNINGS_HEADING), err=True)
    if result.problems:
        click.echo("未写入任何文件。" if lang == "zh" else "nothing written.", err=True)
        sys.exit(1)
    click.echo(("已写入：" if lang == "zh" else "wrote: ") + ", ".join(p.name for p in result.written))


@cli.command()
@data_option
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@as_of_option
def preview(data_dir: Path | None, lang: str, data_as_of: datetime.datetime | None) -> None:
    """Every target's status, latest value, gap, pace, projection and interval, and what
    changed against the latest edition; in seconds, without touching book/."""
    from .pages.preview import preview_text

    dataset = refusing(lambda: load_dataset(data_dir))
    latest = editions.latest(dataset.data_dir)
    as_of = day(data_as_of) or (latest.data_as_of if latest else datetime.date.today())
    edition = editions.Edition(latest.year if latest else as_of.year, as_of)
    click.echo(preview_text(dataset, edition, lang))


@cli.command()
@data_option
@workers_option
@click.option("--force", is_flag=True, help="Execute every page, changed or not.")
def run(data_dir: Path | None, workers: int | None, force: bool) -> None:
    """Execute the current edition's pages whose inputs changed (papermill)."""
    from .site import pipeline

    report = refusing(lambda: pipeline.run(project(data_dir), None, workers, force))
    click.echo(f"executed {len(report.executed)} pages, {len(report.unchanged)} unchanged")


@cli.command()
@data_option
@click.option("--draft", is_flag=True, help="Mark every page as a draft, not published.")
def build(data_dir: Path | None, draft: bool) -> None:
    """Build the HTML site from the executed notebooks (refuses stale ones; warnings are errors)."""
    from .site import pipeline

    html = refusing(lambda: pipeline.build(project(data_dir), draft=draft))
    click.echo(f"{'draft ' if draft else ''}site: {html / 'index.html'}")


@cli.command()
@data_option
@click.option("--edition", type=int, default=None,
              help="Edition year: the latest recorded edition (default) or the next year.")
@as_of_option
@click.option("--replace", is_flag=True, help="Replace an earlier edition's record (asked explicitly).")
@click.option("--draft", is_flag=True, help="Build into _build/html marked as a draft; record and release nothing.")
@workers_option
def publish(data_dir: Path | None, edition: int | None, data_as_of: datetime.datetime | None, replace: bool,
            draft: bool, workers: int | None) -> None:
    """Run, build and check; replace _build/site, record the edition and release it, only if everything passed."""
    from .site import pipeline

    refusing(lambda: pipeline.publish(project(data_dir), edition, day(data_as_of), workers, replace=replace,
                                      draft=draft))
    click.echo("commit book/, data/ and _toc.yml" if not draft else
               "a draft: look it over, then publish without --draft")


@cli.command()
@data_option
@click.pass_context
def site(ctx: click.Context, data_dir: Path | None) -> None:
    """Validate, run and build the current edition (the README's site command)."""
    ctx.invoke(run, data_dir=data_dir, workers=None, force=False)
    ctx.invoke(build, data_dir=data_dir, draft=False)


if __name__ == "__main__":
    cli()
