"""Command line for analysts: python -m analysis {validate, run, build, publish, site}."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import editions, pipeline
from .dataset import default_data_dir, load_dataset
from .validation import DataValidationError

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


def refusing_bad_data(action):
    """Run `action`; on invalid data print every problem and exit 1 (nothing published)."""
    try:
        return action()
    except DataValidationError as err:
        click.echo(str(err), err=True)
        sys.exit(1)


@cli.command()
@data_option
def validate(data_dir: Path | None) -> None:
    """Check every data file; list each problem with file, row and column."""
    dataset = refusing_bad_data(lambda: load_dataset(data_dir))
    click.echo(f"ok: {len(dataset.targets)} targets, {len(dataset.observations)} observations, "
               f"{len(dataset.sources)} sources")


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
