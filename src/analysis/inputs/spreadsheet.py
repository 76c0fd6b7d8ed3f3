"""Excel in, Excel out: a template workbook from the data folder, and a filled one back to CSV.

`write_template(data_dir, out)` writes one sheet per file an analyst fills (its rows
pre-filled), the indicators and targets as read-only reference sheets, and drop-down lists
(indicator, unit, geography, source, kind, fuel) from a hidden `lists` sheet.
`import_workbook(path, data_dir)` reads a filled workbook (pandas, openpyxl), converts what
is safely convertible and reports each conversion, validates the result as a whole data
folder and only then writes the canonical CSV files (UTF-8, no BOM, "\\n" line ends).
A cell is written to the template as a number only where reading it back gives the same
text, so an unchanged template imports to the same files byte for byte.
"""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import catalogue, energy, observations as obs
from .dataset import load_dataset
from .plan import read_plan
from .validation import (DATE_PATTERN, SAFE_NUMBER_FIXES, DataValidationError, Problem, is_number, number_fixes,
                         problem, suggest_date)

SHEETS = {"observations": ("observations.csv", obs.OBSERVATIONS_SCHEMA),
          "sources": ("sources.csv", obs.SOURCES_SCHEMA),
          "task_reports": ("task_reports.csv", catalogue.TASK_REPORTS_SCHEMA),
          "energy_activity": (energy.ACTIVITY_FILE, energy.ACTIVITY_SCHEMA)}
REFERENCE_SHEETS = {"indicators": ("indicators.csv", catalogue.INDICATORS_SCHEMA),
                    "targets": ("targets.csv", catalogue.TARGETS_SCHEMA)}
LISTS_SHEET = "lists"
CONVERSIONS_HEADING = ("{n} 处转换：", "{n} conversion(s):")
ROWS_WITH_DROP_DOWNS = 2000  # rows of each sheet (header included) that offer the drop-down lists


def read_rows(path: Path, columns: list[str]) -> list[list[str]]:
    """A CSV file's rows as text (header first); only the header if the file is absent."""
    if not path.exists():
        return [columns]
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def cell_text(value, whole: bool = False) -> str:
    """How a workbook cell is written in CSV: numbers in their shortest form, blanks empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.date):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    return str(value)


def as_cell(text: str):
    """A CSV cell as a workbook value: a number where it reads back as the same text, else text."""
    for parse in (int, float):
        try:
            number = parse(text)
        except ValueError:
            continue
        return number if cell_text(number) == text else text
    return text


def drop_down_lists(data_dir: Path) -> dict[str, list[str]]:
    """The values each drop-down offers, by column name."""
    def column(file: str, name: str) -> list[str]:
        rows = read_rows(data_dir / file, [name])
        return [r[rows[0].index(name)] for r in rows[1:] if r]
    return {"indicator_id": column("indicators.csv", "indicator_id"), "unit": catalogue.UNITS,
            "geography": read_plan(data_dir).geography_ids, "kind": obs.SOURCE_KINDS,
            "fuel_id": column("emission_factors.csv", "fuel_id")}


def write_template(data_dir: Path, out: Path) -> Path:
    """The template workbook for `data_dir`, with its current rows, at `out`."""
    book = Workbook()
    book.remove(book.active)
    lists = drop_down_lists(data_dir)
    for sheet, (file, schema) in {**SHEETS, **REFERENCE_SHEETS}.items():
        ws = book.create_sheet(sheet)
        for row in read_rows(data_dir / file, list(schema.columns)):
            ws.append([as_cell(text) for text in row])
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that Excel must not read as a formula
        ws.freeze_panes = "A2"
        if sheet in REFERENCE_SHEETS:
            ws.protection.sheet = True
    ws = book.create_sheet(LISTS_SHEET)
    for index, (name, values) in enumerate(lists.items(), start=1):
        ws.cell(1, index, name)
        for row, value in enumerate(values, start=2):
            ws.cell(row, index, value)
    ws.sheet_state = "hidden"
    letters = {name: get_column_letter(i) for i, name in enumerate(lists, start=1)}
    for sheet, (_, schema) in SHEETS.items():
        for position, name in enumerate(schema.columns, start=1):
            if name == "source_id" and sheet != "sources":
                formula = f"sources!$A$2:$A${ROWS_WITH_DROP_DOWNS}"  # sources added in the workbook are offered too
            elif name in letters and not (sheet == "sources" and name != "kind"):
                formula = f"{LISTS_SHEET}!${letters[name]}$2:${letters[name]}${len(lists[name]) + 1}"
            else:
                continue
            rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
            book[sheet].add_data_validation(rule)
            letter = get_column_letter(position)
            rule.add(f"{letter}2:{letter}{ROWS_WITH_DROP_DOWNS}")
    book.save(out)
    return out


@dataclass
class Imported:
    """What an import did: each conversion, and the problems and warnings of the result."""

    conversions: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def convert(sheet: str, frame: pd.DataFrame, schema, conversions: list[Problem]) -> list[list[str]]:
    """A sheet's cells as CSV text, header first; safe repairs made and recorded."""
    kinds = {name: str(column.dtype) for name, column in schema.columns.items()}
    rows = [[str(c) for c in frame.columns]]
    for index, record in frame.iterrows():
        row = []
        for column, value in record.items():
            text = cell_text(value)
            kind, fixed, why = kinds.get(column), text, None
            if isinstance(value, datetime.date):
                why = ("Excel 日期", "Excel date")
            elif isinstance(value, str) and kind in ("Int64", "float64") and not is_number(text):
                repaired, fixes = number_fixes(text)
                if fixes and all(key in SAFE_NUMBER_FIXES for key, _ in fixes) and is_number(repaired, kind == "Int64"):
                    fixed, why = repaired, ("数字中的全角字符、Unicode 减号或千位分隔符",
                                            "full-width digits, Unicode minus or thousands separator")
            elif isinstance(value, str) and kind == "Int64" and is_number(text, whole=True) and text != cell_text(float(text)):
                fixed, why = cell_text(float(text)), ("整数", "whole number")
            elif column == "date" and isinstance(value, str) and not pd.Series([text]).str.match(DATE_PATTERN).iloc[0]:
                if (date := suggest_date(text)) is not None:
                    fixed, why = date, ("日期写作 YYYY-MM-DD", "date as YYYY-MM-DD")
            if why is not None:
                conversions.append(problem(sheet, int(index) + 2, column, "converted", old=value, new=fixed, why=why))
            row.append(fixed)
        rows.append(row)
    return rows


def csv_text(rows: list[list[str]]) -> str:
    """Canonical CSV: minimal quoting, '\\n' line ends, blank rows left out."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(row for row in rows if any(row))
    return buffer.getvalue()


def import_workbook(path: Path, data_dir: Path) -> Imported:
    """Convert a filled template into `data_dir`'s CSV files, if the whole folder then validates."""
    workbook = pd.read_excel(path, sheet_name=None, dtype=object, engine="openpyxl")
    result = Imported()
    tables = {SHEETS[sheet][0]: convert(sheet, frame, SHEETS[sheet][1], result.conversions)
              for sheet, frame in workbook.items() if sheet in SHEETS}
    tables = {file: rows for file, rows in tables.items()  # an optional file stays absent until it has rows
              if (data_dir / file).exists() or any(any(row) for row in rows[1:])}
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / "data"
        shutil.copytree(data_dir, trial)
        for file, rows in tables.items():
            (trial / file).write_text(csv_text(rows), encoding="utf-8", newline="")
        try:
            result.warnings = list(load_dataset(trial).warnings)
        except DataValidationError as err:
            result.problems, result.warnings = err.problems, err.warnings
            return result
    for file, rows in tables.items():
        (data_dir / file).write_text(csv_text(rows), encoding="utf-8", newline="")
        result.written.append(data_dir / file)
    return result
