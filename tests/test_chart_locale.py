"""Charts read in the page's language: axis number formats, whole-year ticks, the box's lang."""

import pandas as pd
import pytest

from analysis.pages import charts, webchart
from analysis.inputs.dataset import load_dataset
from analysis.assess import progress as pg

from synthetic import AS_OF


def chart_for(synthetic_dir, target_id: str, language: str) -> tuple[dict, str]:
    dataset = load_dataset(synthetic_dir)
    row = pg.assess_district(dataset, AS_OF).set_index("target_id", drop=False).loc[target_id]
    points = charts.chart_points(row, dataset.observations, dataset.sources, dataset.plan, language, dataset.indicators)
    chart = charts.target_chart(row, points, dataset.plan, language)
    return webchart.chart_spec(chart), webchart.chart_html(chart, label="x", language=language)


def axes(spec: dict, channel: str) -> list[dict]:
    return [layer["encoding"][channel].get("axis", {}) for layer in spec["layer"] if channel in layer["encoding"]]


def test_chinese_axis_counts_in_wan_once_values_reach_10000(synthetic_dir):
    spec, box = chart_for(synthetic_dir, "T1-1", "zh")  # 3,000 to 22,000 kW
    assert {a.get("labelExpr") for a in axes(spec, "y")} == {charts.WAN_LABEL}
    assert 'lang="zh-CN"' in box


def test_english_axis_has_thousands_separators(synthetic_dir):
    spec, box = chart_for(synthetic_dir, "T1-1", "en")
    assert {a.get("format") for a in axes(spec, "y")} == {",~r"}
    assert not any("labelExpr" in a for a in axes(spec, "y"))
    assert 'lang="en"' in box


def test_small_values_stay_plain_in_chinese(synthetic_dir):
    spec, _ = chart_for(synthetic_dir, "T4-1", "zh")  # shares of 60-75%
    assert {a.get("format") for a in axes(spec, "y")} == {",~r"}


def test_year_ticks_are_whole_years(synthetic_dir):
    spec, _ = chart_for(synthetic_dir, "T4-1", "en")  # points 2020-2022, target 2025
    assert {tuple(a["values"]) for a in axes(spec, "x")} == {(2020, 2021, 2022, 2023, 2024, 2025)}


@pytest.mark.parametrize("years, ticks", [
    ([2023, 2025], [2023, 2024, 2025]),
    ([2011, 2025], [2012, 2014, 2016, 2018, 2020, 2022, 2024]),
    ([2001, pd.NA, 2030], [2005, 2010, 2015, 2020, 2025, 2030]),
    ([2024], [2024]),
    ([], []),
])
def test_year_ticks(years, ticks):
    assert charts.year_ticks(years) == ticks


def test_unknown_language_is_refused(synthetic_dir):
    dataset = load_dataset(synthetic_dir)
    row = pg.assess_district(dataset, AS_OF).iloc[3]
    points = charts.chart_points(row, dataset.observations, dataset.sources, dataset.plan, "en", dataset.indicators)
    chart = charts.target_chart(row, points, dataset.plan, "en")
    with pytest.raises(ValueError):
        webchart.chart_html(chart, label="x", language="fr")
