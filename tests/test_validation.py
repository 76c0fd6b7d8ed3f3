"""Bad input is refused with a message naming file, row and column (synthetic data)."""

import csv
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from analysis.dataset import load_dataset
from analysis.validation import DataValidationError

from synthetic import write_synthetic_dataset


def rewrite(path: Path, edit) -> None:
    """Apply `edit(rows)` to a CSV's rows (lists of strings, header first)."""
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set a cell by the file's line number (header = 1) and column name."""
    def edit(rows):
        rows[row - 1][rows[0].index(column)] = value
    rewrite(path, edit)


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_dir)
    return [str(p) for p in caught.value.problems]


def test_synthetic_dataset_loads(synthetic_dir):
    dataset = load_dataset(synthetic_dir)
    assert len(dataset.targets) == 4
    assert dataset.observations["value"].notna().all()


@pytest.mark.parametrize(
    "file, row, column, value, expected",
    [
        ("observations.csv", 2, "indicator_id", "nonsense", "observations.csv, row 2, column 'indicator_id': unknown indicator 'nonsense'"),
        ("observations.csv", 3, "unit", "MW", "observations.csv, row 3, column 'unit': 'MW' differs from the indicator's unit 'kW'"),
        ("observations.csv", 4, "year", "2021", "observations.csv, row 4, column 'year': pv_added / putuo has more than one value for 2021"),
        ("observations.csv", 2, "value", "about 5", "observations.csv, row 2, column 'value': 'about 5' is not a finite number"),
        ("observations.csv", 2, "value", "inf", "observations.csv, row 2, column 'value': 'inf' is not a finite number"),
        ("observations.csv", 2, "value", "NaN", "observations.csv, row 2, column 'value': 'NaN' is not a finite number"),
        ("observations.csv", 2, "year", "1999", "observations.csv, row 2, column 'year': 1999 is outside 2000-2060"),
        ("observations.csv", 2, "year", "2061", "observations.csv, row 2, column 'year': 2061 is outside 2000-2060"),
        ("observations.csv", 2, "year", "2022.5", "observations.csv, row 2, column 'year': '2022.5' is not a whole number"),
        ("observations.csv", 2, "source_id", "", "observations.csv, row 2, column 'source_id': a value is required"),
        ("observations.csv", 2, "source_id", "nowhere", "observations.csv, row 2, column 'source_id': unknown source 'nowhere'"),
        ("observations.csv", 2, "geography", "mars", "observations.csv, row 2, column 'geography': 'mars' is not one of"),
        ("targets.csv", 2, "unit", "kW", "targets.csv, row 2, column 'unit': 'kW' differs from the indicator's unit 'percent_vs_baseline'"),
        ("targets.csv", 4, "text_zh", "不在方案里的话", "targets.csv, row 4, column 'text_zh': these words are not in the plan's text"),
        ("targets.csv", 4, "departments", "区不存在局", "targets.csv, row 4, column 'departments': unknown department '区不存在局'"),
        ("targets.csv", 5, "target_value", "", "targets.csv, row 5, column 'target_value': a value is required unless the target is delegated"),
        ("targets.csv", 5, "kind", "wish", "targets.csv, row 5, column 'kind': 'wish' is not one of"),
        ("task_reports.csv", 2, "task", "7", "task_reports.csv, row 2, column 'task': the plan has no task 1.7"),
        ("sources.csv", 2, "url", "javascript:alert(1)", "sources.csv, row 2, column 'url': 'javascript:alert(1)' does not match"),
    ],
)
def test_each_bad_cell_is_named(synthetic_dir, file, row, column, value, expected):
    set_cell(synthetic_dir / file, row, column, value)
    assert any(p.startswith(expected) for p in problems_of(synthetic_dir)), problems_of(synthetic_dir)


def test_missing_and_extra_columns(synthetic_dir):
    def edit(rows):
        position = rows[0].index("note")
        for r in rows:
            del r[position]
            r.append("x")
    rewrite(synthetic_dir / "observations.csv", edit)
    problems = problems_of(synthetic_dir)
    assert "observations.csv, row 1, column 'note': required column is missing" in problems
    assert "observations.csv, row 1, column 'x': unknown column" in problems


def test_ragged_row(synthetic_dir):
    rewrite(synthetic_dir / "observations.csv", lambda rows: rows[2].append("extra"))
    assert "observations.csv, row 3: has 8 cells, the header has 7" in problems_of(synthetic_dir)


def test_gbk_file_is_refused_with_its_line(synthetic_dir):
    path = synthetic_dir / "observations.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("SYNTHETIC", "合成").encode("gbk"))
    (problem,) = problems_of(synthetic_dir)
    assert problem.startswith("observations.csv, row 2: the file is not UTF-8")


def test_byte_order_mark_is_accepted(synthetic_dir):
    path = synthetic_dir / "sources.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    load_dataset(synthetic_dir)


def test_every_problem_is_reported_at_once(synthetic_dir):
    set_cell(synthetic_dir / "observations.csv", 2, "value", "x")
    set_cell(synthetic_dir / "sources.csv", 2, "kind", "rumour")
    problems = problems_of(synthetic_dir)
    assert any(p.startswith("observations.csv, row 2") for p in problems)
    assert any(p.startswith("sources.csv, row 2, column 'kind'") for p in problems)


def test_missing_file(synthetic_dir):
    (synthetic_dir / "sources.csv").unlink()
    assert any(p.startswith("sources.csv: file not found") for p in problems_of(synthetic_dir))


cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "NaN", "inf", "-inf", "1e400", "2023-01-01", "二〇二三", "<script>alert(1)</script>",
                     "1,000", "0x10", "None", "true"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(row=st.integers(2, 8), column=st.sampled_from(["indicator_id", "geography", "year", "value", "unit", "source_id"]),
       value=cells)
def test_fuzzed_cells_never_crash(tmp_path_factory, row, column, value):
    data_dir = write_synthetic_dataset(tmp_path_factory.mktemp("fuzz"))
    set_cell(data_dir / "observations.csv", row, column, value)
    try:
        dataset = load_dataset(data_dir)
    except DataValidationError as err:
        assert err.problems and all(p.file for p in err.problems)
        return
    assert pd.api.types.is_float_dtype(dataset.observations["value"])
