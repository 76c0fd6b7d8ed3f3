"""The publication's own logs: corrections made to published editions, and changes of method.

* data/corrections.csv: one row per correction of a published edition (which edition, when,
  what was wrong and what was done, in both languages, and the targets it touched).
* data/method_changes.csv: one row per change of an assessment rule (the first edition it
  applies to, when it was made, the rule in both languages). Which statuses a change moved is
  never entered: the "what changed" page computes it (`editions.restated`).

Both are optional: absent, the pages say that none is recorded.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .validation import Problem, read_table

CORRECTIONS_FILE = "corrections.csv"
METHOD_CHANGES_FILE = "method_changes.csv"
ISO_DAY = r"^20\d\d-[01]\d-[0-3]\d$"
TARGET_LIST = r"^T\d+-\d+(;T\d+-\d+)*$"  # target ids separated by ;

CORRECTIONS_SCHEMA = pa.DataFrameSchema(
    {
        "edition": pa.Column("Int64", pa.Check.in_range(2000, 2100)),
        "date": pa.Column(str, pa.Check.str_matches(ISO_DAY)),
        "what_zh": pa.Column(str),
        "what_en": pa.Column(str),
        "targets": pa.Column(str, pa.Check.str_matches(TARGET_LIST), nullable=True),
    }
)

METHOD_CHANGES_SCHEMA = pa.DataFrameSchema(
    {
        "edition": pa.Column("Int64", pa.Check.in_range(2000, 2100)),
        "date": pa.Column(str, pa.Check.str_matches(ISO_DAY)),
        "rule_zh": pa.Column(str),
        "rule_en": pa.Column(str),
    }
)


def load_log(data_dir: Path, file: str, schema: pa.DataFrameSchema, problems: list[Problem]) -> pd.DataFrame | None:
    """One log, sorted by edition and date; an empty frame when the file is absent."""
    path = Path(data_dir) / file
    if not path.exists():
        return pd.DataFrame(columns=list(schema.columns))
    frame = read_table(path, schema, problems)
    return None if frame is None else frame.sort_values(["edition", "date"], kind="stable")


def load_corrections(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    return load_log(data_dir, CORRECTIONS_FILE, CORRECTIONS_SCHEMA, problems)


def load_method_changes(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    return load_log(data_dir, METHOD_CHANGES_FILE, METHOD_CHANGES_SCHEMA, problems)
