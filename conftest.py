"""Stale pages first: when the published notebooks are older than data/ or the code, say so
on the first line, in place of hundreds of lines of HTML diff.

Applies to nbval's items (book/zh, book/en with --nbval) and to the tests marked
`published_pages`. Pages are stale when book/.inputs.json does not record what
`pipeline.plan_jobs` gives for the current edition today (see `pipeline.stale_pages`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

STALE = pytest.StashKey[list]()


def checks_published_pages(item: pytest.Item) -> bool:
    return item.path.suffix == ".ipynb" or item.get_closest_marker("published_pages") is not None


def stale_pages() -> list:
    from analysis.site import pipeline

    try:
        return pipeline.stale_pages()
    except Exception:  # noqa: BLE001 - invalid data or no edition recorded: the tests say so themselves
        return []


def announce(config: pytest.Config, stale: list) -> None:
    from analysis.site import pipeline
    from analysis.site.project import REPO

    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and stale:
        reporter.write_line(pipeline.STALE_PAGES, red=True, bold=True)
        reporter.write_line(f"  {len(stale)} stale, e.g. {Path(stale[0]).relative_to(REPO)}")


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """With --nbval (the README's test command) the check runs before pytest's header."""
    if config.getoption("nbval", default=False) or config.getoption("nbval_lax", default=False):
        config.stash[STALE] = stale_pages()
        announce(config, config.stash[STALE])


def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    if STALE not in config.stash and any(checks_published_pages(item) for item in session.items):
        config.stash[STALE] = stale_pages()
        announce(config, config.stash[STALE])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """A failure of a published page while pages are stale: one line, not the diff."""
    report = yield
    if report.failed and checks_published_pages(item) and item.config.stash.get(STALE, None):
        report.longrepr = f"{item.nodeid}: differs from today's data and code (stale pages, see the first line)"
    return report


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    if exitstatus != 0 and config.stash.get(STALE, None):
        from analysis.site.pipeline import STALE_PAGES

        terminalreporter.write_line(STALE_PAGES, red=True, bold=True)
