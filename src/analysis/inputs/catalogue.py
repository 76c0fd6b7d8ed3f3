"""The plan's catalogue: indicators, quantified targets, actions with their tasks, departments.

Files (in the data directory): indicators.csv, targets.csv, actions.yaml, departments.csv.
Target values are in the indicator's unit; `direction` says which way is good.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import yaml

from .validation import SNAKE_ID, Problem, problem, read_table, year_column

UNITS = ["percent", "percent_vs_baseline", "percent_yoy", "kW", "m2", "count", "vehicles",
         "yuan_100m", "tCO2_10k", "flag"]
DIRECTIONS = ["increase", "decrease"]
QUANTITY_UNITS = ["kW", "m2", "count", "vehicles", "yuan_100m", "tCO2_10k"]
# What an indicator's figures are, and the units each kind of figure may be in.
MEASURE_UNITS = {
    "share": ["percent"],  # a share or rate in a year
    "level": QUANTITY_UNITS,  # a stock or total at the end of a year (NEVs on the road, parks, GDP)
    "yearly_addition": QUANTITY_UNITS,  # added in the year
    "running_total": QUANTITY_UNITS,  # added over a stated period (since 2021, 2018-2022, all years)
    "change_over_period": ["percent_vs_baseline"],  # change since a base year
    "yearly_change": ["percent_yoy"],  # change on the previous year
    "flag": ["flag"],  # done or not
}
MEASURES = list(MEASURE_UNITS)
KINDS = ["reduction_vs_baseline", "level_by_year", "cumulative_addition", "share_threshold", "milestone"]
COMPARATORS = [">=", ">", "<=", "<", "peak_before", "done"]

INDICATORS_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(str, pa.Check.str_matches(SNAKE_ID), unique=True),
        "name_zh": pa.Column(str),
        "name_en": pa.Column(str),
        "unit": pa.Column(str, pa.Check.isin(UNITS)),
        "direction": pa.Column(str, pa.Check.isin(DIRECTIONS)),
        "measure": pa.Column(str, pa.Check.isin(MEASURES)),
        "data_needed_zh": pa.Column(str, nullable=True),
        "data_needed_en": pa.Column(str, nullable=True),
        # a yearly indicator: the cumulative one it steps (see `cumulative`); else empty
        "increment_of": pa.Column(str, nullable=True),
    }
)

TARGETS_SCHEMA = pa.DataFrameSchema(
    {
        "target_id": pa.Column(str, pa.Check.str_matches(r"^T\d+-\d+$"), unique=True),
        "action": pa.Column("Int64", pa.Check.greater_than_or_equal_to(0)),
        "task": pa.Column("Int64", pa.Check.greater_than(0), nullable=True),
        "clause": pa.Column(str),
        "indicator_id": pa.Column(str),
        "metric_zh": pa.Column(str),
        "metric_en": pa.Column(str),
        "unit": pa.Column(str, pa.Check.isin(UNITS)),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "direction": pa.Column(str, pa.Check.isin(DIRECTIONS)),
        "comparator": pa.Column(str, pa.Check.isin(COMPARATORS)),
        "baseline_year": year_column(required=False),
        "baseline_value": pa.Column("float64", nullable=True),
        "period_start": year_column(required=False),
        "target_year": year_column(required=False),
        "target_value": pa.Column("float64", nullable=True),
        "target_value_high": pa.Column("float64", nullable=True),
        "delegated": pa.Column("boolean"),
        "text_zh": pa.Column(str),
        "text_en": pa.Column(str),
        "departments": pa.Column(str),
        "note_zh": pa.Column(str, nullable=True),
        "note_en": pa.Column(str, nullable=True),
    }
)

# A folder drafted from the plan's text (`draft-plan`) marks each candidate target `draft` in this column;
# the analyst clears the cell once the row is checked against the plan (and may then drop the column).
DRAFT_COLUMN, DRAFT_MARK = "draft", "draft"
DRAFT_TARGETS_SCHEMA = TARGETS_SCHEMA.add_columns(
    {DRAFT_COLUMN: pa.Column(str, pa.Check.isin([DRAFT_MARK]), nullable=True)})

DEPARTMENTS_SCHEMA = pa.DataFrameSchema(
    {"name_zh": pa.Column(str, unique=True), "name_en": pa.Column(str)}
)

# A related figure shown under a target, and why it is not the target's measure (one phrase each language).
CONTEXT_LINKS_SCHEMA = pa.DataFrameSchema(
    {"indicator_id": pa.Column(str), "target_id": pa.Column(str), "reason_zh": pa.Column(str), "reason_en": pa.Column(str)},
)

# A context area's own target for an indicator (a city's -14% beside the district's -13.5%): never an observation.
CONTEXT_TARGETS_FILE = "context_targets.csv"
CONTEXT_TARGETS_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(str),
        "geography": pa.Column(str),
        "comparator": pa.Column(str, pa.Check.isin([">=", ">", "<=", "<"])),
        "target_value": pa.Column("float64"),
        "target_year": year_column(),
        "source_id": pa.Column(str),
        "note_zh": pa.Column(str, nullable=True),
        "note_en": pa.Column(str, nullable=True),
    }
)

TASK_REPORTS_SCHEMA = pa.DataFrameSchema(
    {
        "action": pa.Column("Int64", pa.Check.greater_than(0)),
        "task": pa.Column("Int64", pa.Check.greater_than(0)),
        "year": year_column(),
        "summary_zh": pa.Column(str),
        "summary_en": pa.Column(str),
        "source_id": pa.Column(str),
    }
)

DEPARTMENT_SEPARATOR = "、"


def load_indicators(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    return read_table(data_dir / "indicators.csv", INDICATORS_SCHEMA, problems)


def header(path: Path) -> list[str]:
    """A CSV file's header cells ([] if it cannot be read: reading it properly says why)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            return [c.strip() for c in next(csv.reader(f), [])]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def load_targets(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """targets.csv; with a `draft` column when the folder was drafted from the plan's text."""
    path = data_dir / "targets.csv"
    schema = DRAFT_TARGETS_SCHEMA if DRAFT_COLUMN in header(path) else TARGETS_SCHEMA
    return read_table(path, schema, problems)


def drafted(targets: pd.DataFrame) -> pd.DataFrame:
    """The rows still marked draft (none when the file has no draft column)."""
    if DRAFT_COLUMN not in targets:
        return targets.iloc[0:0]
    return targets[targets[DRAFT_COLUMN].eq(DRAFT_MARK).fillna(False).astype(bool)]


def drafted_lines(data_dir: Path) -> list[tuple[int, str]]:
    """(line, target_id) of every row of targets.csv still marked draft, read on its own so that a draft
    folder that does not validate yet is listed too."""
    targets = load_targets(data_dir, [])
    if targets is None:
        return []
    rows = drafted(targets)
    return list(zip(rows.index, rows["target_id"].fillna("?")))


def load_departments(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    return read_table(data_dir / "departments.csv", DEPARTMENTS_SCHEMA, problems)


def load_context_links(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    return read_table(data_dir / "context_links.csv", CONTEXT_LINKS_SCHEMA, problems)


def load_context_targets(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """context_targets.csv; an empty frame when the file is absent."""
    path = data_dir / CONTEXT_TARGETS_FILE
    if not path.exists():
        return pd.DataFrame(columns=list(CONTEXT_TARGETS_SCHEMA.columns))
    return read_table(path, CONTEXT_TARGETS_SCHEMA, problems)


def measure_problems(indicators: pd.DataFrame) -> pd.DataFrame:
    """The indicators whose measure does not fit their unit (a share in kW): row index kept."""
    fits = [unit in MEASURE_UNITS.get(measure, [unit]) for measure, unit in zip(indicators["measure"], indicators["unit"])]
    return indicators[~pd.Series(fits, index=indicators.index) & indicators["unit"].isin(UNITS)]


def load_task_reports(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """Published progress reports on the plan's (mostly qualitative) numbered tasks."""
    return read_table(data_dir / "task_reports.csv", TASK_REPORTS_SCHEMA, problems)


def split_departments(departments: pd.Series) -> pd.Series:
    """'区发展改革委、区建管委' -> ['区发展改革委', '区建管委'] for each cell."""
    return departments.fillna("").str.split(DEPARTMENT_SEPARATOR).map(
        lambda names: [n.strip() for n in names if n.strip()]
    )


def load_actions(data_dir: Path, problems: list[Problem]) -> dict | None:
    """actions.yaml: `goals`, the `actions` (1, 2, ...) with their `tasks`, and `safeguards`."""
    path = data_dir / "actions.yaml"
    if not path.exists():
        problems.append(problem(path.name, None, None, "file_missing", folder=str(path.parent)))
        return None
    try:
        actions = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        problems.append(problem(path.name, None if line is None else line + 1, None, "yaml", error=str(err)))
        return None
    before = len(problems)
    if not isinstance(actions, dict) or not {"goals", "actions", "safeguards"} <= set(actions):
        problems.append(problem(path.name, None, None, "yaml_keys"))
        return None
    ids = [a.get("id") for a in actions["actions"]]
    if not ids or ids != list(range(1, len(ids) + 1)):
        problems.append(problem(path.name, None, "actions", "action_ids", ids=ids))
    for action in actions["actions"]:
        for key in ("numeral", "title_zh", "title_en", "purpose_zh", "purpose_en", "tasks"):
            if not action.get(key):
                problems.append(problem(path.name, None, f"actions[{action.get('id')}].{key}", "required"))
        for task in action.get("tasks") or []:
            where = f"actions[{action.get('id')}].tasks[{task.get('number')}]"
            for key in ("number", "title_zh", "title_en", "departments"):
                if not task.get(key):
                    problems.append(problem(path.name, None, f"{where}.{key}", "required"))
    return actions if len(problems) == before else None


def tasks_frame(actions: dict) -> pd.DataFrame:
    """One row per (action, task, department): who is responsible for what."""
    rows = [
        {"action": a["id"], "numeral": a["numeral"], "task": t["number"], "task_title_zh": t["title_zh"],
         "task_title_en": t["title_en"], "department": d}
        for a in actions["actions"] for t in a["tasks"] for d in t["departments"]
    ]
    return pd.DataFrame(rows)
