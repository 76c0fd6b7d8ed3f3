"""Excel in, Excel out: the template from the data folder, and a filled workbook back to CSV."""

import datetime
import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from analysis.inputs import spreadsheet
from analysis.__main__ import cli
from analysis.inputs.dataset import default_data_dir, load_dataset
from analysis.inputs.observations import OBSERVATIONS_SCHEMA

from synthetic import DISTRICT


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_an_unchanged_template_reproduces_the_published_csv_files_byte_for_byte(tmp_path):
    data = shutil.copytree(default_data_dir(), tmp_path / "data")
    before = snapshot(data)
    workbook = spreadsheet.write_template(data, tmp_path / "template.xlsx")
    result = spreadsheet.import_workbook(workbook, data)
    assert result.conversions == [] and result.problems == [] and result.warnings == []
    assert snapshot(data) == before  # energy_activity.csv is not created while it has no rows


def test_the_template_has_a_sheet_per_file_and_drop_down_lists(synthetic_dir, tmp_path):
    book = openpyxl.load_workbook(spreadsheet.write_template(synthetic_dir, tmp_path / "t.xlsx"))
    assert set(spreadsheet.SHEETS) | set(spreadsheet.REFERENCE_SHEETS) | {"lists"} == set(book.sheetnames)
    assert book["lists"].sheet_state == "hidden"
    assert book["indicators"].protection.sheet and book["targets"].protection.sheet
    assert [c.value for c in book["observations"][1]] == list(OBSERVATIONS_SCHEMA.columns)
    assert book["observations"]["D3"].value == 3000  # rows already on file are there, numbers as numbers
    rules = {str(r.sqref).split(":")[0][0]: r.formula1 for r in book["observations"].data_validations.dataValidation}
    assert rules == {"A": "lists!$A$2:$A$5", "B": "lists!$C$2:$C$3", "E": "lists!$B$2:$B$11",
                     "F": "sources!$A$2:$A$2000"}
    assert [book["lists"].cell(r, 3).value for r in range(2, 4)] == [DISTRICT, "synthetic_city"]  # plan.yaml's geographies
    assert [book["lists"].cell(r, 1).value for r in range(2, 6)] == ["energy_intensity", "pv_added",
                                                                     "green_travel_share", "co2_emissions"]
    kinds = {str(r.sqref).split(":")[0][0]: r.formula1 for r in book["sources"].data_validations.dataValidation}
    assert kinds == {"H": "lists!$D$2:$D$6"}
    fuels = {str(r.sqref).split(":")[0][0]: r.formula1 for r in book["energy_activity"].data_validations.dataValidation}
    assert fuels["C"] == "lists!$E$2:$E$2" and fuels["A"] == "lists!$C$2:$C$3"


def filled(synthetic_dir: Path, tmp_path: Path, observations: list[list], sources: list[list] = ()) -> Path:
    """The synthetic template with rows added, as an analyst would type them (SYNTHETIC values)."""
    path = spreadsheet.write_template(synthetic_dir, tmp_path / "filled.xlsx")
    book = openpyxl.load_workbook(path)
    for row in observations:
        book["observations"].append(row)
    for row in sources:
        book["sources"].append(row)
    book.save(path)
    return path


def test_import_converts_what_is_safe_and_reports_each_conversion(synthetic_dir, tmp_path):
    workbook = filled(synthetic_dir, tmp_path, [
        ["pv_added", DISTRICT, "２０２４", "3,200", "kW", "synthetic_supplied", "SYNTHETIC"],
        ["energy_intensity", DISTRICT, "2023.0", "\u22126.5", "percent_vs_baseline", "synthetic_source", "SYNTHETIC"],
    ], [["synthetic_supplied", "SYNTHETIC table", None, "区发展改革委", None, datetime.datetime(2027, 3, 5), None, "supplied",
         None]])
    result = spreadsheet.import_workbook(workbook, synthetic_dir)
    assert result.problems == []
    assert [c.text("en") for c in result.conversions] == [
        "observations, row 9, column 'year': '２０２４' -> 2024 (full-width digits, Unicode minus or thousands separator)",
        "observations, row 9, column 'value': '3,200' -> 3200 (full-width digits, Unicode minus or thousands separator)",
        "observations, row 10, column 'year': '2023.0' -> 2023 (whole number)",
        "observations, row 10, column 'value': '\u22126.5' -> -6.5 (full-width digits, Unicode minus or thousands separator)",
        "sources, row 3, column 'date': '2027-03-05 00:00:00' -> 2027-03-05 (Excel date)",
    ]
    assert result.conversions[1].text("zh") == "observations 第9行 value 列：'3,200' -> 3200（数字中的全角字符、Unicode 减号或千位分隔符）"
    text = (synthetic_dir / "observations.csv").read_text(encoding="utf-8")
    assert "pv_added,synthetic_district,2024,3200,kW,synthetic_supplied,SYNTHETIC\n" in text
    assert "energy_intensity,synthetic_district,2023,-6.5,percent_vs_baseline,synthetic_source,SYNTHETIC\n" in text
    assert (synthetic_dir / "sources.csv").read_text(encoding="utf-8").endswith(
        "synthetic_supplied,SYNTHETIC table,,区发展改革委,,2027-03-05,,supplied,\n")
    assert load_dataset(synthetic_dir).observations["value"].isin([3200, -6.5]).sum() == 2


def test_a_workbook_that_does_not_validate_writes_nothing(synthetic_dir, tmp_path):
    before = snapshot(synthetic_dir)
    workbook = filled(synthetic_dir, tmp_path, [
        ["green_travel_share", DISTRICT, 2024, "44.6%", "percent", "synthetic_source", "SYNTHETIC"],
        ["green_travel_share", DISTRICT, 2025, 446, "percent", "synthetic_sorce", "SYNTHETIC"],
    ])
    result = spreadsheet.import_workbook(workbook, synthetic_dir)
    assert [p.text("en") for p in result.problems] == [
        "observations.csv, row 9, column 'value': '44.6%': drop the % sign, the unit is already percent: write 44.6",
        "observations.csv, row 10, column 'source_id': unknown source 'synthetic_sorce'; did you mean 'synthetic_source'?",
        "observations.csv, row 10, column 'value': 446 is outside 0-100: the unit percent is a share or rate",
    ]
    assert result.written == [] and snapshot(synthetic_dir) == before
    refused = CliRunner().invoke(cli, ["excel-import", str(workbook), "--data-dir", str(synthetic_dir), "--lang", "zh"])
    assert refused.exit_code == 1 and "未写入任何文件。" in refused.output and "'44.6%'：请去掉 % 号" in refused.output
    assert snapshot(synthetic_dir) == before


def test_the_commands_write_a_template_and_import_it(synthetic_dir, tmp_path):
    out = tmp_path / "template.xlsx"
    made = CliRunner().invoke(cli, ["excel-template", str(out), "--data-dir", str(synthetic_dir)])
    assert made.exit_code == 0 and out.exists()
    imported = CliRunner().invoke(cli, ["excel-import", str(out), "--data-dir", str(synthetic_dir), "--lang", "en"])
    assert imported.exit_code == 0, imported.output
    assert imported.output.strip() == "wrote: observations.csv, sources.csv, task_reports.csv"
