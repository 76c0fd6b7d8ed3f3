"""The downloadable files against the synthetic data, values worked out by hand from tests/synthetic.py."""

import codecs
import csv
import json
import math
from unittest import mock

import pandas as pd
import pytest

from analysis.pages import datapackage, downloads, images, publication
from analysis.assess import progress as pg
from analysis.inputs.dataset import load_dataset

from synthetic import AS_OF, CITY, DISTRICT, PAGE_EDITION

HEADER = "target_id,geography,area_en,area_zh,year,value,origin,unit,source_id,title,publisher,date,url,note"
SOURCE = "synthetic_source,Synthetic test source,Test suite,2024-01-01,https://synthetic.example.gov.cn/source,SYNTHETIC"


@pytest.fixture
def written(synthetic_dir, tmp_path):
    directory = tmp_path / "downloads"
    paths = downloads.write_downloads(load_dataset(synthetic_dir), directory, AS_OF)
    return directory, paths


def read(path) -> str:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV starts with the UTF-8 byte-order mark (for Excel / WPS)"
    return raw[3:].decode("utf-8")


def test_one_file_per_target_with_data_then_the_assessment(written):
    directory, paths = written
    # T0-2 (carbon peak) has no observation: no file. Catalogue order.
    assert [p.name for p in paths] == ["target-T0-1.csv", "target-T1-1.csv", "target-T4-1.csv",
                                       "assessment.csv", "assessment.json", "targets.csv", "indicators.csv",
                                       "observations.csv", "sources.csv", "checks.csv", "datapackage.json"]
    assert sorted(p.name for p in directory.iterdir()) == sorted(p.name for p in paths)


def test_level_target_keeps_every_area_with_its_source(written):
    directory, _ = written
    assert read(directory / "target-T4-1.csv") == "\n".join([
        HEADER,
        f"T4-1,synthetic_district,Synthetic District,合成测试区,2020,60,observed,percent,{SOURCE}",
        f"T4-1,synthetic_district,Synthetic District,合成测试区,2022,66,observed,percent,{SOURCE}",
        f"T4-1,synthetic_city,Synthetic City (context),合成市（背景）,2022,70,observed,percent,{SOURCE}",
    ]) + "\n"


def test_cumulative_target_is_the_running_total_the_chart_draws(written):
    directory, _ = written
    # yearly additions 3000, 4000, 5000 from the period start 2021 -> 3000, 7000, 12000, each summed
    assert read(directory / "target-T1-1.csv") == "\n".join([
        HEADER,
        f"T1-1,synthetic_district,Synthetic District,合成测试区,2021,3000,summed,kW,{SOURCE}",
        f"T1-1,synthetic_district,Synthetic District,合成测试区,2022,7000,summed,kW,{SOURCE}",
        f"T1-1,synthetic_district,Synthetic District,合成测试区,2023,12000,summed,kW,{SOURCE}",
    ]) + "\n"
    assert read(directory / "target-T0-1.csv").splitlines()[1] == \
        f"T0-1,synthetic_district,Synthetic District,合成测试区,2022,-5,observed,percent_vs_baseline,{SOURCE}"


def test_assessment_csv_one_row_per_target_with_hand_checked_values(written):
    directory, _ = written
    rows = list(csv.DictReader(read(directory / "assessment.csv").splitlines()))
    assert [r["target_id"] for r in rows] == ["T0-1", "T0-2", "T1-1", "T4-1"]
    by_id = {r["target_id"]: r for r in rows}
    pv = by_id["T1-1"]  # 12000 of 22000 by 2023: 4000/yr done since 2020, 5000/yr needed for 2024-2025
    assert (pv["latest_value"], pv["gap"], pv["pace_actual"], pv["pace_required"], pv["ratio"]) == \
        ("12000", "10000", "4000", "5000", "0.8")
    assert pv["status"] == "acceleration_needed"
    travel = by_id["T4-1"]  # CAGR (66/60)^(1/2) - 1 = 0.048808848170151... to 12 significant digits
    assert travel["cagr_actual"] == "0.0488088481702"
    assert travel["gap"] == "9" and travel["status"] == "on_track"
    peak = by_id["T0-2"]  # no data: empty cells, never "nan"
    assert peak["status"] == "not_assessable" and peak["reason"] == "no_district_data"
    assert peak["gap"] == "" and peak["latest_year"] == ""
    assert by_id["T0-1"]["delegated"] == "false" and by_id["T0-1"]["baseline_year"] == "2020"
    assert not any(v.lower() in ("nan", "<na>", "none") for r in rows for v in r.values())


def test_assessment_json_is_the_same_records_with_null(written):
    directory, _ = written
    text = (directory / "assessment.json").read_text(encoding="utf-8")
    assert not text.startswith("\ufeff") and "NaN" not in text
    records = json.loads(text)
    assert [r["target_id"] for r in records] == ["T0-1", "T0-2", "T1-1", "T4-1"]
    pv = records[2]
    assert pv["latest_value"] == 12000 and pv["ratio"] == 0.8 and pv["latest_year"] == 2023
    assert records[1]["gap"] is None and records[1]["latest_year"] is None
    assert records[3]["cagr_actual"] == 0.0488088481702
    assert records[0]["delegated"] is False
    columns = list(pd.read_csv(directory / "assessment.csv", encoding="utf-8-sig").columns)
    assert all(list(r) == columns for r in records)


def test_same_data_same_bytes(synthetic_dir, tmp_path):
    dataset = load_dataset(synthetic_dir)
    first = {p.name: p.read_bytes() for p in downloads.write_downloads(dataset, tmp_path / "a", AS_OF)}
    second = {p.name: p.read_bytes() for p in downloads.write_downloads(dataset, tmp_path / "b", AS_OF)}
    assert first == second


def test_a_target_that_lost_its_data_loses_its_file(synthetic_dir, tmp_path):
    directory = tmp_path / "downloads"
    downloads.write_downloads(load_dataset(synthetic_dir), directory, AS_OF)
    (directory / "notes.txt").write_text("not ours")
    observations = pd.read_csv(synthetic_dir / "observations.csv", dtype=str, keep_default_na=False)
    observations[observations["indicator_id"] != "pv_added"].to_csv(synthetic_dir / "observations.csv", index=False)
    downloads.write_downloads(load_dataset(synthetic_dir), directory, AS_OF)
    assert not (directory / "target-T1-1.csv").exists()
    assert (directory / "target-T4-1.csv").exists() and (directory / "notes.txt").exists()


@pytest.mark.parametrize("value, text", [
    (22000.0, "22000"), (-5.0, "-5"), (0.1 + 0.2, "0.3"), (float("nan"), ""), (None, ""), (pd.NA, ""),
    (True, "true"), (2025, "2025"), (1e-7, "1e-07"), ("合成测试区", "合成测试区"),
])
def test_cell_text(value, text):
    assert downloads.cell_text(value) == text


def test_infinite_values_are_refused():
    with pytest.raises(ValueError):
        downloads.plain(math.inf)


def test_every_chart_links_to_its_files_and_the_scorecard_to_the_assessment(synthetic_dir, tmp_path):
    dataset = load_dataset(synthetic_dir)
    written = {p.name for p in downloads.write_downloads(dataset, tmp_path / "d", AS_OF)}
    drawn = {p.name for p in images.write_images(dataset, tmp_path / "d", AS_OF, AS_OF.year, "CC BY 4.0")}
    shown: list[str] = []
    with mock.patch.object(publication, "display", lambda h: shown.append(h.data)):
        for action in (0, 1, 4):
            for language in ("zh", "en"):
                publication.Chapter.load(action, language, str(synthetic_dir), *PAGE_EDITION).show_all_targets()
    page = "".join(shown)
    prefix = '<a href="../_static/downloads/'  # from actions/ in a language's book
    linked = {chunk.split('"', 1)[0] for chunk in page.split(prefix)[1:]}
    data = {n for n in written if n.startswith("target-")}
    assert linked == data | drawn
    # the data once per chart in both languages, each language's SVG and PNG once
    assert page.count(prefix) == 2 * len(data) + len(drawn)
    assert drawn == {f"target-{t}-{language}.{suffix}" for t in ("T0-1", "T1-1", "T4-1") for language in ("zh", "en")
                     for suffix in ("svg", "png")}
    # the sentence under each chart is visible text and the chart's accessible description
    assert page.count('<p class="pcm-chart-summary" id="t1-1-chart-summary">') == 2
    assert page.count('aria-describedby="t1-1-chart-summary"') == 4  # the chart and its image without scripts
    assert "图示新增光伏的公开数据：合成测试区2023年为1.2万千瓦。目标：到2025年达2.2万千瓦。" in page
    assert "Published data for New PV: Synthetic District: 12,000 kW in 2023. Target: 22,000 kW by 2025." in page

    from analysis.pages.page import Page
    scorecard = Page.load("scorecard", "en", str(synthetic_dir), *PAGE_EDITION).scorecard()
    for name in (downloads.ASSESSMENT_CSV, downloads.ASSESSMENT_JSON):
        assert f'href="_static/downloads/{name}"' in scorecard and name in written


def test_the_data_files_are_copied_as_entered_with_a_byte_order_mark(synthetic_dir, written):
    directory, _ = written
    for name in ("targets.csv", "indicators.csv", "observations.csv", "sources.csv", "checks.csv"):
        assert (directory / name).read_bytes() == codecs.BOM_UTF8 + (synthetic_dir / name).read_bytes(), name


def test_every_csv_download_starts_with_one_byte_order_mark(synthetic_dir, tmp_path, written):
    directory, _ = written
    csvs = sorted(directory.glob("*.csv"))
    assert len(csvs) > 6 and all(p.read_bytes().startswith(codecs.BOM_UTF8) for p in csvs)
    assert not any(p.read_bytes()[3:].startswith(codecs.BOM_UTF8) for p in csvs)
    targets = synthetic_dir / "targets.csv"  # a data file saved with a BOM of its own gets one, not two
    targets.write_bytes(codecs.BOM_UTF8 + targets.read_bytes())
    copied = downloads.copy_data_file(load_dataset(synthetic_dir), "targets.csv", tmp_path)
    assert copied.read_bytes() == targets.read_bytes()


def test_the_data_package_is_valid_and_describes_every_file(written):
    from frictionless import Package, validate

    directory, _ = written
    report = validate(directory / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(directory / "datapackage.json")
    assert [r.name for r in package.resources] == ["targets", "indicators", "observations", "sources", "checks",
                                                   "assessment"]
    fields = {r.name: r.schema.field_names for r in package.resources}
    assert fields["observations"] == list(pd.read_csv(directory / "observations.csv", encoding="utf-8-sig").columns)
    assert fields["assessment"] == list(pd.read_csv(directory / "assessment.csv", encoding="utf-8-sig").columns)
    assert all(f.description for r in package.resources for f in r.schema.fields)
    geography = package.get_resource("observations").schema.get_field("geography")
    assert geography.constraints["enum"] == [DISTRICT, CITY]


def test_the_data_package_declares_its_encoding_date_contributors_and_sources(synthetic_dir, written):
    directory, _ = written
    package = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["encoding"] for r in package["resources"]} == {"utf-8-sig"}  # as written: every CSV has a BOM
    assert package["created"] == f"{AS_OF.isoformat()}T00:00:00Z"  # no build date given: the data-as-of date
    assert package["contributors"] == [{"title": "the contributors to the Synthetic Test Monitor / 合成测试监测的贡献者",
                                        "role": "author"}]
    assert package["sources"] == [{"title": "Synthetic test source", "path": "https://synthetic.example.gov.cn/source"}]
    assert "homepage" not in package  # the synthetic plan.yaml sets no site url: none made up
    dataset = load_dataset(synthetic_dir)
    named = dataset.plan.model_copy(update={"site": dataset.plan.site.model_copy(update={"url": "https://example.org/m"})})
    again = datapackage.descriptor(pg.assess_district(dataset, AS_OF), named, 2025, AS_OF.isoformat(), dataset.sources,
                                   "2026-01-02")
    assert again["homepage"] == "https://example.org/m" and again["created"] == "2026-01-02T00:00:00Z"


def test_the_data_package_says_each_sources_kind_and_each_indicators_measure(written):
    from frictionless import Package

    directory, _ = written
    package = Package(directory / "datapackage.json")
    kind = package.get_resource("sources").schema.get_field("kind")
    assert kind.constraints == {"required": True, "enum": ["official", "repost", "news", "research_estimate", "supplied"]}
    assert kind.description.startswith("Kind of source: official (the government's own page), repost")
    assert {"title_en", "publisher_en"} <= set(package.get_resource("sources").schema.field_names)
    measure = package.get_resource("indicators").schema.get_field("measure")
    assert measure.constraints["enum"] == ["share", "level", "yearly_addition", "running_total", "change_over_period",
                                           "yearly_change", "flag"]


def test_the_data_package_refuses_a_value_the_loader_would_refuse(written):
    """The package's schemas are the loader's: a bad geography fails frictionless too."""
    from frictionless import validate

    directory, _ = written
    observations = directory / "observations.csv"
    observations.write_text(observations.read_text(encoding="utf-8").replace(f",{DISTRICT},", ",undeclared_place,", 1),
                            encoding="utf-8")
    report = validate(directory / "datapackage.json")
    assert not report.valid
    assert {e.type for task in report.tasks for e in task.errors} == {"constraint-error"}
