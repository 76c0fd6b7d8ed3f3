"""Command line for analysts: python -m analysis {validate, run, build, site}."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import pipeline
from .dataset import load_dataset
from .validation import DataValidationError


@click.group()
def cli() -> None:
    """Putuo Carbon Peak Monitor: check data, execute the chapters, build the site."""


data_option = click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                           help="Data folder (default: the repository's data/ or $PCM_DATA_DIR).")
edition_option = click.option("--edition", type=int, default=2026, show_default=True, help="Edition year.")


def validated(data_dir: Path | None):
    try:
        return load_dataset(data_dir)
    except DataValidationError as err:
        click.echo(str(err), err=True)
        sys.exit(1)


@cli.command()
@data_option
def validate(data_dir: Path | None) -> None:
    """Check every data file; list each problem with file, row and column."""
    dataset = validated(data_dir)
    click.echo(f"ok: {len(dataset.targets)} targets, {len(dataset.observations)} observations, "
               f"{len(dataset.sources)} sources")


@cli.command()
@data_option
@edition_option
@click.option("--jobs", type=int, default=2, show_default=True, help="Pages executed in parallel.")
def run(data_dir: Path | None, edition: int, jobs: int) -> None:
    """Execute every chapter and page with papermill (after validating the data)."""
    validated(data_dir)
    for path in pipeline.run_all(data_dir, edition, jobs):
        click.echo(f"executed {path.relative_to(pipeline.REPO)}")


@cli.command()
def build() -> None:
    """Build the HTML site from the executed notebooks (warnings are errors)."""
    pipeline.write_vega_bundle()
    pipeline.build_html()
    click.echo(f"site: {pipeline.BUILD / 'html' / 'index.html'}")


@cli.command()
@data_option
@edition_option
@click.pass_context
def site(ctx: click.Context, data_dir: Path | None, edition: int) -> None:
    """Everything: validate, run, build."""
    ctx.invoke(run, data_dir=data_dir, edition=edition, jobs=2)
    ctx.invoke(build)


if __name__ == "__main__":
    cli()
