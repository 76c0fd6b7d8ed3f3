"""The charts do not mislead: each rule of issue 11 checked on the Vega-Lite spec, on synthetic data."""

import pandas as pd
import pytest

from analysis.pages import charts, webchart
from analysis.inputs.dataset import load_dataset
from analysis.pages.publication import Chapter
from analysis.assess import context as cx, progress as pg

from synthetic import CITY, DISTRICT, AS_OF, PAGE_EDITION


def add_rows(directory, rows):
    path = directory / "observations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    units = frame.drop_duplicates("indicator_id").set_index("indicator_id")["unit"]
    extra = pd.DataFrame([{"indicator_id": i, "geography": g, "year": str(y), "value": str(v), "unit": units[i],
                           "source_id": "synthetic_source", "note": "SYNTHETIC"} for i, g, y, v in rows])
    pd.concat([frame, extra]).to_csv(path, index=False)


def drop_district(directory):
    path = directory / "observations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame[frame["geography"] != DISTRICT].to_csv(path, index=False)


def charts_of(directory, target_id, language="en"):
    """(spec of the district's chart, spec of the context chart or None, the assessed row)."""
    dataset = load_dataset(directory)
    row = pg.assess_district(dataset, AS_OF).set_index("target_id", drop=False).loc[target_id]
    points = charts.chart_points(row, dataset.observations, dataset.sources, dataset.plan, language, dataset.indicators)
    main = charts.target_chart(row, points, dataset.plan, language, charts.yearly_additions(row, dataset.observations, dataset.indicators),
                               charts.plan_base(row, dataset.indicators))
    context = charts.context_chart(row, points, dataset.plan, language)
    return webchart.chart_spec(main), (webchart.chart_spec(context) if context is not None else None), row


def layers(spec):
    """Every layer: (mark type, its rows, its encoding)."""
    return [(layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"],
             spec["datasets"][layer.get("data", spec.get("data"))["name"]], layer["encoding"])
            for layer in spec["layer"]]


def legend(spec):
    domains = {tuple(e["color"]["scale"]["domain"]) for _, _, e in layers(spec) if "color" in e}
    assert len(domains) == 1, domains  # one legend
    return list(domains.pop())


def drawn_series(spec):
    return {row.get("series", row.get("area")) for _, rows, e in layers(spec) if "color" in e for row in rows}


def values_of(spec, mark=None):
    return [(r["year"], r["value"]) for m, rows, _ in layers(spec) if mark in (None, m) for r in rows if "value" in r]


@pytest.mark.parametrize("target_id", ["T0-1", "T1-1", "T4-1"])
def test_the_legend_lists_exactly_what_is_drawn(synthetic_dir, target_id):
    spec, _, _ = charts_of(synthetic_dir, target_id)
    assert sorted(legend(spec)) == sorted(drawn_series(spec))


def test_the_legend_lists_no_area_without_data(synthetic_dir):
    spec, _, _ = charts_of(synthetic_dir, "T1-1")  # district only: no context area in the legend
    assert not any("Synthetic City" in s for s in legend(spec))


def add_running_total(directory, rows):
    """A SYNTHETIC running total since 2021 that pv_added steps (the measure T1-1 counts), with its rows."""
    path = directory / "indicators.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["indicator_id"] == "pv_added", "increment_of"] = "pv_added_since_2021"
    extra = {**frame.iloc[0].to_dict(), "indicator_id": "pv_added_since_2021", "name_en": "SYNTHETIC PV since 2021",
             "unit": "kW", "direction": "increase", "measure": "running_total", "increment_of": ""}
    pd.concat([frame, pd.DataFrame([extra])]).to_csv(path, index=False)
    observations = directory / "observations.csv"
    frame = pd.read_csv(observations, dtype=str, keep_default_na=False)
    pd.concat([frame, pd.DataFrame([{"indicator_id": "pv_added_since_2021", "geography": g, "year": str(y), "value": str(v),
                                     "unit": "kW", "source_id": "synthetic_source", "note": "SYNTHETIC"}
                                    for g, y, v in rows])]).to_csv(observations, index=False)


def context_of(directory, target_id):
    dataset = load_dataset(directory)
    row = pg.assess_district(dataset, AS_OF).set_index("target_id", drop=False).loc[target_id]
    return cx.context_figures(row, dataset.observations, dataset.indicators, dataset.context_links)


def test_a_citys_one_year_addition_is_never_drawn_beside_a_period_total(synthetic_dir):
    add_rows(synthetic_dir, [("pv_added", CITY, 2023, 946000)])
    main, context, _ = charts_of(synthetic_dir, "T1-1")
    assert (2023, 946000) not in values_of(main) and context is None
    figures = context_of(synthetic_dir, "T1-1")
    assert figures[["geography", "year", "comparable", "reason_en", "reason_zh"]].values.tolist() == [
        [CITY, 2023, False, "one year's addition (2023), not the 2021-2025 total", "2023年一年的新增量，不是2021—2025年的合计"]]


def test_a_running_total_over_the_targets_period_to_its_close_gets_its_own_chart(synthetic_dir):
    add_running_total(synthetic_dir, [(CITY, 2023, 500000), (CITY, 2025, 900000)])
    main, context, _ = charts_of(synthetic_dir, "T1-1")
    assert values_of(context) == [(2025, 900000)] and legend(context) == ["Synthetic City (context)"]
    assert not any("Synthetic City" in s for s in legend(main))
    figures = context_of(synthetic_dir, "T1-1")
    assert figures[["year", "comparable", "reason_en"]].values.tolist() == [
        [2023, False, "covers 2021-2023, not 2021-2025"], [2025, True, ""]]


def test_a_change_over_a_shorter_period_is_related_not_comparable(synthetic_dir):
    add_rows(synthetic_dir, [("energy_intensity", CITY, 2024, -11.6), ("energy_intensity", CITY, 2025, -14)])
    main, _, _ = charts_of(synthetic_dir, "T0-1")
    assert (2025, -14) in values_of(main, "point") and (2024, -11.6) not in values_of(main, "point")
    figures = context_of(synthetic_dir, "T0-1")
    city = figures[figures["geography"].eq(CITY) & figures["indicator_id"].eq("energy_intensity")]
    assert city[["year", "comparable", "reason_en"]].values.tolist() == [
        [2024, False, "covers 2021-2024, not 2021-2025"], [2025, True, ""]]


def test_a_linked_indicator_is_related_in_every_area_with_the_links_reason(synthetic_dir):
    figures = context_of(synthetic_dir, "T0-1")
    linked = figures[figures["indicator_id"].eq("green_travel_share")]
    assert linked[["geography", "year"]].values.tolist() == [[CITY, 2022], [DISTRICT, 2020], [DISTRICT, 2022]]
    assert not linked["comparable"].any() and set(linked["reason_en"]) == {"SYNTHETIC: another indicator"}
    assert set(linked["measure"]) == {"share"}


def test_a_share_in_another_area_is_comparable_in_any_year(synthetic_dir):
    figures = context_of(synthetic_dir, "T4-1")
    assert figures[["geography", "year", "comparable"]].values.tolist() == [[CITY, 2022, True]]


def test_context_in_a_share_shares_the_axis(synthetic_dir):
    main, context, _ = charts_of(synthetic_dir, "T4-1")
    assert context is None and (2022, 70) in values_of(main) and "Synthetic City (context)" in legend(main)


@pytest.mark.parametrize("target_id, zero", [("T4-1", True), ("T0-1", True), ("T1-1", True)])
def test_shares_rates_and_running_totals_start_at_zero(synthetic_dir, target_id, zero):
    spec, _, _ = charts_of(synthetic_dir, target_id)
    assert {e["y"].get("scale", {}).get("zero") for _, _, e in layers(spec) if "y" in e} == {zero}


def test_the_target_is_drawn_even_without_district_data(synthetic_dir):
    drop_district(synthetic_dir)
    for target_id, target in [("T4-1", (2025, 75)), ("T1-1", (2025, 22000)), ("T0-1", (2025, -13.5))]:
        spec, _, _ = charts_of(synthetic_dir, target_id)
        assert target in values_of(spec, "point") and "Target" in legend(spec), target_id


def test_the_required_path_runs_from_the_plans_base(synthetic_dir):
    drop_district(synthetic_dir)
    paths = {}
    for target_id in ("T0-1", "T1-1", "T4-1"):
        spec, _, _ = charts_of(synthetic_dir, target_id)
        paths[target_id] = [(r["year"], r["value"]) for m, rows, _ in layers(spec) for r in rows
                            if r.get("series") == "Required path"]
    assert paths == {"T0-1": [(2020, 0), (2025, -13.5)],  # 0% change in the base year 2020
                     "T1-1": [(2020, 0), (2025, 22000)],  # nothing added before the period starts in 2021
                     "T4-1": []}  # a level with no base in the plan: no path without data


def test_a_cumulative_target_shows_yearly_additions_as_bars_and_the_total_as_a_line(synthetic_dir):
    spec, _, _ = charts_of(synthetic_dir, "T1-1")
    bars = [rows for m, rows, _ in layers(spec) if m == "bar"]
    assert [(r["year"], r["value"]) for r in bars[0]] == [(2021, 3000), (2022, 4000), (2023, 5000)]
    lines = [rows for m, rows, _ in layers(spec) if m == "line" and rows[0].get("geography") == DISTRICT]
    assert [(r["year"], r["value"]) for r in lines[0]] == [(2021, 3000), (2022, 7000), (2023, 12000)]
    for mark in ("bar", "point"):
        tooltip = [t["title"] for m, rows, e in layers(spec) if m == mark and "tooltip" in e
                   and rows[0].get("geography", DISTRICT) == DISTRICT for t in e["tooltip"]]
        assert {"Added that year", "Running total"} <= set(tooltip), (mark, tooltip)
    point = next(r for m, rows, _ in layers(spec) if m == "point" for r in rows if r.get("year") == 2022)
    assert (point["added_text"], point["value_text"]) == ("4,000 kW", "7,000 kW (summed from the yearly additions)")


def test_a_single_figure_is_a_point_never_a_line(synthetic_dir):
    spec, _, _ = charts_of(synthetic_dir, "T0-1")  # one district figure: -5% in 2022
    assert (2022, -5) in values_of(spec, "point")
    assert not [rows for m, rows, _ in layers(spec) if m == "line" and any(r.get("geography") for r in rows)]


def test_projection_and_interval_are_in_the_legend_and_written_beside_the_chart(synthetic_dir):
    add_rows(synthetic_dir, [("green_travel_share", DISTRICT, 2021, 62), ("green_travel_share", DISTRICT, 2023, 67)])
    spec, _, row = charts_of(synthetic_dir, "T4-1")
    assert {"Projection at current pace", "95% prediction interval"} <= set(legend(spec))
    chapter = Chapter.load(4, "en", str(synthetic_dir), *PAGE_EDITION)
    dataset = chapter.dataset
    points = charts.chart_points(row, dataset.observations, dataset.sources, dataset.plan, "en", dataset.indicators)
    summary = chapter.chart_summary(row, points, charts.plan_base(row, dataset.indicators))
    low, high = (f"{row[c]:.1f}%" for c in ("interval_low", "interval_high"))
    assert f"Projection for 2025 at the present pace: {row['projected_value']:.1f}%" in summary
    assert f"(95% prediction interval {low} to {high})" in summary
