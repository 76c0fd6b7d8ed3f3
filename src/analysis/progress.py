"""Gap and trend of every target at once (vectorised over targets).

Method (printed on the methodology page; see METHOD_SOURCES):

* Each target's observed series is put on a *level* scale: levels and shares as they are;
  a % change against a base year (`reduction_vs_baseline`) as an index, base year = 100
  (a change of -13.5% is 86.5); a cumulative addition as the running total of the yearly
  additions since the period start (0 the year before).
* Base point: the plan's baseline where it fixes one (a % change is 0 in its base year, a
  cumulative addition is 0 before its period); otherwise the first observation from the
  baseline year, the period start, or BASE_YEAR_DEFAULT (the 14th Five-Year Plan's base),
  whichever is given first. Observations after the target year are not used.
* Target met is checked first, by the plan's comparator on the latest value. A target not
  met whose latest observation is in or after its target year is missed.
* Rates and levels: ratio R of actual to required compound annual growth,
  R = d * CAGR_actual / |CAGR_required| (Eurostat; Open SDG). Where a value is zero or
  negative the CAGR is undefined, and the same ratio is taken of linear yearly changes.
* Cumulative additions: R = actual pace / required pace, where actual pace = achieved /
  years elapsed and required pace = what is left / years left.
* Status from R: >= 0.95 on track; >= 0.60 acceleration needed; >= 0 limited progress;
  < 0 moving away. With no target year, the direction-adjusted CAGR alone is judged
  (>= 1.5% on track, >= 0.5% acceleration needed, >= 0 limited progress).
* Projection to the target year at the actual pace (CAGR, or linear where CAGR is
  undefined; cumulative: linear at the actual pace) and P = (projected - base) / (target -
  base), the share of the baseline-to-target distance the projection covers (UN 2023+).
* Uncertainty: ordinary least squares line through the points with its 95% prediction
  interval at the target year, and the probability that the target-year value meets the
  target under that model; only with at least MIN_POINTS_FOR_INTERVAL points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .emissions import peak_test

# Status codes, in the order the publication lists them.
MET = "met"
ON_TRACK = "on_track"
ACCELERATION_NEEDED = "acceleration_needed"
LIMITED_PROGRESS = "limited_progress"
MOVING_AWAY = "moving_away"
MISSED = "missed"
REPORTED = "reported"
NOT_REPORTED = "not_reported"
NOT_ASSESSABLE = "not_assessable"
STATUSES = [MET, ON_TRACK, ACCELERATION_NEEDED, LIMITED_PROGRESS, MOVING_AWAY, MISSED,
            REPORTED, NOT_REPORTED, NOT_ASSESSABLE]

# Why a target could not be assessed.
NO_NUMERIC_TARGET = "no_numeric_target"
NO_DISTRICT_DATA = "no_district_data"
TOO_FEW_POINTS = "too_few_points"
INCOMPLETE_SERIES = "incomplete_series"
GROWTH_UNDEFINED = "growth_undefined"

# Thresholds (Eurostat / Open SDG ratio of actual to required growth).
ON_TRACK_RATIO = 0.95
ACCELERATION_RATIO = 0.60
LIMITED_RATIO = 0.0
# Direction-adjusted CAGR thresholds where the target has no year (Open SDG).
ON_TRACK_CAGR_NO_TARGET = 0.015
ACCELERATION_CAGR_NO_TARGET = 0.005
LIMITED_CAGR_NO_TARGET = 0.0

BASE_YEAR_DEFAULT = 2020
INDEX_BASE = 100.0
MIN_POINTS = 2
MIN_POINTS_FOR_INTERVAL = 4
PREDICTION_LEVEL = 0.95

METHOD_CAGR = "cagr_ratio"
METHOD_LINEAR = "linear_ratio"
METHOD_PACE = "pace_ratio"
METHOD_CAGR_ONLY = "cagr_no_target_year"

METHOD_SOURCES = [
    ("Open SDG progress methodology; sdg-build ProgressMeasure.py", "https://open-sdg.readthedocs.io/en/latest/progress/"),
    ("Eurostat, SDG monitoring report methodology (ratio of actual to required growth)",
     "https://ec.europa.eu/eurostat/web/sdi/methodology"),
    ("United Nations, SDG Progress Chart technical note (2023), projection method",
     "https://unstats.un.org/sdgs/report/2023/progress-chart-technical-note/"),
]

SIGN = {"increase": 1.0, "decrease": -1.0}


def direction_sign(direction: pd.Series) -> np.ndarray:
    """+1 where a rise is good, -1 where a fall is good."""
    return direction.map(SIGN).to_numpy(dtype=float)


def compound_growth(start: np.ndarray, end: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Compound annual growth rate from start to end over `years`; NaN where undefined
    (non-positive values or no time elapsed)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = (start > 0) & (end > 0) & (years > 0)
        return np.where(ok, np.power(np.where(ok, end / start, 1.0), 1.0 / np.where(ok, years, 1.0)) - 1.0, np.nan)


def linear_change(start: np.ndarray, end: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Mean change per year; NaN where no time elapsed."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(years > 0, (end - start) / np.where(years > 0, years, 1.0), np.nan)


def growth_ratio(actual: np.ndarray, required: np.ndarray, sign: np.ndarray) -> np.ndarray:
    """R = d * actual / |required|. A required change of zero gives +/-inf by the sign of
    the direction-adjusted actual change (0 -> 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        adjusted = sign * actual
        return np.where(required != 0, adjusted / np.abs(required), np.sign(adjusted) * np.inf)


def meets(value: np.ndarray, target: np.ndarray, comparator: np.ndarray) -> np.ndarray:
    """Whether each value satisfies its target under the plan's comparator (False for NaN)."""
    return np.select(
        [comparator == ">=", comparator == ">", comparator == "<=", comparator == "<"],
        [value >= target, value > target, value <= target, value < target],
        default=False,
    ) & ~np.isnan(value) & ~np.isnan(target)


def classify_ratio(ratio: np.ndarray) -> np.ndarray:
    """Status from the ratio of actual to required growth (or pace); NaN is not assessable."""
    return np.select(
        [np.isnan(ratio), ratio >= ON_TRACK_RATIO, ratio >= ACCELERATION_RATIO, ratio >= LIMITED_RATIO],
        [NOT_ASSESSABLE, ON_TRACK, ACCELERATION_NEEDED, LIMITED_PROGRESS],
        default=MOVING_AWAY,
    )


def classify_growth_without_target(adjusted_cagr: np.ndarray) -> np.ndarray:
    """Status from the direction-adjusted CAGR alone, for targets with no target year;
    NaN (growth undefined) is not assessable."""
    return np.select(
        [np.isnan(adjusted_cagr), adjusted_cagr >= ON_TRACK_CAGR_NO_TARGET, adjusted_cagr >= ACCELERATION_CAGR_NO_TARGET,
         adjusted_cagr >= LIMITED_CAGR_NO_TARGET],
        [NOT_ASSESSABLE, ON_TRACK, ACCELERATION_NEEDED, LIMITED_PROGRESS],
        default=MOVING_AWAY,
    )


def projection_share(projected: np.ndarray, base: np.ndarray, target: np.ndarray) -> np.ndarray:
    """P = (projected - base) / (target - base); NaN where target equals base."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(target != base, (projected - base) / (target - base), np.nan)


def prediction_interval(n, sx, sy, sxx, sxy, syy, x0, target, sign):
    """OLS fit of level on year from running sums; returns (fit, low, high, p_meet) at x0.

    Defined only with at least MIN_POINTS_FOR_INTERVAL points and more than one distinct
    year; NaN elsewhere. p_meet is the probability, under the fitted model, that the value
    in year x0 lies on the good side of the target.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        n = n.astype(float)
        x_bar, y_bar = sx / n, sy / n
        s_xx = sxx - n * x_bar**2
        s_xy = sxy - n * x_bar * y_bar
        s_yy = syy - n * y_bar**2
        ok = (n >= MIN_POINTS_FOR_INTERVAL) & (s_xx > 0)
        slope = s_xy / s_xx
        fit = y_bar + slope * (x0 - x_bar)
        residual = np.maximum(s_yy - slope * s_xy, 0.0)
        dof = np.where(ok, n - 2, 1.0)
        s = np.sqrt(residual / dof)
        se = s * np.sqrt(1 + 1 / n + (x0 - x_bar) ** 2 / s_xx)
        t_crit = stats.t.ppf(0.5 + PREDICTION_LEVEL / 2, dof)
        p_meet = np.where(se > 0, stats.t.cdf(sign * (fit - target) / np.where(se > 0, se, 1.0), dof),
                          (sign * (fit - target) >= 0).astype(float))
        nan = np.full(len(n), np.nan)
        return (np.where(ok, fit, nan), np.where(ok, fit - t_crit * se, nan),
                np.where(ok, fit + t_crit * se, nan), np.where(ok & ~np.isnan(target), p_meet, nan))


def level_points(targets: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Every target's points on the level scale: columns target_id, year, level, is_base.

    `observations` holds one geography: indicator_id, year, value.
    """
    t = targets.set_index("target_id")
    cumulative = t["kind"].eq("cumulative_addition")
    reduction = t["kind"].eq("reduction_vs_baseline")
    window_start = t["baseline_year"].fillna(t["period_start"]).fillna(BASE_YEAR_DEFAULT)
    window_end = t["target_year"].fillna(np.iinfo(np.int32).max)
    plan_base_year = t["baseline_year"].where(~cumulative, t["period_start"] - 1)
    plan_base_value = t["baseline_value"].mask(reduction & t["baseline_value"].isna(), 0.0)
    plan_base_value = plan_base_value.mask(cumulative, 0.0)
    has_plan_base = plan_base_year.notna() & plan_base_value.notna()

    windows = pd.DataFrame({"indicator_id": t["indicator_id"], "start": window_start, "end": window_end,
                            "plan_base_year": plan_base_year}).reset_index()
    points = windows.merge(observations[["indicator_id", "year", "value"]], on="indicator_id")
    in_window = (points["year"] >= points["start"]) & (points["year"] <= points["end"])
    replaced_by_plan_base = (points["year"] == points["plan_base_year"]).fillna(False).astype(bool)
    points = points[in_window & ~replaced_by_plan_base]
    base = pd.DataFrame({"target_id": t.index[has_plan_base], "year": plan_base_year[has_plan_base].to_numpy(),
                         "value": plan_base_value[has_plan_base].to_numpy(), "is_base": True})
    points = pd.concat([base, points[["target_id", "year", "value"]].assign(is_base=False)], ignore_index=True)
    points = points.astype({"year": "int64", "value": "float64"}).sort_values(["target_id", "year"], kind="stable")
    kind = points["target_id"].map(t["kind"])
    points["level"] = np.where(kind.eq("reduction_vs_baseline"), INDEX_BASE + points["value"], points["value"])
    running = points["value"].groupby(points["target_id"]).cumsum()
    points["level"] = np.where(kind.eq("cumulative_addition"), running, points["level"])
    return points.reset_index(drop=True)


def series_summary(points: pd.DataFrame) -> pd.DataFrame:
    """Per target: base and latest point, number of observed points, and OLS sums."""
    p = points.assign(x=points["year"].astype(float), y=points["level"])
    p = p.assign(xx=p["x"] ** 2, xy=p["x"] * p["y"], yy=p["y"] ** 2, observed=~p["is_base"])
    grouped = p.groupby("target_id", sort=False)
    summary = grouped.agg(base_year=("year", "first"), base_level=("level", "first"),
                          latest_year=("year", "last"), latest_level=("level", "last"),
                          n_points=("year", "size"), n_observed=("observed", "sum"),
                          first_observed_year=("year", "min"),
                          sx=("x", "sum"), sy=("y", "sum"), sxx=("xx", "sum"), sxy=("xy", "sum"), syy=("yy", "sum"))
    return summary


def assess_numeric(targets: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Gap, trend, projection and status for every numeric target (kinds other than milestone).

    Values in the result are in the target's own unit (a % change stays a % change; a
    cumulative target's latest value is the total added so far).
    """
    t = targets.set_index("target_id")
    points = level_points(targets, observations)
    s = series_summary(points).reindex(t.index)
    kind = t["kind"].to_numpy()
    cumulative = kind == "cumulative_addition"
    reduction = kind == "reduction_vs_baseline"
    offset = np.where(reduction, INDEX_BASE, 0.0)
    sign = direction_sign(t["direction"])
    target = t["target_value"].to_numpy(dtype=float) + offset
    target_year = t["target_year"].astype("float64").to_numpy()
    base, latest = s["base_level"].to_numpy(float), s["latest_level"].to_numpy(float)
    t0, t1 = s["base_year"].to_numpy(float), s["latest_year"].to_numpy(float)
    n_observed = s["n_observed"].fillna(0).to_numpy(int)
    n_points = s["n_points"].fillna(0).to_numpy(int)
    elapsed, remaining, horizon = t1 - t0, target_year - t1, target_year - t0

    cagr_actual = compound_growth(base, latest, elapsed)
    cagr_required = compound_growth(base, target, horizon)
    use_cagr = ~cumulative & ~np.isnan(cagr_actual) & ~np.isnan(cagr_required)
    linear_actual = linear_change(base, latest, elapsed)
    linear_required = linear_change(base, target, horizon)
    pace_required = linear_change(latest, target, remaining)
    ratio = np.select(
        [cumulative, use_cagr],
        [growth_ratio(linear_actual, pace_required, sign), growth_ratio(cagr_actual, cagr_required, sign)],
        default=growth_ratio(linear_actual, linear_required, sign),
    )
    no_target_year = np.isnan(target_year)
    method = np.select([cumulative, no_target_year, use_cagr], [METHOD_PACE, METHOD_CAGR_ONLY, METHOD_CAGR],
                       default=METHOD_LINEAR)
    ratio = np.where(no_target_year, np.nan, ratio)

    years_ahead = np.where(no_target_year, np.nan, remaining)
    projected = np.where(
        use_cagr, latest * np.power(1 + np.nan_to_num(cagr_actual), years_ahead), latest + linear_actual * years_ahead
    )
    fit, low, high, p_meet = prediction_interval(
        s["n_points"].to_numpy(float), *(s[c].to_numpy(float) for c in ("sx", "sy", "sxx", "sxy", "syy")),
        target_year, target, sign,
    )

    has_target = ~np.isnan(target)
    has_data = n_observed > 0
    complete = ~cumulative | (n_points == (t1 - t0 + 1))
    met = meets(latest, target, t["comparator"].to_numpy())
    status = np.select(
        [~has_target, ~has_data, met, n_points < MIN_POINTS, ~complete, t1 >= target_year, no_target_year],
        [NOT_ASSESSABLE, NOT_ASSESSABLE, MET, NOT_ASSESSABLE, NOT_ASSESSABLE, MISSED,
         classify_growth_without_target(sign * cagr_actual)],
        default=classify_ratio(ratio),
    )
    reason = np.select(
        [~has_target, ~has_data, met, n_points < MIN_POINTS, ~complete, status == NOT_ASSESSABLE],
        [NO_NUMERIC_TARGET, NO_DISTRICT_DATA, "", TOO_FEW_POINTS, INCOMPLETE_SERIES, GROWTH_UNDEFINED], default="",
    )
    assessable = (status != NOT_ASSESSABLE) & (status != MET)
    trend_known = assessable & (n_points >= MIN_POINTS)

    def shown(level: np.ndarray, where: np.ndarray | bool = True) -> np.ndarray:
        return np.where(where, level - offset, np.nan)

    with np.errstate(divide="ignore", invalid="ignore"):
        gap_share = np.where(target != base, (target - latest) / (target - base), np.nan)
    return pd.DataFrame(
        {
            "status": status,
            "reason": reason,
            "method": np.where(has_data & has_target, method, ""),
            "base_year": s["base_year"].astype("Int64").to_numpy(),
            "base_value": shown(base),
            # the plan's own base point is not an observation: no data, no latest value
            "latest_year": s["latest_year"].astype("Int64").where(has_data).to_numpy(),
            "latest_value": shown(latest, has_data),
            "n_observed": n_observed,
            "gap": np.where(has_data, sign * (target - latest), np.nan),
            "gap_share": np.where(has_data, gap_share, np.nan),
            "cagr_actual": np.where(trend_known & ~cumulative, cagr_actual, np.nan),
            "cagr_required": np.where(trend_known & ~cumulative & ~no_target_year, cagr_required, np.nan),
            "pace_actual": np.where(trend_known & cumulative, linear_actual, np.nan),
            "pace_required": np.where(trend_known & cumulative, pace_required, np.nan),
            "ratio": np.where(trend_known, ratio, np.nan),
            "projected_value": shown(projected, trend_known),
            "projection_share": np.where(trend_known, projection_share(projected, base, target), np.nan),
            "interval_fit": shown(fit, trend_known),
            "interval_low": shown(low, trend_known),
            "interval_high": shown(high, trend_known),
            "p_meet": np.where(trend_known, p_meet, np.nan),
        },
        index=t.index,
    ).reset_index()


def assess_milestones(targets: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Milestones done or not: reported when an observation of the flag (1 = done) exists."""
    done = observations[observations["value"] == 1].groupby("indicator_id")["year"].min()
    reported_year = targets["indicator_id"].map(done)
    reported = reported_year.notna().to_numpy()
    return pd.DataFrame({
        "target_id": targets["target_id"].to_numpy(),
        "status": np.where(reported, REPORTED, NOT_REPORTED),
        "reason": np.where(reported, "", NO_DISTRICT_DATA),
        "method": "milestone",
        "latest_year": reported_year.astype("Int64").to_numpy(),
        "latest_value": np.where(reported, 1.0, np.nan),
        "n_observed": targets["indicator_id"].map(observations["indicator_id"].value_counts()).fillna(0).astype(int).to_numpy(),
    })


def assess_peaks(targets: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Carbon-peak targets ("peak before year X") by the peak test of `emissions`."""
    rows = []
    for target in targets.itertuples():
        series = observations[observations["indicator_id"] == target.indicator_id]
        test = peak_test(series["year"], series["value"])
        if series.empty:
            status, reason = NOT_ASSESSABLE, NO_DISTRICT_DATA
        elif not test.enough_data:
            status, reason = NOT_ASSESSABLE, TOO_FEW_POINTS
        elif test.peaked:
            status, reason = (MET if test.latest_year >= target.target_year else ON_TRACK), ""
        else:
            status, reason = (MISSED if test.latest_year >= target.target_year else ACCELERATION_NEEDED), ""
        rows.append({"target_id": target.target_id, "status": status, "reason": reason, "method": "peak_test",
                     "latest_year": test.latest_year, "latest_value": test.latest_value,
                     "peak_year": test.peak_year, "peak_value": test.peak_value,
                     "n_observed": len(series)})
    return pd.DataFrame(rows, columns=["target_id", "status", "reason", "method", "latest_year", "latest_value",
                                       "peak_year", "peak_value", "n_observed"])


FLOAT = "float64"
RESULT_DTYPES = {
    "status": str, "reason": str, "method": str, "base_year": "Int64", "base_value": FLOAT,
    "latest_year": "Int64", "latest_value": FLOAT, "n_observed": "int64", "gap": FLOAT, "gap_share": FLOAT,
    "cagr_actual": FLOAT, "cagr_required": FLOAT, "pace_actual": FLOAT, "pace_required": FLOAT, "ratio": FLOAT,
    "projected_value": FLOAT, "projection_share": FLOAT, "interval_fit": FLOAT, "interval_low": FLOAT,
    "interval_high": FLOAT, "p_meet": FLOAT, "peak_year": "Int64", "peak_value": FLOAT,
}


def assess(targets: pd.DataFrame, observations: pd.DataFrame, geography: str) -> pd.DataFrame:
    """Every target of the catalogue assessed on one geography's observations.

    Returns one row per target, in catalogue order: the target's own columns, then
    status, reason (why not assessable), method, base/latest year and value, gap
    (direction-adjusted distance still to cover, target's unit: > 0 still to go),
    gap_share (share of the base-to-target distance still to cover), actual and required
    CAGR (rates/levels) or pace per year (cumulative), their ratio, the projection to the
    target year, its 95% prediction interval and the probability of meeting the target.
    """
    local = observations[observations["geography"] == geography]
    milestone = targets["kind"].eq("milestone")
    peak = targets["comparator"].eq("peak_before")
    parts = [
        assess_numeric(targets[~milestone], local),
        assess_milestones(targets[milestone & ~peak], local),
        assess_peaks(targets[milestone & peak], local),
    ]
    results = (pd.concat([p for p in parts if not p.empty], ignore_index=True)
               .reindex(columns=["target_id", *RESULT_DTYPES]).astype(RESULT_DTYPES))
    merged = targets.merge(results, on="target_id", how="left", validate="one_to_one")
    merged["geography"] = geography
    return merged
