"""Published observations and their sources.

observations.csv is long: one value per (indicator, geography, year), in the indicator's
unit, each with a `source_id` in sources.csv. Geographies are those plan.yaml declares (`plan`):
the assessed district and context places, shown but never used to judge the district's progress;
`dataset` checks each row's geography against them.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pandera.pandas as pa

from .validation import DATE_PATTERN, URL_PATTERN, Problem, problem, read_table, year_column

OFFICIAL = "official"  # the government's own page: its address must be on a government host
# published where anyone can read them; a research estimate is never an official statistic
PUBLIC_SOURCE_KINDS = [OFFICIAL, "repost", "news", "research_estimate"]
SUPPLIED = "supplied"  # given to the monitor by a department: no public page, so no URL needed
SOURCE_KINDS = [*PUBLIC_SOURCE_KINDS, SUPPLIED]
GOVERNMENT_HOST = "gov.cn"  # a government host is gov.cn or a name under it (www.shanghai.gov.cn, stats.gov.cn)

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
        "title_en": pa.Column(str, nullable=True),  # the title in English, where the source has one
        "publisher": pa.Column(str),
        "publisher_en": pa.Column(str, nullable=True),
        "date": pa.Column(str, pa.Check.str_matches(DATE_PATTERN)),
        "url": pa.Column(str, pa.Check.str_matches(URL_PATTERN), nullable=True),
        "kind": pa.Column(str, pa.Check.isin(SOURCE_KINDS)),
        "note": pa.Column(str, nullable=True),
    }
)


def load_observations(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    return read_table(data_dir / "observations.csv", OBSERVATIONS_SCHEMA, problems)


def government_host(url: str) -> bool:
    """True if the address is on gov.cn or a host under it."""
    host = (urlsplit(url).hostname or "").lower()
    return host == GOVERNMENT_HOST or host.endswith("." + GOVERNMENT_HOST)


def load_sources(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """sources.csv; a URL is required except for figures a department supplied, a kind is
    required (said with the kinds to choose from), and an `official` source's URL must be
    on a government host."""
    before = len(problems)
    sources = read_table(data_dir / "sources.csv", SOURCES_SCHEMA, problems)
    if sources is not None:
        required = problem("sources.csv", None, "kind", "required")
        blank_kind = [p for p in problems[before:] if p.column == "kind" and p.message == required.message]
        problems[:] = [p for p in problems if p not in blank_kind]
        problems += [problem("sources.csv", p.row, "kind", "kind_required", allowed=SOURCE_KINDS) for p in blank_kind]
        for row in sources.index[sources["url"].isna() & sources["kind"].isin(PUBLIC_SOURCE_KINDS)]:
            problems.append(problem("sources.csv", row, "url", "url_required", kind=sources.at[row, "kind"]))
        official = sources[sources["kind"].eq(OFFICIAL) & sources["url"].notna()]
        for row, url in official["url"].items():
            if not government_host(url):
                problems.append(problem("sources.csv", row, "url", "official_host", host=urlsplit(url).hostname or url))
    return sources
