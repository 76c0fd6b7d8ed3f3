"""What was checked: the district publications searched for each indicator's figure.

data/checks.csv has one row per (publication, indicator): what was searched, when, and
what was found, so that "no public district data" can be verified and rechecked each
year. An empty `indicator_id` is a check that concerns every indicator (a trap such as a
namesake district elsewhere, finding `trap`). Optional: absent, the page says that no check is recorded.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .validation import DATE_PATTERN, URL_PATTERN, Problem, read_table

CHECKS_FILE = "checks.csv"
FOUND = "found"
# What a search found, in the order the page lists them; words in labels.FINDINGS.
FINDINGS = [FOUND, "related_only", "target_only", "not_found", "not_readable", "not_located", "trap"]

CHECKS_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(str, nullable=True),
        "publication": pa.Column(str),
        "publisher": pa.Column(str, nullable=True),
        "published": pa.Column(str, pa.Check.str_matches(DATE_PATTERN), nullable=True),
        "url": pa.Column(str, pa.Check.str_matches(URL_PATTERN), nullable=True),
        "date_checked": pa.Column(str, pa.Check.str_matches(DATE_PATTERN)),
        "finding": pa.Column(str, pa.Check.isin(FINDINGS)),
        "note_zh": pa.Column(str),
        "note_en": pa.Column(str),
    }
)


def load_checks(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """checks.csv; an empty frame when the file is absent."""
    path = data_dir / CHECKS_FILE
    if not path.exists():
        return pd.DataFrame(columns=list(CHECKS_SCHEMA.columns))
    return read_table(path, CHECKS_SCHEMA, problems)
