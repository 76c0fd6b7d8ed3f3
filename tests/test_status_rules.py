"""The status rules that depend on the date, the bar or the form of the data, each on a
SYNTHETIC case with its inputs, the arithmetic in a comment, and the expected status and
numbers (issue: "The assessment knows its date and reads data in the form it is published")."""

import math
from datetime import date
from functools import reduce

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from analysis.inputs import cumulative as cm
from analysis.assess import progress as pg
from analysis.inputs.dataset import load_dataset
from analysis.inputs.plan import read_plan
from analysis.inputs.validation import DataValidationError
from analysis.pages.labels import since_text
from analysis.pages.methodology import example_target

from synthetic import DISTRICT, write_csv

GEO = DISTRICT
BEFORE_DEADLINE = date(2025, 6, 30)
AFTER_2025 = date(2026, 11, 25)  # the 2026 edition's data-as-of date
INDICATORS = pd.DataFrame({
    "indicator_id": ["x", "x_yearly", "added", "added_total", "emissions"],
    "increment_of": [None, "x", "added_total", None, None],
})


def targets_frame(**overrides) -> pd.DataFrame:
    """One target row (a level of at least 75 by 2025 unless overridden), as the methodology's examples build it."""
    return example_target(**{"target_id": "T9-1", **overrides})


def observations(series: dict[str, dict[int, float]]) -> pd.DataFrame:
    rows = [(indicator, GEO, year, value) for indicator, values in series.items() for year, value in values.items()]
    frame = pd.DataFrame(rows, columns=["indicator_id", "geography", "year", "value"])
    return frame.astype({"year": "int64", "value": float})


def assess(series: dict[str, dict[int, float]], as_of: date = BEFORE_DEADLINE, **target) -> pd.Series:
    return pg.assess(targets_frame(**target), observations(series), GEO, as_of, INDICATORS).iloc[0]


# 1. The carbon peak and its deadline -----------------------------------------------------

PEAK = {"kind": "milestone", "comparator": "peak_before", "target_value": np.nan, "direction": "decrease",
        "target_year": 2030, "indicator_id": "emissions"}


def peak(values: dict[int, float], as_of: date = date(2035, 6, 30)) -> pd.Series:
    return assess({"emissions": values}, as_of, **PEAK)


def test_a_peak_after_the_deadline_is_missed():
    # highest value 108 in 2031 > 2030, although the series falls afterwards
    r = peak({2027: 100, 2028: 102, 2029: 104, 2030: 106, 2031: 108, 2032: 105, 2033: 103, 2034: 101})
    assert (r.status, r.peak_year, r.peak_value) == (pg.MISSED, 2031, 108)


def test_a_series_still_rising_at_the_deadline_is_missed():
    r = peak({2028: 100, 2029: 101, 2030: 103})  # the highest is the latest, at the deadline
    assert (r.status, r.peak_year) == (pg.MISSED, 2030)


def test_a_peak_by_the_deadline_is_met_once_the_data_reach_it():
    # peak 2029 (110), then 108, 105, 101: latest below the peak, last three years' slope -3.5 a year
    r = peak({2027: 100, 2028: 105, 2029: 110, 2030: 108, 2031: 105, 2032: 101})
    assert (r.status, r.peak_year, r.latest_year) == (pg.MET, 2029, 2032)


def test_before_the_deadline_the_peak_test_gives_on_track_or_acceleration():
    assert peak({2024: 100, 2025: 104, 2026: 103, 2027: 101}, date(2028, 3, 1)).status == pg.ON_TRACK
    assert peak({2024: 100, 2025: 101, 2026: 103}, date(2027, 3, 1)).status == pg.ACCELERATION_NEEDED


def test_a_peak_whose_deadline_passed_without_data_for_it():
    r = peak({2024: 100, 2025: 104, 2026: 103, 2027: 101}, date(2031, 6, 30))  # data stop at 2027
    assert (r.status, r.reason) == (pg.DEADLINE_PASSED, pg.NO_RESULT_FOR_TARGET_YEAR)
    r = peak({}, date(2031, 6, 30))
    assert (r.status, r.reason) == (pg.DEADLINE_PASSED, pg.NO_DISTRICT_DATA)


# 2. A bar in force ------------------------------------------------------------------------

BAR = {"kind": "share_threshold", "period_start": 2022, "target_year": pd.NA, "target_value": 50.0}


def test_a_bar_in_force_is_judged_against_the_bar_not_the_growth():
    # 30% (2022) -> 36% (2023): growth +20% a year, but 36 < 50: below target, 14 points to go
    r = assess({"x": {2022: 30.0, 2023: 36.0}}, **BAR)
    assert (r.status, r.method) == (pg.BELOW_TARGET, pg.METHOD_BAR)
    assert r.gap == pytest.approx(14.0)
    assert r.cagr_actual == pytest.approx(0.2)  # shown, never used
    assert math.isnan(r.ratio) and math.isnan(r.projected_value)
    assert assess({"x": {2022: 30.0, 2023: 52.0}}, **BAR).status == pg.MET


def test_a_bar_with_an_end_year_is_missed_below_it_at_that_year():
    r = assess({"x": {2026: 40.0, 2030: 45.0}}, date(2031, 3, 1), **{**BAR, "period_start": 2026, "target_year": 2030})
    assert r.status == pg.MISSED


def test_a_bar_not_yet_in_force_is_judged_by_the_trend():
    # 2024 and 2025 are before the bar's start (2026): 40 -> 44 towards 50 by 2030
    r = assess({"x": {2024: 40.0, 2025: 44.0}}, **{**BAR, "period_start": 2026, "target_year": 2030,
                                                    "baseline_year": 2024})
    assert r.status in pg.TREND_STATUSES


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 100), min_size=1, max_size=5), st.floats(1, 100))
def test_a_bar_in_force_never_reports_on_track_below_the_bar(values, bar):
    series = {2022 + i: v for i, v in enumerate(values)}
    r = assess({"x": series}, date(max(series), 12, 31), **{**BAR, "target_value": bar})
    assert r.status == (pg.MET if values[-1] >= bar else pg.BELOW_TARGET)


# 3. A result belongs to its year ---------------------------------------------------------
# The figure for the target year decides met or missed; a later figure is what happened since.

def percent(r: pd.Series) -> pd.Series:
    """An assessed row of a target in percent (the words read its unit)."""
    return pd.concat([r, pd.Series({"unit": "percent"})])

def test_a_figure_after_the_target_year_never_turns_missed_into_met():
    # at least 75 by 2025: 72 in 2025 (3 points short), 76 in 2026: missed in 2025; reached in 2026
    r = assess({"x": {2023: 70.0, 2025: 72.0, 2026: 76.0}}, AFTER_2025)
    assert (r.status, r.latest_year, r.latest_value, r.gap) == (pg.MISSED, 2025, 72.0, pytest.approx(3.0))
    assert (r.since, r.since_year, r.since_value) == (pg.REACHED_LATER, 2026, 76.0)
    assert since_text(percent(r), "en") == "missed in 2025; reached in 2026 (76%)"
    assert since_text(percent(r), "zh") == "2025年未达标；2026年达到（76%）"
    # at most 40 by 2025, a falling series: 43 in 2025, 41 in 2026, 39 in 2027: reached first in 2027
    r = assess({"x": {2025: 43.0, 2026: 41.0, 2027: 39.0}}, date(2028, 3, 1), direction="decrease",
               comparator="<=", target_value=40.0)
    assert (r.status, r.gap, r.since, r.since_year, r.since_value) == (
        pg.MISSED, pytest.approx(3.0), pg.REACHED_LATER, 2027, 39.0)


def test_a_later_figure_still_short_is_said_not_reached():
    r = assess({"x": {2025: 72.0, 2026: 73.0, 2027: 74.0}}, date(2028, 3, 1))
    assert (r.status, r.since, r.since_year, r.since_value) == (pg.MISSED, pg.NOT_REACHED_LATER, 2027, 74.0)
    assert since_text(percent(r), "en") == "missed in 2025; still not reached in 2027 (74%)"
    assert since_text(percent(r), "zh") == "2025年未达标；至2027年仍未达到（74%）"


def test_a_target_year_without_a_figure_has_no_result_whatever_comes_later():
    # 70 in 2023, nothing for 2025, 76 in 2026: never met; the 2026 figure is said for what it is
    r = assess({"x": {2023: 70.0, 2026: 76.0}}, AFTER_2025)
    assert (r.status, r.reason, r.latest_year, r.latest_value) == (
        pg.DEADLINE_PASSED, pg.NO_FIGURE_FOR_TARGET_YEAR, 2023, 70.0)
    assert (r.since, r.since_year, r.since_value) == (pg.REACHED_LATER, 2026, 76.0)
    assert since_text(percent(r), "en") == \
        "no result for 2025; the 2026 figure shows 76%, at the target level"
    # at most 40, falling: 45 in 2024, 41 in 2026: no result for 2025; the 2026 figure is short of 40
    r = assess({"x": {2024: 45.0, 2026: 41.0}}, date(2027, 3, 1), direction="decrease", comparator="<=",
               target_value=40.0)
    assert (r.status, r.reason, r.since, r.since_year) == (
        pg.DEADLINE_PASSED, pg.NO_FIGURE_FOR_TARGET_YEAR, pg.NOT_REACHED_LATER, 2026)
    assert since_text(percent(r), "zh") == "无2025年的结果；2026年的数字为41%，未达到目标水平"


def test_a_chained_change_that_reaches_the_level_only_after_the_target_year_is_missed():
    # -13.5% by 2025 from yearly changes -3, -3, -3, -2, -1.5 (2021-2025):
    # 0.97^3 x 0.98 x 0.985 - 1 = -11.8997% in 2025: missed; x 0.98 in 2026 = -13.6617%: reached in 2026
    r = assess({"x_yearly": {2021: -3.0, 2022: -3.0, 2023: -3.0, 2024: -2.0, 2025: -1.5, 2026: -2.0}}, date(2027, 3, 1),
               **ENERGY)
    assert (r.status, r.latest_year, r.latest_value) == (pg.MISSED, 2025, pytest.approx(-11.899675310))
    assert (r.since, r.since_year, r.since_value) == (pg.REACHED_LATER, 2026, pytest.approx(-13.661681804))


def test_the_trend_fit_stops_at_the_target_year():
    # 2020 60, 2022 66, 2025 70, 2027 90 for 75 by 2025: 2025 decides (missed), 2027 reached it since
    r = assess({"x": {2020: 60.0, 2022: 66.0, 2025: 70.0, 2027: 90.0}}, date(2028, 1, 31))
    assert (r.status, r.since, r.since_year) == (pg.MISSED, pg.REACHED_LATER, 2027)
    r = assess({"x": {2020: 60.0, 2022: 66.0, 2024: 70.0}}, BEFORE_DEADLINE)
    assert r.cagr_actual == pytest.approx((70 / 60) ** (1 / 4) - 1)


def test_a_bar_is_judged_at_its_end_year_and_a_later_figure_is_what_happened_since():
    # at least 50% from 2026 to 2030: 45 in 2030, 52 in 2031: missed in 2030; reached in 2031
    r = assess({"x": {2026: 40.0, 2030: 45.0, 2031: 52.0}}, date(2032, 3, 1),
               **{**BAR, "period_start": 2026, "target_year": 2030})
    assert (r.status, r.latest_value, r.since, r.since_year) == (pg.MISSED, 45.0, pg.REACHED_LATER, 2031)


# 3b. A base already beyond the target -------------------------------------------------------

def test_a_base_already_at_the_target_has_no_gap_and_no_share_of_it():
    # at least 75 by 2025: 80 in 2020 (the base), 82 in 2023: met; no gap, no share closed
    r = assess({"x": {2020: 80.0, 2023: 82.0}})
    assert (r.status, r.base_met) == (pg.MET, True)
    assert math.isnan(r.gap) and math.isnan(r.gap_share) and math.isnan(r.projection_share)
    # at most 40 (falling): 35 in 2020, 38 in 2023: met, base already at the target
    r = assess({"x": {2020: 35.0, 2023: 38.0}}, direction="decrease", comparator="<=", target_value=40.0)
    assert (r.status, r.base_met) == (pg.MET, True) and math.isnan(r.gap) and math.isnan(r.gap_share)
    # beyond the target in 2020, short by 5 in 2023: the 5 still to go is said, no share of a gap that was none
    r = assess({"x": {2020: 80.0, 2023: 70.0}})
    assert (r.status, r.base_met, r.gap) == (pg.MOVING_AWAY, True, pytest.approx(5.0))
    assert math.isnan(r.gap_share) and math.isnan(r.projection_share)
    # a base short of the target: the share is a number, as before ((75 - 70) / (75 - 60) = 1/3 to go)
    r = assess({"x": {2020: 60.0, 2023: 70.0}})
    assert (r.base_met, r.gap_share) == (False, pytest.approx(1 / 3))


# 4. Cumulative targets: partial sums and running totals ---------------------------------

PV = {"indicator_id": "added", "kind": "cumulative_addition", "baseline_value": 0.0, "period_start": 2021,
      "target_value": 22000.0}


def test_an_incomplete_series_publishes_no_total_and_names_the_missing_year():
    # 2021 3,000 and 2023 5,000 kW, 2022 unknown: the total is not 8,000; no gap, no pace
    r = assess({"added": {2021: 3000.0, 2023: 5000.0}}, **PV)
    assert (r.status, r.reason, r.missing_years) == (pg.NOT_ASSESSABLE, pg.INCOMPLETE_SERIES, "2022")
    assert all(math.isnan(v) for v in (r.latest_value, r.gap, r.pace_actual, r.pace_required, r.ratio))
    r = assess({"added": {2021: 3000.0, 2023: 5000.0}}, AFTER_2025, **PV)
    assert (r.status, r.reason, r.missing_years) == (pg.DEADLINE_PASSED, pg.INCOMPLETE_SERIES, "2022")


def test_an_incomplete_series_already_over_the_target_is_met_at_least():
    # 20,000 + 5,000 with 2022 unknown: at least 25,000 >= 22,000 (additions are never negative)
    r = assess({"added": {2021: 20000.0, 2023: 5000.0}}, **PV)
    assert (r.status, r.latest_value, r.latest_origin) == (pg.MET, 25000.0, pg.AT_LEAST)


def test_a_running_total_is_exact_whatever_the_earlier_years():
    # total since 2021 = 12,000 at the end of 2023 (2021 and 2022 unknown), then 4,000 added in 2024:
    # 16,000 by 2024. Pace 16,000 / 4 years = 4,000 a year; required (22,000 - 16,000) / 1 = 6,000; R = 0.667
    r = assess({"added_total": {2023: 12000.0}, "added": {2024: 4000.0}}, date(2025, 3, 1), **PV)
    assert (r.latest_year, r.latest_value, r.latest_origin) == (2024, 16000.0, cm.SUMMED)
    assert (r.pace_actual, r.pace_required) == (pytest.approx(4000.0), pytest.approx(6000.0))
    assert r.ratio == pytest.approx(4000 / 6000)
    assert r.status == pg.ACCELERATION_NEEDED and r.missing_years == ""


# 5. Milestones and their deadline -------------------------------------------------------

MILESTONE = {"kind": "milestone", "comparator": "done", "target_value": 1.0, "indicator_id": "m",
             "period_start": 2021}


@pytest.mark.parametrize("flags, as_of, status, reason", [
    ({2024: 1.0}, BEFORE_DEADLINE, pg.MET, ""),
    ({2023: 0.0}, BEFORE_DEADLINE, pg.NOT_YET_DONE, ""),
    ({}, BEFORE_DEADLINE, pg.NOT_REPORTED, pg.NO_DISTRICT_DATA),
    ({2024: 1.0}, AFTER_2025, pg.MET, ""),
    ({2026: 0.0}, AFTER_2025, pg.MISSED, ""),  # reported not done after the deadline
    ({2023: 0.0}, AFTER_2025, pg.DEADLINE_PASSED, pg.NO_RESULT_FOR_TARGET_YEAR),  # nothing said for 2025
    ({}, AFTER_2025, pg.DEADLINE_PASSED, pg.NO_DISTRICT_DATA),
    ({2023: 0.0, 2026: 1.0}, AFTER_2025, pg.MISSED, pg.DONE_LATE),  # done, but in 2026
])
def test_milestones_before_and_after_their_deadline(flags, as_of, status, reason):
    r = assess({"m": flags}, as_of, **MILESTONE)
    assert (r.status, r.reason) == (status, reason)


# 6. Reasons that are true ---------------------------------------------------------------

def test_a_figure_outside_the_window_is_not_called_no_data():
    r = assess({"x": {2020: 30.0}}, **BAR)  # the bar is in force from 2022: a 2020 figure is outside
    assert (r.status, r.reason, r.n_observed) == (pg.NOT_ASSESSABLE, pg.OUTSIDE_WINDOW, 0)
    r = assess({"other": {2023: 30.0}}, **BAR)
    assert (r.status, r.reason) == (pg.NOT_ASSESSABLE, pg.NO_DISTRICT_DATA)


# 7. Deadlines that have passed ----------------------------------------------------------

def test_a_deadline_passes_after_31_december_of_the_target_year():
    assert assess({}, date(2025, 12, 31)).status == pg.NOT_ASSESSABLE
    r = assess({}, date(2026, 1, 1))
    assert (r.status, r.reason) == (pg.DEADLINE_PASSED, pg.NO_DISTRICT_DATA)
    assert assess({}, AFTER_2025, target_year=2035).status == pg.NOT_ASSESSABLE
    r = assess({"x": {2020: 60.0, 2023: 66.0}}, AFTER_2025)  # the figures stop before 2025
    assert (r.status, r.reason, r.latest_value) == (pg.DEADLINE_PASSED, pg.NO_RESULT_FOR_TARGET_YEAR, 66.0)
    assert math.isnan(r.ratio) and math.isnan(r.projected_value)  # no forecast of a year already past


@pytest.mark.monitor_data
def test_the_latest_edition_counts_the_targets_past_their_deadline_from_the_data():
    """At the latest edition's data-as-of date (or, before any deadline has passed, the day after the
    earliest target year), every target whose target year is over is judged after its deadline: met or
    missed on a district figure for the target year or later, 'deadline passed' without one; no other is."""
    from analysis.assess import editions

    dataset = load_dataset()
    targets = dataset.targets
    as_of = editions.latest(dataset.data_dir).data_as_of
    if not targets["target_year"].lt(as_of.year).any():
        as_of = date(int(targets["target_year"].min()) + 1, 1, 1)
    result = pg.assess_district(dataset, as_of).set_index("target_id").loc[targets["target_id"]]
    due = targets["target_year"].lt(as_of.year).fillna(False).astype(bool).to_numpy()
    assert due.sum() > 0
    with_result = result["latest_year"].ge(targets["target_year"].to_numpy()).fillna(False).astype(bool).to_numpy()
    assert result["status"][due & ~with_result].eq(pg.DEADLINE_PASSED).all()
    assert result["status"][due & with_result].isin([pg.MET, pg.MISSED, pg.BELOW_TARGET]).all()
    assert result["status"][~due].ne(pg.DEADLINE_PASSED).all()


# 8. Yearly changes, chained --------------------------------------------------------------

ENERGY = {"kind": "reduction_vs_baseline", "direction": "decrease", "comparator": "<=", "baseline_year": 2020,
          "target_value": -13.5}


def test_yearly_changes_are_chained_not_summed():
    # -3%, -2%, -4%: 0.97 x 0.98 x 0.96 = 0.912576 -> -8.7424% since 2020 (the sum would say -9%)
    r = assess({"x_yearly": {2021: -3.0, 2022: -2.0, 2023: -4.0}}, **ENERGY)
    assert (r.latest_year, r.latest_origin) == (2023, cm.CHAINED)
    assert r.latest_value == pytest.approx(-8.7424)
    actual = 0.912576 ** (1 / 3) - 1  # the index 100 -> 91.2576 over 3 years
    required = 0.865 ** (1 / 5) - 1
    assert r.ratio == pytest.approx(-actual / abs(required))
    assert r.gap == pytest.approx(13.5 - 8.7424)


def test_a_published_cumulative_change_is_carried_on_by_the_yearly_ones():
    # -5.0% since 2020 published for 2022, then -4% in 2023: 0.95 x 0.96 = 0.912 -> -8.8%
    r = assess({"x": {2022: -5.0}, "x_yearly": {2023: -4.0}}, **ENERGY)
    assert (r.latest_year, r.latest_value, r.latest_origin) == (2023, pytest.approx(-8.8), cm.CHAINED)


def test_a_missing_yearly_change_stops_the_chain():
    r = assess({"x_yearly": {2021: -3.0, 2023: -4.0}}, **ENERGY)  # 2022 unknown
    assert (r.latest_year, r.latest_value, r.missing_years) == (2021, -3.0, "2022")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(-20, 20, allow_nan=False), min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_chaining_equals_the_product_and_ignores_the_order(changes, rng):
    def chained(rates: list[float]) -> float:
        years = {2021 + i: r for i, r in enumerate(rates)}  # up to 2028: the target year 2030 is not reached
        return assess({"x_yearly": years}, date(2029, 6, 30), **{**ENERGY, "target_year": 2030}).latest_value
    product = (reduce(lambda acc, r: acc * (1 + r / 100), changes, 1.0) - 1) * 100
    shuffled = list(changes)
    rng.shuffle(shuffled)
    assert chained(changes) == pytest.approx(product, abs=1e-9)
    assert chained(shuffled) == pytest.approx(chained(changes), abs=1e-9)


# Validation: a published cumulative figure against the yearly ones ----------------------

def add_rows(data_dir, indicators: list[dict], rows: list[dict]) -> None:
    """Append SYNTHETIC indicators and district observations to a synthetic data directory."""
    from analysis.inputs import catalogue, observations as obs
    old_indicators = pd.read_csv(data_dir / "indicators.csv", dtype=str, keep_default_na=False).to_dict("records")
    write_csv(data_dir / "indicators.csv", old_indicators + indicators, list(catalogue.INDICATORS_SCHEMA.columns))
    old_rows = pd.read_csv(data_dir / "observations.csv", dtype=str, keep_default_na=False).to_dict("records")
    write_csv(data_dir / "observations.csv", old_rows + rows, list(obs.OBSERVATIONS_SCHEMA.columns))


def yearly_energy(year: int, value: float) -> dict:
    return {"indicator_id": "energy_yearly", "geography": DISTRICT, "year": year, "value": value,
            "unit": "percent_yoy", "source_id": "synthetic_source", "note": "SYNTHETIC"}


ENERGY_YEARLY = {"indicator_id": "energy_yearly", "name_zh": "能耗年降幅", "name_en": "SYNTHETIC yearly change",
                 "unit": "percent_yoy", "direction": "decrease", "measure": "yearly_change", "increment_of": "energy_intensity"}


def test_validation_accepts_figures_that_agree_within_rounding(synthetic_dir):
    # synthetic data: energy_intensity 2022 = -5.0; -3.0 and -2.0 chain to -4.94: within 0.15 points
    add_rows(synthetic_dir, [ENERGY_YEARLY], [yearly_energy(2021, -3.0), yearly_energy(2022, -2.0)])
    result = pg.assess_district(load_dataset(synthetic_dir), BEFORE_DEADLINE).set_index("target_id")
    assert result.loc["T0-1", "latest_value"] == -5.0  # the published figure wins over the chained one


def test_validation_refuses_figures_that_disagree(synthetic_dir):
    # -3.0 then -3.0 chain to -5.91, but -5.0 is published for 2022
    add_rows(synthetic_dir, [ENERGY_YEARLY], [yearly_energy(2021, -3.0), yearly_energy(2022, -3.0)])
    with pytest.raises(DataValidationError) as caught:
        load_dataset(synthetic_dir)
    messages = [p.text("en") for p in caught.value.problems]
    assert any(f"energy_intensity / {DISTRICT} 2022 is -5, but the yearly changes of energy_yearly chain to -5.91" in m
               for m in messages), messages
    assert any(p.text("zh").startswith("observations.csv") and "连乘得 -5.91" in p.text("zh")
               for p in caught.value.problems)


def test_a_chapter_shows_the_yearly_changes_and_says_which_value_was_chained(synthetic_dir, monkeypatch):
    # synthetic: energy_intensity 2022 = -5.0 published; a yearly change of -4.0 for 2023 -> 0.95 x 0.96 - 1 = -8.8%
    from analysis.pages import publication
    from synthetic import PAGE_EDITION

    add_rows(synthetic_dir, [ENERGY_YEARLY], [yearly_energy(2023, -4.0)])
    outputs = []
    monkeypatch.setattr(publication, "display", outputs.append)
    chapter = publication.Chapter.load(0, "en", str(synthetic_dir), *PAGE_EDITION)
    chapter.show_targets_table()
    chapter.show_all_targets()
    page = "".join(o.data for o in outputs)
    assert "-8.8% vs base year (2023; chained from the yearly changes)" in page
    assert "The cumulative values for 2023 are chained from the published yearly changes" in page
    assert "SYNTHETIC yearly change" in page and "-4% y/y" in page  # the yearly figure itself, in the table


def test_the_methodology_page_explains_each_rule_with_a_computed_example():
    from analysis.pages.methodology import methodology_html

    factors = pd.DataFrame([{"fuel_id": "electricity", "name_zh": "外购电力", "name_en": "Purchased electricity",
                             "activity_unit": "10k kWh", "factor": 4.2, "source_id": "synthetic_source"}])  # SYNTHETIC
    pages = {language: methodology_html(language, factors) for language in ("zh", "en")}
    for page in pages.values():
        for anchor in ("statuses", "trend", "deadline", "late-figure", "after-target-year", "as-of", "bar",
                       "base-met", "chained", "running-total", "incomplete", "milestones", "estimate", "thresholds",
                       "status-deadline-passed", "status-below-target"):
            assert f'id="{anchor}"' in page
    en, zh = pages["en"], pages["zh"]
    assert "Result: ⊘ Deadline passed, no published result found; latest 68% (2023)" in en
    # rule 1: the 2025 figure decides, 2026 is what happened since; no 2025 figure: no result, never met
    assert "Result: ✖ Missed (deadline passed); latest 72% (2025); 3% to go; missed in 2025; reached in 2026 (76%)." in en
    assert "结果：✖ 未达标（已到期），最新值72%（2025年），距目标3%，2025年未达标；2026年达到（76%）。" in zh
    assert ("Result: ⊘ Deadline passed, no published result found; latest 70% (2023); 5% to go; no result for 2025; the 2026 "
            "figure shows 74%, short of the target level.") in en
    # rule 2: the 2027 figure of an edition as of 25 November 2026 is set aside: 2025's 72% decides, nothing since
    assert ("76% in 2027; data as of 25 November 2026.</p><p class=\"pcm-example\">Result: ✖ Missed (deadline passed); "
            "latest 72% (2025); 3% to go.</p><p class=\"pcm-example\">The 2027 figure is dated after the data-as-of "
            "date: set aside, not used.") in en
    # rule 3: the published totals lack 2026 and 2030, the estimate decides
    assert "the published totals lack 2026, 2030, so the estimate decides: ✔ Target met, highest in 2027." in en
    assert "公布总量缺2026、2030年，因此由估算值判断：✔ 已达标，最高为2027年。" in zh
    # rule 4: 80% in 2020 already meets 75%: no gap, no share
    assert "Result: ✔ Target met; latest 82% (2023); already met in the base year." in en
    assert "结果：✔ 已达标，最新值82%（2023年），基年已达到目标。" in zh
    assert "Result: ▽ Below the required level; latest 36% (2023); actual +20.00% a year" in en
    assert "latest -8.7% vs base year (2023)" in en and "0.97 × 0.98 × 0.96 − 1 = −8.7424%" in en
    assert "latest 16,000 kW (2024); actual 4,000 kW a year, required 6,000 kW a year; ratio 0.67" in en
    assert "Result: ? Not yet assessable; 2022 missing." in en
    assert "结果：▽ 低于规定标准，最新值36%（2023年）" in zh and "= 50.4万吨二氧化碳（估算值）" in zh


@pytest.mark.monitor_data
def test_validate_says_which_published_statuses_the_data_move(tmp_path):
    """A SYNTHETIC district figure that meets a level target of the data in its target year (the first one,
    by then, with no district figure for that year and not already met in the latest edition): validation says
    that publishing it would move that target to 'met', in either language."""
    import shutil

    from click.testing import CliRunner

    from analysis.__main__ import cli
    from analysis.assess import editions
    from analysis.inputs.dataset import default_data_dir
    from analysis.pages.labels import status_text

    data = shutil.copytree(default_data_dir(), tmp_path / "data")
    dataset = load_dataset(data)
    current = editions.latest(data)
    recorded = editions.load_editions(data)[current.year].set_index("target_id")["status"]
    district = dataset.plan.district.id
    observed = dataset.observations[dataset.observations["geography"].eq(district)]
    held = set(zip(observed["indicator_id"], observed["year"]))
    t = dataset.targets
    levels = t[t["kind"].eq("level_by_year") & t["comparator"].eq(">=") & t["target_year"].le(current.data_as_of.year)
               & t["target_id"].map(recorded).ne(pg.MET)]
    target = next(r for r in levels.itertuples() if (r.indicator_id, r.target_year) not in held)
    with (data / "observations.csv").open("a", encoding="utf-8") as f:
        source = pd.read_csv(data / "sources.csv")["source_id"].iloc[0]
        f.write(f"{target.indicator_id},{district},{target.target_year},{target.target_value:g},{target.unit},{source},"
                "SYNTHETIC test row\n")
    english = CliRunner().invoke(cli, ["validate", "--data-dir", str(data), "--lang", "en"])
    assert english.exit_code == 0, english.output
    assert f"published statuses this data moves against the {current.year} edition:" in english.output
    moved = f"{target.target_id:<6} {status_text(recorded[target.target_id], 'en')} -> ✔ Target met"
    assert moved in english.output, english.output
    chinese = CliRunner().invoke(cli, ["validate", "--data-dir", str(data), "--lang", "zh"])
    assert f"与{current.year}年版相比，本数据将改变的已发布状态：" in chinese.output and "✔ 已达标" in chinese.output


# 7. Figures after the data-as-of date, and two scopes of emissions --------------------------

def add_synthetic_figures(data_dir, sources: list[dict], rows: list[dict]) -> None:
    """Append SYNTHETIC sources and observations (each row: indicator, geography, year, value, unit, source_id)."""
    from analysis.inputs import observations as obs
    for name, new, schema in (("sources.csv", sources, obs.SOURCES_SCHEMA), ("observations.csv", rows,
                                                                            obs.OBSERVATIONS_SCHEMA)):
        old = pd.read_csv(data_dir / name, dtype=str, keep_default_na=False).to_dict("records")
        write_csv(data_dir / name, old + new, list(schema.columns))


LATER_SOURCE = {"source_id": "synthetic_2026", "title": "Synthetic bulletin published 2026-03", "publisher": "Test suite",
                "date": "2026-03", "url": "https://www.example.gov.cn/2026", "kind": "official", "note": "SYNTHETIC"}
GREEN_2025_2026 = [  # T4-1 is at least 75% by 2025: 72 in 2025 (published 2026-03), 76 in 2026
    {"indicator_id": "green_travel_share", "geography": GEO, "year": 2025, "value": 72, "unit": "percent",
     "source_id": "synthetic_2026", "note": "SYNTHETIC"},
    {"indicator_id": "green_travel_share", "geography": GEO, "year": 2026, "value": 76, "unit": "percent",
     "source_id": "synthetic_source", "note": "SYNTHETIC"}]


def test_figures_dated_after_the_data_as_of_date_are_set_aside(synthetic_dir):
    from analysis.assess.editions import Edition
    from analysis.inputs.dataset import LATER_YEAR, PUBLISHED_LATER, known_on
    from analysis.pages.preview import set_aside_line

    add_synthetic_figures(synthetic_dir, [LATER_SOURCE], GREEN_2025_2026)
    dataset = load_dataset(synthetic_dir)  # validation accepts them
    travel = lambda as_of: pg.assess_district(dataset, as_of).set_index("target_id").loc["T4-1"]  # noqa: E731
    # as of 31 December 2025: the 2025 figure was published in March 2026, 2026 is a later year: both set aside
    known = known_on(dataset, date(2025, 12, 31))
    assert known.set_aside[["year", "why"]].values.tolist() == [[2025, PUBLISHED_LATER], [2026, LATER_YEAR]]
    assert (travel(date(2025, 12, 31)).status, travel(date(2025, 12, 31)).latest_year) == (pg.ON_TRACK, 2022)
    assert set_aside_line(dataset, Edition(2025, date(2025, 12, 31))) == (
        "set aside 2 figures dated after the data-as-of date (2025-12-31): 1 published after it, 1 for a year after "
        "it; they are in no assessment, chart or download of this edition.")
    assert set_aside_line(dataset, Edition(2025, date(2025, 12, 31)), "zh").startswith(
        "未采用2个晚于数据截至日期（2025-12-31）的数字：1个发布于该日期之后，1个属于该日期之后的年份")
    # a month-only date counts from its first day: known on 1 March 2026, not on 28 February
    assert known_on(dataset, date(2026, 3, 1)).set_aside.empty
    # as of 28 February 2026 the 2025 figure is not yet known: no result for 2025, the 2026 figure is what followed
    r = travel(date(2026, 2, 28))
    assert (r.status, r.reason, r.since, r.since_year) == (pg.DEADLINE_PASSED, pg.NO_FIGURE_FOR_TARGET_YEAR,
                                                           pg.REACHED_LATER, 2026)
    # as of 25 November 2026 both are known: missed in 2025; reached in 2026
    r = travel(date(2026, 11, 25))
    assert (r.status, r.latest_value, r.since, r.since_year) == (pg.MISSED, 72.0, pg.REACHED_LATER, 2026)
    assert set_aside_line(dataset, Edition(2026, date(2026, 11, 25))) == ""


def test_an_edition_dated_before_every_figure_has_no_results_and_says_so(synthetic_dir, tmp_path):
    from analysis.assess.editions import Edition
    from analysis.pages import downloads
    from analysis.pages.preview import set_aside_line

    dataset = load_dataset(synthetic_dir)
    as_of = date(2019, 6, 30)  # every synthetic figure is for 2020 or later
    assessed = pg.assess_district(dataset, as_of)
    assert set(assessed["reason"]) == {pg.NO_DISTRICT_DATA} and assessed["latest_value"].isna().all()
    assert set_aside_line(dataset, Edition(2019, as_of)).endswith(
        "; no figure is known on that date, so this edition has no results.")
    written = downloads.write_downloads(dataset, tmp_path / "downloads", as_of, 2019)
    assert not [p for p in written if p.name.startswith("target-")]
    assert (tmp_path / "downloads" / "observations.csv").read_text(encoding="utf-8").strip().count("\n") == 0


def test_downloads_of_an_edition_leave_out_the_figures_set_aside_and_say_what_happened_since(synthetic_dir, tmp_path):
    from analysis.pages import downloads

    add_synthetic_figures(synthetic_dir, [LATER_SOURCE], GREEN_2025_2026)
    dataset = load_dataset(synthetic_dir)
    downloads.write_downloads(dataset, tmp_path / "early", date(2025, 12, 31), 2025)
    observed = pd.read_csv(tmp_path / "early" / "observations.csv")
    assert observed.query("indicator_id == 'green_travel_share'")["year"].tolist() == [2020, 2022, 2022]
    assert "2025" not in (tmp_path / "early" / "target-T4-1.csv").read_text(encoding="utf-8-sig")
    downloads.write_downloads(dataset, tmp_path / "late", date(2026, 11, 25), 2026)
    assessment = pd.read_csv(tmp_path / "late" / "assessment.csv", encoding="utf-8-sig").set_index("target_id")
    assert assessment.loc["T4-1", ["status", "since", "since_year", "since_en", "since_zh"]].tolist() == [
        pg.MISSED, pg.REACHED_LATER, 2026, "missed in 2025; reached in 2026 (76%)", "2025年未达标；2026年达到（76%）"]


def activity_rows(amounts: dict[int, float]) -> list[dict]:
    return [{"geography": GEO, "year": year, "fuel_id": "electricity", "amount": amount, "activity_unit": "10k kWh",
             "source_id": "synthetic_source", "note": "SYNTHETIC"} for year, amount in amounts.items()]


def test_a_published_total_of_one_year_does_not_replace_the_estimate(synthetic_dir):
    from analysis.inputs import energy

    # estimate (x 4.2 t per 10k kWh / 10,000): 2026 100.8, 2027 105.0, 2028 108.15: still rising
    write_csv(synthetic_dir / energy.ACTIVITY_FILE, activity_rows({2026: 240000, 2027: 250000, 2028: 257500}),
              list(energy.ACTIVITY_SCHEMA.columns))
    # a published all-fuel total for 2028 only, 95: mixed in, 100.8, 105, 95 would fake a peak in 2027
    add_synthetic_figures(synthetic_dir, [], [{"indicator_id": "co2_emissions", "geography": GEO, "year": 2028,
                                               "value": 95, "unit": "tCO2_10k", "source_id": "synthetic_source",
                                               "note": "SYNTHETIC"}])
    dataset = load_dataset(synthetic_dir)
    emissions = dataset.observations.query("indicator_id == 'co2_emissions'")
    assert sorted(emissions["origin"]) == ["estimated", "estimated", "estimated", "observed"]  # both scopes kept
    r = pg.assess_district(dataset, date(2029, 3, 1)).set_index("target_id").loc["T0-2"]
    assert (r.status, r.scope, r.peak_year, r.latest_value) == (pg.ACCELERATION_NEEDED, "estimated", 2028,
                                                                pytest.approx(108.15))


def test_a_published_total_for_every_year_of_the_estimate_decides():
    # published 300, 290, 280 (2026-2028) covers the estimate's years: the published series decides, and peaked
    rows = [("emissions", GEO, y, v, o) for o, values in (("observed", {2026: 300.0, 2027: 290.0, 2028: 280.0}),
                                                           ("estimated", {2026: 100.0, 2027: 105.0, 2028: 108.0}))
            for y, v in values.items()]
    obs = pd.DataFrame(rows, columns=["indicator_id", "geography", "year", "value", "origin"])
    r = pg.assess(targets_frame(**PEAK), obs, GEO, date(2029, 3, 1), INDICATORS).iloc[0]
    assert (r.status, r.scope, r.peak_year, r.latest_value) == (pg.ON_TRACK, "observed", 2026, 280.0)
    r = pg.assess(targets_frame(**PEAK), obs.query("year != 2027 or origin == 'estimated'"), GEO, date(2029, 3, 1),
                  INDICATORS).iloc[0]  # the published 2027 missing: the estimate, still rising, decides
    assert (r.status, r.scope, r.peak_year) == (pg.ACCELERATION_NEEDED, "estimated", 2028)


def test_the_chapter_draws_the_other_scope_beside_the_one_that_decided(synthetic_dir):
    from analysis.inputs import energy
    from analysis.pages import charts
    from analysis.pages.publication import Chapter

    write_csv(synthetic_dir / energy.ACTIVITY_FILE, activity_rows({2026: 240000, 2027: 250000, 2028: 257500}),
              list(energy.ACTIVITY_SCHEMA.columns))
    add_synthetic_figures(synthetic_dir, [], [{"indicator_id": "co2_emissions", "geography": GEO, "year": 2028,
                                               "value": 95, "unit": "tCO2_10k", "source_id": "synthetic_source",
                                               "note": "SYNTHETIC"}])
    chapter = Chapter(load_dataset(synthetic_dir), "en", 2029, date(2029, 3, 1), 0)
    row = chapter.rows.set_index("target_id", drop=False).loc["T0-2"]
    points = charts.chart_points(row, chapter.dataset.observations, chapter.source_table, chapter.dataset.plan, "en",
                                 chapter.dataset.indicators)
    assert sorted(points[["area", "year", "origin"]].values.tolist()) == [
        ["Synthetic District", 2026, "estimated"], ["Synthetic District", 2027, "estimated"],
        ["Synthetic District", 2028, "estimated"],
        ["Synthetic District (published total, not used in the peak test)", 2028, "observed"]]
    spec = charts.target_chart(row, points, chapter.dataset.plan, "en").to_dict()
    legend = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert "Synthetic District (published total, not used in the peak test)" in legend and "Synthetic District" in legend
    assert "the peak test ran on the estimate (the published totals do not cover every year)." in chapter.peak_html(row)
