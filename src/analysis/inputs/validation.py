"""Reading data files strictly: every problem is reported with its file, row and column.

A table is read in three steps, each adding `Problem`s to one list:

1. text: the file must be UTF-8 (a byte-order mark is accepted) and parse as CSV with
   exactly the declared columns;
2. types: numeric and year columns are parsed by `pandas.to_numeric`; a cell that is not a
   finite number is a problem (NaN, inf and text are refused);
3. rules: the table's pandera schema (required cells, allowed values, ranges, unique keys).

Cross-file rules (unknown indicator, unit mismatch, missing source) and plausibility live in
`dataset` and `plausibility`; they run on whatever could be read, so one run lists every
problem, and `DataValidationError` is then raised and nothing downstream runs. A problem
that shows how the cell was meant says so ("'3,200' has a thousands separator: write 3200"),
in English and Chinese (`messages`).
Row numbers are the file's line numbers (the header is line 1; a record whose quoted cell
spans lines is named by the line it starts on).
"""

from __future__ import annotations

import ast
import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from .messages import EXCEL_UTF8, WHERE, pick, render, suggestion

HEADER_ROW = 1
YEAR_MIN, YEAR_MAX = 2000, 2060
LARGEST_WHOLE_NUMBER = 2**53  # beyond this a float no longer holds every whole number
LONGEST_CELL = 131_072  # characters; the csv module's default field size limit
DATE_PATTERN = r"^(19|20)\d\d(-[01]\d(-[0-3]\d)?)?$"  # YYYY-MM-DD, YYYY-MM or YYYY
URL_PATTERN = r"^https?://[^\s<>\"']+$"
SNAKE_ID = r"^[a-z][a-z0-9_]*$"
PATTERN_MESSAGES = {DATE_PATTERN: "bad_date", URL_PATTERN: "bad_url", SNAKE_ID: "bad_id"}
# Characters that look like a digit, sign or point but are not ASCII: (ASCII, name).
LOOKALIKE_NAMES = {"\u2212": ("Unicode 减号", "Unicode minus"), "\u2013": ("短破折号", "en dash"),
                   "\u2014": ("长破折号", "em dash"), "\u2012": ("数字破折号", "figure dash")}
FULL_WIDTH = ("全角字符", "full-width character")
THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?")
PERCENT = re.compile(r"([-+]?[\d.]+)\s*[%％]")
SAFE_NUMBER_FIXES = ("lookalike", "thousands")  # what excel-import converts; a % sign is for the analyst


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: where (file, row, column) and what, in English and Chinese."""

    file: str
    row: int | None
    column: str | None
    message: str
    message_zh: str = ""

    def text(self, language: str = "en") -> str:
        """'observations.csv, row 12, column 'value': ...' / 'observations.csv 第12行 value 列：...'."""
        zh = language == "zh"
        where = [pick(WHERE["row"], language).format(row=self.row)] if self.row is not None else []
        where += [pick(WHERE["column"], language).format(column=self.column)] if self.column else []
        if zh:
            return " ".join([self.file, *where]) + "：" + (self.message_zh or self.message)
        return ", ".join([self.file, *where]) + ": " + self.message

    def __str__(self) -> str:
        return self.text("en")


def problem(file: str, row: int | None, column: str | None, key: str, **values) -> Problem:
    """A Problem worded from the message catalogue (`messages.MESSAGES[key]`)."""
    return Problem(file, row, column, render(key, values, "en"), render(key, values, "zh"))


def report(problems: list[Problem], language: str, heading: tuple[str, str]) -> str:
    """A heading with the count, then one line per problem."""
    lines = "\n".join(f"  - {p.text(language)}" for p in problems)
    return pick(heading, language).format(n=len(problems)) + "\n" + lines


PROBLEMS_HEADING = ("数据中有 {n} 个问题：", "{n} problem(s) in the data:")
WARNINGS_HEADING = ("{n} 个提醒（不阻止发布，请核对）：", "{n} warning(s) (publishing is not blocked; please check):")


class DataValidationError(ValueError):
    """Raised with every problem found, so an analyst can fix them all in one pass."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] = ()):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
        self.warnings = list(warnings)
        super().__init__(self.report("en"))

    def report(self, language: str) -> str:
        """Every problem, in the language."""
        return report(self.problems, language, PROBLEMS_HEADING)


def year_column(required: bool = True, **kwargs) -> pa.Column:
    """A calendar-year column (2000-2060)."""
    return pa.Column(
        "Int64", pa.Check.in_range(YEAR_MIN, YEAR_MAX), nullable=not required, **kwargs
    )


def guess_encoding(raw: bytes) -> str | None:
    """What a file that is not UTF-8 probably is: UTF-16 (a BOM), GBK (Excel's and WPS's 'CSV'), or None."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    try:
        raw.decode("gb18030")
        return "GBK"
    except UnicodeDecodeError:
        return None


def decode_text(path: Path, problems: list[Problem]) -> str | None:
    """The file's text, or None with a problem (saying how to save it as UTF-8) if it is not UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        encoding = guess_encoding(raw)
        problems.append(problem(path.name, line, None, "not_utf8", byte=f"{raw[err.start]:02x}", fix=EXCEL_UTF8,
                                encoding=(f"，看来是 {encoding}", f"; it looks like {encoding}") if encoding else ""))
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
        problems.append(problem(path.name, max(reader.line_num, HEADER_ROW), None, "not_csv", error=str(err)))
        return None
    finally:
        csv.field_size_limit(limit)
    return rows, lines


def too_long(path: Path, header: list[str], body: list[tuple[int, list[str]]], problems: list[Problem]) -> bool:
    """Adds a problem for every cell longer than LONGEST_CELL characters; True if there was one."""
    found = [problem(path.name, line, column, "too_long", length=len(cell), limit=LONGEST_CELL)
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
        problems.append(problem(path.name, HEADER_ROW, None, "empty"))
        return None
    header = [cell.strip() for cell in rows[0]]
    missing = [c for c in columns if c not in header]
    unexpected = [c for c in header if c not in columns]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    for c in missing:
        problems.append(problem(path.name, HEADER_ROW, c, "column_missing"))
    for c in unexpected:
        problems.append(problem(path.name, HEADER_ROW, c or "(blank)", "column_unknown",
                                suggestion=suggestion(c, missing) if c else ""))
    for c in duplicated:
        problems.append(problem(path.name, HEADER_ROW, c or "(blank)", "column_repeated"))
    if missing or unexpected or duplicated:
        return None
    body = list(zip(lines[1:], rows[1:]))
    bad_width = False
    for line, row in body:
        if len(row) != len(header) and any(cell.strip() for cell in row):
            bad_width = True
            problems.append(problem(path.name, line, None, "ragged", cells=len(row), header=len(header)))
    if too_long(path, header, body, problems) or bad_width:
        return None
    records = [[cell.strip() for cell in row] for _, row in body if any(cell.strip() for cell in row)]
    line_numbers = [line for line, row in body if any(cell.strip() for cell in row)]
    frame = pd.DataFrame(records, columns=header, dtype=object, index=pd.Index(line_numbers, name="row"))
    return frame.reindex(columns=columns).fillna("")


def is_number(text: str, whole: bool = False) -> bool:
    """True if `text` is a finite number (a whole one a float holds exactly, if `whole`)."""
    number = pd.to_numeric(pd.Series([text]), errors="coerce").astype("float64").iloc[0]
    if not np.isfinite(number):
        return False
    return not whole or (number == round(number) and abs(number) <= LARGEST_WHOLE_NUMBER)


def number_fixes(text: str) -> tuple[str, list[tuple[str, dict]]]:
    """How a cell that is not a number may have been meant: the repaired text and each repair
    as (message key, values): look-alike characters (full-width, Unicode minus), then a
    thousands separator, then a % sign. An empty list if nothing applies."""
    fixes = []
    for char in dict.fromkeys(text):
        ascii_char = "-" if char in LOOKALIKE_NAMES else unicodedata.normalize("NFKC", char)
        if char != ascii_char and ascii_char.isascii() and (char in LOOKALIKE_NAMES or ascii_char in "0123456789.,+-%e"):
            fixes.append(("lookalike", {"char": char, "code": f"U+{ord(char):04X}", "ascii": ascii_char,
                                        "name": LOOKALIKE_NAMES.get(char, FULL_WIDTH)}))
            text = text.replace(char, ascii_char)
    if THOUSANDS.fullmatch(text):
        fixes.append(("thousands", {}))
        text = text.replace(",", "")
    if (match := PERCENT.fullmatch(text)) is not None:
        fixes.append(("percent_sign", {}))
        text = match.group(1)
    return text, fixes


def number_problem(file: str, row: int, column: str, value: str, whole: bool) -> Problem:
    """'is not a number', with the fix where the cell says how it was meant ('3,200': write 3200)."""
    fixed, fixes = number_fixes(value)
    if not fixes or not is_number(fixed, whole):
        return problem(file, row, column, "not_whole" if whole else "not_number", value=value)
    key, values = fixes[0]
    written = (f"，写作 {fixed}", f": write {fixed}") if key == "lookalike" else fixed
    return problem(file, row, column, key, **{"value": value, **values, "fixed": written})


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
                problems.append(number_problem(path.name, int(row), name, value, whole=dtype == "Int64"))
            numbers = numbers.where(~bad)
            out[name] = numbers.round().astype("Int64") if dtype == "Int64" else numbers
        elif dtype == "boolean":
            lowered = cells.str.lower()
            bad = ~blank & ~lowered.isin(["true", "false"])
            for row, value in cells[bad].items():
                problems.append(problem(path.name, int(row), name, "not_bool", value=value))
            out[name] = lowered.map({"true": True, "false": False}).astype("boolean")
        else:
            out[name] = cells.where(~blank).astype("str")  # pandas text; blanks missing
    return out


def suggest_date(text: str) -> str | None:
    """'2027/3/5', '2027.3.5', '2027年3月5日' -> '2027-03-05'; '2027年3月' -> '2027-03'; else None."""
    parts = re.fullmatch(r"((?:19|20)\d\d)(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?|\s*月)?)?\s*年?",
                         text.strip())
    if parts is None:
        return None
    year, month, day = parts.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12 or (day is not None and not 1 <= int(day) <= 31):
        return None
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def check_message(check: str, case) -> tuple[str, dict]:
    """The message key and values for one pandera check failure."""
    if "not_nullable" in check:
        return "required", {}
    if (match := re.search(r"in_range\((\S+), (\S+)\)", check)):
        return "out_of_range", {"value": case, "low": match[1], "high": match[2]}
    if (match := re.search(r"isin\((.*)\)", check)):
        allowed = ast.literal_eval(match[1])
        return "not_one_of", {"value": case, "allowed": match[1], "suggestion": suggestion(case, allowed)}
    if (match := re.search(r"str_matches\('(.*)'\)", check)):
        pattern = match[1].replace("\\'", "'")
        key = PATTERN_MESSAGES.get(pattern, "bad_pattern")
        example = suggest_date(str(case)) if key == "bad_date" else None
        return key, {"value": case, "pattern": pattern,
                     "example": (f"，如 {example}", f", e.g. {example}") if example else ""}
    if re.search(r"field_uniqueness|multiple_fields_uniqueness", check):
        return "duplicated", {"value": case}
    if (match := re.search(r"greater_than_or_equal_to\((\S+)\)", check)):
        return "below", {"value": case, "low": match[1]}
    if (match := re.search(r"greater_than\((\S+)\)", check)):
        return "not_above", {"value": case, "low": match[1]}
    return "fails", {"value": repr(case), "check": check}


def apply_schema(path: Path, frame: pd.DataFrame, schema: pa.DataFrameSchema, problems: list[Problem]) -> None:
    """Run the schema's rules; each failing cell becomes a problem."""
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as err:
        for failure in err.failure_cases.itertuples(index=False):
            row = None if pd.isna(failure.index) else int(failure.index)
            column = None if pd.isna(failure.column) else str(failure.column)
            key, values = check_message(str(failure.check), failure.failure_case)
            problems.append(problem(path.name, row, column, key, **values))


def read_table(path: Path, schema: pa.DataFrameSchema, problems: list[Problem]) -> pd.DataFrame | None:
    """Read one CSV file against its schema. Returns None (and adds problems) if unusable.

    The frame's index is the file's line number, so later cross-file checks can name rows.
    """
    if not path.exists():
        problems.append(problem(path.name, None, None, "file_missing", folder=str(path.parent)))
        return None
    text = decode_text(path, problems)
    if text is None:
        return None
    frame = parse_csv(path, text, list(schema.columns), problems)
    if frame is None:
        return None
    cell_problems: list[Problem] = []
    typed = parse_numbers(path, frame, schema, cell_problems)
    named = {(p.row, p.column) for p in cell_problems}
    rules: list[Problem] = []
    apply_schema(path, typed, schema, rules)
    problems += cell_problems + [p for p in rules if (p.row, p.column) not in named]  # a bad number: one problem
    return typed
