"""Load the whole data directory, validated within and across files.

`load_dataset(data_dir)` returns a `Dataset` or raises `DataValidationError` listing every
problem (file, row, column, message). Cross-file rules: every observation's indicator is
declared and its unit is the indicator's; every target's indicator exists and the units
agree; every source_id exists; one value per (indicator, geography, year); departments are
named in departments.csv; each target's plan words appear in the plan. Values impossible for
their unit are refused and implausible ones warned about (`plausibility`).
Yearly indicators that step a cumulative one (`increment_of`) must share its unit (a yearly
% change steps a % change against a base year), and where a published cumulative figure
and the one its yearly figures give disagree beyond rounding, the data are refused.
Every observation's and activity row's geography is one plan.yaml declares (`plan`), and the
plan's text is the file plan.yaml names.
Emissions estimated from energy activity data join the observations as `co2_emissions`,
marked `origin` = estimated (published rows: observed). A published total and an estimate of
the same year are both kept: they are two scopes, two series (`assess.peak.one_scope`
chooses the one a test runs on).

`known_on(dataset, as_of)` is the dataset as an edition with that data-as-of date knew it:
figures for a later year, or whose source was published after it, are set aside
(`Dataset.set_aside`, with why), not an error.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np

import pandas as pd

from . import catalogue, checks as ck, cumulative as cm, draft, energy, logs, observations as obs, plausibility
from .plan import PLAN_CONFIG, Plan, load_plan
from .messages import suggestion
from .validation import DataValidationError, Problem, problem

DATA_DIR_ENV = "PCM_DATA_DIR"
ESTIMATE_NOTE = "estimated: energy activity x emission factors"
# Why a figure is set aside for an edition (Dataset.set_aside, column `why`).
LATER_YEAR = "later_year"  # a year after the data-as-of year
PUBLISHED_LATER = "published_later"  # its source is dated after the data-as-of date


def default_data_dir() -> Path:
    """$PCM_DATA_DIR, else the repository's data/ (independent of the working directory)."""
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured) if configured else Path(__file__).resolve().parents[3] / "data"


@dataclass(frozen=True)
class Dataset:
    data_dir: Path
    plan: Plan  # plan.yaml: the plan, its geographies, the site's name
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
    warnings: tuple[Problem, ...] = ()  # implausible but possible values: shown, never blocking
    checks: pd.DataFrame | None = None  # publications searched per indicator (checks.csv; empty if absent)
    as_of: date | None = None  # set by known_on: the data-as-of date the observations are cut at
    set_aside: pd.DataFrame | None = None  # observations left out by known_on, with `why`
    corrections: pd.DataFrame | None = None  # corrections of published editions (corrections.csv; empty if absent)
    method_changes: pd.DataFrame | None = None  # changes of assessment rules (method_changes.csv; empty if absent)
    context_targets: pd.DataFrame | None = None  # context areas' own targets (context_targets.csv; empty if absent)


def source_dates(sources: pd.DataFrame) -> pd.Series:
    """Each source's date (source_id -> Timestamp); a date of a month or a year only counts from
    its first day (2025-03 -> 1 March 2025, 2025 -> 1 January 2025); NaT where unreadable."""
    text = sources["date"].astype(str).str.strip().str.slice(0, 10)
    padded = text.where(text.str.len().eq(10), (text + "-01-01").str.slice(0, 10))
    return pd.Series(pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce").to_numpy(),
                     index=sources["source_id"].to_numpy())


def later_than(frame: pd.DataFrame, published: pd.Series, as_of: date) -> np.ndarray:
    """Why each row (with year and comma-joined source_id) is not known on `as_of`: LATER_YEAR,
    PUBLISHED_LATER (its latest source dated after `as_of`) or ''."""
    dated = frame["source_id"].fillna("").astype(str).str.split(",").explode().map(published)
    latest_source = dated.groupby(level=0).max().reindex(frame.index)
    return np.select([frame["year"].gt(as_of.year).fillna(False).to_numpy(bool),
                      latest_source.gt(pd.Timestamp(as_of)).fillna(False).to_numpy(bool)],
                     [LATER_YEAR, PUBLISHED_LATER], default="")


def known_on(dataset: Dataset, as_of: date) -> Dataset:
    """The dataset as an edition with data as of `as_of` knew it: observations (and energy
    activity) for a year after as_of's year, or whose source is dated after as_of, are set
    aside (`set_aside`, column `why`), kept out of every assessment, chart and download of
    that edition. The same date again returns the dataset as it is."""
    as_of = pd.Timestamp(as_of).date()
    if dataset.as_of == as_of:
        return dataset
    published = source_dates(dataset.sources)
    why = later_than(dataset.observations, published, as_of)
    activity_why = later_than(dataset.activity, published, as_of) if len(dataset.activity) else np.array([], dtype=str)
    left_out = dataset.observations[why != ""].assign(why=why[why != ""])
    earlier = dataset.set_aside if dataset.set_aside is not None else left_out.iloc[:0]
    return replace(dataset, observations=dataset.observations[why == ""], activity=dataset.activity[activity_why == ""],
                   as_of=as_of, set_aside=pd.concat([earlier, left_out]))


WORDS = {"indicator": ("指标", "indicator"), "source": ("来源", "source"), "target": ("目标", "target"),
         "department": ("部门", "department")}
DATA_FILES = ["indicators.csv", "targets.csv", "departments.csv", "context_links.csv", "task_reports.csv",
              "observations.csv", "sources.csv", "emission_factors.csv", energy.ACTIVITY_FILE, ck.CHECKS_FILE,
              "corrections.csv", "method_changes.csv",
              catalogue.CONTEXT_TARGETS_FILE]
READER_WORDS = "reader_words.yaml"  # the words a reader should find by search (the site's tests read it)
OTHER_FILES = ["README.md", "actions.yaml", PLAN_CONFIG, READER_WORDS]
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".et", ".numbers")


def rows_where(frame: pd.DataFrame, mask: pd.Series):
    return frame[mask.fillna(False).astype(bool)].itertuples()


def check_references(file: str, frame: pd.DataFrame, column: str, known: pd.Series, what: str,
                     problems: list[Problem]) -> None:
    """Every filled cell of `column` names a known id (a blank one is the schema's to report)."""
    for r in rows_where(frame, frame[column].notna() & ~frame[column].isin(known)):
        value = getattr(r, column)
        problems.append(problem(file, r.Index, column, "unknown", what=WORDS[what], value=value,
                                suggestion=suggestion(value, known.dropna())))


def check_geographies(file: str, frame: pd.DataFrame, known: list[str], problems: list[Problem]) -> None:
    """Every row's geography is one plan.yaml declares."""
    for r in rows_where(frame, frame["geography"].notna() & ~frame["geography"].isin(known)):
        problems.append(problem(file, r.Index, "geography", "unknown_geography", value=r.geography, allowed=known,
                                suggestion=suggestion(r.geography, pd.Series(known))))


def check_units(file: str, frame: pd.DataFrame, indicators: pd.DataFrame, problems: list[Problem]) -> None:
    expected = frame["indicator_id"].map(indicators.drop_duplicates("indicator_id").set_index("indicator_id")["unit"])
    mismatch = expected.notna() & frame["unit"].notna() & (frame["unit"] != expected)
    for row, unit, wanted in zip(frame.index[mismatch], frame["unit"][mismatch], expected[mismatch]):
        problems.append(problem(file, row, "unit", "unit_mismatch", unit=unit, wanted=wanted))


def check_duplicate_years(frame: pd.DataFrame, problems: list[Problem]) -> None:
    repeated = frame.duplicated(["indicator_id", "geography", "year"], keep="first")
    for r in rows_where(frame, repeated):
        problems.append(problem("observations.csv", r.Index, "year", "duplicate_year", indicator=r.indicator_id,
                                geography=r.geography, year=r.year))


def check_targets(targets: pd.DataFrame, indicators: pd.DataFrame | None, departments: pd.DataFrame | None,
                  plan_text: str, problems: list[Problem]) -> None:
    if indicators is not None:
        check_references("targets.csv", targets, "indicator_id", indicators["indicator_id"], "indicator", problems)
        check_units("targets.csv", targets, indicators, problems)
        by_id = indicators.drop_duplicates("indicator_id").set_index("indicator_id")["direction"]
        direction = targets["indicator_id"].map(by_id)
        for r in rows_where(targets, direction.notna() & targets["direction"].notna() & (targets["direction"] != direction)):
            problems.append(problem("targets.csv", r.Index, "direction", "direction_mismatch"))
    numeric = ~targets["kind"].eq("milestone")
    for r in rows_where(targets, numeric & targets["target_value"].isna() & targets["delegated"].eq(False)):
        problems.append(problem("targets.csv", r.Index, "target_value", "target_value_required"))
    if departments is not None:
        known = departments["name_zh"].dropna()
        for r, names in zip(targets.itertuples(), catalogue.split_departments(targets["departments"])):
            for name in names:
                if name not in set(known):
                    problems.append(problem("targets.csv", r.Index, "departments", "unknown", what=WORDS["department"],
                                            value=name, suggestion=suggestion(name, known)))
    if plan_text:
        plan = re.sub(r"\s+", "", plan_text)
        for r in rows_where(targets, targets["text_zh"].notna()):
            if re.sub(r"\s+", "", r.text_zh) not in plan:
                problems.append(problem("targets.csv", r.Index, "text_zh", "not_in_plan"))


def check_action_departments(actions: dict, departments: pd.DataFrame, problems: list[Problem]) -> None:
    known = departments["name_zh"].dropna()
    tasks = catalogue.tasks_frame(actions)
    for name in sorted(set(tasks["department"]) - set(known)):
        problems.append(problem("actions.yaml", None, "departments", "unknown", what=WORDS["department"], value=name,
                                suggestion=suggestion(name, known)))


def check_task_reports(reports: pd.DataFrame, actions: dict | None, problems: list[Problem]) -> None:
    if actions is None:
        return
    tasks = catalogue.tasks_frame(actions)
    known = set(zip(tasks["action"], tasks["task"]))
    for r in rows_where(reports, reports["action"].notna() & reports["task"].notna()):
        if (r.action, r.task) not in known:
            problems.append(problem("task_reports.csv", r.Index, "task", "no_task", action=r.action, task=r.task))


def check_folder(data_dir: Path, problems: list[Problem], warnings: list[Problem]) -> None:
    """A file in the data folder that the monitor does not read is never passed over in silence:
    a workbook is refused with the command that imports it, an unknown CSV with the file it
    may have meant, anything else (a backup, a lock file) is a warning."""
    for path in sorted(p for p in data_dir.iterdir() if p.is_file()):
        name = path.name
        if name in DATA_FILES or name in OTHER_FILES:
            continue
        if name.lower().endswith(WORKBOOK_SUFFIXES) and not name.startswith(("~$", ".~lock")):
            problems.append(problem(name, None, None, "workbook", name=name))
        elif name == draft.UNPLACED:
            warnings.append(problem(name, None, None, "unplaced"))
        elif name.lower().endswith(".csv"):
            problems.append(problem(name, None, None, "unknown_csv", suggestion=suggestion(name, DATA_FILES)))
        elif not name.startswith("."):
            warnings.append(problem(name, None, None, "stray_file"))


def check_measures(indicators: pd.DataFrame, observations: pd.DataFrame | None, context: list[str],
                   problems: list[Problem]) -> None:
    """An indicator's measure fits its unit (a share is in percent, a yearly addition in a
    quantity); a context figure of an indicator whose measure does not is refused too, by its row."""
    wrong = catalogue.measure_problems(indicators)
    for r in wrong.itertuples():
        fitting = [m for m, units in catalogue.MEASURE_UNITS.items() if r.unit in units]
        problems.append(problem("indicators.csv", r.Index, "measure", "measure_unit", measure=r.measure, unit=r.unit,
                                units=", ".join(catalogue.MEASURE_UNITS[r.measure]), measures=", ".join(fitting)))
    if observations is not None:
        by_id = wrong.set_index("indicator_id")
        for r in rows_where(observations, observations["indicator_id"].isin(by_id.index) & observations["geography"].isin(context)):
            problems.append(problem("observations.csv", r.Index, "indicator_id", "context_measure", indicator=r.indicator_id,
                                    measure=by_id.at[r.indicator_id, "measure"], unit=by_id.at[r.indicator_id, "unit"]))


def check_context_targets(frame: pd.DataFrame, indicator_ids: pd.Series | None, source_ids: pd.Series | None,
                          plan: Plan | None, problems: list[Problem]) -> None:
    """A context area's own target names a known indicator and source, and a context geography."""
    file = catalogue.CONTEXT_TARGETS_FILE
    if indicator_ids is not None:
        check_references(file, frame, "indicator_id", indicator_ids, "indicator", problems)
    if source_ids is not None:
        check_references(file, frame, "source_id", source_ids, "source", problems)
    if plan is not None:
        context = plan.context_ids
        for r in rows_where(frame, frame["geography"].notna() & ~frame["geography"].isin(context)):
            problems.append(problem(file, r.Index, "geography", "not_context", value=r.geography, allowed=context))


def check_increments(indicators: pd.DataFrame, targets: pd.DataFrame, problems: list[Problem]) -> None:
    """`increment_of` names a known indicator of the same unit (a yearly % change steps a %
    change against a base year); a running total counts from one period start."""
    unit = indicators.set_index("indicator_id")["unit"]
    linked = indicators[indicators["increment_of"].notna()]
    for r in linked.itertuples():
        if r.increment_of not in unit:
            problems.append(problem("indicators.csv", r.Index, "increment_of", "unknown", what=WORDS["indicator"],
                                    value=r.increment_of, suggestion=suggestion(r.increment_of, unit.index)))
        elif (r.unit, unit[r.increment_of]) not in {(unit[r.increment_of], unit[r.increment_of]),
                                                    ("percent_yoy", "percent_vs_baseline")}:
            problems.append(problem("indicators.csv", r.Index, "increment_of", "increment_unit", unit=r.unit,
                                    total=r.increment_of, total_unit=unit[r.increment_of]))
    cumulative = targets[targets["kind"].eq(cm.CUMULATIVE) & targets["indicator_id"].isin(linked["indicator_id"])]
    starts = cumulative.groupby("indicator_id")["period_start"].nunique()
    for r in rows_where(cumulative, cumulative["indicator_id"].map(starts).gt(1)):
        problems.append(problem("targets.csv", r.Index, "period_start", "running_total_starts", indicator=r.indicator_id))


def check_cumulative_agreement(targets: pd.DataFrame, indicators: pd.DataFrame, observations: pd.DataFrame,
                               problems: list[Problem]) -> None:
    """A published cumulative figure must agree, within rounding, with the one its yearly
    figures give (chained changes or summed additions), in every geography."""
    spec = cm.stepped_targets(targets, indicators)
    spec = spec[spec["level_indicator"].notna() & spec["step_indicator"].notna()]
    usable = observations.assign(row=observations.index).dropna(subset=["geography", "year", "value"])
    for geography, local in usable.groupby("geography"):
        for r in cm.disagreements(cm.stepped_levels(spec, local)).itertuples():
            link = spec.set_index("target_id").loc[r.target_id]
            problems.append(problem("observations.csv", r.row, "value", "chain_disagrees" if r.chain else "sum_disagrees",
                                    total=link.level_indicator, geography=geography, year=r.year, value=f"{r.shown:g}",
                                    steps=link.step_indicator, carried=f"{r.carried_shown:.2f}"))


def estimated_emissions(activity: pd.DataFrame, factors: pd.DataFrame) -> pd.DataFrame:
    """Emission estimates in the observations' long format."""
    estimate = energy.estimate_emissions(activity, factors)
    return pd.DataFrame({
        "indicator_id": energy.EMISSIONS_INDICATOR, "geography": estimate["geography"],
        "year": estimate["year"].astype("Int64"), "value": estimate["value"].astype(float),
        "unit": "tCO2_10k", "source_id": estimate["source_ids"], "note": ESTIMATE_NOTE, "origin": energy.ESTIMATED,
    })


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate every data file; raise DataValidationError listing all problems.

    Every check runs on whatever could be read, so one run names every problem of every
    file. Plausibility warnings (`Dataset.warnings`, `DataValidationError.warnings`) never
    block loading."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    plan = load_plan(data_dir, problems)
    indicators = catalogue.load_indicators(data_dir, problems)
    targets = catalogue.load_targets(data_dir, problems)
    departments = catalogue.load_departments(data_dir, problems)
    actions = catalogue.load_actions(data_dir, problems)
    context_links = catalogue.load_context_links(data_dir, problems)
    task_reports = catalogue.load_task_reports(data_dir, problems)
    observations = obs.load_observations(data_dir, problems)
    sources = obs.load_sources(data_dir, problems)
    factors = energy.load_factors(data_dir, problems)
    activity = energy.load_activity(data_dir, problems)
    checks = ck.load_checks(data_dir, problems)
    corrections = logs.load_corrections(data_dir, problems)
    method_changes = logs.load_method_changes(data_dir, problems)
    context_targets = catalogue.load_context_targets(data_dir, problems)
    plan_text = ""
    if plan is not None:
        plan_path = data_dir / plan.plan.text_file
        plan_text = plan_path.read_text(encoding="utf-8") if plan_path.is_file() else ""
        if not plan_text:
            problems.append(problem(plan.plan.text_file.as_posix(), None, None, "plan_missing"))
    if data_dir.is_dir():
        check_folder(data_dir, problems, warnings)

    source_ids = sources["source_id"] if sources is not None else None
    indicator_ids = indicators["indicator_id"] if indicators is not None else None
    if targets is not None:
        check_targets(targets, indicators, departments, plan_text, problems)
    if actions is not None and departments is not None:
        check_action_departments(actions, departments, problems)
    if context_links is not None:
        if indicator_ids is not None:
            check_references("context_links.csv", context_links, "indicator_id", indicator_ids, "indicator", problems)
        if targets is not None:
            check_references("context_links.csv", context_links, "target_id", targets["target_id"], "target", problems)
    if context_targets is not None:
        check_context_targets(context_targets, indicator_ids, source_ids, plan, problems)
    if indicators is not None:
        check_measures(indicators, observations, plan.context_ids if plan is not None else [], problems)
    if checks is not None and indicator_ids is not None:
        check_references(ck.CHECKS_FILE, checks, "indicator_id", indicator_ids, "indicator", problems)
    if corrections is not None and targets is not None:
        touched = corrections.assign(targets=corrections["targets"].str.split(";")).explode("targets")
        check_references(logs.CORRECTIONS_FILE, touched, "targets", targets["target_id"], "target", problems)
    if task_reports is not None:
        check_task_reports(task_reports, actions, problems)
    if plan is not None:
        for file, frame in [("observations.csv", observations), (energy.ACTIVITY_FILE, activity)]:
            if frame is not None:
                check_geographies(file, frame, plan.geography_ids, problems)
    if observations is not None:
        if indicators is not None:
            check_references("observations.csv", observations, "indicator_id", indicator_ids, "indicator", problems)
            check_units("observations.csv", observations, indicators, problems)
        check_duplicate_years(observations, problems)
    for file, frame in [("task_reports.csv", task_reports), ("observations.csv", observations),
                        ("emission_factors.csv", factors), (energy.ACTIVITY_FILE, activity)]:
        if frame is not None and source_ids is not None:
            check_references(file, frame, "source_id", source_ids, "source", problems)
    if activity is not None and factors is not None:
        energy.check_activity(activity, factors, problems)
    if observations is not None:
        plausibility.check_observations(observations, problems, warnings, targets)
    if targets is not None:
        plausibility.check_targets(targets, problems)
    if activity is not None:
        plausibility.jumps(energy.ACTIVITY_FILE, activity, ["geography", "fuel_id"], "amount", warnings)
    if indicators is not None and targets is not None:
        check_increments(indicators, targets, problems)
        if observations is not None:
            check_cumulative_agreement(targets, indicators, observations, problems)
    if problems:
        raise DataValidationError(problems, warnings)

    # A published emissions total and an estimate of the same year are two scopes: both kept.
    published = observations.reset_index(drop=True).assign(origin=cm.OBSERVED)
    combined = pd.concat([published, estimated_emissions(activity, factors)], ignore_index=True)
    return Dataset(data_dir, plan, indicators, targets, departments, actions, context_links, task_reports, combined, sources,
                   factors, activity, plan_text, tuple(warnings), checks, context_targets=context_targets, corrections=corrections,
                   method_changes=method_changes)
