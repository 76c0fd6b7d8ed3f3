"""Published observations and their sources.

observations.csv is long: one value per (indicator, geography, year), in the indicator's
unit, each with a `source_id` in sources.csv. Geographies are those plan.yaml declares (`plan`):
the assessed district and context places, shown but never used to judge the district's progress;
`dataset` checks each row's geography against them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .validation import DATE_PATTERN, URL_PATTERN, Problem, problem, read_table, year_column

PUBLIC_SOURCE_KINDS = ["official", "repost", "news"]  # published where anyone can read them
SUPPLIED = "supplied"  # given to the monitor by a department: no public page, so no URL needed
SOURCE_KINDS = [*PUBLIC_SOURCE_KINDS, SUPPLIED]

OBSERVATIONS_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(str),
        "geography": pa.Column(str),
        "year": year_column(),
        "value": pa.Column("float64"),
        "unit": pa.Column(str),
        "source_id": pa.Column(str),
        "note": pa.Column(str, nullable=True),
    }
)

SOURCES_SCHEMA = pa.DataFrameSchema(
    {
        "source_id": pa.Column(str, unique=True),
        "title": pa.Column(str),
        "publisher": pa.Column(str),
        "date": pa.Column(str, pa.Check.str_matches(DATE_PATTERN)),
        "url": pa.Column(str, pa.Check.str_matches(URL_PATTERN), nullable=True),
        "kind": pa.Column(str, pa.Check.isin(SOURCE_KINDS)),
        "note": pa.Column(str, nullable=True),
    }
)


def load_observations(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    return read_table(data_dir / "observations.csv", OBSERVATIONS_SCHEMA, problems)


def load_sources(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """sources.csv; a URL is required except for figures a department supplied."""
    sources = read_table(data_dir / "sources.csv", SOURCES_SCHEMA, problems)
    if sources is not None:
        for row in sources.index[sources["url"].isna() & sources["kind"].isin(PUBLIC_SOURCE_KINDS)]:
            problems.append(problem("sources.csv", row, "url", "url_required", kind=sources.at[row, "kind"]))
    return sources
