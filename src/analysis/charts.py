"""One Altair chart per target: observed series by area, the target, the required path,
and the projection at the current pace with its prediction interval.

Context areas (Shanghai, China) are drawn in their own colour and shape and named as
context. The target and the paths belong to the district: they are drawn only when the
district has data, or, for shares and rates (comparable across areas), beside context.

Axes read in the page's language: value labels with thousands separators in English and,
in Chinese, in 万 (ten thousands) when the values drawn reach 10,000; years are whole
years only, every year or every 2nd / 5th on long spans. Text is 12 px, readable on phones.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import cumulative as cm, progress as pg
from .labels import GEOGRAPHIES, TEXT, format_quantity, origin_text, pick, source_line
from .observations import DISTRICT

PALETTE = {"putuo": "#0072B2", "shanghai": "#E69F00", "china": "#009E73", "target": "#D55E00", "path": "#555555"}
SHAPES = {"putuo": "circle", "shanghai": "square", "china": "triangle-up"}
CHART_HEIGHT = 240
FONT_SIZE = 12
WAN = 10_000  # 万
# Vega expressions (d3-format; the locale comes from pcm-charts.js, by the chart's lang).
NUMBER_FORMAT = ",~r"
WAN_LABEL = f"datum.value === 0 ? '0' : format(datum.value / {WAN}, '{NUMBER_FORMAT}') + '万'"


def district_levels(assessed: pd.Series, observations: pd.DataFrame, indicators: pd.DataFrame | None
                    ) -> pd.DataFrame | None:
    """A target that counts from a base (see `cumulative`): the district's known cumulative
    values in the target's unit (running totals; % change since the base year), each with
    its origin (observed, summed, chained) and the published row of that year it rests on
    (the cumulative figure where both exist). None for any other target."""
    spec = cm.stepped_targets(pd.DataFrame([assessed]), pg.increment_links(indicators))
    if spec.empty:
        return None
    link = spec.iloc[0]
    district = observations[observations["geography"] == DISTRICT]
    levels = cm.stepped_levels(spec, district)
    levels = levels[levels["level"].notna() & levels["origin"].ne(cm.BASE)]
    published = district[district["indicator_id"].isin([link.level_indicator, link.step_indicator])]
    published = (published.assign(own=published["indicator_id"].eq(link.level_indicator))
                 .sort_values(["year", "own"]).drop_duplicates("year", keep="last"))
    rows = levels[["year", "level", "origin"]].merge(published[["year", "unit", "source_id", "note"]], on="year", how="left")
    rows["value"] = rows["level"] - (cm.INDEX_BASE if link.chain else 0.0)
    return rows.drop(columns="level").assign(indicator_id=assessed["indicator_id"], geography=DISTRICT)


def chart_points(assessed: pd.Series, observations: pd.DataFrame, sources: pd.DataFrame, language: str,
                 indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """The points of one target's chart, every area, ready to plot and download.

    The district series of a target that counts from a base is its known cumulative values
    (`district_levels`: running totals, changes since the base year, chained or summed
    from yearly figures where those are what was published; none after a missing year);
    every other series is as published. `origin` says where each value comes from.
    """
    rows = observations[observations["indicator_id"] == assessed["indicator_id"]]
    rows = rows.assign(origin=rows["origin"] if "origin" in rows else cm.OBSERVED)
    stepped = district_levels(assessed, observations, indicators)
    if stepped is not None:
        rows = pd.concat([rows[rows["geography"] != DISTRICT], stepped], ignore_index=True)
    rows = rows.merge(sources[["source_id", "title", "publisher", "date", "url", "kind"]], on="source_id", how="left")
    rows["source_text"] = [source_line(r, language) if pd.notna(r.title) else "" for r in rows.itertuples()]
    rows = rows.sort_values(["geography", "year"]).reset_index(drop=True)
    rows["area"] = rows["geography"].map(lambda g: pick(GEOGRAPHIES[g], language))
    origins = rows["origin"].map(lambda o: origin_text(o, "", language))
    rows["value_text"] = [format_quantity(v, assessed["unit"], language) + (bracketed(o, language) if o else "")
                          for v, o in zip(rows["value"], origins)]
    return rows[["geography", "area", "year", "value", "value_text", "origin", "unit", "source_id", "title", "publisher",
                 "date", "url", "note", "source_text"]]


def bracketed(text: str, language: str) -> str:
    return f"（{text}）" if language == "zh" else f" ({text})"


def value_axis(values: list[float], language: str) -> alt.Axis:
    """Value labels for the page's language: '2万' / '1.5万' in Chinese once the values
    drawn reach 10,000 (every label of the axis then in 万), '22,000' in English."""
    finite = [abs(v) for v in values if pd.notna(v)]
    if language == "zh" and finite and max(finite) >= WAN:
        return alt.Axis(labelExpr=WAN_LABEL)
    return alt.Axis(format=NUMBER_FORMAT)


def year_ticks(years: list[float]) -> list[int]:
    """Whole years across the span drawn: every year up to 10 years, then every 2nd, then every 5th."""
    known = [int(y) for y in years if pd.notna(y)]
    if not known:
        return []
    first, last = min(known), max(known)
    step = 1 if last - first <= 10 else 2 if last - first <= 20 else 5
    start = -(-first // step) * step
    return list(range(start if start <= last else first, last + 1, step))


def draws_target(assessed: pd.Series, points: pd.DataFrame) -> bool:
    has_district = points["geography"].eq(DISTRICT).any()
    return pd.notna(assessed["target_value"]) and pd.notna(assessed["target_year"]) and (
        has_district or assessed["unit"] == "percent")


def target_chart(assessed: pd.Series, points: pd.DataFrame, language: str) -> alt.LayerChart:
    """The chart for one assessed target (a row of `progress.assess`) and its points."""
    text = TEXT[language]
    target_drawn = draws_target(assessed, points)
    paths_drawn = pd.notna(assessed.get("ratio")) and pd.notna(assessed["base_year"])
    interval_drawn = pd.notna(assessed.get("interval_low"))
    years, values = list(points["year"]), list(points["value"])
    if target_drawn:
        years.append(assessed["target_year"])
        values.append(assessed["target_value"])
    if paths_drawn:
        years += [assessed["base_year"], assessed["latest_year"], assessed["target_year"]]
        values += [assessed["base_value"], assessed["latest_value"], assessed["target_value"],
                   assessed["projected_value"]]
    if interval_drawn:
        years.append(assessed["target_year"])
        values += [assessed["interval_low"], assessed["interval_high"]]
    year = alt.X("year:Q", title=text["year"], axis=alt.Axis(format="d", values=year_ticks(years)),
                 scale=alt.Scale(zero=False, nice=False, padding=12))
    value_title = format_quantity(1, assessed["unit"], language).replace("1", "", 1).strip() or text["value"]
    value_scale, y_axis = alt.Scale(zero=False), value_axis(values, language)
    value = alt.Y("value:Q", title=value_title, scale=value_scale, axis=y_axis)
    areas = [pick(GEOGRAPHIES[g], language) for g in SHAPES]
    colour = alt.Color("area:N", title=text["geography"],
                       scale=alt.Scale(domain=areas, range=[PALETTE[g] for g in SHAPES]),
                       legend=alt.Legend(orient="bottom", direction="vertical"))
    shape = alt.Shape("area:N", scale=alt.Scale(domain=areas, range=list(SHAPES.values())), legend=None)
    tooltip = [alt.Tooltip("area:N", title=text["geography"]), alt.Tooltip("year:Q", title=text["year"], format="d"),
               alt.Tooltip("value_text:N", title=text["value"]), alt.Tooltip("source_text:N", title=text["sources"])]
    # Links stay out of the chart (its spec must name no other host); the sources list names them.
    observed = alt.Chart(points.drop(columns=["url"])).encode(x=year, y=value, color=colour)
    layers = [observed.mark_line(), observed.mark_point(filled=True, size=70).encode(shape=shape, tooltip=tooltip)]

    if target_drawn:
        target_value = assessed["target_value"]
        marks = pd.DataFrame({"year": [assessed["target_year"]], "value": [target_value],
                              "label": [text["target_point"]],
                              "value_text": [format_quantity(target_value, assessed["unit"], language)]})
        target_tooltip = [alt.Tooltip("label:N", title=text["series"]), alt.Tooltip("year:Q", title=text["year"], format="d"),
                          alt.Tooltip("value_text:N", title=text["value"])]
        layers.append(alt.Chart(marks).mark_point(shape="diamond", size=160, filled=True, color=PALETTE["target"])
                      .encode(x=year, y=value, tooltip=target_tooltip))
        layers.append(alt.Chart(marks).mark_text(dy=-14, color=PALETTE["target"], fontSize=FONT_SIZE)
                      .encode(x=year, y=value, text="label:N"))
    if paths_drawn:
        paths = pd.DataFrame({
            "series": [text["required_path"]] * 2 + [text["projection"]] * 2,
            "year": [assessed["base_year"], assessed["target_year"], assessed["latest_year"], assessed["target_year"]],
            "value": [assessed["base_value"], assessed["target_value"], assessed["latest_value"],
                      assessed["projected_value"]],
        })
        dash = alt.StrokeDash("series:N", title=text["series"], legend=alt.Legend(orient="bottom", direction="vertical"),
                              scale=alt.Scale(domain=[text["required_path"], text["projection"]],
                                              range=[[6, 4], [2, 2]]))
        layers.append(alt.Chart(paths).mark_line(color=PALETTE["path"]).encode(x=year, y=value, strokeDash=dash))
    if interval_drawn:
        band = pd.DataFrame({"year": [assessed["target_year"]], "low": [assessed["interval_low"]],
                             "high": [assessed["interval_high"]], "series": [text["interval"]]})
        layers.append(alt.Chart(band).mark_rule(color=PALETTE["path"], strokeWidth=2)
                      .encode(x=year, y=alt.Y("low:Q", title=value_title, scale=value_scale, axis=y_axis), y2="high:Q", tooltip=[alt.Tooltip("series:N", title=text["series"])]))
    return (alt.layer(*layers).properties(width="container", height=CHART_HEIGHT).configure_view(stroke=None)
            .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
            .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelLimit=0))
