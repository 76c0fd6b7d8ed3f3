"""All the data in one Frictionless Data Package (https://datapackage.org), and its dictionary.

`descriptor(assessment)` describes the published CSV files (targets, indicators,
observations, sources, checks: copies of data/; the assessment: written by `downloads`)
with a Table Schema each. The data files' schemas come from their pandera schemas (the
same rules the loader applies: types, required cells, allowed values, patterns, ranges),
the assessment's from its columns; every field has a description in Chinese and English
(FIELDS; the geographies' from plan.yaml, which also gives the package's name and title).
The `frictionless` package checks the descriptor when it is written, and the
tests validate every file against it.
"""

from __future__ import annotations

import json

import pandas as pd
import pandera.pandas as pa
from frictionless import Package

from ..inputs.catalogue import INDICATORS_SCHEMA, TARGETS_SCHEMA
from ..inputs.checks import CHECKS_SCHEMA
from ..inputs.observations import OBSERVATIONS_SCHEMA, SOURCES_SCHEMA
from ..inputs.plan import CONTEXT, Plan, listed

DESCRIPTOR = "datapackage.json"
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0"}

# (resource name, file, pandera schema or None for the assessment, (title zh, title en))
RESOURCES = [
    ("targets", "targets.csv", TARGETS_SCHEMA, ("方案的量化目标", "The plan's quantified targets")),
    ("indicators", "indicators.csv", INDICATORS_SCHEMA, ("指标", "Indicators")),
    ("observations", "observations.csv", OBSERVATIONS_SCHEMA, ("公开发布的观测值", "Published observations")),
    ("sources", "sources.csv", SOURCES_SCHEMA, ("来源", "Sources")),
    ("checks", "checks.csv", CHECKS_SCHEMA, ("查过的资料", "Publications checked")),
    ("assessment", "assessment.csv", None, ("本版评估结果", "This edition's assessment")),
]
DATA_COPIES = [file for _, file, schema, _ in RESOURCES if schema is not None]  # copied from data/ as they are

FIELDS = {
    "target_id": ("目标编号（T行动-序号）", "Target id (T<action>-<number>)"),
    "action": ("行动编号，0为主要目标", "Action number; 0 for the headline goals"),
    "task": ("任务编号", "Task number within the action"),
    "clause": ("方案中的条款", "The plan's clause"),
    "indicator_id": ("指标编号（见indicators）", "Indicator id (see indicators)"),
    "metric_zh": ("目标名称（中文）", "Target name in Chinese"), "metric_en": ("目标名称（英文）", "Target name in English"),
    "unit": ("单位代码", "Unit code"),
    "kind": ("目标类型", "Kind of target"),
    "direction": ("哪个方向为好：increase或decrease", "Which way is good: increase or decrease"),
    "comparator": ("与目标值比较的方式", "How a value is compared with the target"),
    "baseline_year": ("基准年", "Base year"), "baseline_value": ("基准值", "Base value"),
    "period_start": ("累计或生效的起始年", "First year of a cumulative period or of a bar in force"),
    "target_year": ("目标年份（期限为该年年底）", "Target year (the deadline is its end)"),
    "target_value": ("目标值", "Target value"), "target_value_high": ("目标区间的上限", "Upper end of a target range"),
    "delegated": ("数值由市级下达，方案未给出", "The number is set by the city; the plan gives none"),
    "text_zh": ("方案原文", "The plan's words"), "text_en": ("方案原文的英文翻译", "The plan's words in English"),
    "departments": ("牵头部门（方案原文，以、分隔）", "Lead departments, as the plan writes them (separated by 、)"),
    "note_zh": ("说明（中文）", "Note in Chinese"), "note_en": ("说明（英文）", "Note in English"),
    "name_zh": ("名称（中文）", "Name in Chinese"), "name_en": ("名称（英文）", "Name in English"),
    "data_needed_zh": ("可据以评估的数据（中文）", "Data that would settle it, in Chinese"),
    "data_needed_en": ("可据以评估的数据（英文）", "Data that would settle it, in English"),
    "increment_of": ("逐年指标所累计的累计指标", "For a yearly indicator: the cumulative indicator it steps"),
    "measure": ("该指标的数字是什么：share占比、level年末数量、yearly_addition当年新增、running_total一段时期的累计、"
                "change_over_period较基年变化、yearly_change较上年变化、flag是否完成；背景数字只有口径与目标相同时才与目标并列",
                "What the indicator's figures are: share, level (at year end), yearly_addition, running_total (over a "
                "period), change_over_period, yearly_change, flag; a context figure is set beside a target only when it "
                "is the target's measure"),
    "year": ("年份", "Calendar year"), "value": ("数值，单位见unit", "The value, in the unit given"),
    "source_id": ("来源编号（见sources）", "Source id (see sources)"),
    "note": ("该数字究竟是什么", "What exactly the figure is"),
    "title": ("标题", "Title"), "publisher": ("发布者或提供部门", "Publisher, or the department that supplied it"),
    "date": ("日期", "Date"), "url": ("网址", "Web address"),
    "kind_source": ("来源类型：official政府网站上的原文、repost转载、news新闻报道、research_estimate研究估算、supplied部门提供",
                    "Kind of source: official (the government's own page), repost, news, research_estimate, supplied "
                    "(by a department)"),
    "title_en": ("英文标题（来源有英文标题时）", "Title in English, where the source has one"),
    "publisher_en": ("发布者的英文名称（有英文名称时）", "Publisher in English, where it has an English name"),
    "publication": ("所查资料", "Publication searched"), "published": ("资料日期", "Date of the publication"),
    "date_checked": ("查阅日期", "When it was searched"), "finding": ("查阅结果", "What was found"),
    "status": ("状态代码（见评估方法页）", "Status code (see the methodology page)"),
    "reason": ("无法判断或期限已过的原因", "Why the target cannot be judged, or why its deadline passed without a result"),
    "method": ("所用方法", "Method used"),
    "base_year": ("基点的年份", "Year of the base point"), "base_value": ("基点的数值", "Value at the base point"),
    "latest_year": ("最新值的年份", "Year of the latest value"), "latest_value": ("最新值", "Latest value"),
    "latest_origin": ("最新值的来历：observed、summed、chained、estimated、at_least",
                      "Where the latest value comes from: observed, summed, chained, estimated, at_least"),
    "missing_years": ("累计所缺的年份", "Years missing from a running total"),
    "n_observed": ("评估期内的区级观测值个数", "District observations in the assessment window"),
    "gap": ("距目标（正数为尚待完成）", "Distance still to cover (positive: still to go)"),
    "gap_share": ("尚待完成的距离占基点到目标距离的比例", "Share of the base-to-target distance still to cover"),
    "cagr_actual": ("实际年均增长率", "Actual compound annual growth"),
    "cagr_required": ("所需年均增长率", "Required compound annual growth"),
    "pace_actual": ("实际每年新增", "Actual addition per year"), "pace_required": ("所需每年新增", "Required addition per year"),
    "ratio": ("实际与所需速度之比", "Ratio of actual to required pace"),
    "projected_value": ("按当前速度预测的目标年数值", "Projection to the target year at the present pace"),
    "projection_share": ("预测值覆盖基点到目标距离的比例", "Share of the base-to-target distance the projection covers"),
    "interval_fit": ("线性拟合的目标年数值", "Fitted line at the target year"),
    "interval_low": ("95%预测区间下限", "Lower end of the 95% prediction interval"),
    "interval_high": ("95%预测区间上限", "Upper end of the 95% prediction interval"),
    "p_meet": ("按拟合模型达标的概率", "Probability of meeting the target under the fitted line"),
    "peak_year": ("排放最高的年份", "Year of the highest emissions"), "peak_value": ("最高排放量", "Highest emissions"),
    "base_met": ("基年已达到目标：无差距可言，不给出差距及其比例",
                 "Already met in the base year: no gap to close, so no gap or share of it is given"),
    "since": ("目标年份之后的情况：reached_later（之后达到）、not_reached_later（之后仍未达到）；不改变状态",
              "What happened after the target year: reached_later, not_reached_later; never changes the status"),
    "since_year": ("之后达到的第一年，或之后仍未达到时的最新年份",
                   "The first later year at the target level, or the latest later year if none"),
    "since_value": ("该年的数值", "The value in that year"),
    "since_zh": ("目标年份之后的情况（中文）", "What happened after the target year, in Chinese"),
    "since_en": ("目标年份之后的情况（英文）", "What happened after the target year, in English"),
    "scope": ("达峰判断所用的系列：observed（公布的排放总量）或estimated（估算值，仅电力和热力）",
              "The series the peak test ran on: observed (a published total) or estimated (electricity and heat only)"),
}


def field_type(dtype) -> str:
    """A Table Schema type for a pandas or pandera dtype."""
    text = str(dtype).lower()
    if "int" in text:
        return "integer"
    if "float" in text:
        return "number"
    if "bool" in text:
        return "boolean"
    return "string"


def geography_description(plan: Plan) -> tuple[str, str]:
    """'地区：example为示例区，city、china为背景' and its English, from plan.yaml."""
    district, context = plan.district, [g.id for g in plan.geographies if g.role == CONTEXT]
    zh = f"地区：{district.id}为{district.name_zh}" + (f"，{'、'.join(context)}为背景" if context else "")
    en = f"Area: {district.id} is the district" + (
        f"; {listed(context, 'en')} {'are' if len(context) > 1 else 'is'} context" if context else "")
    return zh, en


def description(resource: str, name: str, plan: Plan) -> str:
    zh, en = geography_description(plan) if name == "geography" else \
        FIELDS["kind_source" if (resource, name) == ("sources", "kind") else name]
    return f"{en} / {zh}"


def schema_fields(resource: str, schema: pa.DataFrameSchema, plan: Plan) -> list[dict]:
    """Table Schema fields from a pandera schema: type, required, unique, enum, pattern, range."""
    fields = []
    for name, column in schema.columns.items():
        constraints: dict = {}
        if not column.nullable:
            constraints["required"] = True
        if column.unique:
            constraints["unique"] = True
        for check in column.checks:
            stats = check.statistics
            if check.name == "isin":
                constraints["enum"] = list(stats["allowed_values"])
            elif check.name == "str_matches":
                constraints["pattern"] = stats["pattern"].removeprefix("^").removesuffix("$")
            elif check.name == "in_range":
                constraints.update(minimum=stats["min_value"], maximum=stats["max_value"])
        if name == "geography":
            constraints["enum"] = plan.geography_ids
        field = {"name": name, "type": field_type(column.dtype), "description": description(resource, name, plan)}
        fields.append(field | ({"constraints": constraints} if constraints else {}))
    return fields


def assessment_fields(assessment: pd.DataFrame, plan: Plan) -> list[dict]:
    """The assessment's fields: the targets' own columns (checked when the data are loaded,
    so without constraints here), then the result's."""
    own = {f["name"]: f["type"] for f in schema_fields("targets", TARGETS_SCHEMA, plan)}
    return [{"name": name, "type": own.get(name, field_type(dtype)), "description": description("assessment", name, plan)}
            for name, dtype in assessment.dtypes.items()]


def contributors(plan: Plan) -> list[dict]:
    """Who made the package: the rights holder (plan.yaml, else the site's contributors) and the
    publisher where one is set, each named in English and Chinese."""
    people = [{"title": f"{plan.rights_holder('en')} / {plan.rights_holder('zh')}", "role": "author"}]
    if plan.publisher("zh"):
        people.append({"title": " / ".join(dict.fromkeys([plan.publisher("en"), plan.publisher("zh")])), "role": "publisher"})
    return people


def package_sources(sources: pd.DataFrame | None) -> list[dict]:
    """Every source of the figures (sources.csv): its title, and its address where it has one."""
    if sources is None:
        return []
    return [{"title": s.title} | ({"path": s.url} if isinstance(s.url, str) and s.url else {})
            for s in sources.itertuples()]


def descriptor(assessment: pd.DataFrame, plan: Plan, edition: int, data_as_of: str,
               sources: pd.DataFrame | None = None, created: str | None = None) -> dict:
    """The datapackage.json descriptor, checked by frictionless (raises on invalid metadata).

    Every file is declared UTF-8 with a byte-order mark (`utf-8-sig`: how `downloads` writes
    them); `created` is the given date (the source commit's, at build time) or else the
    data-as-of date, never the clock; `homepage` is plan.yaml's site url where it is set."""
    resources = []
    for name, file, schema, title in RESOURCES:
        fields = schema_fields(name, schema, plan) if schema is not None else assessment_fields(assessment, plan)
        resources.append({
            "name": name, "path": file, "title": f"{title[1]} / {title[0]}", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "schema": {"fields": fields, "missingValues": [""],
                       **({"primaryKey": [fields[0]["name"]]} if name in ("targets", "indicators", "sources") else {})},
        })
    package = {
        "name": plan.site.slug, "title": f"{plan.site.title_en} / {plan.site.title_zh}", "version": f"{edition}.0.0",
        "description": (f"The {edition} edition, data as of {data_as_of}: the quantified targets of the {plan.plan.title_en} "
                        f"({plan.plan.number}), the published figures with their sources, "
                        "the publications checked for district figures, and the assessment."),
        "created": f"{created or data_as_of}T00:00:00Z", "contributors": contributors(plan),
        **({"homepage": plan.site.url} if plan.site.url else {}), "sources": package_sources(sources),
        "licenses": [LICENSE], "resources": resources,
    }
    Package.from_descriptor(json.loads(json.dumps(package)))  # raises if the descriptor is not valid
    return package


def descriptor_text(package: dict) -> str:
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"
