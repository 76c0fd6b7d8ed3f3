"""The methodology page: how a status is decided, in each language, with worked examples.

Every number in an example is computed here by the same code that assesses the plan's
targets (`progress.assess`, `energy.estimate_emissions`) on a small ILLUSTRATIVE series,
so the page cannot drift from the method. The examples are invented to show the
arithmetic; none is a figure of the district.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

import numpy as np
import pandas as pd

from ..inputs import cumulative as cm, energy
from ..assess import progress as pg
from .labels import BASE_MET, STATUS_TABLE, format_date, format_quantity, pick, since_text, status_text

EXAMPLE_GEOGRAPHY = "example"
EXAMPLE_AS_OF = date(2026, 11, 25)
LINKS = pd.DataFrame({"indicator_id": ["x", "x_yearly", "added", "added_total"],
                      "increment_of": [None, "x", "added_total", None]})

# What each status means, in words (the page's status key; anchors status-<code>).
STATUS_MEANING = {
    pg.MET: ("按方案的比较方式，最新数据已达到目标；到期后以目标年份的数据为准，之后年份的数据不能使其达标。",
             "The latest figure meets the target by the plan's comparison; after the target year, the figure "
             "for that year decides, and a later figure never makes a target met."),
    pg.ON_TRACK: ("按目前的速度，到目标年份可以达标（实际速度不低于所需速度的95%）。",
                  "At the present pace the target will be met by its year (actual pace at least 95% of the "
                  "pace required)."),
    pg.ACCELERATION_NEEDED: ("方向正确，但速度只有所需速度的60%至95%。",
                             "Moving the right way, at 60% to 95% of the pace required."),
    pg.LIMITED_PROGRESS: ("方向正确，但速度不到所需速度的60%。", "Moving the right way, at under 60% of the pace required."),
    pg.MOVING_AWAY: ("数据朝着远离目标的方向变化。", "The figures move away from the target."),
    pg.BELOW_TARGET: ("规定的标准已生效（例如“2022年起不低于50%”），最新数据低于该标准。",
                      "A required level is in force (such as 'no less than 50% from 2022') and the latest figure "
                      "is below it."),
    pg.MISSED: ("期限已到，目标年份的数据未达到目标；之后年份达到，也只说明之后的情况（如“2025年未达标；2026年达到”）。",
                "The figure for the target year does not meet the target; a later figure that does is shown as what "
                "happened since ('missed in 2025; reached in 2026'), never as met."),
    pg.DEADLINE_PASSED: ("期限（目标年份年底）已过，但没有目标年份的区级结果公布（之后年份的数字不能代替），因此无法判断是否达标。",
                         "The deadline (the end of the target year) has passed, but no district result for that "
                         "year has been published (a later year's figure cannot stand in for it), so whether the "
                         "target was met cannot be said."),
    pg.NOT_YET_DONE: ("期限未到，有关部门报告该事项尚未完成。", "Before the deadline, the district reports the milestone "
                                                                "not yet done."),
    pg.REPORTED: ("（用于编号任务）已有公开的进展报告。", "(For numbered tasks) a published progress report is on file."),
    pg.NOT_REPORTED: ("期限未到，尚未见到完成情况的报告。", "Before the deadline, no report on the milestone has been seen."),
    pg.NOT_ASSESSABLE: ("期限未到，但数据不足以判断：没有区级数据、数据点太少、逐年数据缺年，或方案没有给出数值。",
                        "Before the deadline, the data cannot settle it: no district data, too few points, a year "
                        "missing from a yearly series, or no number in the plan."),
}


@dataclass(frozen=True)
class Example:
    """One worked example: a rule, the illustrative series, and the words around its result."""

    key: str
    title: tuple[str, str]
    rule: tuple[str, str]
    target: dict
    series: dict[str, dict[int, float]]
    as_of: date = EXAMPLE_AS_OF


def example_target(**overrides) -> pd.DataFrame:
    row = {"target_id": "E1", "indicator_id": "x", "kind": "level_by_year", "direction": "increase",
           "comparator": ">=", "baseline_year": pd.NA, "baseline_value": np.nan, "period_start": pd.NA,
           "target_year": 2025, "target_value": 75.0}
    row.update(overrides)
    return pd.DataFrame([row]).astype({"baseline_year": "Int64", "period_start": "Int64", "target_year": "Int64",
                                       "baseline_value": float, "target_value": float})


def example_result(example: Example) -> pd.Series:
    """The assessment of an example, by `progress.assess`."""
    rows = [(indicator, EXAMPLE_GEOGRAPHY, year, value)
            for indicator, values in example.series.items() for year, value in values.items()]
    observed = pd.DataFrame(rows, columns=["indicator_id", "geography", "year", "value"]).astype(
        {"year": "int64", "value": float})
    return pg.assess(example_target(**example.target), observed, EXAMPLE_GEOGRAPHY, example.as_of, LINKS).iloc[0]


TREND = Example(
    "trend", ("按速度判断", "Judging by the pace"),
    ("目标年份未到时，比较实际年均增长率与到期达标所需的年均增长率（复合增长率）；两者之比决定状态（见上表）。"
     "另按实际速度推算到目标年份的数值；有4个以上数据点时，再给出95%预测区间和达标概率。",
     "Before the target year, the actual compound annual growth is compared with the growth needed to reach the "
     "target in time; their ratio gives the status (see the key above). The figure is also projected to the target "
     "year at the actual pace; with four or more points, a 95% prediction interval and the probability of meeting "
     "the target are given too."),
    {}, {"x": {2020: 60.0, 2022: 66.0}}, date(2023, 6, 30))
DEADLINE = Example(
    "deadline", ("期限已过，未见结果", "Deadline passed, no result"),
    ("每一版都有“数据截至”日期。目标年份的12月31日之后，若仍没有目标年份或以后的区级数据，状态为“期限已过，未见公布结果”，"
     "不再按速度推算，也不再称“暂无法评估”。",
     "Each edition has a data-as-of date. After 31 December of the target year, a target with no district figure "
     "for that year or later is 'deadline passed, no published result found': no longer projected, nor called 'not yet "
     "assessable'."),
    {}, {"x": {2020: 60.0, 2023: 68.0}})
LATE_FIGURE = Example(
    "late-figure", ("目标年份之后的数据", "A figure after the target year"),
    ("“到某年达到”的目标以目标年份的数据决定达标或未达标（逐年连乘或累加的系列：截至目标年份的累计值）。之后年份的数据不能把"
     "“未达标”变成“达标”，只作为之后的情况另行说明；速度只用目标年份以前的数据计算。",
     "A target 'by a year' is met or missed by the figure for that year (for a chained or summed series: the total "
     "through that year). A later figure never turns missed into met: it is said separately, as what happened since; "
     "the pace is fitted on figures up to the target year only."),
    {}, {"x": {2023: 70.0, 2025: 72.0, 2026: 76.0}})
AFTER_TARGET_YEAR = Example(
    "after-target-year", ("目标年份没有数据", "No figure for the target year"),
    ("期限已过而目标年份没有区级数据、只有之后年份的数据时，状态为“期限已过，未见公布结果”，并说明之后的数字及其是否达到目标水平，"
     "从不称“达标”。",
     "Where the deadline has passed and the target year has no district figure but a later year has one, the status "
     "is 'deadline passed, no published result found', with the later figure and whether it is at the target level; never "
     "'met'."),
    {}, {"x": {2023: 70.0, 2026: 74.0}})
AS_OF = Example(
    "as-of", ("数据截至日期之后的数字", "Figures after the data-as-of date"),
    ("每一版只用其“数据截至”日期时已知的数字：年份晚于该日期所在年份、或来源发布日期晚于该日期（只知月份或年份的，按该月或该年第一天）"
     "的数字，不进入该版的评估、图表、预测和下载文件；数据校验接受这些数字，预览和发布时用一行说明有几个数字未采用及原因。",
     "Each edition uses only the figures known on its data-as-of date: a figure for a later year, or whose source is "
     "dated after that date (a month or a year only: from its first day), is in none of that edition's assessment, "
     "charts, projection or downloads; validation accepts it, and preview and publish say in one line how many were "
     "set aside and why."),
    {}, {"x": {2023: 70.0, 2025: 72.0, 2027: 76.0}})
BASE_BEYOND = Example(
    "base-met", ("基年已达到目标", "Already met in the base year"),
    ("基点（方案给出的基准，或评估期内的第一个数据）已达到目标时，没有需要缩小的差距：不给出差距及已完成的比例，"
     "页面写“基年已达到目标”，而不是负数或无穷大的比例。",
     "Where the base point (the plan's base, or the first figure of the assessment period) already meets the target, "
     "there is no gap to close: no gap or share of it is given, and the page says 'already met in the base year', "
     "never a negative or infinite share."),
    {}, {"x": {2020: 80.0, 2023: 82.0}})
BAR = Example(
    "bar", ("已生效的标准", "A required level in force"),
    ("“某年起不低于某比例”的目标，自该年起以最新数据对照标准：达到即达标，低于即“低于规定标准”。增长率可以显示，但不改变状态。",
     "A target such as 'no less than 50% from 2022' is judged, from that year on, by the latest figure against the "
     "level: at or above it is met, below it is below the required level. Growth may be shown but never changes "
     "the status."),
    {"kind": "share_threshold", "period_start": 2022, "target_year": pd.NA, "target_value": 50.0},
    {"x": {2022: 30.0, 2023: 36.0}})
CHAINED = Example(
    "chained", ("逐年变化率连乘", "Chaining yearly changes"),
    ("统计公报公布的是“单位增加值能耗比上年下降x%”。较基年的累计变化由各年（1＋变化率）连乘再减1得出，不是各年相加；"
     "页面会注明哪些数值是连乘得出的。同一年既有公布的累计值又有逐年值时，两者须在四舍五入范围内一致，否则数据不予接受。",
     "Statistical bulletins publish the change on the previous year. The change since the base year is the product "
     "of (1 + each year's change), minus 1, never their sum; the page says which values were chained. Where a "
     "published cumulative figure and the chained one exist for the same year, they must agree within rounding, "
     "or the data are refused."),
    {"kind": "reduction_vs_baseline", "direction": "decrease", "comparator": "<=", "baseline_year": 2020,
     "target_value": -13.5}, {"x_yearly": {2021: -3.0, 2022: -2.0, 2023: -4.0}}, date(2024, 6, 30))
RUNNING_TOTAL = Example(
    "running-total", ("累计值与逐年新增", "Running totals and yearly additions"),
    ("“期间新增”类目标的进度是期初以来的累计值。可以填逐年新增量，也可以填累计值；公布的累计值本身即准确，"
     "不受更早年份是否缺失影响，其后各年的新增量在其基础上累加。",
     "A target to add a quantity over a period counts the total since the period start. Either the yearly "
     "additions or the running total may be entered; a published running total is exact by itself, whatever is "
     "known of earlier years, and later additions are added to it."),
    {"indicator_id": "added", "kind": "cumulative_addition", "baseline_value": 0.0, "period_start": 2021,
     "target_value": 22000.0}, {"added_total": {2023: 12000.0}, "added": {2024: 4000.0}}, date(2025, 3, 31))
INCOMPLETE = Example(
    "incomplete", ("逐年数据缺年", "A year missing"),
    ("逐年新增量缺了某一年，又没有其后的累计值时，不公布累计值、差距和速度，并列出所缺年份；若已知各年之和已超过目标，仍为达标。",
     "With a year's addition missing and no later running total, no total, gap or pace is published, and the "
     "missing years are named; if the known years already add up to more than the target, it is met."),
    RUNNING_TOTAL.target, {"added": {2021: 3000.0, 2023: 5000.0}}, date(2024, 6, 30))
EXAMPLES = [TREND, DEADLINE, LATE_FIGURE, AFTER_TARGET_YEAR, AS_OF, BAR, BASE_BEYOND, CHAINED, RUNNING_TOTAL,
            INCOMPLETE]


def number(value: float, unit: str, language: str) -> str:
    return format_quantity(value, unit, language)


def series_words(example: Example, unit: str, language: str) -> str:
    """'2020年60%，2022年66%' / '60% in 2020, 66% in 2022' (every indicator of the example)."""
    names = {"x_yearly": ("逐年变化", "yearly change"), "added": ("当年新增", "added in the year"),
             "added_total": ("期初以来累计", "total since the period start")}
    parts = []
    for indicator, values in example.series.items():
        shown_unit = "percent_yoy" if indicator == "x_yearly" else unit
        label = pick(names[indicator], language) if indicator in names else ""
        points = [(f"{y}年{number(v, shown_unit, language)}" if language == "zh" else
                   f"{number(v, shown_unit, language)} in {y}") for y, v in values.items()]
        text = ("，" if language == "zh" else ", ").join(points)
        parts.append(f"{label}{'：' if language == 'zh' else ': '}{text}" if label else text)
    return ("；" if language == "zh" else "; ").join(parts)


def result_words(example: Example, r: pd.Series, language: str) -> str:
    """The example's result in a sentence, with the numbers that decided it."""
    zh, unit = language == "zh", r["unit"]
    pieces = [status_text(r["status"], language)]
    if pd.notna(r["latest_value"]):
        value = number(r["latest_value"], unit, language)
        pieces.append(f"最新值{value}（{r['latest_year']}年）" if zh else f"latest {value} ({r['latest_year']})")
    if r["missing_years"]:
        pieces.append(f"缺{r['missing_years']}年" if zh else f"{r['missing_years']} missing")
    if pd.notna(r["pace_actual"]):
        pieces.append(f"实际每年{number(r['pace_actual'], unit, language)}，所需每年{number(r['pace_required'], unit, language)}"
                      if zh else f"actual {number(r['pace_actual'], unit, language)} a year, required "
                      f"{number(r['pace_required'], unit, language)} a year")
    elif pd.notna(r["cagr_actual"]):
        actual = f"{r['cagr_actual'] * 100:+.2f}%"
        required = f"{r['cagr_required'] * 100:+.2f}%" if pd.notna(r["cagr_required"]) else ""
        pieces.append((f"实际年均{actual}" + (f"，所需年均{required}" if required else "")) if zh else
                      (f"actual {actual} a year" + (f", required {required} a year" if required else "")))
    if pd.notna(r["ratio"]):
        pieces.append(f"二者之比{r['ratio']:.2f}" if zh else f"ratio {r['ratio']:.2f}")
    if pd.notna(r["gap"]) and r["status"] != pg.MET:
        pieces.append(f"距目标{number(r['gap'], unit, language)}" if zh else f"{number(r['gap'], unit, language)} to go")
    if r["base_met"]:
        pieces.append(pick(BASE_MET, language))
    if r["since"]:
        pieces.append(since_text(r, language))
    return ("，" if zh else "; ").join(pieces) + ("。" if zh else ".")


def example_html(example: Example, language: str) -> str:
    zh = language == "zh"
    r = example_result(example)
    unit = {"reduction_vs_baseline": "percent_vs_baseline", "cumulative_addition": "kW"}.get(r["kind"], "percent")
    r = r.copy()
    r["unit"] = unit
    target = number(r["target_value"], unit, language)
    if pd.notna(r["target_year"]):
        goal = f"目标：到{r['target_year']}年{target}" if zh else f"Target: {target} by {r['target_year']}"
    else:
        goal = f"标准：{r['period_start']}年起不低于{target}" if zh else f"Required: at least {target} from {r['period_start']}"
    as_of = format_date(example.as_of, language)
    lines = [
        f"{'示例（虚构数据）' if zh else 'Example (invented figures)'}{'：' if zh else ': '}{goal}"
        f"{'；' if zh else '; '}{series_words(example, unit, language)}"
        f"{'；数据截至' if zh else '; data as of '}{as_of}{'。' if zh else '.'}",
        f"{'结果：' if zh else 'Result: '}{result_words(example, r, language)}",
    ]
    set_aside = sorted(y for values in example.series.values() for y in values if y > example.as_of.year)
    if set_aside:
        years = ("、" if zh else ", ").join(map(str, set_aside))
        lines.append(f"{years}年的数字晚于数据截至日期，未采用。" if zh else
                     f"The {years} figure is dated after the data-as-of date: set aside, not used.")
    if example is CHAINED:
        lines.append("计算：0.97 × 0.98 × 0.96 − 1 = −8.7424%（相加则为 −9%）。" if zh else
                     "Arithmetic: 0.97 × 0.98 × 0.96 − 1 = −8.7424% (the sum would say −9%).")
    return (f'<h2 id="{example.key}">{escape(pick(example.title, language))}</h2>'
            f"<p>{escape(pick(example.rule, language))}</p>"
            + "".join(f'<p class="pcm-example">{escape(line)}</p>' for line in lines))


def estimate_html(factors: pd.DataFrame, language: str) -> str:
    """The emissions estimate: the rule, and one example computed with the first factor on file (or, with
    none on file, that no estimate is made)."""
    zh = language == "zh"
    rule = ("区级碳排放总量未公布时，可用能源活动量乘以排放因子估算（例如外购电力量×电力排放因子）。估算值在页面、图表、下载文件和"
            "版本记录中都标明为“估算”，并列出涵盖的能源品种和排放因子来源；某一年缺少任一品种的数据时，该年不计入达峰判断，页面会写明"
            "年份和品种。达峰判断：最高值不是最新值、最新值低于最高值、最近三年趋势向下，且最高值年份不晚于期限，即为达峰；"
            "最高值在期限之后，或到期限时仍在上升，即为未达标。"
            if zh else
            "Where district CO2 totals are not published, they may be estimated from energy activity times emission "
            "factors (purchased electricity × the electricity factor, for example). An estimate is called an "
            "estimate on the page, the chart, the downloads and the edition record, with the fuels it covers and the "
            "factors' sources; a year lacking any fuel is left out of the peak test, and the page names the year and "
            "the fuel. The peak test: emissions have peaked when the highest value is not the latest, the latest is "
            "below it and the last three years' trend points down, with the peak no later than the deadline; a peak "
            "after the deadline, or a series still rising at it, is missed.")
    title = "排放估算与达峰" if zh else "Estimated emissions and the peak"
    head = f'<h2 id="estimate">{escape(title)}</h2><p>{escape(rule)}</p>'
    if factors.empty:
        none = ("本监测未收录排放因子（emission_factors.csv 为空），因此不作排放估算。" if zh else
                "No emission factor is on file (emission_factors.csv is empty), so no emissions are estimated.")
        return head + f'<p class="pcm-example">{escape(none)}</p>'
    fuel = factors.iloc[0]
    amount = 120_000.0
    activity = pd.DataFrame({"geography": [EXAMPLE_GEOGRAPHY], "year": [2024], "fuel_id": [fuel["fuel_id"]],
                             "amount": [amount], "activity_unit": [fuel["activity_unit"]], "source_id": ["example"]})
    estimate = energy.estimate_emissions(activity, factors).iloc[0]
    tonnes = format_quantity(estimate["value"], "tCO2_10k", language)
    name = fuel[f"name_{language}"]
    example = (f"示例（虚构数据）：某年{name}{amount:,.0f}（{fuel['activity_unit']}）× 排放因子{fuel['factor']:g}"
               f"（吨二氧化碳/{fuel['activity_unit']}）= {tonnes}（估算值）。" if zh else
               f"Example (invented figures): {name} {amount:,.0f} ({fuel['activity_unit']}) × factor {fuel['factor']:g} "
               f"(tCO2 per {fuel['activity_unit']}) = {tonnes} (an estimate).")
    return head + f'<p class="pcm-example">{escape(example)}</p>' + scope_html(language)


# Two scopes of emissions (invented): a published all-fuel total for three years, an estimate for five.
SCOPE_EXAMPLE = {cm.OBSERVED: {2027: 150.0, 2028: 148.0, 2029: 146.0},
                 energy.ESTIMATED: {2026: 100.0, 2027: 103.0, 2028: 101.0, 2029: 99.0, 2030: 97.0}}


def scope_html(language: str) -> str:
    """The rule of two scopes, with an example assessed by the same code (`progress.assess`)."""
    zh = language == "zh"
    rows = [("x", EXAMPLE_GEOGRAPHY, year, value, origin) for origin, values in SCOPE_EXAMPLE.items()
            for year, value in values.items()]
    observed = pd.DataFrame(rows, columns=["indicator_id", "geography", "year", "value", "origin"])
    target = example_target(kind="milestone", comparator="peak_before", direction="decrease", target_year=2030,
                            target_value=np.nan)
    r = pg.assess(target, observed, EXAMPLE_GEOGRAPHY, date(2031, 6, 30)).iloc[0]
    scope = pick(SCOPE_WORDS[r["scope"]], language)
    rule = ("公布的排放总量（全部能源）与估算值（仅电力和热力）是两个口径、两个系列，从不逐年混用：达峰判断所涉各年都有公布总量时，"
            "以公布总量判断；否则以估算值判断并标明为估算，另一系列在图中另行标注，页面写明由哪一个系列判断。" if zh else
            "A published emissions total (every fuel) and the estimate (electricity and heat only) are two scopes, two "
            "series, never mixed year by year: the peak test runs on the published total where it has every year of "
            "the test, otherwise on the estimate, labelled as one; the other series is drawn beside it with its own "
            "label, and the page says which decided.")
    joined = "、".join if zh else ", ".join
    published, estimated = (joined(map(str, SCOPE_EXAMPLE[k])) for k in (cm.OBSERVED, energy.ESTIMATED))
    lacking = joined(map(str, sorted(set(SCOPE_EXAMPLE[energy.ESTIMATED]) - set(SCOPE_EXAMPLE[cm.OBSERVED]))))
    example = (f"示例（虚构数据）：公布总量有{published}年，估算值有{estimated}年；公布总量缺{lacking}年，因此由{scope}判断："
               f"{status_text(r['status'], language)}，最高为{r['peak_year']}年。" if zh else
               f"Example (invented figures): published totals for {published}, estimates for {estimated}; the published "
               f"totals lack {lacking}, so the {scope} decides: {status_text(r['status'], language)}, highest in "
               f"{r['peak_year']}.")
    return f"<p>{escape(rule)}</p>" + f'<p class="pcm-example">{escape(example)}</p>'


SCOPE_WORDS = {cm.OBSERVED: ("公布的排放总量", "published total"), energy.ESTIMATED: ("估算值", "estimate")}


def milestones_html(language: str) -> str:
    zh = language == "zh"
    title = "里程碑事项" if zh else "Milestones"
    text = ("“创建低碳社区”等事项以是否完成判断：目标年份前完成为达标，晚于目标年份完成为未达标；报告目标年份或以后仍未完成为未达标；"
            "期限已过而无报告，为“期限已过，未见公布结果”。期限未到时，为“尚未完成”或“未见完成报告”。"
            if zh else
            "Milestones (creating a low-carbon community, for instance) are done or not: done by the target year is met, "
            "done later is missed; reported not done for the target year or later is missed; with the deadline passed "
            "and no report, 'deadline passed, no published result found'. Before the deadline: not yet done, or not reported.")
    return f'<h2 id="milestones">{escape(title)}</h2><p>{escape(text)}</p>'


def thresholds_html(language: str) -> str:
    zh = language == "zh"
    rows = [
        (("进度正常的最低速度比", "Lowest pace ratio for on track"), f"{pg.ON_TRACK_RATIO:g}"),
        (("需加快的最低速度比", "Lowest pace ratio for acceleration needed"), f"{pg.ACCELERATION_RATIO:g}"),
        (("无目标年份时，进度正常的最低年均增长", "No target year: lowest yearly growth for on track"),
         f"{pg.ON_TRACK_CAGR_NO_TARGET:.1%}"),
        (("无目标年份时，需加快的最低年均增长", "No target year: lowest yearly growth for acceleration needed"),
         f"{pg.ACCELERATION_CAGR_NO_TARGET:.1%}"),
        (("方案未给基准年时的默认基准年", "Base year where the plan states none"), str(pg.BASE_YEAR_DEFAULT)),
        (("判断速度至少需要的数据点（含基准）", "Points needed to judge a pace (base included)"), str(pg.MIN_POINTS)),
        (("给出预测区间至少需要的数据点", "Points needed for a prediction interval"), str(pg.MIN_POINTS_FOR_INTERVAL)),
        (("预测区间的置信水平", "Level of the prediction interval"), f"{pg.PREDICTION_LEVEL:.0%}"),
        (("累计值与连乘值允许的差（百分点）", "Allowed difference, published and chained change (points)"),
         f"{cm.CHAIN_TOLERANCE:g}"),
        (("累计值与逐年相加值允许的相对差", "Allowed relative difference, published and summed total"),
         f"{cm.SUM_TOLERANCE_SHARE:.0%}"),
    ]
    head = ("阈值", "数值") if zh else ("Threshold", "Value")
    body = "".join(f"<tr><td>{escape(pick(name, language))}</td><td>{escape(value)}</td></tr>" for name, value in rows)
    title = "阈值" if zh else "Thresholds"
    return (f'<h2 id="thresholds">{escape(title)}</h2><div class="pcm-table-wrap"><table class="pcm-table pcm-constants">'
            f"<thead><tr><th scope=\"col\">{escape(head[0])}</th><th scope=\"col\">{escape(head[1])}</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def status_key_html(language: str) -> str:
    """Every status: symbol, name and meaning, each with an anchor (status-<code>)."""
    zh = language == "zh"
    items = "".join(
        f'<li id="status-{code.replace("_", "-")}"><strong>{escape(status_text(code, language))}</strong>'
        f"{'：' if zh else ': '}{escape(pick(STATUS_MEANING[code], language))}</li>"
        for code in STATUS_TABLE.index)
    title = "状态及其含义" if zh else "What each status means"
    return f'<h2 id="statuses">{escape(title)}</h2><ul class="pcm-status-key">{items}</ul>'


def methodology_html(language: str, factors: pd.DataFrame) -> str:
    """The whole page body: the status key, the rules with their worked examples, the
    estimate, milestones, thresholds and the method's sources."""
    zh = language == "zh"
    intro = ("本页说明每项目标的状态如何得出。所有状态都按该版的“数据截至”日期判断，而非按浏览日期。示例中的数字由监测所用的同一程序计算。"
             if zh else
             "How each target's status is decided. Every status is judged at the edition's data-as-of date, not the "
             "date you read it. The numbers in the examples are computed by the same code the monitor uses.")
    sources_title = "方法来源" if zh else "Where the method comes from"
    sources = "".join(f'<li>{escape(title)}: <a href="{escape(url)}" rel="noopener">{escape(url)}</a></li>'
                      for title, url in pg.METHOD_SOURCES)
    return (f"<p>{escape(intro)}</p>" + status_key_html(language)
            + "".join(example_html(e, language) for e in EXAMPLES)
            + milestones_html(language) + estimate_html(factors, language) + thresholds_html(language)
            + f'<h2 id="method-sources">{escape(sources_title)}</h2><ul>{sources}</ul>')
