"""checks.csv: the publications searched per indicator, validated like every data file."""

import pandas as pd
import pytest

from analysis.inputs.dataset import load_dataset
from analysis.inputs.validation import DataValidationError


def edit(directory, change):
    path = directory / "checks.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(frame)
    frame.to_csv(path, index=False)


def test_checks_load_with_every_indicator_known(synthetic_dir):
    checks = load_dataset(synthetic_dir).checks
    assert list(checks["finding"]) == ["not_found", "trap"]
    assert checks["indicator_id"].isna().tolist() == [False, True]  # the trap concerns every indicator


@pytest.mark.parametrize("column, value, words", [
    ("indicator_id", "energy_intensty", "unknown indicator 'energy_intensty'"),
    ("finding", "maybe", "finding"),
    ("url", "www.example.org", "url"),
    ("date_checked", "Nov 2025", "date_checked"),
])
def test_a_bad_check_is_refused_with_its_row(synthetic_dir, column, value, words):
    edit(synthetic_dir, lambda f: f.__setitem__(column, [value, *f[column][1:]]))
    with pytest.raises(DataValidationError) as refused:
        load_dataset(synthetic_dir)
    assert "checks.csv, row 2" in str(refused.value) and words in str(refused.value)


def test_no_checks_file_is_an_empty_record(synthetic_dir):
    (synthetic_dir / "checks.csv").unlink()
    assert load_dataset(synthetic_dir).checks.empty


@pytest.mark.monitor_data
def test_the_published_checks_name_known_indicators_and_a_url_unless_none_was_recorded():
    """Every check on file (checks.csv is optional: an adopted plan may have none yet)."""
    checks = load_dataset().checks
    assert checks.loc[checks["url"].isna(), "finding"].isin(["not_readable", "not_located", "related_only"]).all()
