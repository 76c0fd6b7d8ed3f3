"""Which context figures measure what a target measures, and why the others do not.

A target counts one measure (`target_measure`): a running total over its period (a
cumulative addition: 22,000 kW added in 2021-2025), a change over its period (-13.5%
against 2020, to 2025), or its indicator's own measure in a year (a share: 45% by 2025).
A context figure is comparable only if it is that measure: the same indicator (so the
same scope: public piles, battery-electric cars) and, for a running total or a change
over a period, the same period, up to its close. Every other figure shown under the
target (the yearly partner of its indicator in another area, the indicators of
context_links.csv in any area) is "related, not comparable", with the reason in one
phrase in each language: computed for the target's own quantity (one year's addition,
a change on the year before, a shorter period), from context_links.csv otherwise.
Nothing here changes a status: context never counts towards the target.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..inputs import cumulative as cm
from .progress import increment_links

PERIOD_MEASURES = ("running_total", "change_over_period")
# The district's yearly figures of the target's quantity: what its cumulative value is chained or summed from.
BASIS = ("逐年数字：本目标的累计值由此得出", "a yearly figure the target's cumulative value is built from")


@dataclass(frozen=True)
class Measure:
    """What a target counts: the indicator whose figures are it, the kind of figure, and
    for a period measure its first and last year (first None where the plan states no base)."""

    indicator_id: str | None
    measure: str
    first: int | None
    last: int | None


def target_measure(target: pd.Series, indicators: pd.DataFrame) -> Measure:
    """The measure a target counts (see the module's docstring)."""
    year = int(target["target_year"]) if pd.notna(target["target_year"]) else None
    if target["kind"] == cm.CUMULATIVE:
        spec = cm.stepped_targets(pd.DataFrame([target]), increment_links(indicators))
        level = spec["level_indicator"].iloc[0] if len(spec) else None
        return Measure(level if pd.notna(level) else None, "running_total", int(target["period_start"]), year)
    if target["kind"] == cm.REDUCTION:
        first = int(target["baseline_year"]) + 1 if pd.notna(target["baseline_year"]) else None
        return Measure(target["indicator_id"], "change_over_period", first, year)
    measure = indicators.set_index("indicator_id").at[target["indicator_id"], "measure"]
    return Measure(target["indicator_id"], measure, None, None)


def span(first: int | None, last: int, language: str) -> str:
    """'2021—2025年' / '2021-2025'; '截至2024年' / 'to 2024' without a first year."""
    if first is None:
        return f"截至{last}年" if language == "zh" else f"to {last}"
    return f"{first}—{last}年" if language == "zh" else f"{first}-{last}"


def own_reason(figure_measure: str, year: int, measure: Measure) -> tuple[str, str]:
    """Why a figure of the target's own quantity in another area is not its measure."""
    if measure.last is None:
        return ("口径不同", "a different measure")
    period = {lang: span(measure.first, measure.last, lang) for lang in ("zh", "en")}
    if figure_measure == "yearly_addition":
        return (f"{year}年一年的新增量，不是{period['zh']}的合计", f"one year's addition ({year}), not the {period['en']} total")
    if figure_measure == "yearly_change":
        return (f"{year}年较上年的变化，不是{period['zh']}的累计变化",
                f"the change in {year} on the year before, not the change over {period['en']}")
    return (f"覆盖{span(measure.first, year, 'zh')}，不是{period['zh']}", f"covers {span(measure.first, year, 'en')}, not {period['en']}")


def is_comparable(figures: pd.DataFrame, measure: Measure) -> pd.Series:
    """True for a figure that is the target's measure: its indicator, and its period's close."""
    same = figures["indicator_id"].eq(measure.indicator_id)
    if measure.measure in PERIOD_MEASURES:
        same &= figures["year"].eq(measure.last)
    return same


def context_figures(target: pd.Series, observations: pd.DataFrame, indicators: pd.DataFrame,
                    links: pd.DataFrame) -> pd.DataFrame:
    """Every figure shown as context under a target, in order (the target's own quantity, then
    its links' order; area, year): the observations' columns plus `measure` (of the figure's
    indicator), `comparable`, `reason_zh` and `reason_en` (empty where comparable). The
    district's own series of the target's measure is drawn in its chart and left out here; its
    yearly partner figures are listed, as what the cumulative value is built from (`BASIS`)."""
    measure = target_measure(target, indicators)
    spec = cm.stepped_targets(pd.DataFrame([target]), increment_links(indicators))
    own = list(dict.fromkeys(i for i in [target["indicator_id"], measure.indicator_id,
                                         *spec["level_indicator"], *spec["step_indicator"]] if pd.notna(i)))
    linked = links.loc[links["target_id"].eq(target["target_id"]) & ~links["indicator_id"].isin(own)]
    order = {i: n for n, i in enumerate([*own, *linked["indicator_id"]])}
    drawn = [target["indicator_id"], measure.indicator_id]  # the district's own series, drawn in its chart
    shown = observations["indicator_id"].isin(order) & ~(observations["indicator_id"].isin(drawn)
                                                          & observations["geography"].eq(target["geography"]))
    figures = observations[shown]
    figures = figures.assign(order=figures["indicator_id"].map(order),
                             measure=figures["indicator_id"].map(indicators.set_index("indicator_id")["measure"]))
    figures = figures.sort_values(["order", "geography", "year"], kind="stable").drop(columns="order")
    comparable = is_comparable(figures, measure)
    reasons = linked.set_index("indicator_id")[["reason_zh", "reason_en"]]
    own_reasons = [own_reason(m, y, measure) for m, y in zip(figures["measure"], figures["year"])]
    basis = figures["geography"].eq(target["geography"]) & figures["indicator_id"].isin(own)
    own_reasons = [BASIS if b else r for b, r in zip(basis, own_reasons)]
    zh = figures["indicator_id"].map(reasons["reason_zh"]).astype(object).fillna(pd.Series([r[0] for r in own_reasons], index=figures.index))
    en = figures["indicator_id"].map(reasons["reason_en"]).astype(object).fillna(pd.Series([r[1] for r in own_reasons], index=figures.index))
    return figures.assign(comparable=comparable, reason_zh=zh.where(~comparable, ""), reason_en=en.where(~comparable, ""))


def own_targets(target: pd.Series, indicators: pd.DataFrame, context_targets: pd.DataFrame | None) -> pd.DataFrame:
    """The context areas' own targets for the target's measure: those of the target's year
    where there are any, else every one recorded for the measure's indicator."""
    if context_targets is None or context_targets.empty:
        return pd.DataFrame(columns=["indicator_id", "geography", "comparator", "target_value", "target_year", "source_id"])
    measure = target_measure(target, indicators)
    same = context_targets[context_targets["indicator_id"].eq(measure.indicator_id)]
    this_year = same[same["target_year"].eq(target["target_year"])] if pd.notna(target["target_year"]) else same.iloc[0:0]
    return this_year if len(this_year) else same
