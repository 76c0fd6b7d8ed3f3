"""Load the whole data directory, validated within and across files.

`load_dataset(data_dir)` returns a `Dataset` or raises `DataValidationError` listing every
problem (file, row, column, message). Cross-file rules: every observation's indicator is
declared and its unit is the indicator's; every target's indicator exists and the units
agree; every source_id exists; one value per (indicator, geography, year); departments are
named in departments.csv; each target's plan words appear in the plan.
Emissions estimated from energy activity data join the observations as `co2_emissions`.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import catalogue, emissions, observations as obs, progress as pg
from .validation import DataValidationError, Problem

DATA_DIR_ENV = "PCM_DATA_DIR"
PLAN_FILE = Path("plan") / "putuo-carbon-peak-plan-2023.zh.txt"
ESTIMATE_NOTE = "estimated: energy activity x emission factors"


def default_data_dir() -> Path:
    """$PCM_DATA_DIR, else the repository's data/ (independent of the working directory)."""
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Dataset:
    data_dir: Path
    indicators: pd.DataFrame
    targets: pd.DataFrame
    departments: pd.DataFrame
    actions: dict
    context_links: pd.DataFrame
    task_reports: pd.DataFrame
    observations: pd.DataFrame  # published values plus estimated emissions
    sources: pd.DataFrame
    factors: pd.DataFrame
    activity: pd.DataFrame
    plan_text: str

    def assess_district(self, as_of: datetime.date) -> pd.DataFrame:
        """Every target assessed on the district's own observations (what the site publishes),
        for an edition whose data are as of `as_of` (passed on to progress.assess once its
        deadline rule takes the date; until then the date does not change the result)."""
        return pg.assess(self.targets, self.observations, obs.DISTRICT)


def rows_where(frame: pd.DataFrame, mask: pd.Series):
    return frame[mask].itertuples()


def check_references(file: str, frame: pd.DataFrame, column: str, known: pd.Series, what: str,
                     problems: list[Problem]) -> None:
    for r in rows_where(frame, ~frame[column].isin(known)):
        problems.append(Problem(file, r.Index, column, f"unknown {what} '{getattr(r, column)}'"))


def check_units(file: str, frame: pd.DataFrame, indicators: pd.DataFrame, problems: list[Problem]) -> None:
    expected = frame["indicator_id"].map(indicators.set_index("indicator_id")["unit"])
    mismatch = expected.notna() & (frame["unit"] != expected)
    for row, unit, wanted in zip(frame.index[mismatch], frame["unit"][mismatch], expected[mismatch]):
        problems.append(Problem(file, row, "unit", f"'{unit}' differs from the indicator's unit '{wanted}'"))


def check_duplicate_years(frame: pd.DataFrame, problems: list[Problem]) -> None:
    repeated = frame.duplicated(["indicator_id", "geography", "year"], keep="first")
    for r in rows_where(frame, repeated):
        problems.append(Problem("observations.csv", r.Index, "year",
                                f"{r.indicator_id} / {r.geography} has more than one value for {r.year}"))


def check_targets(targets: pd.DataFrame, indicators: pd.DataFrame, departments: pd.DataFrame, plan_text: str,
                  problems: list[Problem]) -> None:
    direction = targets["indicator_id"].map(indicators.set_index("indicator_id")["direction"])
    for r in rows_where(targets, direction.notna() & (targets["direction"] != direction)):
        problems.append(Problem("targets.csv", r.Index, "direction", "differs from the indicator's direction"))
    numeric = ~targets["kind"].eq("milestone")
    for r in rows_where(targets, numeric & targets["target_value"].isna() & ~targets["delegated"]):
        problems.append(Problem("targets.csv", r.Index, "target_value",
                                "a value is required unless the target is delegated to the city"))
    known = set(departments["name_zh"])
    for r, names in zip(targets.itertuples(), catalogue.split_departments(targets["departments"])):
        for name in names:
            if name not in known:
                problems.append(Problem("targets.csv", r.Index, "departments", f"unknown department '{name}'"))
    plan = re.sub(r"\s+", "", plan_text)
    for r in targets.itertuples():
        if re.sub(r"\s+", "", r.text_zh) not in plan:
            problems.append(Problem("targets.csv", r.Index, "text_zh", "these words are not in the plan's text"))


def check_action_departments(actions: dict, departments: pd.DataFrame, problems: list[Problem]) -> None:
    known = set(departments["name_zh"])
    tasks = catalogue.tasks_frame(actions)
    for name in sorted(set(tasks["department"]) - known):
        problems.append(Problem("actions.yaml", None, "departments", f"unknown department '{name}'"))


def check_task_reports(reports: pd.DataFrame, actions: dict, sources: pd.DataFrame, problems: list[Problem]) -> None:
    tasks = catalogue.tasks_frame(actions)
    known = set(zip(tasks["action"], tasks["task"]))
    for r in reports.itertuples():
        if (r.action, r.task) not in known:
            problems.append(Problem("task_reports.csv", r.Index, "task", f"the plan has no task {r.action}.{r.task}"))
    check_references("task_reports.csv", reports, "source_id", sources["source_id"], "source", problems)


def estimated_emissions(activity: pd.DataFrame, factors: pd.DataFrame) -> pd.DataFrame:
    """Emission estimates in the observations' long format."""
    estimate = emissions.estimate_emissions(activity, factors)
    return pd.DataFrame({
        "indicator_id": emissions.EMISSIONS_INDICATOR, "geography": estimate["geography"],
        "year": estimate["year"].astype("Int64"), "value": estimate["value"].astype(float),
        "unit": "tCO2_10k", "source_id": estimate["source_ids"], "note": ESTIMATE_NOTE,
    })


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate every data file; raise DataValidationError listing all problems."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    problems: list[Problem] = []
    indicators = catalogue.load_indicators(data_dir, problems)
    targets = catalogue.load_targets(data_dir, problems)
    departments = catalogue.load_departments(data_dir, problems)
    actions = catalogue.load_actions(data_dir, problems)
    context_links = catalogue.load_context_links(data_dir, problems)
    task_reports = catalogue.load_task_reports(data_dir, problems)
    observations = obs.load_observations(data_dir, problems)
    sources = obs.load_sources(data_dir, problems)
    factors = emissions.load_factors(data_dir, problems)
    activity = emissions.load_activity(data_dir, problems)
    plan_path = data_dir / PLAN_FILE
    plan_text = plan_path.read_text(encoding="utf-8") if plan_path.exists() else ""
    if not plan_text:
        problems.append(Problem(str(PLAN_FILE), None, None, "the plan's text is missing"))
    if problems:
        raise DataValidationError(problems)

    indicator_ids = indicators["indicator_id"]
    check_references("targets.csv", targets, "indicator_id", indicator_ids, "indicator", problems)
    check_units("targets.csv", targets, indicators, problems)
    check_targets(targets, indicators, departments, plan_text, problems)
    check_action_departments(actions, departments, problems)
    check_references("context_links.csv", context_links, "indicator_id", indicator_ids, "indicator", problems)
    check_references("context_links.csv", context_links, "target_id", targets["target_id"], "target", problems)
    check_task_reports(task_reports, actions, sources, problems)
    check_references("observations.csv", observations, "indicator_id", indicator_ids, "indicator", problems)
    check_units("observations.csv", observations, indicators, problems)
    check_duplicate_years(observations, problems)
    check_references("observations.csv", observations, "source_id", sources["source_id"], "source", problems)
    check_references("emission_factors.csv", factors, "source_id", sources["source_id"], "source", problems)
    check_references(emissions.ACTIVITY_FILE, activity, "source_id", sources["source_id"], "source", problems)
    emissions.check_activity(activity, factors, problems)
    if problems:
        raise DataValidationError(problems)

    # A published emissions figure takes precedence over an estimate for the same year.
    combined = pd.concat([observations.reset_index(drop=True), estimated_emissions(activity, factors)],
                         ignore_index=True).drop_duplicates(["indicator_id", "geography", "year"], keep="first")
    return Dataset(data_dir, indicators, targets, departments, actions, context_links, task_reports, combined, sources, factors, activity,
                   plan_text)
