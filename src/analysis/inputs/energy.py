"""Energy activity data and the CO2 emissions they give by the standard inventory method.

Emissions (tCO2) = sum over energy types of activity (in the factor's activity unit)
x emission factor (tCO2 per activity unit). Factors and their sources: emission_factors.csv.
Activity data (optional until published): energy_activity.csv, one amount per
(geography, year, fuel). Results are in 10,000 tCO2 (万吨), the unit of the
`co2_emissions` indicator, so they join the observations like any published series.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .messages import suggestion
from .validation import Problem, problem, read_table, year_column

EMISSIONS_INDICATOR = "co2_emissions"
TONNES_PER_10K_TONNES = 10_000

FACTORS_SCHEMA = pa.DataFrameSchema(
    {
        "fuel_id": pa.Column(str, unique=True),
        "name_zh": pa.Column(str),
        "name_en": pa.Column(str),
        "activity_unit": pa.Column(str),
        "factor": pa.Column("float64", pa.Check.greater_than_or_equal_to(0)),
        "source_id": pa.Column(str),
    }
)

ACTIVITY_SCHEMA = pa.DataFrameSchema(
    {
        "geography": pa.Column(str),
        "year": year_column(),
        "fuel_id": pa.Column(str),
        "amount": pa.Column("float64", pa.Check.greater_than_or_equal_to(0)),
        "activity_unit": pa.Column(str),
        "source_id": pa.Column(str),
        "note": pa.Column(str, nullable=True),
    }
)

ACTIVITY_FILE = "energy_activity.csv"
ESTIMATED = "estimated"  # the `origin` of an emissions figure from activity x factor


def load_factors(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    return read_table(data_dir / "emission_factors.csv", FACTORS_SCHEMA, problems)


def load_activity(data_dir: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """Energy activity data; an empty frame when the file has not been supplied."""
    path = data_dir / ACTIVITY_FILE
    if not path.exists():
        return pd.DataFrame(columns=list(ACTIVITY_SCHEMA.columns))
    return read_table(path, ACTIVITY_SCHEMA, problems)


def check_activity(activity: pd.DataFrame, factors: pd.DataFrame, problems: list[Problem]) -> None:
    """Every fuel must have a factor, in the same activity unit; one amount per year and fuel."""
    merged = activity.reset_index().merge(
        factors[["fuel_id", "activity_unit"]], on="fuel_id", how="left", suffixes=("", "_factor")
    )
    for r in merged[merged["activity_unit_factor"].isna() & merged["fuel_id"].notna()].itertuples():
        problems.append(problem(ACTIVITY_FILE, r.row, "fuel_id", "no_factor", fuel=r.fuel_id,
                                suggestion=suggestion(r.fuel_id, factors["fuel_id"])))
    mismatch = merged["activity_unit_factor"].notna() & (merged["activity_unit"] != merged["activity_unit_factor"])
    for r in merged[mismatch].itertuples():
        problems.append(problem(ACTIVITY_FILE, r.row, "activity_unit", "factor_unit", unit=r.activity_unit,
                                wanted=r.activity_unit_factor))
    duplicated = merged.duplicated(["geography", "year", "fuel_id"], keep="first")
    for r in merged[duplicated].itertuples():
        problems.append(problem(ACTIVITY_FILE, r.row, "year", "activity_repeated", geography=r.geography,
                                fuel=r.fuel_id, year=r.year))


def estimate_emissions(activity: pd.DataFrame, factors: pd.DataFrame) -> pd.DataFrame:
    """Annual CO2 by geography, in 10,000 tCO2, with the fuels that make it up.

    Returns columns geography, year, value (10,000 tCO2), fuels (comma-joined fuel ids),
    source_ids (comma-joined). Only complete years are returned: a year lacking a fuel
    that the same geography reports in other years is left out rather than understated.
    """
    columns = ["geography", "year", "value", "fuels", "source_ids"]
    if activity.empty:
        return pd.DataFrame(columns=columns)
    rows = activity.merge(factors[["fuel_id", "factor"]], on="fuel_id", how="inner")
    rows["tco2"] = rows["amount"] * rows["factor"]
    fuels_reported = rows.groupby("geography")["fuel_id"].nunique().rename("fuels_reported")
    totals = (
        rows.groupby(["geography", "year"])
        .agg(tco2=("tco2", "sum"), n_fuels=("fuel_id", "nunique"),
             fuels=("fuel_id", lambda s: ",".join(sorted(s))),
             source_ids=("source_id", lambda s: ",".join(sorted(set(s)))))
        .reset_index()
        .join(fuels_reported, on="geography")
    )
    complete = totals[totals["n_fuels"] == totals["fuels_reported"]].copy()
    complete["value"] = complete["tco2"] / TONNES_PER_10K_TONNES
    return complete[columns].reset_index(drop=True)


def incomplete_years(activity: pd.DataFrame, factors: pd.DataFrame) -> pd.DataFrame:
    """The years `estimate_emissions` leaves out: geography, year and the fuels missing
    (comma-joined fuel ids) among those the geography reports in other years."""
    rows = activity.merge(factors[["fuel_id"]], on="fuel_id", how="inner")[["geography", "year", "fuel_id"]]
    expected = rows[["geography", "fuel_id"]].drop_duplicates().merge(rows[["geography", "year"]].drop_duplicates(),
                                                                       on="geography")
    missing = expected.merge(rows, on=["geography", "year", "fuel_id"], how="left", indicator=True)
    missing = missing[missing["_merge"].eq("left_only")].sort_values(["geography", "year", "fuel_id"])
    return (missing.groupby(["geography", "year"], sort=True)["fuel_id"].agg(",".join).rename("missing_fuels")
            .reset_index())

