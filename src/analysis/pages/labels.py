"""Words, symbols, colours and number formats of the publication, in Chinese and English.

Statuses are shown by text and symbol, never colour alone; colours are the Okabe-Ito
palette (safe for the common forms of colour blindness).
"""

from __future__ import annotations

import datetime
import math
import re

import pandas as pd

from ..inputs import cumulative as cm, energy
from ..assess import progress as pg

LANGUAGES = ("zh", "en")
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
             "December"]

STATUS_TABLE = pd.DataFrame(
    [
        (pg.MET, "✔", "已达标", "Target met", "#009E73"),
        (pg.ON_TRACK, "▲", "进度正常", "On track", "#56B4E9"),
        (pg.ACCELERATION_NEEDED, "◆", "需加快", "Acceleration needed", "#E69F00"),
        (pg.LIMITED_PROGRESS, "▼", "进展有限", "Limited progress", "#D55E00"),
        (pg.MOVING_AWAY, "✖", "背离目标", "Moving away", "#CC79A7"),
        (pg.BELOW_TARGET, "▽", "低于规定标准", "Below the required level", "#D55E00"),
        (pg.MISSED, "✖", "未达标（已到期）", "Missed (deadline passed)", "#000000"),
        (pg.DEADLINE_PASSED, "⊘", "期限已过，未见公布结果", "Deadline passed, no published result found", "#000000"),
        (pg.NOT_YET_DONE, "○", "尚未完成", "Not yet done", "#E69F00"),
        (pg.REPORTED, "✔", "已报告完成", "Reported done", "#009E73"),
        (pg.NOT_REPORTED, "◌", "未见完成报告", "Not reported", "#999999"),
        (pg.NOT_ASSESSABLE, "?", "暂无法评估", "Not yet assessable", "#999999"),
    ],
    columns=["status", "symbol", "label_zh", "label_en", "colour"],
).set_index("status")

REASONS = {
    pg.NO_DISTRICT_DATA: ("查过的资料中未见区级数字", "no district figure found in the publications checked"),
    pg.OUTSIDE_WINDOW: ("区级数据均早于评估期", "district figures only from before the assessment period"),
    pg.TOO_FEW_POINTS: ("数据点不足", "too few data points"),
    pg.NO_NUMERIC_TARGET: ("无数值目标", "no numeric target"),
    pg.INCOMPLETE_SERIES: ("逐年数据不完整，缺{years}年，无法累计", "yearly series incomplete ({years} missing): no total"),
    pg.GROWTH_UNDEFINED: ("增长率无法计算", "growth rate undefined"),
    pg.NO_RESULT_FOR_TARGET_YEAR: ("无目标年份及以后的区级数据", "no district figure for the target year or later"),
    pg.NO_FIGURE_FOR_TARGET_YEAR: ("无目标年份的区级数据", "no district figure for the target year"),
    pg.DONE_LATE: ("完成晚于期限", "done after the deadline"),
}

# Where the latest value comes from, when it is not simply the published figure.
ORIGINS = {
    cm.CHAINED: ("由逐年变化率连乘得出", "chained from the yearly changes"),
    cm.SUMMED: ("由逐年新增量累加得出", "summed from the yearly additions"),
    energy.ESTIMATED: ("估算值：能源活动量×排放因子", "estimate: energy activity × emission factors"),
    pg.AT_LEAST: ("至少：已知年份之和（缺{years}年）", "at least: the sum of the known years ({years} missing)"),
}


# What happened after the target year (progress `since`): {year} the later year, {value} its figure.
SINCE = {pg.REACHED_LATER: ("{year}年达到（{value}）", "reached in {year} ({value})"),
         pg.NOT_REACHED_LATER: ("至{year}年仍未达到（{value}）", "still not reached in {year} ({value})")}
# A missed target with a later figure: 'missed in 2025; reached in 2026 (100%)'.
MISSED_THEN = ("{target_year}年未达标；{since}", "missed in {target_year}; {since}")
# The target year without a figure, a later year with one.
NO_RESULT_THEN = ("无{target_year}年的结果；{year}年的数字为{value}，{verdict}",
                  "no result for {target_year}; the {year} figure shows {value}, {verdict}")
VERDICT = {pg.REACHED_LATER: ("已达到目标水平", "at the target level"),
           pg.NOT_REACHED_LATER: ("未达到目标水平", "short of the target level")}
BASE_MET = ("基年已达到目标", "already met in the base year")  # no gap to close, no share of it
# The district's emissions series of the scope the peak test did not run on (drawn beside, never mixed).
OTHER_SCOPE = {cm.OBSERVED: ("公布的排放总量，未用于达峰判断", "published total, not used in the peak test"),
               energy.ESTIMATED: ("估算值，未用于达峰判断", "estimate, not used in the peak test")}


def since_text(row, language: str) -> str:
    """What happened after the target year, in words ('' without a later figure):
    'missed in 2025; reached in 2026 (100%)', 'no result for 2025; the 2026 figure shows 74%,
    short of the target level'."""
    if not row["since"]:
        return ""
    value = format_quantity(row["since_value"], row["unit"], language)
    year, target_year = int(row["since_year"]), int(row["target_year"])
    if row["status"] == pg.MISSED:
        since = pick(SINCE[row["since"]], language).format(year=year, value=value)
        return pick(MISSED_THEN, language).format(target_year=target_year, since=since)
    return pick(NO_RESULT_THEN, language).format(target_year=target_year, year=year, value=value,
                                                 verdict=pick(VERDICT[row["since"]], language))


def reason_text(reason: str, missing_years: str, language: str) -> str:
    """Why a target is not judged, with the missing years where the reason names them."""
    return pick(REASONS[reason], language).format(years=missing_years)


def origin_text(origin: str, missing_years: str, language: str) -> str:
    """How the latest value was obtained ('' for a published figure)."""
    return pick(ORIGINS[origin], language).format(years=missing_years) if origin in ORIGINS else ""


# What a search for a district figure found (checks.csv).
FINDINGS = {"found": ("找到区级数字", "district figure found"),
            "found_not_used": ("找到，未采用", "found, not used"),
            "related_only": ("只有相关信息，不是该指标", "related only, not this measure"),
            "target_only": ("只有目标，没有结果", "a target, not a result"),
            "not_found": ("已查阅，无区级数字", "read: no district figure"),
            "not_readable": ("相关部分无法读取", "the relevant part could not be read"),
            "not_located": ("未找到该出版物", "publication not found"),
            "trap": ("易混淆：不是{place}", "trap: not {place}")}  # place: plan.yaml's district place

SOURCE_KINDS = {"official": ("官方发布", "official"), "repost": ("转载", "repost"), "news": ("新闻报道", "news report"),
                "research_estimate": ("研究估算", "research estimate"), "supplied": ("部门提供", "supplied by department")}
# Where a figure comes from: '区发展改革委提供，2027-03' / 'supplied by District DRC, 2027-03'; on a
# Chinese page a publisher whose name does not end in Chinese ('Xinhua') is named, not followed by 发布.
ATTRIBUTION = {"supplied": ("{publisher}提供，{date}", "supplied by {publisher}, {date}")}
PUBLISHED = ("{publisher}发布，{date}", "published by {publisher}, {date}")
NAMED = ("发布者：{publisher}，{date}", "published by {publisher}, {date}")
ENDS_IN_CHINESE = re.compile(r"[\u3400-\u9fff）》]$")

# What a figure is (indicators.csv `measure`), said beside a context figure.
MEASURE_WORDS = {"share": ("占比或比率", "share or rate"), "level": ("年末数量或总量", "level at year end"),
                 "yearly_addition": ("当年新增", "added in the year"), "running_total": ("一段时期的累计", "running total over a period"),
                 "change_over_period": ("较基年的累计变化", "change over a period"),
                 "yearly_change": ("较上年的变化", "change on the year before"), "flag": ("是否完成", "done or not")}
# What a page's figures rest on, by whether their sources are public, supplied, or both.
DATA_ORIGIN = {(True, False): ("公开数据", "public data"), (False, True): ("部门提供的数据", "figures supplied by departments"),
               (True, True): ("公开数据和部门提供的数据", "public data and figures supplied by departments"),
               (False, False): ("公开数据", "public data")}

UNITS = {
    "percent": ("%", "%"), "percent_vs_baseline": ("%（较基年）", "% vs base year"), "percent_yoy": ("%（同比）", "% y/y"),
    "kW": ("千瓦", "kW"), "m2": ("平方米", "m²"), "count": ("个", ""), "vehicles": ("辆", "vehicles"),
    "yuan_100m": ("亿元", "100m yuan"), "tCO2_10k": ("万吨二氧化碳", "10,000 tCO2"), "flag": ("", ""),
}

TEXT = {
    "zh": {
        "goals": "主要目标", "action": "行动{numeral}", "tasks": "任务与牵头部门", "targets": "量化目标一览",
        "detail": "逐项目标", "task": "任务", "departments": "牵头部门", "target": "目标", "base": "基准",
        "latest": "最新值", "gap": "距目标", "pace": "实际/所需速度", "status": "状态", "clause": "条款",
        "by_year": "到{year}年：", "none": "—",
        "data_needed": "可据以评估的数据：{text}", "context_only": "下图仅为背景数据，不代表{district}。",
        "sources": "数据来源", "observed": "观测值", "required_path": "所需路径", "projection": "按当前速度预测",
        "interval": "95%预测区间", "target_point": "目标", "year": "年份", "value": "数值", "geography": "地区",
        "chart_summary": "图表说明", "download": "下载本图数据（CSV）", "delegated": "数值由市级下达，方案未给出。",
        "plan_words": "方案原文", "switch": "English", "series": "系列", "what_was_checked": "查过哪些资料",
        "added_yearly": "当年新增", "running_total": "累计", "context_panel": "背景（另用坐标轴）",
        "comparable": "可比的背景数据（口径与本目标相同）", "related": "相关数字（口径不同，不可比）", "measure": "是什么",
        "why_not_comparable": "为何不可比",
    },
    "en": {
        "goals": "Headline goals", "action": "Action {numeral}", "tasks": "Tasks and lead departments",
        "targets": "Quantified targets at a glance", "detail": "Target by target", "task": "Task",
        "departments": "Lead departments", "target": "Target", "base": "Base", "latest": "Latest",
        "gap": "Still to go", "pace": "Actual / required pace", "status": "Status", "clause": "Clause",
        "by_year": "by {year}", "none": "—",
        "data_needed": "Data that would settle it: {text}", "context_only": "The chart shows context only, not {district}.",
        "sources": "Sources", "observed": "Observed", "required_path": "Required path",
        "projection": "Projection at current pace", "interval": "95% prediction interval", "target_point": "Target",
        "year": "Year", "value": "Value", "geography": "Area", "chart_summary": "About this chart",
        "download": "Download this chart's data (CSV)", "delegated": "Number set by the city; the plan gives none.",
        "plan_words": "The plan's words", "switch": "中文", "series": "Series", "what_was_checked": "What was checked",
        "added_yearly": "Added that year", "running_total": "Running total",
        "context_panel": "Context (its own axis)",
        "comparable": "Comparable context (the target's own measure)", "related": "Related figures, not comparable",
        "measure": "What it is", "why_not_comparable": "Why not comparable",
    },
}


def pick(pair: tuple[str, str], language: str) -> str:
    """The Chinese or English member of a (zh, en) pair."""
    return pair[LANGUAGES.index(language)]


def attribution(kind: str, publisher: str, date: str, language: str) -> str:
    """Who gave the figure and when: '新民晚报发布，2022-12-27', 'published by Xinmin Evening News, 2022-12-27',
    'supplied by ..., 2027-03'; in Chinese '发布者：Xinhua，2023-03-01' for a name not in Chinese."""
    words = ATTRIBUTION.get(kind, PUBLISHED if language == "en" or ENDS_IN_CHINESE.search(publisher) else NAMED)
    return pick(words, language).format(publisher=publisher, date=date)


def source_line(source, language: str) -> str:
    """A source as one line of text: its title, then who gave it and when (in the page's
    language where the source has it: see `publication.View.source_table`)."""
    comma = "，" if language == "zh" else ", "
    return f"{source.title}{comma}{attribution(source.kind, source.publisher, source.date, language)}"


def status_text(status: str, language: str) -> str:
    """'▲ On track': symbol and words, so status never rests on colour alone."""
    row = STATUS_TABLE.loc[status]
    return f"{row.symbol} {row[f'label_{language}']}"


def format_number(value: float, language: str, digits: int = 1) -> str:
    """A number for reading: 22000 -> '2.2万' (zh) or '22,000' (en); '—' when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return TEXT[language]["none"]
    if language == "zh" and abs(value) >= 10_000:
        return f"{value / 10_000:,.{digits}f}".rstrip("0").rstrip(".") + "万"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def format_quantity(value: float, unit: str, language: str) -> str:
    """A number with its unit: '75%', '2.2万千瓦', '22,000 kW'."""
    text = format_number(value, language)
    if text == TEXT[language]["none"]:
        return text
    if unit == "yuan_100m" and language == "en":  # 亿元 = 100 million yuan: 1,129.5 -> '112.95 billion yuan'
        return f"{value / 10:,.2f}".rstrip("0").rstrip(".") + " billion yuan"
    symbol = pick(UNITS[unit], language)
    if unit.startswith("percent"):
        return text + symbol
    return f"{text}{symbol}" if language == "zh" else f"{text} {symbol}".strip()


def format_share(value: float, language: str) -> str:
    """A ratio as a percentage: 0.8 -> '80%'."""
    if pd.isna(value):
        return TEXT[language]["none"]
    return f"{value * 100:.0f}%"


def format_date(day: datetime.date, language: str) -> str:
    """A date in words: '2026年11月25日' / '25 November 2026' (locale-independent)."""
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
