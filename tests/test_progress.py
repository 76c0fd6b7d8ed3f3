"""The progress maths against values computed by hand from the formulas (synthetic series)."""

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings, strategies as st

from analysis.assess import progress as pg

GEO = "district_a"  # any geography id: assess() is given it
BEFORE_2025_DEADLINES = date(2025, 6, 30)  # SYNTHETIC as-of date: no 2025 deadline has passed


def target(**overrides) -> dict:
    row = {"target_id": "T9-1", "indicator_id": "x", "kind": "level_by_year", "direction": "increase",
           "comparator": ">=", "baseline_year": pd.NA, "baseline_value": np.nan, "period_start": pd.NA,
           "target_year": 2025, "target_value": 75.0}
    row.update(overrides)
    return row


def assess_one(series: dict[int, float], as_of: date = BEFORE_2025_DEADLINES, **overrides) -> pd.Series:
    targets = pd.DataFrame([target(**overrides)]).astype(
        {"baseline_year": "Int64", "period_start": "Int64", "target_year": "Int64", "baseline_value": float,
         "target_value": float})
    obs = pd.DataFrame({"indicator_id": "x", "geography": GEO, "year": list(series), "value": list(series.values())})
    return pg.assess(targets, obs.astype({"year": "Int64", "value": float}), GEO, as_of).iloc[0]


def test_level_target_cagr_ratio_on_track():
    r = assess_one({2020: 60.0, 2022: 66.0})
    actual = (66 / 60) ** (1 / 2) - 1
    required = (75 / 60) ** (1 / 5) - 1
    assert r.method == pg.METHOD_CAGR
    assert r.cagr_actual == pytest.approx(actual)
    assert r.cagr_required == pytest.approx(required)
    assert r.ratio == pytest.approx(actual / required)
    assert r.status == pg.ON_TRACK
    assert r.gap == pytest.approx(9.0)
    assert r.gap_share == pytest.approx(9 / 15)
    projected = 66 * (1 + actual) ** 3
    assert r.projected_value == pytest.approx(projected)
    assert r.projection_share == pytest.approx((projected - 60) / 15)


def test_reduction_against_baseline_uses_an_index():
    r = assess_one({2022: -5.0}, kind="reduction_vs_baseline", direction="decrease", comparator="<=",
                   baseline_year=2020, target_value=-13.5)
    actual = 0.95 ** 0.5 - 1
    required = 0.865 ** 0.2 - 1
    assert (r.base_year, r.base_value, r.latest_value) == (2020, 0.0, -5.0)
    assert r.ratio == pytest.approx(-actual / abs(required))
    assert r.status == pg.ACCELERATION_NEEDED
    assert r.gap == pytest.approx(8.5)  # percentage points still to cut
    assert r.gap_share == pytest.approx(8.5 / 13.5)
    assert r.projected_value == pytest.approx(95 * (1 + actual) ** 3 - 100)


def test_cumulative_addition_pace_ratio():
    r = assess_one({2021: 3000.0, 2022: 4000.0, 2023: 5000.0}, kind="cumulative_addition", baseline_value=0.0,
                   period_start=2021, target_value=22000.0)
    assert r.method == pg.METHOD_PACE
    assert r.latest_value == 12000
    assert r.pace_actual == pytest.approx(4000)
    assert r.pace_required == pytest.approx(5000)
    assert r.ratio == pytest.approx(0.8)
    assert r.status == pg.ACCELERATION_NEEDED
    assert r.projected_value == pytest.approx(20000)
    assert r.gap == pytest.approx(10000)


def test_cumulative_with_a_missing_year_is_not_summed():
    r = assess_one({2021: 3000.0, 2023: 5000.0}, kind="cumulative_addition", baseline_value=0.0, period_start=2021,
                   target_value=22000.0)
    assert (r.status, r.reason) == (pg.NOT_ASSESSABLE, pg.INCOMPLETE_SERIES)


def test_cumulative_met_even_with_gaps():
    r = assess_one({2021: 20000.0, 2023: 5000.0}, kind="cumulative_addition", baseline_value=0.0, period_start=2021,
                   target_value=22000.0)
    assert r.status == pg.MET


def test_prediction_interval_by_hand():
    r = assess_one({2020: 10.0, 2021: 12.0, 2022: 13.0, 2023: 15.0}, target_value=20.0)
    # x_bar 2021.5, Sxx 5, Sxy 8, slope 1.6, fit(2025) 18.1, SSres 0.2, s = sqrt(0.1)
    se = math.sqrt(0.1) * math.sqrt(1 + 1 / 4 + 3.5**2 / 5)
    t_crit = 4.302652729911275  # t(0.975, 2)
    assert r.interval_fit == pytest.approx(18.1)
    assert r.interval_low == pytest.approx(18.1 - t_crit * se)
    assert r.interval_high == pytest.approx(18.1 + t_crit * se)
    z = (18.1 - 20) / se
    assert r.p_meet == pytest.approx(0.5 + z / (2 * math.sqrt(2 + z * z)))  # Student t CDF, 2 dof


def test_interval_needs_four_points():
    r = assess_one({2020: 10.0, 2021: 12.0, 2022: 13.0})
    assert math.isnan(r.interval_low) and math.isnan(r.p_meet)


def test_zero_base_falls_back_to_linear_changes():
    r = assess_one({2020: 0.0, 2022: 10.0}, target_year=2030, target_value=50.0)
    assert r.method == pg.METHOD_LINEAR
    assert r.ratio == pytest.approx(5 / 5)
    assert r.status == pg.ON_TRACK
    assert r.projected_value == pytest.approx(10 + 5 * 8)


def test_no_target_year_judges_growth_alone():
    r = assess_one({2021: 80.0, 2023: 84.05}, kind="share_threshold", target_year=pd.NA, target_value=100.0)
    assert r.method == pg.METHOD_CAGR_ONLY
    assert r.cagr_actual == pytest.approx(0.025)
    assert r.status == pg.ON_TRACK
    assert math.isnan(r.ratio)


@pytest.mark.parametrize("latest, status", [(62.0, pg.LIMITED_PROGRESS), (55.0, pg.MOVING_AWAY)])
def test_slow_and_backward(latest, status):
    assert assess_one({2020: 60.0, 2022: latest}).status == status


def test_met_missed_and_not_assessable():
    assert assess_one({2020: 60.0, 2022: 76.0}).status == pg.MET
    assert assess_one({2020: 60.0, 2025: 70.0}).status == pg.MISSED
    # a figure after the target year never decides: no 2025 figure, 2026 at the level
    r = assess_one({2020: 60.0, 2026: 80.0}, date(2026, 11, 25))
    assert (r.status, r.reason, r.since, r.since_year, r.since_value) == (
        pg.DEADLINE_PASSED, pg.NO_FIGURE_FOR_TARGET_YEAR, pg.REACHED_LATER, 2026, 80.0)
    assert assess_one({2020: 60.0, 2026: 80.0}).status == pg.NOT_ASSESSABLE  # 2026 is after the data-as-of year
    r = assess_one({2022: 66.0})
    assert (r.status, r.reason) == (pg.NOT_ASSESSABLE, pg.TOO_FEW_POINTS)
    r = assess_one({2022: 66.0}, indicator_id="other")
    assert (r.status, r.reason) == (pg.NOT_ASSESSABLE, pg.NO_DISTRICT_DATA)
    r = assess_one({2022: -5.0}, indicator_id="other", kind="reduction_vs_baseline", direction="decrease",
                   comparator="<=", baseline_year=2020, target_value=-13.5)
    assert pd.isna(r.latest_year) and math.isnan(r.latest_value)  # the base point is not an observation
    assert (r.base_year, r.base_value) == (2020, 0.0)
    r = assess_one({2020: 60.0, 2022: 66.0}, target_value=np.nan)
    assert (r.status, r.reason) == (pg.NOT_ASSESSABLE, pg.NO_NUMERIC_TARGET)


def test_strict_comparator():
    assert assess_one({2020: 40.0, 2022: 50.0}, comparator=">", target_value=50.0).status != pg.MET
    assert assess_one({2020: 40.0, 2022: 50.1}, comparator=">", target_value=50.0).status == pg.MET


def test_milestones_done_or_not_reported():
    targets = pd.DataFrame([target(kind="milestone", comparator="done", target_value=1.0, indicator_id="m"),
                            target(target_id="T9-2", kind="milestone", comparator="done", target_value=1.0,
                                   indicator_id="n")])
    obs = pd.DataFrame({"indicator_id": ["m"], "geography": [GEO], "year": [2024], "value": [1.0]})
    result = pg.assess(targets, obs, GEO, BEFORE_2025_DEADLINES).set_index("target_id")
    assert result.loc["T9-1", "status"] == pg.MET and result.loc["T9-1", "latest_year"] == 2024
    assert result.loc["T9-2", "status"] == pg.NOT_REPORTED


def peak_target_result(values: dict[int, float]) -> pd.Series:
    targets = pd.DataFrame([target(kind="milestone", comparator="peak_before", target_value=np.nan,
                                   direction="decrease", target_year=2030)])
    obs = pd.DataFrame({"indicator_id": "x", "geography": GEO, "year": list(values), "value": list(values.values())})
    return pg.assess(targets, obs, GEO, date(max(values) + 1, 3, 1)).iloc[0]  # data as of early the next year


def test_peak_before_2030():
    assert peak_target_result({2024: 100.0, 2025: 104.0, 2026: 103.0, 2027: 101.0}).status == pg.ON_TRACK
    assert peak_target_result({2024: 100.0, 2025: 101.0, 2026: 103.0}).status == pg.ACCELERATION_NEEDED
    assert peak_target_result({2028: 100.0, 2029: 99.0, 2030: 97.0}).status == pg.MET
    assert peak_target_result({2028: 100.0, 2029: 101.0, 2030: 103.0}).status == pg.MISSED
    assert peak_target_result({2028: 100.0}).reason == pg.TOO_FEW_POINTS


# Properties -----------------------------------------------------------------------------

values = st.floats(min_value=1.0, max_value=1e6, allow_nan=False)
years = st.lists(st.integers(2020, 2030), min_size=2, max_size=6, unique=True)


@st.composite
def level_problem(draw):
    ys = sorted(draw(years))
    assume(ys[-1] < 2035)
    series = {y: draw(values) for y in ys}
    return series, draw(values), draw(st.integers(ys[-1] + 1, 2040))


@settings(max_examples=150, deadline=None)
@given(level_problem())
def test_direction_flips_the_ratio(problem):
    series, goal, year = problem
    up = assess_one(series, target_value=goal, target_year=year, comparator=">=")
    down = assess_one(series, target_value=goal, target_year=year, comparator="<=", direction="decrease")
    if up.status != pg.MET and down.status != pg.MET:
        assert down.ratio == pytest.approx(-up.ratio, nan_ok=True)


@settings(max_examples=150, deadline=None)
@given(level_problem(), st.floats(min_value=1e-3, max_value=1e3))
def test_ratios_are_scale_invariant(problem, scale):
    series, goal, year = problem
    plain = assess_one(series, target_value=goal, target_year=year)
    scaled = assess_one({y: v * scale for y, v in series.items()}, target_value=goal * scale, target_year=year)
    assert scaled.status == plain.status or math.isclose(plain.ratio, pg.ON_TRACK_RATIO, rel_tol=1e-6) \
        or math.isclose(plain.ratio, pg.ACCELERATION_RATIO, rel_tol=1e-6)
    for column in ("ratio", "gap_share", "projection_share", "cagr_actual"):
        assert getattr(scaled, column) == pytest.approx(getattr(plain, column), rel=1e-6, nan_ok=True)
    # a gap near zero is the difference of two large numbers: allow their rounding error
    assert scaled.gap == pytest.approx(plain.gap * scale, rel=1e-6, abs=1e-12 * scale * max(goal, *series.values()),
                                       nan_ok=True)


@settings(max_examples=150, deadline=None)
@given(level_problem(), st.sampled_from([">=", "<=", ">", "<"]))
def test_target_met_dominates(problem, comparator):
    series, _, year = problem
    latest = series[max(series)]
    goal = latest * (0.5 if comparator.startswith(">") else 2)
    direction = "increase" if comparator.startswith(">") else "decrease"
    r = assess_one(series, date(max(series), 12, 31), target_value=goal, target_year=year, comparator=comparator,
                   direction=direction)
    assert r.status == pg.MET


@settings(max_examples=100, deadline=None)
@given(level_problem())
def test_every_result_has_a_known_status_and_a_reason_when_not_judged(problem):
    series, goal, year = problem
    r = assess_one(series, target_value=goal, target_year=year)
    assert r.status in pg.STATUSES
    assert (r.status in (pg.NOT_ASSESSABLE, pg.DEADLINE_PASSED)) == (r.reason != "")
