"""A small, complete, SYNTHETIC data directory for tests: every value here is made up.

`write_synthetic_dataset(path)` lays out the same files as data/ so that tests can load,
break and assess it without touching the published data.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import yaml


# The synthetic plan's places and site (plan.yaml): made-up names, SYNTHETIC wherever shown.
DISTRICT, CITY = "synthetic_district", "synthetic_city"
PLAN_FILE = "plan/synthetic-plan.zh.txt"
PLAN_CONFIG = {
    "plan": {"title_zh": "合成测试方案", "title_en": "Synthetic Test Plan", "number": "合成〔2024〕1号",
             "issued": datetime.date(2024, 1, 1), "issuer_zh": "合成测试区政府", "issuer_en": "Synthetic District Government",
             "text_file": PLAN_FILE},
    "geographies": [
        {"id": DISTRICT, "role": "assessed", "name_zh": "合成测试区", "name_en": "Synthetic District",
         "short_en": "Synthetic", "place_zh": "合成市合成测试区", "place_en": "Synthetic District, Synthetic City"},
        {"id": CITY, "role": "context", "name_zh": "合成市", "name_en": "Synthetic City"},
    ],
    "site": {"title_zh": "合成测试监测", "title_en": "Synthetic Test Monitor", "slug": "synthetic-monitor",
             "report_error": "https://example.org/synthetic-monitor/issues"},  # SYNTHETIC channel: publish needs one
}

SYNTHETIC_PLAN = (
    "合成测试方案（SYNTHETIC，非真实文件）。到2025年，单位生产总值能源消耗较2020年下降13.5%。"
    "新增光伏装机容量达到2.2万千瓦。到2025年，绿色交通出行比例达75%。"
)

# The synthetic data come without a record in editions/: the first edition a test makes of them.
FIRST_EDITION = {"edition": 2025, "data_as_of": datetime.date(2025, 12, 31)}  # no 2025 deadline has passed yet
AS_OF = FIRST_EDITION["data_as_of"]
PAGE_EDITION = (FIRST_EDITION["edition"], AS_OF.isoformat())  # the edition arguments of Chapter.load, Page.load

INDICATORS = [
    {"indicator_id": "energy_intensity", "name_zh": "单位GDP能耗", "name_en": "Energy intensity",
     "unit": "percent_vs_baseline", "direction": "decrease", "measure": "change_over_period", "data_needed_zh": "区能耗", "data_needed_en": "District energy use"},
    {"indicator_id": "pv_added", "name_zh": "新增光伏", "name_en": "New PV", "unit": "kW", "direction": "increase",
     "measure": "yearly_addition", "data_needed_zh": "", "data_needed_en": ""},
    {"indicator_id": "green_travel_share", "name_zh": "绿色出行比例", "name_en": "Green travel share", "unit": "percent",
     "direction": "increase", "measure": "share", "data_needed_zh": "", "data_needed_en": ""},
    {"indicator_id": "co2_emissions", "name_zh": "二氧化碳排放", "name_en": "CO2 emissions", "unit": "tCO2_10k",
     "direction": "decrease", "measure": "level", "data_needed_zh": "", "data_needed_en": ""},
]

TARGET_DEFAULTS = {"task": "", "baseline_year": "", "baseline_value": "", "period_start": "", "target_value_high": "",
                   "delegated": "false", "departments": "区发展改革委", "note_zh": "", "note_en": ""}

TARGETS = [
    {"target_id": "T0-1", "action": 0, "clause": "主要目标", "indicator_id": "energy_intensity", "metric_zh": "能耗强度",
     "metric_en": "Energy intensity", "unit": "percent_vs_baseline", "kind": "reduction_vs_baseline",
     "direction": "decrease", "comparator": "<=", "baseline_year": 2020, "target_year": 2025, "target_value": -13.5,
     "text_zh": "单位生产总值能源消耗较2020年下降13.5%", "text_en": "Energy intensity -13.5%"},
    {"target_id": "T0-2", "action": 0, "clause": "主要目标", "indicator_id": "co2_emissions", "metric_zh": "碳达峰",
     "metric_en": "Carbon peak", "unit": "tCO2_10k", "kind": "milestone", "direction": "decrease",
     "comparator": "peak_before", "target_year": 2030, "target_value": "", "text_zh": "合成测试方案",
     "text_en": "Peak"},
    {"target_id": "T1-1", "action": 1, "task": 1, "clause": "一.1", "indicator_id": "pv_added", "metric_zh": "新增光伏",
     "metric_en": "New PV", "unit": "kW", "kind": "cumulative_addition", "direction": "increase", "comparator": ">=",
     "baseline_value": 0, "period_start": 2021, "target_year": 2025, "target_value": 22000,
     "text_zh": "新增光伏装机容量达到2.2万千瓦", "text_en": "22,000 kW of new PV"},
    {"target_id": "T4-1", "action": 4, "task": 3, "clause": "四.3", "indicator_id": "green_travel_share",
     "metric_zh": "绿色出行", "metric_en": "Green travel", "unit": "percent", "kind": "level_by_year",
     "direction": "increase", "comparator": ">=", "target_year": 2025, "target_value": 75,
     "text_zh": "绿色交通出行比例达75%", "text_en": "Green travel 75%"},
]

SOURCES = [{"source_id": "synthetic_source", "title": "Synthetic test source", "publisher": "Test suite",
            "date": "2024-01-01", "url": "https://synthetic.example.gov.cn/source", "kind": "official", "note": "SYNTHETIC"}]

OBSERVATIONS = [
    {"indicator_id": "energy_intensity", "geography": DISTRICT, "year": 2022, "value": -5.0},
    {"indicator_id": "pv_added", "geography": DISTRICT, "year": 2021, "value": 3000},
    {"indicator_id": "pv_added", "geography": DISTRICT, "year": 2022, "value": 4000},
    {"indicator_id": "pv_added", "geography": DISTRICT, "year": 2023, "value": 5000},
    {"indicator_id": "green_travel_share", "geography": DISTRICT, "year": 2020, "value": 60},
    {"indicator_id": "green_travel_share", "geography": DISTRICT, "year": 2022, "value": 66},
    {"indicator_id": "green_travel_share", "geography": CITY, "year": 2022, "value": 70},
]

CHECKS = [
    {"indicator_id": "energy_intensity", "publication": "Synthetic district bulletin", "publisher": "Test suite",
     "published": "2024-01", "url": "https://example.org/bulletin", "date_checked": "2025-11", "finding": "not_found",
     "note_zh": "合成：无区级数字", "note_en": "SYNTHETIC: no district figure"},
    {"indicator_id": "", "publication": "Synthetic namesake district", "publisher": "", "published": "",
     "url": "https://example.org/zhoushan", "date_checked": "2025-11", "finding": "trap",
     "note_zh": "合成：同名的另一个区", "note_en": "SYNTHETIC: a namesake district"},
]

FACTORS = [{"fuel_id": "electricity", "name_zh": "电力", "name_en": "Electricity", "activity_unit": "10k kWh",
            "factor": 4.2, "source_id": "synthetic_source"}]

DEPARTMENTS = [{"name_zh": "区发展改革委", "name_en": "District Development and Reform Commission"}]


def synthetic_actions(n_actions: int = 9) -> dict:
    task = {"number": 1, "title_zh": "任务", "title_en": "Task", "departments": ["区发展改革委"]}
    return {
        "goals": {"title_zh": "主要目标", "title_en": "Headline goals", "summary_zh": "合成", "summary_en": "Synthetic"},
        "actions": [{"id": i, "numeral": "一二三四五六七八九"[i - 1], "title_zh": f"行动{i}", "title_en": f"Action {i}",
                     "purpose_zh": "合成", "purpose_en": "Synthetic", "tasks": [dict(task)]} for i in range(1, n_actions + 1)],
        "safeguards": [],
    }


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


def write_synthetic_dataset(path: Path, n_actions: int = 9) -> Path:
    """Write the synthetic data directory; with fewer actions, their targets are left out."""
    from analysis.inputs import catalogue, checks, energy, observations

    path.mkdir(parents=True, exist_ok=True)
    (path / "plan").mkdir(exist_ok=True)
    (path / PLAN_FILE).write_text(SYNTHETIC_PLAN, encoding="utf-8")
    (path / "plan.yaml").write_text(yaml.safe_dump(PLAN_CONFIG, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_csv(path / "indicators.csv", INDICATORS, list(catalogue.INDICATORS_SCHEMA.columns))
    targets = [{**TARGET_DEFAULTS, **t} for t in TARGETS if t["action"] <= n_actions]
    write_csv(path / "targets.csv", targets, list(catalogue.TARGETS_SCHEMA.columns))
    write_csv(path / "departments.csv", DEPARTMENTS, list(catalogue.DEPARTMENTS_SCHEMA.columns))
    units = {i["indicator_id"]: i["unit"] for i in INDICATORS}
    observation_rows = [{**o, "unit": units[o["indicator_id"]], "source_id": "synthetic_source",
                         "note": "SYNTHETIC"} for o in OBSERVATIONS]
    write_csv(path / "observations.csv", observation_rows, list(observations.OBSERVATIONS_SCHEMA.columns))
    write_csv(path / "sources.csv", SOURCES, list(observations.SOURCES_SCHEMA.columns))
    write_csv(path / "emission_factors.csv", FACTORS, list(energy.FACTORS_SCHEMA.columns))
    write_csv(path / "context_links.csv", [{"indicator_id": "green_travel_share", "target_id": "T0-1",
                                                "reason_zh": "合成：另一项指标", "reason_en": "SYNTHETIC: another indicator"}],
              list(catalogue.CONTEXT_LINKS_SCHEMA.columns))
    write_csv(path / "task_reports.csv", [{"action": 1, "task": 1, "year": 2024, "summary_zh": "合成进展",
                                           "summary_en": "Synthetic progress", "source_id": "synthetic_source"}],
              list(catalogue.TASK_REPORTS_SCHEMA.columns))
    write_csv(path / "checks.csv", CHECKS, list(checks.CHECKS_SCHEMA.columns))
    (path / "actions.yaml").write_text(yaml.safe_dump(synthetic_actions(n_actions), allow_unicode=True),
                                       encoding="utf-8")
    return path
