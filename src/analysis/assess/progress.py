"""Gap and trend of every target at once (vectorised over targets), as of a date.

Method (the methodology page explains it in both languages, with worked examples):

* Each target's series is put on a *level* scale: levels and shares as they are; a %
  change against a base year as an index, base year = 100 (-13.5% is 86.5); a cumulative
  addition as the running total since the period start (0 the year before). Yearly
  figures are turned into these levels by `cumulative`: yearly changes are chained
  (multiplied), yearly additions summed, and a published cumulative figure is exact by
  itself. A running total with a year missing is not summed: no total, gap or pace.
* Base point: the plan's base where it fixes one (a % change is 0 in its base year, a
  cumulative addition is 0 before its period); otherwise the first observation from the
  baseline year, the period start, or BASE_YEAR_DEFAULT, whichever is given first.
  Observations before that window are not used (the reason says so).
* The assessment has a date, `as_of` (the edition's data-as-of date, never the clock). A
  target's deadline has passed when `as_of` is after 31 December of its target year.
* Met or missed: the figure for the target year decides (for a chained or summed series:
  the level through the target year), met by the plan's comparator, else missed. A figure
  after the target year never decides: it is what happened since (`since`: reached in a
  later year, or not reached by the latest year), and where the target year itself has no
  figure the deadline passed without a result for it (the later figure shown as since).
  Before the target year, a target already met is met.
* A base point that already meets the target leaves no gap to close: gap, share of the
  gap and projection share are not given (`base_met`).
* Figures for a year after the data-as-of year are not used (the data of the edition are
  what was known then; `dataset.known_on` also sets aside figures published later).
* A bar in force (a share that must be at or above a bar from a start year) is judged
  against the bar by its latest observation from that year on (up to its target year, if
  any): at or above it is met, below it is below target (missed at its target year). Growth is
  shown, never used.
* A deadline that has passed with no district result for the target year or later is its
  own status: deadline passed, no published result found.
* Otherwise the trend decides, fitted on the observations up to the target year. Rates
  and levels: ratio R of actual to required compound annual growth, R = d * CAGR_actual /
  |CAGR_required| (Eurostat; Open SDG); where a value is zero or negative the CAGR is
  undefined and the same ratio is taken of linear yearly changes. Cumulative additions:
  R = actual pace / required pace (achieved / years elapsed; what is left / years left).
* Status from R: >= 0.95 on track; >= 0.60 acceleration needed; >= 0 limited progress;
  < 0 moving away. With no target year, the direction-adjusted CAGR alone is judged
  (>= 1.5% on track, >= 0.5% acceleration needed, >= 0 limited progress).
* Projection to the target year at the actual pace (CAGR, or linear where CAGR is
  undefined; cumulative: linear at the actual pace) and P = (projected - base) / (target -
  base), the share of the baseline-to-target distance the projection covers (UN 2023+).
* Uncertainty: ordinary least squares line through the points with its 95% prediction
  interval at the target year, and the probability that the target-year value meets the
  target under that model; only with at least MIN_POINTS_FOR_INTERVAL points.
* Milestones: done (flag 1) is met if done by the target year, missed if done later; a
  flag of 0 reported for the target year or later is missed; with the deadline passed and
  nothing reported for it, deadline passed; before it: not yet done, or not reported.
* Carbon peak before year X: a peak year after X, or a series still rising at X, is
  missed; a series that has peaked (highest value not the latest, the latest below it, the
  last three years' trend down) with its peak no later than X is met once the data reach
  X, and on track before. Estimated emissions count only for years with every fuel. The
  test runs on one scope (`peak.one_scope`): the published total where it covers every year
  the estimate does, otherwise the estimate (electricity and heat only); never a mix.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from scipy.special import stdtr, stdtrit  # Student's t cdf and its inverse (scipy.stats.t's own), without scipy.stats's import

from ..inputs import cumulative as cm
from ..inputs.dataset import Dataset, known_on
from .peak import one_scope, peak_test

# Status codes, in the order the publication lists them.
MET = "met"
ON_TRACK = "on_track"
ACCELERATION_NEEDED = "acceleration_needed"
LIMITED_PROGRESS = "limited_progress"
MOVING_AWAY = "moving_away"
BELOW_TARGET = "below_target"  # a bar in force, not reached
MISSED = "missed"
DEADLINE_PASSED = "deadline_passed"  # deadline passed, no district result published
NOT_YET_DONE = "not_yet_done"  # a milestone reported not done, before its deadline
REPORTED = "reported"  # a numbered task with a progress report on file
NOT_REPORTED = "not_reported"
NOT_ASSESSABLE = "not_assessable"
STATUSES = [MET, ON_TRACK, ACCELERATION_NEEDED, LIMITED_PROGRESS, MOVING_AWAY, BELOW_TARGET, MISSED,
            DEADLINE_PASSED, NOT_YET_DONE, REPORTED, NOT_REPORTED, NOT_ASSESSABLE]
TREND_STATUSES = [ON_TRACK, ACCELERATION_NEEDED, LIMITED_PROGRESS, MOVING_AWAY]

# Why a target could not be judged (or why its deadline passed without a result).
NO_NUMERIC_TARGET = "no_numeric_target"
NO_DISTRICT_DATA = "no_district_data"
OUTSIDE_WINDOW = "outside_window"  # district figures exist, all before the assessment window
TOO_FEW_POINTS = "too_few_points"
INCOMPLETE_SERIES = "incomplete_series"
GROWTH_UNDEFINED = "growth_undefined"
NO_RESULT_FOR_TARGET_YEAR = "no_result_for_target_year"  # figures stop before the target year
NO_FIGURE_FOR_TARGET_YEAR = "no_figure_for_target_year"  # none for the target year itself, a later one exists
DONE_LATE = "done_late"

# Thresholds (Eurostat / Open SDG ratio of actual to required growth).
ON_TRACK_RATIO = 0.95
ACCELERATION_RATIO = 0.60
LIMITED_RATIO = 0.0
# Direction-adjusted CAGR thresholds where the target has no year (Open SDG).
ON_TRACK_CAGR_NO_TARGET = 0.015
ACCELERATION_CAGR_NO_TARGET = 0.005
LIMITED_CAGR_NO_TARGET = 0.0

BASE_YEAR_DEFAULT = 2020
INDEX_BASE = cm.INDEX_BASE
MIN_POINTS = 2
MIN_POINTS_FOR_INTERVAL = 4
PREDICTION_LEVEL = 0.95
SAME_VALUE_TOLERANCE = 1e-12  # relative: two levels closer than this are the same

METHOD_CAGR = "cagr_ratio"
METHOD_LINEAR = "linear_ratio"
METHOD_PACE = "pace_ratio"
METHOD_CAGR_ONLY = "cagr_no_target_year"
METHOD_BAR = "bar_in_force"

AT_LEAST = "at_least"  # an incomplete running total: a floor that already meets the target

# What happened after the target year, once a later figure exists (column `since`).
REACHED_LATER = "reached_later"  # the target level was reached in a later year (since_year: the first)
NOT_REACHED_LATER = "not_reached_later"  # not reached in any later year (since_year: the latest)

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


def distance_share(value: np.ndarray, base: np.ndarray, target: np.ndarray) -> np.ndarray:
    """(value - base) / (target - base); NaN where the target equals the base (to within
    SAME_VALUE_TOLERANCE of their size: a distance of rounding noise has no share)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        no_distance = np.isclose(target, base, rtol=SAME_VALUE_TOLERANCE, atol=0.0)
        return np.where(no_distance, np.nan, (value - base) / (target - base))


def projection_share(projected: np.ndarray, base: np.ndarray, target: np.ndarray) -> np.ndarray:
    """P = (projected - base) / (target - base), the share of the distance the projection covers."""
    return distance_share(projected, base, target)


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
        t_crit = stdtrit(dof, 0.5 + PREDICTION_LEVEL / 2)
        p_meet = np.where(se > 0, stdtr(dof, sign * (fit - target) / np.where(se > 0, se, 1.0)),
                          (sign * (fit - target) >= 0).astype(float))
        nan = np.full(len(n), np.nan)
        return (np.where(ok, fit, nan), np.where(ok, fit - t_crit * se, nan),
                np.where(ok, fit + t_crit * se, nan), np.where(ok & ~np.isnan(target), p_meet, nan))


def deadline_passed(target_year: np.ndarray, as_of: date) -> np.ndarray:
    """True where `as_of` is after 31 December of the target year (False with no target year)."""
    return np.nan_to_num(np.asarray(target_year, dtype=float), nan=np.inf) < as_of.year


def increment_links(indicators: pd.DataFrame | None) -> pd.DataFrame:
    """indicator_id and increment_of (the cumulative indicator a yearly one steps) of every
    indicator; with no indicators given, no links."""
    if indicators is None or "increment_of" not in indicators:
        return pd.DataFrame({"indicator_id": pd.Series(dtype=object), "increment_of": pd.Series(dtype=object)})
    return indicators[["indicator_id", "increment_of"]]


def level_points(targets: pd.DataFrame, observations: pd.DataFrame, stepped_ids: pd.Series,
                 grid: pd.DataFrame) -> pd.DataFrame:
    """Every target's known points on the level scale: target_id, year, level, is_base, origin.

    Targets that count from a base (`stepped_ids`) take the known levels of `grid`
    (`cumulative.stepped_levels`); every other target its own indicator's observations from
    the window start on, after the plan's base point where it states one. None is dropped
    after the target year: those decide met or missed. `observations` holds one geography.
    """
    t = targets.set_index("target_id")
    plain = t[~t.index.isin(stepped_ids)]
    window_start = plain["baseline_year"].fillna(plain["period_start"]).fillna(BASE_YEAR_DEFAULT)
    has_plan_base = plain["baseline_year"].notna() & plain["baseline_value"].notna()
    windows = pd.DataFrame({"indicator_id": plain["indicator_id"], "start": window_start,
                            "plan_base_year": plain["baseline_year"].where(has_plan_base)}).reset_index()
    origin = observations["origin"] if "origin" in observations else cm.OBSERVED
    points = windows.merge(observations[["indicator_id", "year", "value"]].assign(origin=origin), on="indicator_id")
    replaced_by_plan_base = (points["year"] == points["plan_base_year"]).fillna(False).astype(bool)
    points = points[(points["year"] >= points["start"]) & ~replaced_by_plan_base]
    base = pd.DataFrame({"target_id": plain.index[has_plan_base], "year": plain["baseline_year"][has_plan_base].to_numpy(),
                         "value": plain["baseline_value"][has_plan_base].to_numpy(), "is_base": True,
                         "origin": cm.BASE})
    plain_points = pd.concat([base, points[["target_id", "year", "value", "origin"]].assign(is_base=False)],
                             ignore_index=True)
    reduction = plain_points["target_id"].map(t["kind"]).eq(cm.REDUCTION)
    plain_points["level"] = plain_points["value"] + np.where(reduction, INDEX_BASE, 0.0)
    known = grid[grid["level"].notna()]
    stepped_points = known[["target_id", "year", "level", "origin"]].assign(is_base=known["origin"].eq(cm.BASE))
    columns = ["target_id", "year", "level", "is_base", "origin"]
    points = pd.concat([plain_points[columns], stepped_points[columns]], ignore_index=True)
    points = points.astype({"year": "int64", "level": "float64", "is_base": bool})
    return points.sort_values("year", kind="stable").reset_index(drop=True)  # each target's points in year order


def series_summary(points: pd.DataFrame, n_targets: int) -> pd.DataFrame:
    """Per target (by position `pos`, 0 .. n_targets - 1): base and latest point, number of
    points, and OLS sums."""
    p = points.assign(x=points["year"].astype(float), y=points["level"])
    p = p.assign(xx=p["x"] ** 2, xy=p["x"] * p["y"], yy=p["y"] ** 2)
    return p.groupby("pos", sort=False).agg(
        base_year=("year", "first"), base_level=("level", "first"), latest_year=("year", "last"),
        latest_level=("level", "last"), n_points=("year", "size"),
        sx=("x", "sum"), sy=("y", "sum"), sxx=("xx", "sum"), sxy=("xy", "sum"), syy=("yy", "sum"),
    ).reindex(range(n_targets))


def last_point(points: pd.DataFrame, n_targets: int) -> pd.DataFrame:
    """Per target (by position `pos`): year, level and origin of its last point."""
    return points.groupby("pos", sort=False)[["year", "level", "origin"]].last().reindex(range(n_targets))


def later_result(later: pd.DataFrame, target: np.ndarray, comparator: np.ndarray, n_targets: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per target (by position), from its points after the target year: whether the target
    level was reached in a later year (REACHED_LATER, with the first such year and its
    level) or not (NOT_REACHED_LATER, with the latest year and level); '' with no later point."""
    pos = later["pos"].to_numpy()
    reached = later[meets(later["level"].to_numpy(float), target[pos], comparator[pos])]
    first_reached = reached.groupby("pos", sort=False)[["year", "level"]].first().reindex(range(n_targets))
    last_later = last_point(later, n_targets)
    has_reached = first_reached["year"].notna().to_numpy()
    since = np.select([has_reached, last_later["year"].notna().to_numpy()], [REACHED_LATER, NOT_REACHED_LATER],
                      default="")
    year = np.where(has_reached, first_reached["year"].to_numpy(float), last_later["year"].to_numpy(float))
    level = np.where(has_reached, first_reached["level"].to_numpy(float), last_later["level"].to_numpy(float))
    return since, year, level


def district_observation_counts(targets: pd.DataFrame, spec: pd.DataFrame, observations: pd.DataFrame,
                                position: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Per target (by position): whether the geography has any figure of its indicators
    (own, cumulative or yearly partner) in any year, and how many fall in its window."""
    t = targets.set_index("target_id")
    pairs = pd.concat([
        t["indicator_id"].reset_index(),
        spec[["target_id", "level_indicator"]].rename(columns={"level_indicator": "indicator_id"}),
        spec[["target_id", "step_indicator"]].rename(columns={"step_indicator": "indicator_id"}),
    ]).dropna().drop_duplicates()
    pairs["pos"] = pairs["target_id"].map(position)
    hits = pairs[["pos", "indicator_id"]].merge(observations[["indicator_id", "year"]], on="indicator_id")
    stepped_start = spec.set_index("target_id")["base_year"].astype("float64") + 1
    plain_start = t["baseline_year"].fillna(t["period_start"]).fillna(BASE_YEAR_DEFAULT).astype("float64")
    start = stepped_start.reindex(t.index).fillna(plain_start).to_numpy()
    cumulative_end = t["target_year"].astype("float64").where(t["kind"].eq(cm.CUMULATIVE)).to_numpy()
    pos, year = hits["pos"].to_numpy(), hits["year"].to_numpy(float)
    in_window = (year >= start[pos]) & ~(year > cumulative_end[pos])
    return np.bincount(pos, minlength=len(t)) > 0, np.bincount(pos[in_window], minlength=len(t))


def missing_years(grid: pd.DataFrame, n_targets: int) -> np.ndarray:
    """Per target whose last year with data cannot be reached: the years, after its last
    published level, with no yearly figure ('2022, 2024'); '' elsewhere."""
    by_target = grid.groupby("pos", sort=False)["year"]
    known = grid["level"].notna()
    last_known = grid["year"].where(known).groupby(grid["pos"], sort=False).transform("max")
    last_anchor = grid["year"].where(grid["origin"].isin([cm.BASE, cm.OBSERVED])).groupby(
        grid["pos"], sort=False).transform("max")
    gap = ((last_known < by_target.transform("max")) & (grid["year"] > last_anchor) & grid["step"].isna()
           & grid["observed_level"].isna())
    years = grid.loc[gap, ["pos", "year"]].astype({"year": str})
    return years.groupby("pos", sort=False)["year"].agg(", ".join).reindex(range(n_targets), fill_value="").to_numpy(str)


def assess_numeric(targets: pd.DataFrame, observations: pd.DataFrame, as_of: date,
                   indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Gap, trend, projection and status for every numeric target (kinds other than milestone).

    Values in the result are in the target's own unit (a % change stays a % change; a
    cumulative target's latest value is the total added so far).
    """
    t = targets.set_index("target_id")
    n = len(t)
    position = pd.Series(np.arange(n), index=t.index)
    spec = cm.stepped_targets(targets, increment_links(indicators))
    grid = cm.stepped_levels(spec, observations)
    grid["pos"] = grid["target_id"].map(position).astype("int64")
    points = level_points(targets, observations, spec["target_id"], grid)
    points["pos"] = points["target_id"].map(position).astype("int64")
    kind = t["kind"].to_numpy()
    cumulative = kind == cm.CUMULATIVE
    offset = np.where(kind == cm.REDUCTION, INDEX_BASE, 0.0)
    sign = direction_sign(t["direction"])
    comparator = t["comparator"].to_numpy()
    target = t["target_value"].to_numpy(dtype=float) + offset
    target_year = t["target_year"].astype("float64").to_numpy()
    no_target_year = np.isnan(target_year)

    point_year, point_target_year = points["year"].to_numpy(float), target_year[points["pos"].to_numpy()]
    up_to_target_year = ~(point_year > point_target_year)
    s = series_summary(points[up_to_target_year], n)  # the trend stops at the target year
    observed = ~points["is_base"].to_numpy()
    latest = last_point(points[observed & up_to_target_year], n)
    decisive = last_point(points[observed & (point_year == point_target_year)], n)
    in_force = (kind == "share_threshold")[points["pos"].to_numpy()] & (
        point_year >= t["period_start"].astype("float64").to_numpy()[points["pos"].to_numpy()])
    bar = last_point(points[observed & in_force & up_to_target_year], n)
    later = points[observed & (point_year > point_target_year)]
    since, since_year, since_level = later_result(later, target, comparator, n)

    has_any, n_observed = district_observation_counts(targets, spec, observations, position)
    in_window = n_observed > 0
    by_target = grid.groupby("pos", sort=False)
    grid_end = by_target["year"].max().reindex(range(n)).to_numpy(float)
    grid_known = grid[grid["level"].notna()].groupby("pos", sort=False)["year"].max().reindex(range(n)).to_numpy(float)
    incomplete = cumulative & in_window & ~(grid_known == grid_end)
    floor = by_target["lower_bound"].last().reindex(range(n)).to_numpy(float)
    floor_met = incomplete & meets(floor, target, comparator)

    base, t0 = s["base_level"].to_numpy(float), s["base_year"].to_numpy(float)
    fit_latest, t1 = s["latest_level"].to_numpy(float), s["latest_year"].to_numpy(float)
    n_points = s["n_points"].fillna(0).to_numpy(int)
    elapsed, remaining, horizon = t1 - t0, target_year - t1, target_year - t0
    cagr_actual = compound_growth(base, fit_latest, elapsed)
    cagr_required = compound_growth(base, target, horizon)
    use_cagr = ~cumulative & ~np.isnan(cagr_actual) & ~np.isnan(cagr_required)
    linear_actual = linear_change(base, fit_latest, elapsed)
    linear_required = linear_change(base, target, horizon)
    pace_required = linear_change(fit_latest, target, remaining)
    ratio = np.select(
        [cumulative, use_cagr],
        [growth_ratio(linear_actual, pace_required, sign), growth_ratio(cagr_actual, cagr_required, sign)],
        default=growth_ratio(linear_actual, linear_required, sign),
    )
    ratio = np.where(no_target_year, np.nan, ratio)
    years_ahead = np.where(no_target_year, np.nan, remaining)
    projected = np.where(use_cagr, fit_latest * np.power(1 + np.nan_to_num(cagr_actual), years_ahead),
                         fit_latest + linear_actual * years_ahead)
    fit_line, low, high, p_meet = prediction_interval(
        s["n_points"].to_numpy(float), *(s[c].to_numpy(float) for c in ("sx", "sy", "sxx", "sxy", "syy")),
        target_year, target, sign,
    )

    has_target = ~np.isnan(target)
    passed = deadline_passed(target_year, as_of)
    bar_level, decisive_level = bar["level"].to_numpy(float), decisive["level"].to_numpy(float)
    bar_known = ~np.isnan(bar_level)
    has_decisive = ~np.isnan(decisive_level) & ~incomplete
    met_now = ~incomplete & meets(latest["level"].to_numpy(float), target, comparator)
    base_met = ~cumulative & meets(base, target, comparator)
    trend_status = np.where(no_target_year, classify_growth_without_target(sign * cagr_actual), classify_ratio(ratio))
    rules = [  # (condition, status, reason), the first that holds applies
        (~has_any & passed, DEADLINE_PASSED, NO_DISTRICT_DATA),
        (~has_any, NOT_ASSESSABLE, NO_DISTRICT_DATA),
        (~has_target, NOT_ASSESSABLE, NO_NUMERIC_TARGET),
        (~in_window & passed, DEADLINE_PASSED, OUTSIDE_WINDOW),
        (~in_window, NOT_ASSESSABLE, OUTSIDE_WINDOW),
        (bar_known & meets(bar_level, target, comparator), MET, ""),
        (bar_known & (bar["year"].to_numpy(float) >= target_year), MISSED, ""),
        (bar_known, BELOW_TARGET, ""),
        (has_decisive & meets(decisive_level, target, comparator), MET, ""),
        (has_decisive, MISSED, ""),
        (met_now | floor_met, MET, ""),
        (passed, DEADLINE_PASSED, np.select([incomplete, since != ""], [INCOMPLETE_SERIES, NO_FIGURE_FOR_TARGET_YEAR],
                                             default=NO_RESULT_FOR_TARGET_YEAR)),
        (incomplete, NOT_ASSESSABLE, INCOMPLETE_SERIES),
        (n_points < MIN_POINTS, NOT_ASSESSABLE, TOO_FEW_POINTS),
    ]
    conditions = [rule[0] for rule in rules]
    status = np.select(conditions, [rule[1] for rule in rules], default=trend_status)
    reason = np.select(conditions, [rule[2] for rule in rules],
                       default=np.where(trend_status == NOT_ASSESSABLE, GROWTH_UNDEFINED, ""))

    shown_level = np.where(incomplete, np.where(floor_met, floor, np.nan), latest["level"].to_numpy(float))
    shown_origin = np.where(incomplete, np.where(floor_met, AT_LEAST, ""), latest["origin"].fillna("").to_numpy(str))
    shown = ~np.isnan(shown_level)
    trend_known = np.isin(status, TREND_STATUSES)
    growth_shown = (trend_known | (status == BELOW_TARGET)) & ~cumulative
    method = np.select([bar_known, cumulative, no_target_year, use_cagr],
                       [METHOD_BAR, METHOD_PACE, METHOD_CAGR_ONLY, METHOD_CAGR], default=METHOD_LINEAR)

    def in_unit(level: np.ndarray, where: np.ndarray | bool = True) -> np.ndarray:
        return np.where(where, level - offset, np.nan)

    gap_share = 1.0 - distance_share(shown_level, base, target)  # (target - latest) / (target - base)
    gap = sign * (target - shown_level)
    after_deadline = np.isin(status, [MISSED, DEADLINE_PASSED]) & (since != "")
    return pd.DataFrame(
        {
            "status": status,
            "reason": reason,
            "method": np.where(in_window & has_target, method, ""),
            "base_year": s["base_year"].astype("Int64").to_numpy(),
            "base_value": in_unit(base),
            "latest_year": latest["year"].astype("Int64").where(shown).to_numpy(),
            "latest_value": in_unit(shown_level),
            "latest_origin": shown_origin,
            "missing_years": missing_years(grid, n),
            "n_observed": n_observed,
            "gap": np.where(shown & has_target & ~(base_met & ~(gap > 0)), gap, np.nan),
            "gap_share": np.where(shown & has_target & ~base_met, gap_share, np.nan),
            "base_met": base_met & has_target & in_window,
            "since": np.where(after_deadline, since, ""),
            "since_year": pd.array(np.where(after_deadline, since_year, np.nan), dtype="Float64").astype("Int64"),
            "since_value": in_unit(since_level, after_deadline),
            "cagr_actual": np.where(growth_shown, cagr_actual, np.nan),
            "cagr_required": np.where(trend_known & ~cumulative & ~no_target_year, cagr_required, np.nan),
            "pace_actual": np.where(trend_known & cumulative, linear_actual, np.nan),
            "pace_required": np.where(trend_known & cumulative, pace_required, np.nan),
            "ratio": np.where(trend_known, ratio, np.nan),
            "projected_value": in_unit(projected, trend_known),
            "projection_share": np.where(trend_known & ~base_met, projection_share(projected, base, target), np.nan),
            "interval_fit": in_unit(fit_line, trend_known),
            "interval_low": in_unit(low, trend_known),
            "interval_high": in_unit(high, trend_known),
            "p_meet": np.where(trend_known, p_meet, np.nan),
        },
        index=t.index,
    ).reset_index()


def assess_milestones(targets: pd.DataFrame, observations: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Milestones (a flag: 1 done, 0 reported not done), judged against their deadline.

    Done by the target year (or with none): met; done later: missed. A 0 reported for the
    target year or later: missed. Deadline passed with neither: deadline passed. Before
    the deadline: not yet done (a 0 reported) or not reported.
    """
    flags = observations.loc[observations["indicator_id"].isin(targets["indicator_id"]), ["indicator_id", "year", "value"]]
    done_year = targets["indicator_id"].map(flags[flags["value"] == 1].groupby("indicator_id", sort=False)["year"].min())
    not_done_year = targets["indicator_id"].map(flags[flags["value"] == 0].groupby("indicator_id", sort=False)["year"].max())
    last = flags.sort_values("year", kind="stable").groupby("indicator_id", sort=False)[["year", "value"]].last()
    done, not_done = done_year.to_numpy(float), not_done_year.to_numpy(float)
    target_year = targets["target_year"].astype("float64").to_numpy()
    passed = deadline_passed(target_year, as_of)
    is_done, said_not_done = ~np.isnan(done), ~np.isnan(not_done)
    rules = [
        (is_done & ~(done > target_year), MET, ""),
        (is_done, MISSED, DONE_LATE),
        (said_not_done & (not_done >= target_year), MISSED, ""),
        (passed & said_not_done, DEADLINE_PASSED, NO_RESULT_FOR_TARGET_YEAR),
        (passed, DEADLINE_PASSED, NO_DISTRICT_DATA),
        (said_not_done, NOT_YET_DONE, ""),
    ]
    conditions = [rule[0] for rule in rules]
    latest_year = np.where(is_done, done, targets["indicator_id"].map(last["year"]).to_numpy(float))
    return pd.DataFrame({
        "target_id": targets["target_id"].to_numpy(),
        "status": np.select(conditions, [rule[1] for rule in rules], default=NOT_REPORTED),
        "reason": np.select(conditions, [rule[2] for rule in rules], default=NO_DISTRICT_DATA),
        "method": "milestone",
        "latest_year": pd.array(latest_year, dtype="Float64").astype("Int64"),
        "latest_value": np.where(is_done, 1.0, targets["indicator_id"].map(last["value"]).to_numpy(float)),
        "latest_origin": np.where(is_done | said_not_done, cm.OBSERVED, ""),
        "n_observed": targets["indicator_id"].map(flags["indicator_id"].value_counts()).fillna(0).astype(int).to_numpy(),
    })


def peak_status(test, deadline: int, passed: bool, has_data: bool) -> tuple[str, str]:
    """(status, reason) of a 'peak before `deadline`' target from its peak test."""
    if not has_data:
        return (DEADLINE_PASSED if passed else NOT_ASSESSABLE), NO_DISTRICT_DATA
    if not test.enough_data:
        return (DEADLINE_PASSED if passed else NOT_ASSESSABLE), TOO_FEW_POINTS
    if test.peak_year > deadline:
        return MISSED, ""  # the highest emissions come after the deadline
    if test.latest_year >= deadline:
        return (MET if test.peaked else MISSED), ""  # still rising at the deadline: missed
    if passed:
        return DEADLINE_PASSED, NO_RESULT_FOR_TARGET_YEAR
    return (ON_TRACK if test.peaked else ACCELERATION_NEEDED), ""


def assess_peaks(targets: pd.DataFrame, observations: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Carbon-peak targets ("peak before year X") by the peak test (`peak`), on the one scope
    `observations` hold (see `assess`); `scope` names it (observed: published; estimated)."""
    rows = []
    for target in targets.itertuples():
        series = observations[observations["indicator_id"] == target.indicator_id]
        test = peak_test(series["year"], series["value"])
        passed = bool(deadline_passed(np.array([target.target_year], dtype=float), as_of)[0])
        status, reason = peak_status(test, target.target_year, passed, not series.empty)
        origins = series.sort_values("year")["origin"] if "origin" in series else pd.Series(cm.OBSERVED, series.index)
        rows.append({"target_id": target.target_id, "status": status, "reason": reason, "method": "peak_test",
                     "latest_year": test.latest_year, "latest_value": test.latest_value,
                     "latest_origin": origins.iloc[-1] if test.enough_data else "",
                     "peak_year": test.peak_year, "peak_value": test.peak_value, "n_observed": len(series),
                     "scope": origins.iloc[-1] if len(origins) else ""})
    return pd.DataFrame(rows, columns=["target_id", "status", "reason", "method", "latest_year", "latest_value",
                                       "latest_origin", "peak_year", "peak_value", "n_observed", "scope"])


FLOAT = "float64"
RESULT_DTYPES = {
    "status": str, "reason": str, "method": str, "base_year": "Int64", "base_value": FLOAT,
    "latest_year": "Int64", "latest_value": FLOAT, "latest_origin": str, "missing_years": str, "n_observed": "int64", "gap": FLOAT, "gap_share": FLOAT,
    "cagr_actual": FLOAT, "cagr_required": FLOAT, "pace_actual": FLOAT, "pace_required": FLOAT, "ratio": FLOAT,
    "projected_value": FLOAT, "projection_share": FLOAT, "interval_fit": FLOAT, "interval_low": FLOAT,
    "interval_high": FLOAT, "p_meet": FLOAT, "peak_year": "Int64", "peak_value": FLOAT, "base_met": bool, "since": str,
    "since_year": "Int64", "since_value": FLOAT, "scope": str,
}


TEXT_COLUMNS = ["status", "reason", "method", "latest_origin", "missing_years", "since", "scope"]


def assess(targets: pd.DataFrame, observations: pd.DataFrame, geography: str, as_of: date,
           indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every target of the catalogue assessed on one geography's observations, as of a date.

    `as_of` is the edition's data-as-of date: deadlines before it have passed.
    `indicators` (optional) links yearly indicators to the cumulative ones they step
    (column increment_of); without it each target reads its own indicator only.

    Returns one row per target, in catalogue order: the target's own columns, then
    status, reason (why not judged), method, base/latest year and value, where the latest
    value comes from (latest_origin), years missing from a running total, gap
    (direction-adjusted distance still to cover, target's unit: > 0 still to go),
    gap_share (share of the base-to-target distance still to cover), actual and required
    CAGR (rates/levels) or pace per year (cumulative), their ratio, the projection to the
    target year, its 95% prediction interval and the probability of meeting the target.
    """
    as_of = pd.Timestamp(as_of).date()
    local = one_scope(observations[(observations["geography"] == geography) & ~(observations["year"] > as_of.year)])
    milestone = targets["kind"].eq("milestone")
    peak = targets["comparator"].eq("peak_before")
    groups = [(~milestone, lambda part: assess_numeric(part, local, as_of, indicators)),
              (milestone & ~peak, lambda part: assess_milestones(part, local, as_of)),
              (milestone & peak, lambda part: assess_peaks(part, local, as_of))]
    parts = [method(targets[selected]) for selected, method in groups if selected.any()]
    results = pd.concat(parts, ignore_index=True).reindex(columns=["target_id", *RESULT_DTYPES])
    results[TEXT_COLUMNS] = results[TEXT_COLUMNS].astype(object).fillna("")
    results["base_met"] = results["base_met"].astype(object).fillna(False)
    results = results.astype(RESULT_DTYPES)
    merged = targets.merge(results, on="target_id", how="left", validate="one_to_one")
    merged["geography"] = geography
    return merged


def assess_district(dataset: Dataset, as_of: date) -> pd.DataFrame:
    """Every target assessed on the district's own observations as of the edition's
    data-as-of date (what the site publishes), figures not known then set aside (`known_on`)."""
    known = known_on(dataset, as_of)
    return assess(known.targets, known.observations, known.plan.district.id, as_of, known.indicators)
