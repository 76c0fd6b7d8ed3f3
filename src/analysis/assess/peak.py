"""The peak test: has an emissions series peaked?"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

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
