"""The data behind the charts and the whole assessment, as files anyone can download.

`write_downloads(dataset, directory)` writes into `directory` (the book's
`_assets/downloads/`, which Sphinx copies to `_static/downloads/`; generated at build
time, never committed):

* `target-<target_id>.csv` for every target with at least one observation: exactly the
  points its chart draws (`charts.chart_points`: a cumulative target's district series is
  the running total), every area, each point with its source. Columns: TARGET_COLUMNS.
* `assessment.csv` and `assessment.json`: `progress.assess` over every target on the
  district's data, one row (record) per target in catalogue order, every column.
* the data as entered: `targets.csv`, `indicators.csv`, `observations.csv`, `sources.csv`
  and `checks.csv`, their text copied unchanged from data/ with a byte-order mark put in
  front (data/ itself has none; observations.csv without the figures the edition sets
  aside, `known_on`), and
  `datapackage.json`, the Frictionless Data Package describing all six tables
  (`datapackage`).

Deterministic: rows in a fixed order, numbers written the same way every time (whole
numbers without a decimal point, others to 12 significant digits, missing values as an
empty cell or JSON null), "\\n" line ends. Every CSV file is UTF-8 with a byte-order mark so
that Excel and WPS (on a Chinese Windows PC too) open the Chinese columns correctly; the JSON
files are plain UTF-8.
Files of an earlier run that this run does not write again (a target that lost its data)
are removed.
"""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd

from . import charts, datapackage
from .labels import since_text
from ..inputs.checks import CHECKS_FILE, CHECKS_SCHEMA
from ..inputs.dataset import Dataset, known_on
from ..assess import progress as pg

TARGET_COLUMNS = ["target_id", "geography", "area_en", "area_zh", "year", "value", "origin", "unit", "source_id",
                  "title", "publisher", "date", "url", "note"]
ASSESSMENT_CSV = "assessment.csv"
ASSESSMENT_JSON = "assessment.json"
OBSERVATIONS_FILE = "observations.csv"
CSV_ENCODING = "utf-8-sig"  # UTF-8; the BOM tells spreadsheet programs so
SIGNIFICANT_DIGITS = 12


def target_file(target_id: str) -> str:
    """File name of one target's chart data: 'target-T1-1.csv'."""
    return f"target-{target_id}.csv"


def image_file(target_id: str, language: str, suffix: str) -> str:
    """File name of one target's chart as an image in a language: 'target-T1-1-zh.svg' (suffix svg or png)."""
    return f"target-{target_id}-{language}.{suffix}"


def target_points(assessed: pd.Series, dataset: Dataset) -> pd.DataFrame:
    """One target's chart points with the area named in both languages (TARGET_COLUMNS)."""
    points = charts.chart_points(assessed, dataset.observations, dataset.sources, dataset.plan, "en", dataset.indicators)
    points = points.rename(columns={"area": "area_en"})
    points["area_zh"] = points["geography"].map(lambda g: dataset.plan.geography_name(g, "zh"))
    points.insert(0, "target_id", assessed["target_id"])
    return points[TARGET_COLUMNS].reset_index(drop=True)


def plain(value):
    """A cell as a JSON-ready Python value: None for missing, int for whole numbers,
    floats rounded to SIGNIFICANT_DIGITS, booleans and strings as they are."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        number = float(value)
        if math.isnan(number):
            return None
        if math.isinf(number):
            raise ValueError(f"infinite value {value!r} cannot be published")
        if number.is_integer() and abs(number) < 1e15:
            return int(number)
        return float(f"{number:.{SIGNIFICANT_DIGITS}g}")
    return str(value)


def cell_text(value) -> str:
    """A cell as CSV text: '' for missing, 'true'/'false', '22000', '0.123456789012'."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.{SIGNIFICANT_DIGITS}g}"
    return str(value)


def records(frame: pd.DataFrame) -> list[dict]:
    """The rows of a frame as JSON-ready dicts, keys in column order."""
    columns = [str(c) for c in frame.columns]
    return [dict(zip(columns, (plain(v) for v in row))) for row in frame.itertuples(index=False, name=None)]


def csv_text(frame: pd.DataFrame) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([cell_text(v) for v in row])
    return out.getvalue()


def json_text(frame: pd.DataFrame) -> str:
    return json.dumps(records(frame), ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _write(path: Path, text: str, encoding: str) -> Path:
    # newline="" keeps the "\n" line ends on every platform
    with path.open("w", encoding=encoding, newline="") as f:
        f.write(text)
    return path


def copy_data_file(dataset: Dataset, name: str, directory: Path) -> Path:
    """A data file as entered, as UTF-8 with a byte-order mark like every CSV download (an
    absent checks.csv as its header alone); observations.csv without the rows the edition set
    aside (`known_on`), if any."""
    source, path = dataset.data_dir / name, directory / name
    if name == CHECKS_FILE and not source.exists():
        return _write(path, ",".join(CHECKS_SCHEMA.columns) + "\n", CSV_ENCODING)
    set_aside = dataset.set_aside.index[dataset.set_aside["origin"].ne("estimated")] if dataset.set_aside is not None \
        else pd.Index([])
    if name == OBSERVATIONS_FILE and len(set_aside):
        entered = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        return _write(path, entered.drop(index=set_aside).to_csv(index=False, lineterminator="\n"), CSV_ENCODING)
    with source.open(encoding="utf-8-sig", newline="") as f:  # a BOM in data/ is accepted: never written twice
        return _write(path, f.read(), CSV_ENCODING)


def write_downloads(dataset: Dataset, directory: Path, as_of: date, edition: int | None = None,
                    created: date | None = None) -> list[Path]:
    """Write every download into `directory` (created if missing), the assessment as of the
    edition's data-as-of date (`created`: the data package's date, default that date); return the paths written, target files first (catalogue
    order), then assessment.csv and assessment.json, the data files and datapackage.json."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    dataset = known_on(dataset, as_of)  # figures after the data-as-of date are in no download
    assessed = pg.assess_district(dataset, as_of)
    assessed = assessed.assign(**{f"since_{language}": [since_text(r, language) for _, r in assessed.iterrows()]
                                  for language in ("zh", "en")})
    written = []
    for _, row in assessed.iterrows():
        points = target_points(row, dataset)
        if not points.empty:
            written.append(_write(directory / target_file(row["target_id"]), csv_text(points), CSV_ENCODING))
    written.append(_write(directory / ASSESSMENT_CSV, csv_text(assessed), CSV_ENCODING))
    written.append(_write(directory / ASSESSMENT_JSON, json_text(assessed), "utf-8"))
    written += [copy_data_file(dataset, name, directory) for name in datapackage.DATA_COPIES]
    package = datapackage.descriptor(assessed, dataset.plan, edition or as_of.year, as_of.isoformat(),
                                     dataset.sources, created.isoformat() if created else None)
    written.append(_write(directory / datapackage.DESCRIPTOR, datapackage.descriptor_text(package), "utf-8"))
    keep = set(written)
    for stale in directory.glob(target_file("*")):
        if stale not in keep:
            stale.unlink()
    return written
