"""The answer first: the conclusion and the overview pictures, counted from synthetic data
(values worked out by hand from tests/synthetic.py)."""

import datetime
import html as html_module
import re

import pandas as pd
import pytest

from analysis.inputs.checks import searched
from analysis.pages import overview
from analysis.assess import progress as pg
from analysis.inputs.dataset import load_dataset
from analysis.pages.labels import STATUS_TABLE
from analysis.pages.methodology import methodology_html
from analysis.pages.page import Page

from synthetic import DISTRICT, AS_OF, PAGE_EDITION

LATER = datetime.date(2026, 11, 25)  # after the end of 2025: the three 2025 deadlines have passed


def counts_on_page(html: str) -> dict[str, int]:
    return {name: int(value) for name, value in re.findall(r'data-count="(\w+)">(\d+)<', html)}


def add_observation(directory, indicator, year, value):
    path = directory / "observations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.iloc[0].copy()
    row[["indicator_id", "geography", "year", "value"]] = [indicator, DISTRICT, str(year), str(value)]
    unit = frame.loc[frame["indicator_id"] == indicator, "unit"].iloc[0]
    row["unit"] = unit
    pd.concat([frame, row.to_frame().T]).to_csv(path, index=False)


def test_standing_before_any_deadline(synthetic_dir):
    # T0-1 -5% by 2022 (needs -13.5% by 2025): ratio 0.88, acceleration needed; T1-1 12,000 of 22,000 kW:
    # acceleration needed; T4-1 60 -> 66%: on track; T0-2 (peak) has no data.
    s = overview.standing(pg.assess_district(load_dataset(synthetic_dir), AS_OF), AS_OF)
    assert s.counts() == {"targets": 4, "with_data": 3, "due": 0, "due_with_result": 0, "judged": 3, "met": 0,
                          "behind": 2}
    assert s.peak["target_id"] == "T0-2" and s.peak["reason"] == pg.NO_DISTRICT_DATA


def test_standing_after_the_deadline_and_when_a_result_arrives(synthetic_dir):
    s = overview.standing(pg.assess_district(load_dataset(synthetic_dir), LATER), LATER)
    assert (s.due, s.due_years, s.due_with_result, s.judged) == (3, (2025,), 0, 0)
    add_observation(synthetic_dir, "green_travel_share", 2025, 80)  # T4-1: 80% in 2025 meets 75%
    s = overview.standing(pg.assess_district(load_dataset(synthetic_dir), LATER), LATER)
    assert (s.due, s.due_with_result, s.judged, s.met) == (3, 1, 1, 1)


@pytest.mark.parametrize("language, words", [
    ("zh", ["3项目标的期限（2025年底）已过，其中", "数据截至2026年11月25日", "能否在2030年前实现碳达峰：目前无法判断"]),
    ("en", ["targets fell due (end of 2025)", "Data as of 25 November 2026",
            "Whether Synthetic's CO2 emissions peak before 2030 cannot be judged yet: no district figure found in the "
            "publications checked"]),
])
def test_conclusion_says_the_counts_in_words(synthetic_dir, language, words):
    s = overview.standing(pg.assess_district(load_dataset(synthetic_dir), LATER), LATER)
    dataset = load_dataset(synthetic_dir)
    html = overview.conclusion_html(s, dataset.plan, language, searched(dataset.checks))
    assert counts_on_page(html) == s.counts()
    text = html_module.unescape(re.sub(r"<[^>]+>", "", html))
    assert all(w in text for w in words), text


def test_with_no_district_data_the_absence_is_said_first(synthetic_dir):
    observations = pd.read_csv(synthetic_dir / "observations.csv", dtype=str, keep_default_na=False)
    observations[observations["geography"] != DISTRICT].to_csv(synthetic_dir / "observations.csv", index=False)
    s = overview.standing(pg.assess_district(load_dataset(synthetic_dir), LATER), LATER)
    dataset = load_dataset(synthetic_dir)
    html = overview.conclusion_html(s, dataset.plan, "en", searched(dataset.checks))
    lead = re.search(r'<p class="pcm-lead">(.*?)</p>', html).group(1)
    assert re.sub(r"<[^>]+>", "", lead).startswith(
        "No Synthetic figure was found for any of the plan's 4 quantified targets in the publications checked "
        "(2 publications, last checked 2025-11; see what was checked) (with district data: 0)")
    assert '<a href="checks.html">what was checked</a>' in lead


@pytest.mark.parametrize("language, words", [
    ("zh", ["在查过的资料中，方案4项量化目标均未找到合成测试区的数字（查过4种资料，最近查阅于2026-12-04；见查过哪些资料）",
            "未找到或无法读取的资料（2种）", "未找到的资料：合成区统计年鉴", "相关部分无法读取的资料：合成区计划执行情况"]),
    ("en", ["in the publications checked (4 publications, last checked 2026-12-04; see what was checked)",
            "Publications not located or not readable (2)", "Not located: 合成区统计年鉴",
            "Could not be read where the figure would be: 合成区计划执行情况"]),
])
def test_the_conclusion_says_what_the_search_found_and_names_what_could_not_be_read(synthetic_dir, language, words):
    """The landing page's lead is about the search (how many publications, when), never a fact about the district."""
    rows = pd.read_csv(synthetic_dir / "checks.csv", dtype=str, keep_default_na=False)
    unread = [{**rows.iloc[0].to_dict(), "indicator_id": "", "publication": "合成区统计年鉴", "finding": "not_located",
               "url": "", "date_checked": "2026-12-04"},
              {**rows.iloc[0].to_dict(), "indicator_id": "green_travel_share", "publication": "合成区计划执行情况",
               "finding": "not_readable", "date_checked": "2026-11"}]
    pd.concat([rows, pd.DataFrame(unread)]).to_csv(synthetic_dir / "checks.csv", index=False)
    observations = pd.read_csv(synthetic_dir / "observations.csv", dtype=str, keep_default_na=False)
    observations[observations["geography"] != DISTRICT].to_csv(synthetic_dir / "observations.csv", index=False)
    dataset = load_dataset(synthetic_dir)
    s = overview.standing(pg.assess_district(dataset, LATER), LATER)
    text = html_module.unescape(re.sub(r"<[^>]+>", "", overview.conclusion_html(s, dataset.plan, language,
                                                                               searched(dataset.checks))))
    assert all(w in text for w in words), text
    assert "has published" not in text and "尚未公布" not in text


def test_status_key_links_every_status_to_its_definition():
    methodology = methodology_html("en", load_dataset().factors)
    assessment = pd.DataFrame({"status": [pg.DEADLINE_PASSED, pg.DEADLINE_PASSED, pg.NOT_ASSESSABLE]})
    key = overview.status_key_html(assessment, "en")
    anchors = re.findall(r'href="methodology.html#([\w-]+)"', key)
    present = [pg.DEADLINE_PASSED, pg.NOT_ASSESSABLE]
    assert anchors == [overview.status_anchor(s) for s in
                       [*present, *(s for s in overview.TARGET_STATUSES if s not in present)]]
    assert all(f'id="{a}"' in methodology for a in anchors)
    assert "Deadline passed, no published result found</a>: 2" in key and "Not yet assessable</a>: 1" in key


def test_the_status_key_lists_the_statuses_present_first_and_folds_the_rest_away():
    assessment = pd.DataFrame({"status": [pg.NOT_ASSESSABLE, pg.DEADLINE_PASSED, pg.DEADLINE_PASSED]})
    key = overview.status_key_html(assessment, "zh")
    shown, folded = key.split('<details class="pcm-key-others">')
    assert re.findall(r"#status-([\w-]+)", shown) == ["deadline-passed", "not-assessable"]  # in the key's order
    others = len(overview.TARGET_STATUSES) - 2
    assert f"<summary>{others}种其他状态（目前没有目标处于这些状态）</summary>" in folded
    assert len(re.findall(r"<li ", folded)) == others and ": 0</li>" not in shown
    every = pd.DataFrame({"status": overview.TARGET_STATUSES})
    assert "<details" not in overview.status_key_html(every, "en")  # nothing to fold


def test_no_status_symbol_reads_as_truncated_text():
    assert not STATUS_TABLE["symbol"].str.contains(r"…|\.\.", regex=True).any()


def test_grid_and_timeline_have_one_cell_per_target_linked_to_its_section(synthetic_dir):
    html = Page.load("scorecard", "en", str(synthetic_dir), *PAGE_EDITION).scorecard()
    grid = html[html.index('<div class="pcm-grid"'):html.index('id="deadlines"')]
    timeline = html[html.index('<div class="pcm-timeline"'):html.index('id="reporting"')]
    links = re.compile(r'<a class="pcm-cell[\w -]*" href="([^"]+)"')
    assert links.findall(grid) == ["actions/action-0.html#t0-1", "actions/action-0.html#t0-2",
                                   "actions/action-1.html#t1-1", "actions/action-4.html#t4-1"]
    assert links.findall(timeline) == ["actions/action-0.html#t0-1", "actions/action-1.html#t1-1",
                                       "actions/action-4.html#t4-1", "actions/action-0.html#t0-2"]
    names = re.findall(r'<span class="pcm-cell-id">[^ ]+ (T[\d-]+)</span> <span class="pcm-cell-name">([^<]+)</span>', grid)
    page = Page.load("scorecard", "en", str(synthetic_dir), *PAGE_EDITION)
    assert names == list(zip(page.assessment["target_id"], page.assessment["metric_en"]))  # short name beside the id
    assert "pcm-cell-name" not in timeline
    assert "End of 2025 · 3" in timeline and "End of 2030 · 1" in timeline and "(passed)" not in timeline


def test_reporting_status_counts_indicators_with_district_data(synthetic_dir):
    page = Page.load("scorecard", "en", str(synthetic_dir), *PAGE_EDITION)
    html = overview.reporting_html(page.assessment, page.action_titles(), {}, "en")
    assert "Of all 4 indicators, 3 have district data." in html
    assert re.search(r"Headline goals</th><td>1 / 2</td>", html)  # energy intensity yes, CO2 no
    assert re.search(r"区发展改革委</th><td>3 / 4</td>", html)


def test_checks_page_lists_each_indicator_and_the_chapters_link_to_it(synthetic_dir):
    html = Page.load("checks", "en", str(synthetic_dir), *PAGE_EDITION).checks()
    section = html[html.index('id="check-energy_intensity"'):html.index('id="check-co2_emissions"')]
    assert "Synthetic district bulletin" in section and "read: no district figure" in section
    assert "No search recorded yet." in html[html.index('id="check-co2_emissions"'):]
    assert "trap: not Synthetic District, Synthetic City" in html[html.index('id="check-all"'):]
