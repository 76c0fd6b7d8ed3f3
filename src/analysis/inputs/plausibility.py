"""Values that their unit makes impossible (refused) or unlikely (warned about).

The rules follow the unit and the indicator's name, never a particular indicator:

* refused: a share or rate (`percent`) outside 0-100; a flag other than 0 or 1; a negative
  quantity (kW, m2, count, vehicles) or yearly addition (`*_annual`); a running total
  (`*cumulative*`, `*_since_<year>`) that falls from one observed year to the next;
* warned: a value more than JUMP_FACTOR times (or less than 1/JUMP_FACTOR of) the series'
  previous one; a percent below 1 in a series whose other values are all above
  FRACTION_FLOOR (a fraction, 0.446, typed for a percent, 44.6), or the only value of its
  series while its indicator's target is above FRACTION_FLOOR.

Changes (`percent_vs_baseline`, `percent_yoy`) may be negative and are not tested for jumps.
"""

from __future__ import annotations

import pandas as pd

from .validation import Problem, problem

SHARE_UNITS = ("percent",)
SHARE_RANGE = (0, 100)
FLAG_UNITS = ("flag",)
FLAG_VALUES = (0, 1)
QUANTITY_UNITS = ("kW", "m2", "count", "vehicles")
ADDITION_SUFFIXES = ("_annual",)  # pv_capacity_added_annual, public_building_retrofit_area_annual, ...
RUNNING_TOTAL = r"cumulative|_since_(?:period_start|\d{4})$"  # nev_promoted_cumulative, pv_capacity_added_since_2021
CHANGE_UNITS = ("percent_vs_baseline", "percent_yoy")
JUMP_FACTOR = 10
FRACTION_CEILING, FRACTION_FLOOR = 1, 10
NEGATIVE_WHAT = {True: ("年度新增量", "a yearly addition"), False: ("数量", "a quantity")}


def number(value: float) -> str:
    return f"{value:g}"


def impossible(file: str, frame: pd.DataFrame, value_column: str, problems: list[Problem]) -> None:
    """Refuse each value its unit rules out (`frame` has indicator_id, unit and the value column)."""
    value, unit = frame[value_column], frame["unit"]
    addition = frame["indicator_id"].fillna("").str.endswith(ADDITION_SUFFIXES)
    rules = [
        (unit.isin(SHARE_UNITS) & ~value.between(*SHARE_RANGE), "percent_range"),
        (unit.isin(FLAG_UNITS) & ~value.isin(FLAG_VALUES), "flag_value"),
        ((unit.isin(QUANTITY_UNITS) | addition) & value.lt(0), "negative"),
    ]
    for mask, key in rules:
        for row in frame.index[mask & value.notna()]:
            problems.append(problem(file, row, value_column, key, value=number(frame.at[row, value_column]),
                                    unit=frame.at[row, "unit"], what=NEGATIVE_WHAT[bool(addition[row])]))


def series_steps(frame: pd.DataFrame, keys: list[str], value_column: str) -> pd.DataFrame:
    """Each observed value beside the previous one of its series (by year), where there is one."""
    ordered = frame[frame[value_column].notna() & frame["year"].notna()].sort_values([*keys, "year"])
    previous = ordered.groupby(keys, sort=False)[[value_column, "year"]].shift()
    return ordered.assign(previous=previous[value_column], previous_year=previous["year"]).dropna(subset=["previous"])


def running_totals_fall(frame: pd.DataFrame, problems: list[Problem]) -> None:
    steps = series_steps(frame[frame["indicator_id"].fillna("").str.contains(RUNNING_TOTAL)],
                         ["indicator_id", "geography"], "value")
    for r in steps[steps["value"] < steps["previous"]].itertuples():
        problems.append(problem("observations.csv", r.Index, "value", "falls", value=number(r.value),
                                previous=number(r.previous), previous_year=int(r.previous_year)))


def jumps(file: str, frame: pd.DataFrame, keys: list[str], value_column: str, warnings: list[Problem]) -> None:
    """Warn where a value is more than JUMP_FACTOR times the previous one, or less than its 1/JUMP_FACTOR."""
    steps = series_steps(frame, keys, value_column)
    ratio = steps[value_column] / steps["previous"]
    for r in steps[(ratio > JUMP_FACTOR) | ratio.between(0, 1 / JUMP_FACTOR, inclusive="neither")].itertuples():
        value = getattr(r, value_column)
        warnings.append(problem(file, r.Index, value_column, "jump" if value > r.previous else "drop", value=number(value),
                                previous=number(r.previous), previous_year=int(r.previous_year), factor=JUMP_FACTOR))


def fractions_for_percent(frame: pd.DataFrame, targets: pd.DataFrame | None, warnings: list[Problem]) -> None:
    """Warn on a percent below 1 where every other value of its series is above FRACTION_FLOOR or,
    for the only value of a series, where a target of its indicator is."""
    shares = frame[frame["unit"].isin(SHARE_UNITS) & frame["value"].notna()]
    target_values = (targets[targets["unit"].isin(SHARE_UNITS)].groupby("indicator_id")["target_value"].max()
                     if targets is not None else pd.Series(dtype=float))
    for (indicator, geography), series in shares.groupby(["indicator_id", "geography"]):
        for row, value in series["value"][series["value"].abs() < FRACTION_CEILING].items():
            others, target = series["value"].drop(row), target_values.get(indicator)
            if len(others) and others.gt(FRACTION_FLOOR).all():
                warnings.append(problem("observations.csv", row, "value", "fraction", value=number(value),
                                        floor=FRACTION_FLOOR, fixed=number(value * 100)))
            elif not len(others) and pd.notna(target) and target > FRACTION_FLOOR:
                warnings.append(problem("observations.csv", row, "value", "fraction_target", value=number(value),
                                        target=number(target), fixed=number(value * 100)))


def check_observations(observations: pd.DataFrame, problems: list[Problem], warnings: list[Problem],
                       targets: pd.DataFrame | None = None) -> None:
    """Refusals and warnings for observations.csv (rows named by the file's line numbers); `targets`
    (targets.csv, if read) tell a lone fraction typed for a percent."""
    impossible("observations.csv", observations, "value", problems)
    running_totals_fall(observations, problems)
    fractions: list[Problem] = []
    fractions_for_percent(observations, targets, fractions)
    levels = observations[~observations["unit"].isin(CHANGE_UNITS + FLAG_UNITS)].drop([w.row for w in fractions])
    jumps("observations.csv", levels, ["indicator_id", "geography"], "value", warnings)
    warnings += fractions  # a fraction for a percent is also a jump: said once, the likelier way


def check_targets(targets: pd.DataFrame, problems: list[Problem]) -> None:
    """A target's own numbers follow the same unit rules."""
    for column in ("baseline_value", "target_value", "target_value_high"):
        impossible("targets.csv", targets, column, problems)
