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
    r = assess({"x": {2026: 40.0, 2030: 45.0}}, AFTER_2025, **{**BAR, "period_start": 2026, "target_year": 2030})
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
    r = assess({"x": series}, **{**BAR, "target_value": bar})
    assert r.status == (pg.MET if values[-1] >= bar else pg.BELOW_TARGET)


# 3. Evidence after the target year ------------------------------------------------------

def test_the_latest_observation_from_the_target_year_on_decides():
    # 2025 target >= 75: 70 in 2023 (on its way), 74 in 2026 (after the target year): missed by 1 point
    r = assess({"x": {2023: 70.0, 2026: 74.0}}, AFTER_2025)
    assert (r.status, r.latest_year, r.latest_value, r.gap) == (pg.MISSED, 2026, 74.0, pytest.approx(1.0))
    assert assess({"x": {2023: 70.0, 2026: 76.0}}, AFTER_2025).status == pg.MET


def test_the_trend_fit_stops_at_the_target_year():
    # 2020 60, 2022 66, 2027 90 for 75 by 2025: the 2027 figure decides (met); the fit uses 2020-2022 only
    r = assess({"x": {2020: 60.0, 2022: 66.0, 2027: 90.0}}, date(2028, 1, 31))
    assert r.status == pg.MET
    r = assess({"x": {2020: 60.0, 2022: 66.0, 2024: 70.0}}, BEFORE_DEADLINE)
    assert r.cagr_actual == pytest.approx((70 / 60) ** (1 / 4) - 1)


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
def test_the_2026_edition_counts_the_16_targets_due_in_2025_as_passed_without_a_result():
    dataset = load_dataset()
    result = pg.assess_district(dataset, AFTER_2025)
    due_2025 = dataset.targets["target_year"].eq(2025).fillna(False).astype(bool)
    assert due_2025.sum() == 16
    assert result.loc[due_2025.to_numpy(), "status"].eq(pg.DEADLINE_PASSED).all()
    assert result.loc[~due_2025.to_numpy(), "status"].ne(pg.DEADLINE_PASSED).all()


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
        years = {2021 + i: r for i, r in enumerate(rates)}
        return assess({"x_yearly": years}, **ENERGY).latest_value
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
        for anchor in ("statuses", "trend", "deadline", "after-target-year", "bar", "chained", "running-total",
                       "incomplete", "milestones", "estimate", "thresholds", "status-deadline-passed",
                       "status-below-target"):
            assert f'id="{anchor}"' in page
    en, zh = pages["en"], pages["zh"]
    assert "Result: ⊘ Deadline passed, no result published; latest 68% (2023)" in en
    assert "Result: ✖ Missed (deadline passed); latest 74% (2026)" in en
    assert "Result: ▽ Below the required level; latest 36% (2023); actual +20.00% a year" in en
    assert "latest -8.7% vs base year (2023)" in en and "0.97 × 0.98 × 0.96 − 1 = −8.7424%" in en
    assert "latest 16,000 kW (2024); actual 4,000 kW a year, required 6,000 kW a year; ratio 0.67" in en
    assert "Result: ? Not yet assessable; 2022 missing." in en
    assert "结果：▽ 低于规定标准，最新值36%（2023年）" in zh and "= 50.4万吨二氧化碳（估算值）" in zh


@pytest.mark.monitor_data
def test_validate_says_which_published_statuses_the_data_move(tmp_path):
    """A SYNTHETIC 2026 green-travel share of 76% for the district (>= 75% by 2025): validation says
    that publishing it would move T4-6 from 'deadline passed' to 'met', in either language."""
    import shutil

    from click.testing import CliRunner

    from analysis.__main__ import cli
    from analysis.assess import editions
    from analysis.inputs.dataset import default_data_dir

    data = shutil.copytree(default_data_dir(), tmp_path / "data")
    current = editions.latest(data).year  # whichever edition is the latest record
    with (data / "observations.csv").open("a", encoding="utf-8") as f:
        source = pd.read_csv(data / "sources.csv")["source_id"].iloc[0]
        f.write(f"green_travel_share,{read_plan(data).district.id},2026,76,percent,{source},SYNTHETIC test row\n")
    english = CliRunner().invoke(cli, ["validate", "--data-dir", str(data), "--lang", "en"])
    assert english.exit_code == 0, english.output
    assert f"published statuses this data moves against the {current} edition: 1" in english.output
    assert "T4-6   ⊘ Deadline passed, no result published -> ✔ Target met" in english.output
    chinese = CliRunner().invoke(cli, ["validate", "--data-dir", str(data), "--lang", "zh"])
    assert f"与{current}年版相比，本数据将改变的已发布状态：1" in chinese.output and "✔ 已达标" in chinese.output
