"""Editions: each year's assessment kept as data, and what changed between two editions.

An edition file (data/editions/<year>.json) holds the date the data are as of
(`data_as_of`: statuses are judged at that date, deadlines before it have passed) and, per
target: status, reason, latest year and value, where that value comes from (observed,
chained, summed, estimated), gap, ratio, the number of observations and what happened after the target year (since,
since_year). It is written by
`python -m analysis publish --edition YEAR` and read back to compare editions. The latest record is the current edition: no edition year
is written in code.

`choose(data_dir, year, data_as_of, replace, today)` decides which edition a publish makes
and refuses, saying why and what to type, anything else than republishing the latest
edition or making the next year's (or, asked explicitly, replacing an earlier one).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import progress as pg

EDITIONS_DIR = "editions"
SNAPSHOT_COLUMNS = ["target_id", "action", "status", "reason", "latest_year", "latest_value", "latest_origin", "gap",
                    "ratio", "n_observed", "since", "since_year"]  # records before `since` read it as missing
OFF_TRACK = {pg.LIMITED_PROGRESS, pg.MOVING_AWAY, pg.BELOW_TARGET, pg.MISSED}
DONE = {pg.MET, pg.REPORTED}

# Change categories, in the order the "what changed" page lists them.
NEW_TARGET = "new_target"
REMOVED_TARGET = "removed_target"
NEWLY_MET = "newly_met"
NEWLY_OFF_TRACK = "newly_off_track"
STATUS_CHANGED = "status_changed"
NEW_DATA = "new_data"
UNCHANGED = "unchanged"
CHANGES = [NEW_TARGET, REMOVED_TARGET, NEWLY_MET, NEWLY_OFF_TRACK, STATUS_CHANGED, NEW_DATA, UNCHANGED]


def snapshot(assessment: pd.DataFrame) -> pd.DataFrame:
    """The part of an assessment that an edition keeps, in catalogue order."""
    return assessment.reindex(columns=SNAPSHOT_COLUMNS).reset_index(drop=True)  # a column it lacks: missing


@dataclass(frozen=True)
class Edition:
    """An edition: its year and the date its data are as of."""

    year: int
    data_as_of: datetime.date

    def __str__(self) -> str:
        return f"edition {self.year} (data as of {self.data_as_of.isoformat()})"


class EditionError(ValueError):
    """A publish that would make no sensible edition; the message says why and what to type."""


def to_json(edition: Edition, assessment: pd.DataFrame) -> str:
    """Deterministic JSON text of one edition (sorted keys, NaN as null)."""
    records = json.loads(snapshot(assessment).to_json(orient="records", double_precision=10))
    return json.dumps({"edition": edition.year, "data_as_of": edition.data_as_of.isoformat(), "targets": records},
                      ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def record_path(data_dir: Path, year: int) -> Path:
    return Path(data_dir) / EDITIONS_DIR / f"{year}.json"


def write_edition(data_dir: Path, edition: Edition, assessment: pd.DataFrame) -> Path:
    path = record_path(data_dir, edition.year)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_json(edition, assessment), encoding="utf-8")
    return path


def read_records(data_dir: Path) -> dict[Edition, pd.DataFrame]:
    """Every stored edition with its snapshot, in year order."""
    found = {}
    for path in sorted((Path(data_dir) / EDITIONS_DIR).glob("*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        edition = Edition(int(content["edition"]), datetime.date.fromisoformat(content["data_as_of"]))
        found[edition] = pd.DataFrame(content["targets"]).reindex(columns=SNAPSHOT_COLUMNS)
    return dict(sorted(found.items(), key=lambda item: item[0].year))


def load_editions(data_dir: Path) -> dict[int, pd.DataFrame]:
    """Every stored edition's snapshot, by year."""
    return {edition.year: frame for edition, frame in read_records(data_dir).items()}


def latest(data_dir: Path) -> Edition | None:
    """The current edition: the latest record in data/editions/ (None before the first)."""
    recorded = list(read_records(data_dir))
    return recorded[-1] if recorded else None


def publish_command(year: int | str, data_as_of: str = "YYYY-MM-DD") -> str:
    return f"python -m analysis publish --edition {year} --data-as-of {data_as_of}"


def no_edition_yet(data_dir: Path, today: datetime.date | None = None) -> EditionError:
    today = today or datetime.date.today()
    return EditionError(f"no edition is recorded in {Path(data_dir) / EDITIONS_DIR} yet: to make the first, "
                        f"type: {publish_command(today.year, today.isoformat())}")


def choose(data_dir: Path, year: int | None = None, data_as_of: datetime.date | None = None,
           replace: bool = False, today: datetime.date | None = None) -> tuple[Edition, bool]:
    """The edition a publish makes, and whether it is new (its as-of date is then today's
    unless given). Accepted: the latest edition (its recorded date unless given), the next
    year, or (with `replace`) an earlier recorded edition. The as-of date may not be
    before the previous edition's, and its year is the edition's or the year before.
    Raises EditionError saying why and what to type."""
    today = today or datetime.date.today()
    recorded = {e.year: e for e in read_records(data_dir)}
    current = max(recorded) if recorded else None
    if year is None:
        if current is None:
            raise no_edition_yet(data_dir, today)
        year = current
    if current is not None and year not in (current, current + 1):
        if year < current and year in recorded and not replace:
            raise EditionError(
                f"edition {year} is already published and {current} is the latest: publishing {year} again would "
                f"replace its record. To republish the current edition type: python -m analysis publish; "
                f"for a new edition: {publish_command(current + 1)}; to replace {year}'s record on purpose: "
                f"python -m analysis publish --edition {year} --replace")
        if year not in recorded:
            raise EditionError(
                f"{year} is neither the latest edition ({current}) nor the next year ({current + 1}). "
                f"To republish the current edition type: python -m analysis publish; "
                f"for the next edition: {publish_command(current + 1)}")
    new = year not in recorded
    if data_as_of is None:
        data_as_of = today if new else recorded[year].data_as_of
    earlier = [recorded[y].data_as_of for y in recorded if y < year]
    if earlier and data_as_of < max(earlier):
        raise EditionError(f"data as of {data_as_of.isoformat()} is before the previous edition's "
                           f"({max(earlier).isoformat()}): give a later date, e.g. "
                           f"{publish_command(year, max(earlier).isoformat())}")
    if data_as_of.year not in (year, year - 1):
        raise EditionError(f"edition {year} with data as of {data_as_of.isoformat()}: the as-of date of an edition "
                           f"falls in its year or the year before; type e.g. {publish_command(year, f'{year}-MM-DD')}")
    return Edition(year, data_as_of), new


def status_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The rows of `diff(before, after)` whose status moved (targets added or removed included)."""
    changed = diff(before, after)
    return changed[changed["status_before"].ne(changed["status_now"])].reset_index(drop=True)


def previous_edition(editions: dict[int, pd.DataFrame], edition: int) -> int | None:
    """The latest stored edition before `edition`, if any."""
    earlier = [year for year in editions if year < edition]
    return max(earlier) if earlier else None


def diff(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """What changed per target between two snapshots.

    `change` is the first that applies of: new target, removed target, newly met (or
    reported), newly off track (limited progress, moving away or missed), another status
    change, new data (more observations or a later latest year), unchanged.
    """
    merged = snapshot(previous).merge(snapshot(current), on="target_id", how="outer",
                                              suffixes=("_before", "_now"), indicator=True)
    before, now = merged["status_before"], merged["status_now"]
    more_data = (merged["n_observed_now"].fillna(0) > merged["n_observed_before"].fillna(0)) | (
        merged["latest_year_now"].fillna(0) > merged["latest_year_before"].fillna(0))
    merged["change"] = np.select(
        [merged["_merge"].eq("right_only"), merged["_merge"].eq("left_only"),
         now.isin(DONE) & ~before.isin(DONE), now.isin(OFF_TRACK) & ~before.isin(OFF_TRACK), now.ne(before),
         more_data],
        [NEW_TARGET, REMOVED_TARGET, NEWLY_MET, NEWLY_OFF_TRACK, STATUS_CHANGED, NEW_DATA],
        default=UNCHANGED,
    )
    merged["action"] = merged["action_now"].fillna(merged["action_before"]).astype(int)
    columns = ["target_id", "action", "change", "status_before", "status_now", "latest_year_before",
               "latest_year_now", "n_observed_before", "n_observed_now"]
    order = merged["change"].map({c: i for i, c in enumerate(CHANGES)})
    return merged.assign(order=order).sort_values(["order", "action", "target_id"])[columns].reset_index(drop=True)
