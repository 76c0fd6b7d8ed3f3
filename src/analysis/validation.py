"""Reading data files strictly: every problem is reported with its file, row and column.

A table is read in three steps, each adding `Problem`s to one list:

1. text: the file must be UTF-8 (a byte-order mark is accepted) and parse as CSV with
   exactly the declared columns;
2. types: numeric and year columns are parsed by `pandas.to_numeric`; a cell that is not a
   finite number is a problem (NaN, inf and text are refused);
3. rules: the table's pandera schema (required cells, allowed values, ranges, unique keys).

Cross-file rules (unknown indicator, unit mismatch, missing source) live in `dataset`.
If any problem is found, `DataValidationError` is raised and nothing downstream runs.
Row numbers are the file's line numbers (the header is line 1; a record whose quoted cell
spans lines is named by the line it starts on).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

HEADER_ROW = 1
YEAR_MIN, YEAR_MAX = 2000, 2060
LARGEST_WHOLE_NUMBER = 2**53  # beyond this a float no longer holds every whole number
LONGEST_CELL = 131_072  # characters; the csv module's default field size limit


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: where (file, row, column) and what."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataValidationError(ValueError):
    """Raised with every problem found, so an analyst can fix them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data:\n{lines}")


def year_column(required: bool = True, **kwargs) -> pa.Column:
    """A calendar-year column (2000-2060)."""
    return pa.Column(
        "Int64", pa.Check.in_range(YEAR_MIN, YEAR_MAX), nullable=not required, **kwargs
    )


def decode_text(path: Path, problems: list[Problem]) -> str | None:
    """The file's text, or None with a problem if it is not UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(
            Problem(path.name, line, None, f"the file is not UTF-8 (byte 0x{raw[err.start]:02x}); save it as UTF-8")
        )
        return None


def read_records(path: Path, text: str, problems: list[Problem]) -> tuple[list[list[str]], list[int]] | None:
    """The CSV records and the line on which each starts (a quoted cell may span lines),
    or None with a problem naming the line where the text stopped being readable CSV."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, lines, start = [], [], HEADER_ROW
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # a long cell: named by `too_long`
    try:
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as err:
        problems.append(Problem(path.name, max(reader.line_num, HEADER_ROW), None, f"not a readable CSV file: {err}"))
        return None
    finally:
        csv.field_size_limit(limit)
    return rows, lines


def too_long(path: Path, header: list[str], body: list[tuple[int, list[str]]], problems: list[Problem]) -> bool:
    """Adds a problem for every cell longer than LONGEST_CELL characters; True if there was one."""
    found = [Problem(path.name, line, column, f"has {len(cell):,} characters, more than {LONGEST_CELL:,}")
             for line, row in body for column, cell in zip(header, row) if len(cell) > LONGEST_CELL]
    problems.extend(found)
    return bool(found)


def parse_csv(path: Path, text: str, columns: list[str], problems: list[Problem]) -> pd.DataFrame | None:
    """All cells as stripped strings ('' for blank), or None if the layout is wrong.
    The index is each record's line number in the file."""
    records = read_records(path, text, problems)
    if records is None:
        return None
    rows, lines = records
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        problems.append(Problem(path.name, HEADER_ROW, None, "the file is empty: a header row is required"))
        return None
    header = [cell.strip() for cell in rows[0]]
    missing = [c for c in columns if c not in header]
    unexpected = [c for c in header if c not in columns]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    for c in missing:
        problems.append(Problem(path.name, HEADER_ROW, c, "required column is missing"))
    for c in unexpected:
        problems.append(Problem(path.name, HEADER_ROW, c or "(blank)", "unknown column"))
    for c in duplicated:
        problems.append(Problem(path.name, HEADER_ROW, c or "(blank)", "column appears more than once"))
    if missing or unexpected or duplicated:
        return None
    body = list(zip(lines[1:], rows[1:]))
    bad_width = False
    for line, row in body:
        if len(row) != len(header) and any(cell.strip() for cell in row):
            bad_width = True
            problems.append(Problem(path.name, line, None, f"has {len(row)} cells, the header has {len(header)}"))
    if too_long(path, header, body, problems) or bad_width:
        return None
    records = [[cell.strip() for cell in row] for _, row in body if any(cell.strip() for cell in row)]
    line_numbers = [line for line, row in body if any(cell.strip() for cell in row)]
    frame = pd.DataFrame(records, columns=header, dtype=object, index=pd.Index(line_numbers, name="row"))
    return frame.reindex(columns=columns).fillna("")


def parse_numbers(path: Path, frame: pd.DataFrame, schema: pa.DataFrameSchema, problems: list[Problem]) -> pd.DataFrame:
    """Numeric and boolean columns converted; bad cells become problems and missing values."""
    out = frame.copy()
    for name, column in schema.columns.items():
        dtype = str(column.dtype)
        cells = frame[name].astype(str)
        blank = cells.eq("")
        if dtype in {"Int64", "float64"}:
            numbers = pd.to_numeric(cells.where(~blank), errors="coerce").astype("float64")
            bad = ~blank & ~np.isfinite(numbers)
            if dtype == "Int64":
                bad |= ~blank & ((numbers != np.round(numbers)) | (numbers.abs() > LARGEST_WHOLE_NUMBER))
            for row, value in cells[bad].items():
                kind = "a whole number" if dtype == "Int64" else "a finite number"
                problems.append(Problem(path.name, int(row), name, f"'{value}' is not {kind}"))
            numbers = numbers.where(~bad)
            out[name] = numbers.round().astype("Int64") if dtype == "Int64" else numbers
        elif dtype == "boolean":
            lowered = cells.str.lower()
            bad = ~blank & ~lowered.isin(["true", "false"])
            for row, value in cells[bad].items():
                problems.append(Problem(path.name, int(row), name, f"'{value}' is not true or false"))
            out[name] = lowered.map({"true": True, "false": False}).astype("boolean")
        else:
            out[name] = cells.where(~blank).astype("str")  # pandas text; blanks missing
    return out


CHECK_MESSAGES = [
    (re.compile(r"not_nullable"), lambda case: "a value is required"),
    (re.compile(r"in_range\((\S+), (\S+)\)"), lambda case, lo, hi: f"{case} is outside {lo}-{hi}"),
    (re.compile(r"isin\((.*)\)"), lambda case, allowed: f"'{case}' is not one of {allowed}"),
    (re.compile(r"str_matches\('(.*)'\)"), lambda case, pattern: f"'{case}' does not match {pattern}"),
    (re.compile(r"field_uniqueness|multiple_fields_uniqueness"), lambda case: f"'{case}' is duplicated"),
    (re.compile(r"greater_than_or_equal_to\((\S+)\)"), lambda case, lo: f"{case} is below {lo}"),
    (re.compile(r"greater_than\((\S+)\)"), lambda case, lo: f"{case} must be above {lo}"),
]


def describe_failure(check: str, case) -> str:
    """A reader's sentence for one pandera check failure."""
    for pattern, message in CHECK_MESSAGES:
        match = pattern.search(str(check))
        if match:
            return message(case, *match.groups())
    return f"{case!r} fails {check}"


def apply_schema(path: Path, frame: pd.DataFrame, schema: pa.DataFrameSchema, problems: list[Problem]) -> None:
    """Run the schema's rules; each failing cell becomes a problem."""
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as err:
        for failure in err.failure_cases.itertuples(index=False):
            row = None if pd.isna(failure.index) else int(failure.index)
            column = None if pd.isna(failure.column) else str(failure.column)
            problems.append(Problem(path.name, row, column, describe_failure(failure.check, failure.failure_case)))


def read_table(path: Path, schema: pa.DataFrameSchema, problems: list[Problem]) -> pd.DataFrame | None:
    """Read one CSV file against its schema. Returns None (and adds problems) if unusable.

    The frame's index is the file's line number, so later cross-file checks can name rows.
    """
    if not path.exists():
        problems.append(Problem(path.name, None, None, f"file not found in {path.parent}"))
        return None
    text = decode_text(path, problems)
    if text is None:
        return None
    frame = parse_csv(path, text, list(schema.columns), problems)
    if frame is None:
        return None
    before = len(problems)
    typed = parse_numbers(path, frame, schema, problems)
    if len(problems) == before:
        apply_schema(path, typed, schema, problems)
    return typed
