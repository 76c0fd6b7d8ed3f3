"""What was checked: the district publications searched for each indicator's figure.

data/checks.csv has one row per (publication, indicator): what was searched, when, and
what was found, so that "no public district data" can be verified and rechecked each
year. An empty `indicator_id` is a check that concerns every indicator (a trap such as a
namesake district elsewhere, finding `trap`). Optional: absent, the page says that no check is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .validation import DATE_PATTERN, URL_PATTERN, Problem, read_table

CHECKS_FILE = "checks.csv"
FOUND = "found"
FOUND_NOT_USED = "found_not_used"  # a district figure found and not used (a distorted research estimate), note says why
NOT_READABLE, NOT_LOCATED, TRAP = "not_readable", "not_located", "trap"
# What a search found, in the order the page lists them; words in labels.FINDINGS.
FINDINGS = [FOUND, FOUND_NOT_USED, "related_only", "target_only", "not_found", NOT_READABLE, NOT_LOCATED, TRAP]

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


@dataclass(frozen=True)
class Searched:
    """What the search records say for some indicators: how many publications were checked,
    when last, and which could not be located or read (titles in the file's order)."""

    publications: int
    last_checked: str  # the latest date_checked (YYYY-MM-DD or YYYY-MM); "" with no record
    not_located: tuple[str, ...]
    not_readable: tuple[str, ...]


def searched(checks: pd.DataFrame, indicator_ids=None) -> Searched:
    """The search behind "no district figure found": the checks of the indicators given (all
    of them if None) and those that concern every indicator (an empty indicator_id)."""
    rows = checks if indicator_ids is None else checks[checks["indicator_id"].isin(list(indicator_ids))
                                                       | checks["indicator_id"].isna()]

    def titles(finding: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(rows.loc[rows["finding"].eq(finding), "publication"]))

    return Searched(int(rows["publication"].nunique()), str(rows["date_checked"].max()) if len(rows) else "",
                    titles(NOT_LOCATED), titles(NOT_READABLE))
