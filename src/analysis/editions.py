"""Editions: each year's assessment kept as data, and what changed between two editions.

An edition file (data/editions/<year>.json) holds its data-as-of date (the date the
statuses are judged at: deadlines before it have passed) and, per target: status, reason,
latest year, value and where that value comes from (observed, chained, summed,
estimated), gap, ratio and the number of observations. It is written by
`python -m analysis publish --edition YEAR` and read back to compare editions.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from . import progress as pg

EDITIONS_DIR = "editions"
SNAPSHOT_COLUMNS = ["target_id", "action", "status", "reason", "latest_year", "latest_value", "latest_origin", "gap",
                    "ratio", "n_observed"]
OFF_TRACK = {pg.LIMITED_PROGRESS, pg.MOVING_AWAY, pg.MISSED}
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
    return assessment[SNAPSHOT_COLUMNS].reset_index(drop=True)


def to_json(edition: int, assessment: pd.DataFrame, data_as_of: date) -> str:
    """Deterministic JSON text of one edition (sorted keys, NaN as null)."""
    records = json.loads(snapshot(assessment).to_json(orient="records", double_precision=10))
    record = {"edition": edition, "data_as_of": data_as_of.isoformat(), "targets": records}
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_edition(data_dir: Path, edition: int, assessment: pd.DataFrame, data_as_of: date) -> Path:
    path = data_dir / EDITIONS_DIR / f"{edition}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_json(edition, assessment, data_as_of), encoding="utf-8")
    return path


def recorded_data_as_of(data_dir: Path, edition: int) -> date:
    """The data-as-of date in an edition's record."""
    content = json.loads((data_dir / EDITIONS_DIR / f"{edition}.json").read_text(encoding="utf-8"))
    return date.fromisoformat(content["data_as_of"])


def load_editions(data_dir: Path) -> dict[int, pd.DataFrame]:
    """Every stored edition, by year."""
    editions = {}
    for path in sorted((data_dir / EDITIONS_DIR).glob("*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        frame = pd.DataFrame(content["targets"]).reindex(columns=SNAPSHOT_COLUMNS)
        editions[int(content["edition"])] = frame
    return editions


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
    merged = previous[SNAPSHOT_COLUMNS].merge(current[SNAPSHOT_COLUMNS], on="target_id", how="outer",
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
