"""draft-plan: a draft data folder from a plan's text.

On the plan in data/ (whatever plan is there: these tests read data/, so an adopted plan is
checked against its own hand-made catalogue), every target of targets.csv must be among the
candidates with the same clause, value, unit and years, and every action, task and lead
department of actions.yaml must be found. On SYNTHETIC plan texts written for these tests in
other layouts (tests/draft_plans: ten actions, tasks without 责任单位, targets in a list), the
output is compared with expectations written by hand. Then bad input, and the draft mark
through validate and publish."""

import csv
import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, strategies as st

from analysis.__main__ import cli
from analysis.inputs import catalogue, draft
from analysis.inputs.dataset import default_data_dir, load_dataset
from analysis.inputs.plan import read_plan
from analysis.inputs.validation import DataValidationError

PLANS = Path(__file__).parent / "draft_plans"
YEARS = ["baseline_year", "period_start", "target_year"]


def drafted(plan_text: Path, out: Path, *options: str):
    return CliRunner().invoke(cli, ["draft-plan", str(plan_text), "--out", str(out), "--lang", "en", *options])


def table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def data_draft(tmp_path_factory) -> Path:
    """The plan in data/, drafted."""
    out = tmp_path_factory.mktemp("draft") / "data"
    result = drafted(default_data_dir() / read_plan(default_data_dir()).plan.text_file, out)
    assert result.exit_code == 0, result.output
    return out


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Clause, value, unit and years as text; a delegated target's unit blank (the plan states none: the
    analyst chooses it)."""
    out = frame[["clause", "target_value", "target_value_high", "unit", *YEARS]].copy()
    for column in ("target_value", "target_value_high"):
        out[column] = pd.to_numeric(frame[column]).map(lambda v: "" if pd.isna(v) else f"{v:.6g}")
    out.loc[frame["delegated"].str.lower().eq("true").to_numpy(), "unit"] = ""
    return out


@pytest.mark.monitor_data
def test_every_target_of_the_data_is_among_the_drafts_candidates(data_draft):
    candidates = comparable(table(data_draft / "targets.csv"))
    expected = table(default_data_dir() / "targets.csv")
    found = set(map(tuple, candidates.to_numpy()))
    missing = [row.target_id for row, key in zip(expected.itertuples(), map(tuple, comparable(expected).to_numpy()))
               if key not in found]
    assert missing == []
    assert table(data_draft / "targets.csv")["draft"].eq("draft").all()


@pytest.mark.monitor_data
def test_every_action_task_and_lead_department_of_the_data_is_found(data_draft):
    expected = yaml.safe_load((default_data_dir() / "actions.yaml").read_text(encoding="utf-8"))
    found = yaml.safe_load((data_draft / "actions.yaml").read_text(encoding="utf-8"))
    assert {k: found["goals"][k] for k in ("title_zh", "summary_zh")} == {
        k: expected["goals"][k] for k in ("title_zh", "summary_zh")}

    def shape(actions):
        return [(a["id"], a["numeral"], a["title_zh"], a["purpose_zh"],
                 [(t["number"], t["title_zh"], t["departments"]) for t in a["tasks"]]) for a in actions]
    assert shape(found["actions"]) == shape(expected["actions"])
    for part in ("safeguards", "implementation"):
        keys = ("number", "numeral", "title_zh", "departments")
        assert [{k: s[k] for k in keys} for s in found.get(part, [])] == [
            {k: s[k] for k in keys} for s in expected.get(part, [])]
    leads = table(data_draft / "departments.csv")["name_zh"]
    assert set(leads) == set(catalogue.tasks_frame(expected)["department"]) | {
        d for part in ("safeguards", "implementation") for s in expected.get(part, []) for d in s["departments"]}
    assert leads.is_unique and table(data_draft / "departments.csv")["name_en"].eq("").all()


@pytest.mark.monitor_data
def test_the_draft_states_the_plans_facts_and_validates_apart_from_what_only_a_person_supplies(data_draft):
    """Title, number and date of issue as plan.yaml has them, where the text states them; the only problems
    validate names are what a person supplies (English, indicators, geographies, the site, the headline goals'
    lead, a delegated target's unit)."""
    plan = read_plan(default_data_dir()).plan
    text = (default_data_dir() / plan.text_file).read_text(encoding="utf-8")
    facts = yaml.safe_load((data_draft / "plan.yaml").read_text(encoding="utf-8"))["plan"]
    stated = {"title_zh": plan.title_zh, "number": plan.number, "issued": plan.issued}
    written = {"title_zh": plan.title_zh, "number": plan.number,
               "issued": f"{plan.issued.year}年{plan.issued.month}月{plan.issued.day}日"}
    assert {k: facts[k] for k in stated if written[k] in text} == {k: v for k, v in stated.items() if written[k] in text}
    with pytest.raises(DataValidationError) as refused:
        load_dataset(data_draft)
    human = {"title_en", "purpose_en", "name_en", "metric_en", "text_en", "indicator_id", "issuer_en", "geographies",
             "slug", "title_zh", "departments", "unit"}
    unstated = {k for k in written if written[k] not in text} | ({"issuer_zh"} if not facts["issuer_zh"] else set())
    human |= unstated
    for p in refused.value.problems:
        column = (p.column or "").rsplit(".", 1)[-1]
        assert column in human, p
        if column in ("departments", "unit"):  # the headline goals' lead; a delegated target's unit
            row = table(data_draft / "targets.csv").iloc[p.row - 2]
            assert row["action"] == "0" or row["delegated"] == "true", p
        if column == "title_zh":
            assert p.column == "site.title_zh" or (p.column == "plan.title_zh" and "title_zh" in unstated), p


# Hand-written expectations for the SYNTHETIC texts: target_id, clause, unit, kind, comparator,
# baseline_year, period_start, target_year, target_value, target_value_high, delegated.
TEN_ACTIONS = """\
T0-1,主要目标,percent_vs_baseline,reduction_vs_baseline,<=,2020,,2025,-14,,false
T0-2,主要目标,percent_vs_baseline,reduction_vs_baseline,<=,,,2025,,,true
T0-3,主要目标,percent,level_by_year,>=,,,2030,20,,false
T0-4,主要目标,tCO2_10k,milestone,peak_before,,,2030,,,false
T1-1,一.1,kW,cumulative_addition,>=,,2021,2025,12000,,false
T1-2,一.2,count,level_by_year,>=,,,,4,6,false
T2-1,二.1,count,level_by_year,>=,,,2025,10,,false
T3-1,三.1,percent,share_threshold,>=,,2024,,50,,false
T3-2,三.2,m2,cumulative_addition,>=,,2021,2025,192000,,false
T4-1,四.1,vehicles,level_by_year,>=,,,2025,15000,,false
T4-2,四.1,percent,level_by_year,>=,,,2025,100,,false
T4-3,四.2,count,cumulative_addition,>=,,2021,2025,800,,false
T5-1,五.1,percent,level_by_year,>=,,,2025,45,,false
T7-1,七.1,m2,level_by_year,>,,,2025,9,,false
T8-1,八.1,percent,level_by_year,>=,,,2025,70,,false
T9-1,九.1,percent_vs_baseline,reduction_vs_baseline,<=,2020,,2025,-5,,false
T10-1,十.1,flag,milestone,done,,2021,2025,1,,false
"""
NO_LEADS = """\
T0-1,主要目标,percent_vs_baseline,reduction_vs_baseline,<=,2020,,2025,-13,,false
T1-1,一.1,kW,cumulative_addition,>=,,2026,2030,30000,,false
T1-2,一.2,,level_by_year,>=,,,2030,,,true
T2-1,二.1,percent,level_by_year,>,,,2030,80,,false
"""
LISTED_TARGETS = """\
T0-1,主要目标,percent_vs_baseline,reduction_vs_baseline,<=,2020,,2025,-14,,false
T0-2,主要目标,kW,cumulative_addition,>=,,2021,2025,15000,,false
T0-3,主要目标,count,level_by_year,>=,,,2025,2000,,false
T0-4,主要目标,percent,level_by_year,>=,,,2025,70,,false
T0-5,主要目标,percent,level_by_year,>=,,,2030,75,,false
"""
COLUMNS = ["target_id", "clause", "unit", "kind", "comparator", *YEARS, "target_value", "target_value_high",
           "delegated"]


def target_lines(out: Path) -> str:
    return table(out / "targets.csv")[COLUMNS].to_csv(index=False, header=False, lineterminator="\n")


def test_a_plan_with_ten_actions_and_leads_after_the_task(tmp_path):
    out = tmp_path / "hexi"
    result = drafted(PLANS / "hexi-ten-actions.zh.txt", out)
    assert result.exit_code == 0, result.output
    assert target_lines(out) == TEN_ACTIONS
    actions = yaml.safe_load((out / "actions.yaml").read_text(encoding="utf-8"))
    assert [(a["id"], a["numeral"]) for a in actions["actions"]][-2:] == [(9, "九"), (10, "十")]
    assert actions["goals"]["title_zh"] == "主要目标" and actions["goals"]["summary_zh"].startswith("到2025年，单位生产总值")
    assert actions["actions"][0]["purpose_zh"] == "推动能源结构调整，构建清洁低碳安全高效的能源体系。"
    assert actions["actions"][0]["tasks"][0] == {"number": 1, "title_zh": "大力发展可再生能源", "title_en": "",
                                                 "summary_en": "", "summary_zh": "",
                                                 "departments": ["区发展改革委", "区建设管理委"]}
    assert [(s["numeral"], s["title_zh"], s["departments"]) for s in actions["safeguards"]] == [
        ("一", "加强组织领导", ["区发展改革委"]), ("二", "加强资金支持", ["区财政局", "区发展改革委"])]
    assert list(table(out / "departments.csv")["name_zh"]) == [
        "区发展改革委", "区建设管理委", "区经济委", "区规划资源局", "区交通委", "区绿化市容局", "区科委", "区文明办",
        "区机管局", "区生态环境局", "滨江街道", "区财政局"]
    plan = yaml.safe_load((out / "plan.yaml").read_text(encoding="utf-8"))["plan"]
    assert (plan["title_zh"], plan["number"], plan["issued"], plan["issuer_zh"]) == (
        "河西区碳达峰实施方案（合成）", "河府〔2023〕9号", datetime.date(2023, 6, 30), "河西区人民政府")
    assert (out / "unplaced.txt").read_text(encoding="utf-8").splitlines()[2:] == [
        "六.1\t支持企业开展低碳技术研发，打造5G智慧园区。", "八.1\t到2025年，绿色交通出行比例达到70%，构建15分钟社区生活圈。"]
    assert "10 actions, 13 tasks, 12 departments, 17 candidate targets" in result.output


def test_tasks_without_lead_departments_are_kept_with_none(tmp_path):
    out = tmp_path / "riverside"
    assert drafted(PLANS / "riverside-no-leads.zh.txt", out).exit_code == 0
    assert target_lines(out) == NO_LEADS
    actions = yaml.safe_load((out / "actions.yaml").read_text(encoding="utf-8"))
    assert [t["departments"] for a in actions["actions"] for t in a["tasks"]] == [[], [], []]
    assert table(out / "departments.csv").empty and actions["safeguards"] == []
    plan = yaml.safe_load((out / "plan.yaml").read_text(encoding="utf-8"))["plan"]
    assert (plan["title_zh"], plan["number"]) == ("江畔区碳达峰实施方案（合成测试文本，非真实文件）", "")
    with pytest.raises(DataValidationError) as refused:
        load_dataset(out)
    assert "actions.yaml, column 'actions[1].tasks[1].departments': a value is required" in str(refused.value)


def test_targets_in_a_list_of_indicators(tmp_path):
    out = tmp_path / "hillside"
    assert drafted(PLANS / "hillside-table-targets.zh.txt", out).exit_code == 0
    assert target_lines(out) == LISTED_TARGETS
    rows = table(out / "targets.csv")
    assert list(rows["text_zh"]) == ["单位生产总值能源消耗：2025年比2020年下降14%", "新增光伏装机容量：“十四五”期间达到1.5万千瓦",
                                     "公共充电桩：2025年达到2000个", "绿色交通出行比例：2025年达到70%", "2030年达到75%"]
    assert list(rows["metric_zh"])[-2:] == ["绿色交通出行比例", "绿色交通出行比例"]  # the second year: the line's metric


@pytest.mark.parametrize("words, expected", [
    ("新增光伏装机容量达到2.2万千瓦", [(22000, None, "kW")]),
    ("累计完成19.2万平方米以上", [(192000, None, "m2")]),
    ("节能改造 360 万平方米以上", [(3_600_000, None, "m2")]),
    ("新能源出租车充电示范站 4-6 个", [(4, 6, "count")]),
    ("覆盖率达到 50% 以上", [(50, None, "percent")]),
    ("新增1,500个", [(1500, None, "count")]),
    ("其中平均节能率 15% 及以上的建筑面积达到 40 万平方米", [(15, None, "percent"), (400_000, None, "m2")]),
    ("2025年起，构建15分钟社区生活圈", []),
])
def test_chinese_quantities(words, expected):
    assert [(q.value, q.high, q.unit) for q in draft.quantities(words)] == expected


@pytest.mark.parametrize("piece, expected", [
    ("到2025年", ("by", None, 2025)), ("2030年前实现碳达峰", ("before", None, 2030)),
    ("2022 年起新建", ("from", 2022, None)), ("“十四五”期间", ("period", 2021, 2025)),
    ("“十四五”和“十五五”期间累计", ("period", 2021, 2030)), ("较2020年下降13.5%", None),
])
def test_times(piece, expected):
    time = draft.time_of(piece)
    assert (None if time is None else (time.mode, time.start, time.end)) == expected


@pytest.mark.parametrize("piece, expected", [
    ("占比超过50%", (">", "increase")), ("面积不低于 50%", (">=", "increase")), ("达到 50% 以上", (">=", "increase")),
    ("力争达到20%", (">=", "increase")), ("较2020年下降13.5%", ("<=", "decrease")), ("控制在100万吨以内", ("<=", "decrease")),
])
def test_comparators(piece, expected):
    assert draft.comparator(piece) == expected


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numerals_round_trip(n):
    assert draft.chinese_numeral(draft.numeral_of(n)) == n


def test_hedges_and_delegation_are_noted(tmp_path):
    out = tmp_path / "hexi"
    drafted(PLANS / "hexi-ten-actions.zh.txt", out)
    notes = dict(zip(table(out / "targets.csv")["target_id"], table(out / "targets.csv")["note_en"]))
    assert '"力争" (strive to)' in notes["T0-3"] and '"确保" (ensure)' in notes["T0-4"]
    assert "Delegated to the city" in notes["T0-2"] and "1.2万千瓦 = 12000 kW" in notes["T1-1"]


# Bad input: one clear message and no folder --------------------------------------------------------

@pytest.mark.parametrize("content, message", [
    ("一、主要目标\n到2025年下降14%。".encode("gbk"), "is not UTF-8 (line 1, byte 0xa1; it looks like GBK): save it as UTF-8 text"),
    (b"", "is empty: the plan's full text is needed"),
    ("关于做好节能工作的通知\n各单位要加强节能管理，到2025年能耗下降14%。".encode(), "no recognisable sections"),
])
def test_a_text_that_cannot_be_drafted_is_refused_with_one_message_and_no_folder(tmp_path, content, message):
    text = tmp_path / "plan.zh.txt"
    text.write_bytes(content)
    result = drafted(text, tmp_path / "out")
    assert result.exit_code == 1 and message in result.output and "nothing written" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


SKIPPING = """示例区碳达峰实施方案（合成）
一、主要目标
到2025年，单位生产总值能源消耗下降14%。
二、重点任务
（一）能源行动
1、发展光伏。新增光伏1万千瓦。（区发展改革委）
2、推广储能。（区发展改革委）
2、推广热泵。（区建管委）
（三）交通行动
1、推广新能源车。（区交通委）
"""


def test_a_numbering_that_skips_or_repeats_is_reported_with_its_line_and_kept(tmp_path):
    text = tmp_path / "plan.zh.txt"
    text.write_text(SKIPPING, encoding="utf-8")
    result = drafted(text, tmp_path / "out")
    assert result.exit_code == 0
    assert "numbering: line 8: task 2. appears twice (first on line 7); both are kept" in result.output
    assert "numbering: line 9: section （三） follows （一）: （二） missing" in result.output
    actions = yaml.safe_load((tmp_path / "out" / "actions.yaml").read_text(encoding="utf-8"))
    assert [(a["numeral"], [t["title_zh"] for t in a["tasks"]]) for a in actions["actions"]] == [
        ("一", ["发展光伏", "推广储能", "推广热泵"]), ("三", ["推广新能源车"])]
    chinese = CliRunner().invoke(cli, ["draft-plan", str(text), "--out", str(tmp_path / "zh"), "--lang", "zh"])
    assert "第9行：节（三）跟在（一）之后，缺少（二）" in chinese.output


def test_out_must_be_empty_unless_forced(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    refused = drafted(PLANS / "riverside-no-leads.zh.txt", out)
    assert refused.exit_code == 1 and "is not an empty folder" in refused.output and "--force" in refused.output
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert drafted(PLANS / "riverside-no-leads.zh.txt", out, "--force").exit_code == 0
    assert (out / "targets.csv").is_file() and (out / "notes.txt").read_text(encoding="utf-8") == "mine"


# The draft mark: validate lists the rows, publish refuses while any remain ----------------------------

def mark_draft(data_dir: Path, target_ids: set[str]) -> None:
    """targets.csv with a draft column, the rows of `target_ids` marked."""
    path = data_dir / "targets.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = [row[:len(catalogue.TARGETS_SCHEMA.columns)] for row in csv.reader(f)]
    rows[0].append("draft")
    for row in rows[1:]:
        row.append("draft" if row[0] in target_ids else "")
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_validate_lists_the_rows_still_marked_draft(synthetic_dir):
    first, second = list(table(synthetic_dir / "targets.csv")["target_id"])[:2]
    mark_draft(synthetic_dir, {second})
    assert list(catalogue.drafted(load_dataset(synthetic_dir).targets)["target_id"]) == [second]
    result = CliRunner().invoke(cli, ["validate", "--data-dir", str(synthetic_dir), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"targets.csv: 1 row(s) still marked draft (the draft column); clear the cell once checked against the " \
           f"plan: {second} (row 3)" in result.output
    zh = CliRunner().invoke(cli, ["validate", "--data-dir", str(synthetic_dir), "--lang", "zh"])
    assert f"targets.csv：1行仍标为草稿（draft 列），核对原文后清空该单元格：{second}（第3行）" in zh.output


def test_validate_lists_draft_rows_of_a_folder_that_does_not_validate_yet(tmp_path):
    out = tmp_path / "hillside"
    drafted(PLANS / "hillside-table-targets.zh.txt", out)
    result = CliRunner().invoke(cli, ["validate", "--data-dir", str(out), "--lang", "en"])
    assert result.exit_code == 1
    assert "5 row(s) still marked draft" in result.output and "T0-5 (row 6)" in result.output
    assert "problem(s) in the data" in result.output


def test_publish_refuses_while_a_row_is_marked_draft(synthetic_dir, tmp_path):
    from analysis.site import pipeline
    from analysis.site.project import copy_book

    target = table(synthetic_dir / "targets.csv")["target_id"].iloc[0]
    mark_draft(synthetic_dir, {target})
    project = copy_book(tmp_path / "book", synthetic_dir)
    with pytest.raises(pipeline.DraftRowsError) as refused:
        pipeline.publish(project, 2026, datetime.date(2026, 11, 30), show_progress=False)
    assert f"not published: 1 row(s) of targets.csv still marked draft (the draft column): {target} (row 2)" in str(
        refused.value)
    assert "publish --draft" in str(refused.value) and "仍标为草稿" in str(refused.value)
    assert not (tmp_path / "book" / "_build").exists() and not (synthetic_dir / "editions").exists()
    mark_draft(synthetic_dir, set())  # a second, empty draft column
    with pytest.raises(pipeline.DraftRowsError) as refused:
        pipeline.publish(project, 2026, datetime.date(2026, 11, 30), show_progress=False)
    assert "still has its draft column: delete the column" in str(refused.value)
