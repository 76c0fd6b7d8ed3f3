"""Loaders never crash on bad files (hypothesis, SYNTHETIC data).

Whole observations.csv, targets.csv and sources.csv files are generated from the synthetic
dataset and broken: other encodings (GBK with Chinese text, UTF-16, GB18030, a BOM), extra,
missing, renamed and repeated columns, ragged and blank rows, blank cells, huge numbers,
NaN and infinities, dates where a year belongs, duplicated keys, stray quotes, NUL bytes,
CR or CRLF line ends, tabs or semicolons instead of commas.

`load_dataset` must then either load (when the file is still valid) or raise
`DataValidationError` whose every problem names a file, and a row wherever the file has
lines; only layout problems (encoding, ragged row, unreadable CSV) may leave the column out,
so a fault in a cell is always named by row and column. Nothing else may be raised, and a
refused dataset publishes nothing.
"""

import csv
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from analysis.site import pipeline
from analysis.inputs.dataset import load_dataset
from analysis.inputs.validation import DataValidationError

from synthetic import FIRST_EDITION, write_synthetic_dataset
from test_publish import book_copy

FILES = ["observations.csv", "targets.csv", "sources.csv"]
KEYS = {"observations.csv": ["indicator_id", "geography", "year"], "targets.csv": ["target_id"],
        "sources.csv": ["source_id"]}
WHOLE_NUMBER_COLUMNS = {"observations.csv": ["year"], "sources.csv": [],
                        "targets.csv": ["action", "task", "baseline_year", "period_start", "target_year"]}
NUMBER_COLUMNS = {"observations.csv": ["value"], "sources.csv": [],
                  "targets.csv": ["baseline_value", "target_value", "target_value_high"]}
LONG_CELL_MESSAGE = "characters, more than"
# Problems about the file's layout rather than one cell: the only ones that may name no column.
LAYOUT_MESSAGES = ("the file is not UTF-8", "cells, the header has", "the file is empty", "not a readable CSV")


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


with tempfile.TemporaryDirectory() as folder:
    BASE = {name: read_rows(write_synthetic_dataset(Path(folder) / "data") / name) for name in FILES}

# Never a number: refused in every numeric column.
NOT_NUMBERS = ["NaN", "nan", "inf", "-inf", "Infinity", "1e400", "-1e400", "1" + "0" * 400, "2023-01-01", "2023/1",
               "二〇二三年", "2023年", "about 5", "1,000", "0x10", "５千", "1e5e5"]
# Numbers, but not whole numbers a float can hold exactly: refused in whole-number columns.
NOT_WHOLE = [str(10**30), "-" + str(10**30), "2022.5", "1e300"]
HUGE_CELL = "9" * 200_000  # beyond the csv module's field size limit (131,072 characters)
ODD = ["", " ", "\u3000", '"', 'a"b', '"quoted', 'ends"', "\x00", "a\x00b", "\t", "tab\there", "two\nlines",
       "cr\rcell", "合成数据", "\ufeff", "１２３", "-0", "2022.0", "1e30", "<script>alert(1)</script>", "'2023",
       "true", "None", "NULL", "#N/A", "=1+1"]
values = st.one_of(st.sampled_from(NOT_NUMBERS + NOT_WHOLE + ODD + [HUGE_CELL]), st.text(max_size=8),
                   st.floats(allow_nan=True, allow_infinity=True).map(repr),
                   st.integers(-10**30, 10**30).map(str))


@dataclass
class Broken:
    """One generated file: its name, bytes, and the cells a test can check by name."""

    name: str
    raw: bytes
    cells: dict = field(default_factory=dict)  # (line, column) -> value, for cell-only faults
    lines: int = 0

    def __repr__(self) -> str:  # a failing example stays readable (a cell may be 200,000 characters)
        raw = self.raw if len(self.raw) <= 600 else self.raw[:600] + b"...(%d bytes)" % len(self.raw)
        cells = {k: v if len(v) <= 40 else v[:40] + f"...({len(v)} characters)" for k, v in self.cells.items()}
        return f"Broken({self.name!r}, {raw!r}, cells={cells!r}, lines={self.lines})"


def serialise(rows: list[list[str]], delimiter: str = ",", terminator: str = "\n",
              quoting: int = csv.QUOTE_MINIMAL) -> tuple[str, list[int]]:
    """CSV text and the line on which each record starts (header = line 1)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=terminator, quoting=quoting)
    starts = []
    for row in rows:
        text = buffer.getvalue()
        starts.append(1 + text.count("\n") + text.count("\r") - text.count("\r\n"))
        writer.writerow(row)
    return buffer.getvalue(), starts


def line_count(text: str) -> int:
    return 1 + text.count("\n") + text.count("\r") - text.count("\r\n")


@st.composite
def cell_faults(draw) -> Broken:
    """Valid CSV layout (UTF-8, commas): only cell values changed, and duplicated keys."""
    name = draw(st.sampled_from(FILES))
    rows = [list(r) for r in BASE[name]]
    header = rows[0]
    if draw(st.booleans()):  # a duplicated key: copy one row's key onto another
        source, target = draw(st.integers(1, len(rows) - 1)), draw(st.integers(1, len(rows) - 1))
        for column in KEYS[name]:
            rows[target][header.index(column)] = rows[source][header.index(column)]
        if len(rows) == 2:  # sources.csv has one row: repeat it
            rows.append(list(rows[1]))
    edits = draw(st.dictionaries(st.tuples(st.integers(1, len(rows) - 1), st.sampled_from(header)), values,
                                 min_size=1, max_size=4))
    for (row, column), value in edits.items():
        rows[row][header.index(column)] = value
    text, starts = serialise(rows, terminator="\r\n")  # so that a CR or LF in a cell is quoted
    return Broken(name, text.encode("utf-8"), {(starts[row], column): value for (row, column), value in edits.items()},
                  line_count(text))


@st.composite
def whole_file_faults(draw) -> Broken:
    """Anything: layout, encoding, bytes, and cells."""
    name = draw(st.sampled_from(FILES))
    rows = [list(r) for r in BASE[name]]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cell", "cell", "duplicate_row", "blank_row", "extra_column", "drop_column",
                                     "rename_column", "repeat_column", "ragged", "chinese_cell"]))
        header = rows[0]
        row = draw(st.integers(1, max(1, len(rows) - 1)))
        row = min(row, len(rows) - 1) if len(rows) > 1 else None
        if kind in ("cell", "chinese_cell") and row is not None:
            column = draw(st.integers(0, len(header) - 1))
            if column < len(rows[row]):
                rows[row][column] = "二〇二三年合成" if kind == "chinese_cell" else draw(values)
        elif kind == "duplicate_row" and row is not None:
            rows.insert(row + 1, list(rows[row]))
        elif kind == "blank_row":
            rows.insert(draw(st.integers(1, len(rows))), draw(st.sampled_from([[], [""] * len(header), [" ", ""]])))
        elif kind == "extra_column":
            extra = draw(st.sampled_from(["extra", "", "年份", "year"]))
            for i, r in enumerate(rows):
                r.append(extra if i == 0 else "1")
        elif kind in ("drop_column", "rename_column", "repeat_column") and header:
            column = draw(st.integers(0, len(header) - 1))
            for i, r in enumerate(rows):
                if column < len(r):
                    if kind == "drop_column":
                        del r[column]
                    elif kind == "repeat_column":
                        r.append(r[column])
                    elif i == 0:
                        r[column] = draw(st.sampled_from([r[column].upper(), f" {r[column]}", "年份", "\ufeff" + r[column]]))
        elif kind == "ragged" and row is not None:
            if draw(st.booleans()) or not rows[row]:
                rows[row].append("extra")
            else:
                rows[row].pop()
    text, _ = serialise(rows, draw(st.sampled_from([",", ",", "\t", ";"])),
                        draw(st.sampled_from(["\n", "\r\n", "\r"])),
                        draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le",
                                     "latin-1"]))
    raw = text.encode(encoding, errors="replace")
    for _ in range(draw(st.integers(0, 2))):  # stray bytes: NUL, a quote, a lone UTF-8 lead byte, a BOM
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from([b"\x00", b'"', b"\xe4", b"\xef\xbb\xbf", b"\r", b"\t"])) + raw[at:]
    if draw(st.booleans()):
        raw = raw[:draw(st.integers(0, len(raw)))]  # cut short, maybe in the middle of a character
    return Broken(name, raw, lines=1 + raw.count(b"\n") + raw.count(b"\r"))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return write_synthetic_dataset(tmp_path_factory.mktemp("fuzz") / "data")


def load_with(data_dir: Path, broken: Broken):
    """load_dataset with one file replaced; the original is put back afterwards."""
    path = data_dir / broken.name
    original = path.read_bytes()
    path.write_bytes(broken.raw)
    try:
        return load_dataset(data_dir)
    finally:
        path.write_bytes(original)


def check_problems(err: DataValidationError, broken: Broken) -> None:
    assert err.problems and str(err)
    for problem in err.problems:
        assert problem.file, problem
        if problem.file in FILES:
            assert problem.row is not None, str(problem)
        if problem.file == broken.name:
            assert 1 <= problem.row <= max(broken.lines, 1) + 1, str(problem)
        if not problem.column:
            assert any(m in problem.message for m in LAYOUT_MESSAGES), str(problem)


FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@settings(FUZZ, max_examples=70)
@given(broken=whole_file_faults())
def test_whole_file_faults_are_refused_by_file_row_and_column(data_dir, broken):
    try:
        dataset = load_with(data_dir, broken)
    except DataValidationError as err:
        check_problems(err, broken)
        return
    assert pd.api.types.is_float_dtype(dataset.observations["value"])
    assert dataset.observations["value"].map(lambda v: abs(v) < float("inf")).all()


@settings(FUZZ, max_examples=60)
@given(broken=cell_faults())
def test_each_bad_cell_is_named_by_row_and_column(data_dir, broken):
    try:
        load_with(data_dir, broken)
    except DataValidationError as err:
        check_problems(err, broken)
        for problem in err.problems:
            assert problem.row is not None and problem.column, str(problem)
        named = {(p.row, p.column) for p in err.problems if p.file == broken.name}
        if any(p.file == broken.name and LONG_CELL_MESSAGE in p.message for p in err.problems):
            return  # a cell too long to read stops the file's check at its layout, as a ragged row does
    else:
        named = set()
    for (line, column), value in broken.cells.items():
        refused = NOT_NUMBERS if column in NUMBER_COLUMNS[broken.name] else NOT_NUMBERS + NOT_WHOLE
        if column in NUMBER_COLUMNS[broken.name] + WHOLE_NUMBER_COLUMNS[broken.name] and value in refused:
            assert (line, column) in named, f"{broken.name}, line {line}, column {column}: {value!r} not named"


def harmless(rows: list[list[str]], draw) -> str:
    rows = [list(r) for r in rows]
    if draw(st.booleans()):  # blank rows between and after the records
        rows.insert(draw(st.integers(1, len(rows))), [""] * len(rows[0]))
        rows.append([])
    if draw(st.booleans()):  # spaces around the cells
        rows = [[f" {c} " if c else c for c in r] for r in rows]
    text, _ = serialise(rows, ",", draw(st.sampled_from(["\n", "\r\n", "\r"])),
                        draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    return text.rstrip("\r\n") if draw(st.booleans()) else text  # with or without a final line end


@settings(FUZZ, max_examples=12)
@given(name=st.sampled_from(FILES), data=st.data())
def test_valid_variants_load_the_same_data(data_dir, name, data):
    """A BOM, CR or CRLF line ends, quoting every cell, blank rows and padding change nothing."""
    text = harmless(BASE[name], data.draw)
    raw = (b"\xef\xbb\xbf" if data.draw(st.booleans()) else b"") + text.encode("utf-8")
    expected = load_dataset(data_dir)
    loaded = load_with(data_dir, Broken(name, raw))
    for table in ("targets", "observations", "sources"):
        pd.testing.assert_frame_equal(getattr(loaded, table).reset_index(drop=True),
                                      getattr(expected, table).reset_index(drop=True))


def test_cells_on_later_lines_are_named_by_their_line(data_dir):
    """A quoted cell spanning two lines: the rows after it are named by the file's line numbers."""
    rows = [list(r) for r in BASE["observations.csv"]]
    rows[1][rows[0].index("note")] = "first line\nsecond line"
    rows[3][rows[0].index("value")] = "about 5"
    text, starts = serialise(rows)
    with pytest.raises(DataValidationError) as caught:
        load_with(data_dir, Broken("observations.csv", text.encode("utf-8")))
    assert [str(p) for p in caught.value.problems] == [
        f"observations.csv, row {starts[3]}, column 'value': 'about 5' is not a finite number"]
    assert starts[3] == 5


@pytest.mark.parametrize("name, raw", [
    ("observations.csv", "\n".join(",".join(r) for r in BASE["observations.csv"]).replace("SYNTHETIC", "合成").encode("gbk")),
    ("targets.csv", serialise(BASE["targets.csv"])[0].encode("utf-16")),
    ("sources.csv", serialise(BASE["sources.csv"], "\t")[0].encode("utf-8")),
    ("observations.csv", serialise([BASE["observations.csv"][0], BASE["observations.csv"][1][:2] + ["二〇二三年"]
                                    + BASE["observations.csv"][1][3:]])[0].encode("utf-8")),
])
def test_a_refused_file_publishes_nothing(tmp_path, name, raw):
    project = book_copy(tmp_path, n_actions=1)
    (project.data_dir / name).write_bytes(raw)

    def snapshot() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}

    before = snapshot()
    with pytest.raises(DataValidationError) as caught:
        pipeline.publish(project, **FIRST_EDITION, show_progress=False)
    assert all(p.file == name and p.row for p in caught.value.problems), caught.value.problems
    assert snapshot() == before and not project.build_dir.exists()
