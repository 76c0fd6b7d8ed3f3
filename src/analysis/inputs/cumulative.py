"""Cumulative series built from the yearly figures an analyst actually holds.

Two kinds of target count from a base:

* a cumulative addition ("22,000 kW of PV added in 2021-2025"): its level is the running
  total since the period start, 0 the year before. The yearly additions sum to it; a
  published running total is exact by itself, whatever is known of earlier years.
* a change against a base year ("energy intensity -13.5% against 2020"): its level is an
  index, base year = 100. Statistical bulletins publish the change on the previous year
  (单位增加值能耗下降x%); yearly changes are chained, never summed:
  index(t) = index(t-1) x (1 + r(t) / 100).

`increment_of` in indicators.csv links a yearly indicator to the cumulative indicator it
steps (energy_intensity_annual_change -> energy_intensity; pv_capacity_added_annual ->
pv_capacity_added_total). For each such target, `stepped_levels` lays out every year from
the base to the last year with data (a cumulative addition stops at its target year) and
fills the level where it is known: observed, or carried from the last known level by the
yearly steps. A year whose step is missing leaves every later level unknown until the
next observed level. Vectorised over targets: all years of all targets at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CUMULATIVE = "cumulative_addition"
REDUCTION = "reduction_vs_baseline"
INDEX_BASE = 100.0

# Where a level comes from.
BASE = "base"  # the plan's base point (0 added, or index 100)
OBSERVED = "observed"
SUMMED = "summed"  # running total from yearly additions
CHAINED = "chained"  # change since the base year from yearly changes

# Two figures of the same year "agree" within rounding: a chained change within
# CHAIN_TOLERANCE percentage points of the published one; a summed running total within
# SUM_TOLERANCE_SHARE of it (at least half a unit).
CHAIN_TOLERANCE = 0.15
SUM_TOLERANCE_SHARE = 0.01


def stepped_targets(targets: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Per target with a base (cumulative additions; changes against a stated base year):
    its level indicator, its yearly-step indicator (either may be absent), base year and
    level, the last year that counts, and whether steps chain (multiply) or sum."""
    increment_of = indicators.set_index("indicator_id")["increment_of"].dropna()
    step_of_level = pd.Series(increment_of.index, index=increment_of.to_numpy())
    step_of_level = step_of_level[~step_of_level.index.duplicated()]
    cumulative = targets["kind"].eq(CUMULATIVE)
    stepped = targets[cumulative | (targets["kind"].eq(REDUCTION) & targets["baseline_year"].notna())]
    cumulative = stepped["kind"].eq(CUMULATIVE)
    return pd.DataFrame({
        "target_id": stepped["target_id"],
        "level_indicator": stepped["indicator_id"].map(increment_of).where(cumulative, stepped["indicator_id"]).astype(object),
        "step_indicator": stepped["indicator_id"].where(cumulative, stepped["indicator_id"].map(step_of_level)).astype(object),
        "base_year": (stepped["period_start"] - 1).where(cumulative, stepped["baseline_year"]).astype("Int64"),
        "base_level": np.where(cumulative, 0.0, INDEX_BASE),
        "last_year": stepped["target_year"].where(cumulative).astype("Float64"),
        "chain": ~cumulative.to_numpy(),
    }).reset_index(drop=True)


def to_level(values: pd.Series, chain: pd.Series) -> pd.Series:
    """A published figure on the level scale: a % change since the base -> index."""
    return values + np.where(chain, INDEX_BASE, 0.0)


def stepped_levels(spec: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Every year of every target in `spec` (from `stepped_targets`), base year first.

    `observations`: indicator_id, year, value (one geography; a `row` column, if present,
    is carried for messages). Columns returned: target_id, year, level (NaN where
    unknown), origin (BASE, OBSERVED, SUMMED, CHAINED; "" where unknown), observed_level,
    step (the published yearly figure, NaN where none), carried (the level the steps give
    for a year whose level is also observed, NaN otherwise: for the agreement check),
    lower_bound (sum mode: the last known total plus the additions known since; a floor,
    as additions are never negative), row (of the observed level), chain.
    """
    obs = observations[["indicator_id", "year", "value"]].assign(
        row=observations["row"] if "row" in observations else pd.NA)
    obs = obs.astype({"year": "int64", "value": "float64"})
    levels = spec.merge(obs, left_on="level_indicator", right_on="indicator_id")
    steps = spec.merge(obs, left_on="step_indicator", right_on="indicator_id")
    data = pd.concat([levels, steps], ignore_index=True)
    data = data[(data["year"] > data["base_year"]) & ~(data["year"] > data["last_year"]).fillna(False).astype(bool)]
    end = data.groupby("target_id", sort=False)["year"].max()
    sized = spec.assign(end=spec["target_id"].map(end).fillna(spec["base_year"].astype("float64")))
    sized = sized.dropna(subset=["end"])
    length = (sized["end"] - sized["base_year"] + 1).astype(int).to_numpy()
    grid = sized.loc[sized.index.repeat(length), ["target_id", "base_year", "base_level", "chain"]]
    grid["year"] = (grid["base_year"] + np.arange(len(grid)) - np.repeat(np.cumsum(length) - length, length)).astype("int64")
    key = ["target_id", "year"]
    grid = (grid.reset_index(drop=True)
            .merge(levels[key + ["value", "row"]].rename(columns={"value": "observed_level"}), on=key, how="left")
            .merge(steps[key + ["value"]].rename(columns={"value": "step"}), on=key, how="left"))
    grid["observed_level"] = to_level(grid["observed_level"], grid["chain"])

    chain = grid["chain"].to_numpy(bool)
    is_base = grid["year"].eq(grid["base_year"]).to_numpy()
    anchor_level = np.where(is_base, grid["base_level"], grid["observed_level"])
    anchor = ~np.isnan(anchor_level)
    with np.errstate(invalid="ignore", divide="ignore"):
        # chained in logs, so that one running sum serves both modes
        increment = pd.Series(np.where(chain, np.log1p(grid["step"] / 100), grid["step"]))
    # a target's years are contiguous and start with its base (an anchor): a running count
    # of anchors numbers the segments of all targets at once
    segment_key = np.cumsum(anchor)
    start = pd.Series(anchor_level).where(anchor).groupby(segment_key).transform("first")
    moves = increment.where(~anchor, 0.0)
    gaps = moves.isna().groupby(segment_key).cumsum()
    moved = moves.fillna(0.0).groupby(segment_key).cumsum()  # a missing step counted as none

    def step_from(level: pd.Series, by: pd.Series) -> pd.Series:
        with np.errstate(over="ignore"):  # exp of a (summed) addition, discarded by the mode
            return pd.Series(np.where(chain, level * np.exp(by), level + by))

    floor = step_from(start, moved)
    value = floor.where(gaps.eq(0))
    carried = step_from(value.shift(1), increment).where(anchor & ~is_base)
    derived = np.where(chain, CHAINED, SUMMED)
    grid["level"] = np.where(anchor, anchor_level, value)
    grid["origin"] = np.select([is_base, anchor, value.notna()], [BASE, OBSERVED, derived], default="")
    grid["carried"] = carried
    grid["lower_bound"] = np.where(chain, np.nan, floor)
    return grid[["target_id", "year", "level", "origin", "observed_level", "step", "carried", "lower_bound", "row",
                 "chain"]]


def disagreements(levels: pd.DataFrame) -> pd.DataFrame:
    """Years where a published cumulative figure and the one its yearly steps give differ
    beyond rounding (rows of `stepped_levels`, with `shown` and `carried_shown` in the
    published unit)."""
    chain = levels["chain"].to_numpy(bool)
    offset = np.where(chain, INDEX_BASE, 0.0)
    shown, carried = levels["observed_level"] - offset, levels["carried"] - offset
    tolerance = np.where(chain, CHAIN_TOLERANCE, np.maximum(0.5, SUM_TOLERANCE_SHARE * shown.abs()))
    differs = carried.notna() & ((shown - carried).abs() > tolerance)
    return levels[differs].assign(shown=shown[differs], carried_shown=carried[differs])
