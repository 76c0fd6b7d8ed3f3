"""Command line for analysts: python -m analysis {validate, excel-template, excel-import, preview, run, build,
publish, site}.

The current edition is the latest record in data/editions/; `publish --edition N` makes
the next one. Every refusal says why and what to type.
"""

from __future__ import annotations

import datetime
import logging
import sys
from pathlib import Path

import click

from .inputs import spreadsheet
from .inputs.dataset import default_data_dir, load_dataset
from .inputs.messages import LANGUAGES, default_language
from .inputs.validation import PROBLEMS_HEADING, WARNINGS_HEADING, DataValidationError, report
from .assess import editions, progress as pg
from .site import pipeline
from .site.project import Project

REFUSALS = (DataValidationError, editions.EditionError, pipeline.StalePagesError, pipeline.BuildError,
            pipeline.SiteCheckError, pipeline.NoChannelError)


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
    except REFUSALS as err:
        click.echo(str(err), err=True)
        sys.exit(1)


@cli.command()
@data_option
@lang_option
def validate(data_dir: Path | None, lang: str | None) -> None:
    """Check every data file; list each problem with file, row and column, then any warning."""
    lang = lang or default_language()
    dataset = refusing(lambda: load_dataset(data_dir), lang)
    if dataset.warnings:
        click.echo(report(list(dataset.warnings), lang, WARNINGS_HEADING), err=True)
    counts = len(dataset.targets), len(dataset.observations), len(dataset.sources)
    click.echo("通过：{}项目标，{}条观测值，{}个来源".format(*counts) if lang == "zh" else
               "ok: {} targets, {} observations, {} sources".format(*counts))
    current = editions.latest(dataset.data_dir)
    if current is not None:  # what publishing these data would change on the site
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
    spreadsheet.write_template(data_dir or default_data_dir(), out)
    click.echo(f"template: {out}")


@cli.command("excel-import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_option
@lang_option
def excel_import(workbook: Path, data_dir: Path | None, lang: str | None) -> None:
    """Read a filled workbook, report each conversion, and write the CSV files if all of it validates."""
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
    report = refusing(lambda: pipeline.run(project(data_dir), None, workers, force))
    click.echo(f"executed {len(report.executed)} pages, {len(report.unchanged)} unchanged")


@cli.command()
@data_option
@click.option("--draft", is_flag=True, help="Mark every page as a draft, not published.")
def build(data_dir: Path | None, draft: bool) -> None:
    """Build the HTML site from the executed notebooks (refuses stale ones; warnings are errors)."""
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
