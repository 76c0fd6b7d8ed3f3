"""A target's figure on synthetic data: the table of the numbers drawn (worked out by hand from
tests/synthetic.py), the image with its publication facts, and no figure where nothing is drawn."""

import re
import struct
from unittest import mock

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from analysis.inputs.dataset import load_dataset
from analysis.pages import charts, figures, images, publication
from analysis.pages.publication import Chapter

from synthetic import AS_OF, PAGE_EDITION

SOURCE_EN = "Synthetic test source, published by Test suite, 2024-01-01"
PLAN_EN = "the plan (合成〔2024〕1号)"
COMPUTED_EN = "computed by this monitor from the published figures"


def figure_of(directory, action: int, language: str, target_id: str):
    chapter = Chapter.load(action, language, str(directory), *PAGE_EDITION)
    row = chapter.rows.set_index("target_id", drop=False).loc[target_id]
    data = chapter.dataset
    points = charts.chart_points(row, data.observations, chapter.source_table, data.plan, language, data.indicators)
    return chapter, row, points, chapter.target_figure(row, points)


def test_the_table_holds_every_number_the_chart_draws_in_legend_order(synthetic_dir):
    """T1-1, 22,000 kW added 2021-2025 from 0: yearly additions 3,000 / 4,000 / 5,000 (2021-2023)
    as bars, their running total 3,000 / 7,000 / 12,000, the target, the path from 0 in 2020, and
    the projection at the average 4,000 a year: 12,000 + 2 x 4,000 = 20,000 in 2025."""
    chapter, row, _, figure = figure_of(synthetic_dir, 1, "en", "T1-1")
    rows = chapter.drawn_rows(figure)
    drawn = [(r.series, r.year, r.value, r.source) for r in rows[rows["value"].notna()].itertuples()]
    assert drawn == [
        ("Added that year", 2021, 3000, SOURCE_EN), ("Added that year", 2022, 4000, SOURCE_EN),
        ("Added that year", 2023, 5000, SOURCE_EN),
        ("Synthetic District (running total)", 2021, 3000, SOURCE_EN),
        ("Synthetic District (running total)", 2022, 7000, SOURCE_EN),
        ("Synthetic District (running total)", 2023, 12000, SOURCE_EN),
        ("Target", 2025, 22000, PLAN_EN), ("Required path", 2020, 0, PLAN_EN), ("Required path", 2025, 22000, PLAN_EN),
        ("Projection at current pace", 2023, 12000, COMPUTED_EN), ("Projection at current pace", 2025, 20000, COMPUTED_EN),
    ]
    interval = rows[rows["value"].isna()].iloc[0]
    assert (interval.series, interval.year, interval.source) == ("95% prediction interval", 2025, COMPUTED_EN)
    assert (interval.low, interval.high) == (row["interval_low"], row["interval_high"])
    assert set(rows["unit"]) == {"kW"}
    assert figures.value_text(interval) == f"{row['interval_low']:,.2f} – {row['interval_high']:,.2f}"


def test_the_page_shows_the_table_under_its_own_tab(synthetic_dir):
    chapter, row, points, _ = figure_of(synthetic_dir, 1, "zh", "T1-1")
    block = chapter.chart_block(row, points)
    assert re.search(r'<button type="button" role="tab" id="t1-1-tab-chart" aria-controls="t1-1-panel-chart" '
                     r'aria-selected="true">图表</button>', block)
    assert 'id="t1-1-tab-table" aria-controls="t1-1-panel-table" aria-selected="false" tabindex="-1">表格<' in block
    table = block.split('id="t1-1-panel-table"', 1)[1]
    assert ' hidden><div class="pcm-table-wrap" tabindex="0" role="region"' in table  # reachable by keyboard
    assert '<table class="pcm-table pcm-drawn pcm-stack"' in table
    assert '<td role="cell" data-label="数值">12,000</td><td role="cell" data-label="单位">千瓦</td>' in table
    assert '<img class="pcm-chart-static" src="../_static/downloads/target-T1-1-zh.svg" alt="图表：新增光伏"' in block
    assert 'href="../_static/downloads/target-T1-1-zh.png" download type="image/png">PNG 图片</a>' in block


def test_the_image_carries_its_title_sources_licence_edition_and_date(synthetic_dir, tmp_path):
    dataset = load_dataset(synthetic_dir)
    paths = images.write_images(dataset, tmp_path, AS_OF, 2025, "CC BY 4.0")
    svg = (tmp_path / "target-T1-1-en.svg").read_text(encoding="utf-8")
    text = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    for words in ("T1-1 New PV", "Source: Synthetic test source, published by Test suite, 2024-01-01",
                  "Synthetic Test Monitor · 2025 edition · data as of 31 December 2025 · licence: CC BY 4.0"):
        assert words in text, words
    zh = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", (tmp_path / "target-T1-1-zh.svg").read_text(encoding="utf-8")))
    assert "合成测试监测 · 2025年版 · 数据截至2025年12月31日 · 许可：CC BY 4.0" in zh and "T1-1 新增光伏" in zh
    width, height = (float(v) for v in re.search(r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"', svg).groups())
    png = (tmp_path / "target-T1-1-en.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (round(width * figures.PNG_SCALE), round(height * figures.PNG_SCALE))
    assert len(paths) == 12  # T0-1, T1-1, T4-1 (T0-2 draws nothing), two languages, SVG and PNG


def test_an_image_is_drawn_once_and_again_only_when_what_it_shows_changes(synthetic_dir, tmp_path):
    dataset, directory = load_dataset(synthetic_dir), tmp_path / "images"
    images.write_images(dataset, directory, AS_OF, 2025, "CC BY 4.0")
    first = {p.name: p.read_bytes() for p in directory.iterdir()}
    with mock.patch.object(figures, "render", side_effect=AssertionError("drawn again")):
        images.write_images(dataset, directory, AS_OF, 2025, "CC BY 4.0")
    assert {p.name: p.read_bytes() for p in directory.iterdir()} == first
    images.write_images(dataset, directory, AS_OF, 2025, "CC BY-SA 4.0")
    svg = (directory / "target-T1-1-en.svg").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in svg and first["target-T1-1-en.svg"] != svg.encode()


def test_the_image_is_the_same_bytes_every_time(synthetic_dir):
    chapter, _, _, figure = figure_of(synthetic_dir, 4, "zh", "T4-1")
    spec = figures.image_spec(figure, images.image_facts(chapter, figure, "CC BY 4.0"), "背景")
    assert figures.render(spec, "zh") == figures.render(spec, "zh")


def test_no_data_no_figure_no_image(synthetic_dir, tmp_path):
    """T0-2 (the carbon peak) has no observation: nothing drawn, no tab, no image, no link; and a
    target that loses its data loses its images."""
    chapter, row, points, figure = figure_of(synthetic_dir, 0, "en", "T0-2")
    assert points.empty and figure is None and chapter.chart_block(row, points) == ""
    directory = tmp_path / "images"
    images.write_images(load_dataset(synthetic_dir), directory, AS_OF, 2025, "CC BY 4.0")
    assert not list(directory.glob("target-T0-2-*"))
    observations = pd.read_csv(synthetic_dir / "observations.csv", dtype=str, keep_default_na=False)
    observations[observations["indicator_id"] != "pv_added"].to_csv(synthetic_dir / "observations.csv", index=False)
    images.write_images(load_dataset(synthetic_dir), directory, AS_OF, 2025, "CC BY 4.0")
    assert not list(directory.glob("target-T1-1-*")) and list(directory.glob("target-T4-1-*"))


def test_a_spec_without_rows_draws_nothing():
    assert not figures.has_data({"datasets": {"data-1": []}}) and not figures.has_data({"mark": "point"})
    assert figures.has_data({"datasets": {"data-1": [], "data-2": [{"year": 2020, "value": 1}]}})


def test_the_images_need_a_licence(synthetic_dir, tmp_path):
    with pytest.raises(ValueError, match="licence_text_data"):
        images.write_images(load_dataset(synthetic_dir), tmp_path, AS_OF, 2025, "")


@given(st.text(alphabet=st.sampled_from("ab 光伏装机，。"), max_size=300), st.integers(min_value=4, max_value=60))
def test_facts_lines_are_wrapped_to_their_width_and_lose_nothing_but_spaces(text, width):
    lines = figures.wrapped(text, width)
    assert all(figures.display_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_chapters_link_the_images_the_build_writes(synthetic_dir, tmp_path):
    drawn = {p.name for p in images.write_images(load_dataset(synthetic_dir), tmp_path, AS_OF, 2025, "CC BY 4.0")}
    shown: list[str] = []
    with mock.patch.object(publication, "display", lambda h: shown.append(h.data)):
        for action in (0, 1, 4):
            for language in ("zh", "en"):
                Chapter.load(action, language, str(synthetic_dir), *PAGE_EDITION).show_all_targets()
    linked = set(re.findall(r'(?:src|href)="\.\./_static/downloads/(target-[^"]+\.(?:svg|png))"', "".join(shown)))
    assert linked == drawn
