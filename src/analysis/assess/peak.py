"""The peak test: has an emissions series peaked? And the one series it runs on.

Emissions come in two scopes: a published all-fuel total (observations.csv) and an
estimate from energy activity × factors (electricity and heat only, origin `estimated`).
They are two series, never mixed year by year (`one_scope`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

ESTIMATED = "estimated"  # inputs.energy.ESTIMATED: the origin of an estimate
PEAK_TREND_WINDOW = 3  # years after the peak whose linear trend must point down


@dataclass(frozen=True)
class PeakTest:
    """Has an emissions series peaked?

    `peaked` is true when the highest value is not the latest one, the latest value is
    below it, and the linear trend of the last PEAK_TREND_WINDOW years points down.
    """

    peak_year: int | None
    peak_value: float | None
    latest_year: int | None
    latest_value: float | None
    recent_slope: float | None  # 10,000 tCO2 per year over the last window
    peaked: bool
    enough_data: bool


def peak_test(years: pd.Series, values: pd.Series) -> PeakTest:
    """The peak test for one annual series (years need not be sorted)."""
    series = pd.Series(values.to_numpy(dtype=float), index=years.to_numpy(dtype=int)).sort_index().dropna()
    if len(series) < PEAK_TREND_WINDOW:
        return PeakTest(None, None, None, None, None, peaked=False, enough_data=False)
    peak_year = int(series.idxmax())
    recent = series.iloc[-PEAK_TREND_WINDOW:]
    slope = float(np.polyfit(recent.index.to_numpy(dtype=float), recent.to_numpy(), 1)[0])
    latest_year, latest_value = int(series.index[-1]), float(series.iloc[-1])
    peaked = peak_year < latest_year and latest_value < series.max() and slope < 0
    return PeakTest(peak_year, float(series.max()), latest_year, latest_value, slope, peaked, True)


def one_scope(observations: pd.DataFrame) -> pd.DataFrame:
    """One geography's observations with a single scope per indicator: where an indicator has
    both published figures and estimates (`origin`), the published series if it has a figure
    for every year the estimate has, otherwise the estimate. Without an `origin` column, as given."""
    if "origin" not in observations:
        return observations
    estimated = observations["origin"].eq(ESTIMATED)
    published_years = observations[~estimated].groupby("indicator_id")["year"].agg(set)
    estimated_years = observations[estimated].groupby("indicator_id")["year"].agg(set)
    both = published_years.index.intersection(estimated_years.index)
    published_covers = pd.Series({i: estimated_years[i] <= published_years[i] for i in both}, dtype=bool)
    drop_estimate = observations["indicator_id"].map(published_covers)
    keep = ~(estimated & drop_estimate.eq(True)) & ~(~estimated & drop_estimate.eq(False))
    return observations[keep]


def other_scope(observations: pd.DataFrame) -> pd.DataFrame:
    """The figures `one_scope` leaves out of the same observations: the other scope's series."""
    return observations[~observations.index.isin(one_scope(observations).index)]
