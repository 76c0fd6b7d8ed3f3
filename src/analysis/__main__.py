"""Command line for analysts: python -m analysis {validate, excel-template, excel-import, run, build, publish, site}."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import editions, pipeline, spreadsheet
from .dataset import default_data_dir, load_dataset
from .messages import LANGUAGES, default_language
from .validation import PROBLEMS_HEADING, WARNINGS_HEADING, DataValidationError, report

DEFAULT_EDITION = 2026


@click.group()
def cli() -> None:
    """Putuo Carbon Peak Monitor: check data, execute the chapters, build and publish the site."""


data_option = click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                           help="Data folder (default: the repository's data/ or $PCM_DATA_DIR).")
edition_option = click.option("--edition", type=int, default=DEFAULT_EDITION, show_default=True,
                              help="Edition year.")
workers_option = click.option("--workers", type=int, default=None, help="Pages executed in parallel (default: cores).")


def project(data_dir: Path | None) -> pipeline.Project:
    return pipeline.Project(data_dir=data_dir or default_data_dir())


lang_option = click.option("--lang", type=click.Choice(LANGUAGES), default=None,
                           help="Language of the messages (default: from the locale, zh_* -> zh).")


def refusing_bad_data(action, language: str | None = None):
    """Run `action`; on invalid data print every problem and exit 1 (nothing published)."""
    try:
        return action()
    except DataValidationError as err:
        language = language or default_language()
        click.echo(err.report(language), err=True)
        if err.warnings:
            click.echo(report(err.warnings, language, WARNINGS_HEADING), err=True)
        sys.exit(1)


@cli.command()
@data_option
@lang_option
def validate(data_dir: Path | None, lang: str | None) -> None:
    """Check every data file; list each problem with file, row and column, then any warning."""
    lang = lang or default_language()
    dataset = refusing_bad_data(lambda: load_dataset(data_dir), lang)
    if dataset.warnings:
        click.echo(report(list(dataset.warnings), lang, WARNINGS_HEADING), err=True)
    click.echo(f"ok: {len(dataset.targets)} targets, {len(dataset.observations)} observations, "
               f"{len(dataset.sources)} sources")


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
@edition_option
@workers_option
@click.option("--force", is_flag=True, help="Execute every page, changed or not.")
def run(data_dir: Path | None, edition: int, workers: int | None, force: bool) -> None:
    """Execute the chapters and pages whose inputs changed (papermill)."""
    where = project(data_dir)
    as_of = editions.recorded_data_as_of(where.data_dir, edition)
    report = refusing_bad_data(lambda: pipeline.run(where, edition, as_of, workers, force))
    click.echo(f"executed {len(report.executed)} pages, {len(report.unchanged)} unchanged")


@cli.command()
@edition_option
def build(edition: int) -> None:
    """Build the HTML site from the executed notebooks (warnings are errors)."""
    where = pipeline.Project()
    html = pipeline.build(where, editions.recorded_data_as_of(where.data_dir, edition))
    click.echo(f"site: {html / 'index.html'}")


@cli.command()
@data_option
@edition_option
@workers_option
@click.option("--data-as-of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The date the data are as of (default: the edition's recorded date).")
def publish(data_dir: Path | None, edition: int, workers: int | None, data_as_of) -> None:
    """Run, build and check; replace _build/site only if everything passed."""
    where = project(data_dir)
    as_of = data_as_of.date() if data_as_of else editions.recorded_data_as_of(where.data_dir, edition)
    site = refusing_bad_data(lambda: pipeline.publish(where, edition, as_of, workers))
    click.echo(f"published edition {edition}: {site / 'index.html'}; release in {site.parent / 'release'}")


@cli.command()
@data_option
@edition_option
@click.pass_context
def site(ctx: click.Context, data_dir: Path | None, edition: int) -> None:
    """Validate, run and build (the README's site command)."""
    ctx.invoke(run, data_dir=data_dir, edition=edition, workers=None, force=False)
    ctx.invoke(build, edition=edition)


if __name__ == "__main__":
    cli()
