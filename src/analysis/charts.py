"""One Altair chart per target: observed series by area, the target, the required path,
and the projection at the current pace with its prediction interval.

Context areas (Shanghai, China) are drawn in their own colour and shape and named as
context. The target and the paths belong to the district: they are drawn only when the
district has data, or, for shares and rates (comparable across areas), beside context.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .labels import GEOGRAPHIES, TEXT, pick, format_quantity

PALETTE = {"putuo": "#0072B2", "shanghai": "#E69F00", "china": "#009E73", "target": "#D55E00", "path": "#555555"}
SHAPES = {"putuo": "circle", "shanghai": "square", "china": "triangle-up"}
CHART_HEIGHT = 240


def chart_points(assessed: pd.Series, observations: pd.DataFrame, sources: pd.DataFrame, language: str) -> pd.DataFrame:
    """The observed points of one target's indicator, every area, ready to plot and download.

    A cumulative target's district series is the running total of its yearly additions
    from the period start (what the target counts); context series stay as published.
    """
    rows = observations[observations["indicator_id"] == assessed["indicator_id"]].copy()
    rows = rows.merge(sources[["source_id", "title", "publisher", "date", "url"]], on="source_id", how="left")
    rows = rows.sort_values(["geography", "year"]).reset_index(drop=True)
    if assessed["kind"] == "cumulative_addition":
        district = rows["geography"].eq("putuo")
        if pd.notna(assessed["period_start"]):
            in_period = district & rows["year"].between(assessed["period_start"], assessed["target_year"])
            rows = rows[~district | in_period].copy()
            district = rows["geography"].eq("putuo")
        rows.loc[district, "value"] = rows.loc[district, "value"].cumsum()
    rows["area"] = rows["geography"].map(lambda g: pick(GEOGRAPHIES[g], language))
    rows["value_text"] = rows["value"].map(lambda v: format_quantity(v, assessed["unit"], language))
    return rows[["geography", "area", "year", "value", "value_text", "unit", "source_id", "title", "publisher",
                 "date", "url", "note"]]


def draws_target(assessed: pd.Series, points: pd.DataFrame) -> bool:
    has_district = points["geography"].eq("putuo").any()
    return pd.notna(assessed["target_value"]) and pd.notna(assessed["target_year"]) and (
        has_district or assessed["unit"] == "percent")


def target_chart(assessed: pd.Series, points: pd.DataFrame, language: str) -> alt.LayerChart:
    """The chart for one assessed target (a row of `progress.assess`) and its points."""
    text = TEXT[language]
    year = alt.X("year:Q", title=text["year"], axis=alt.Axis(format="d", tickMinStep=1),
                 scale=alt.Scale(zero=False, nice=False, padding=12))
    value = alt.Y("value:Q", title=format_quantity(1, assessed["unit"], language).replace("1", "", 1).strip()
                  or text["value"], scale=alt.Scale(zero=False))
    areas = [pick(GEOGRAPHIES[g], language) for g in SHAPES]
    colour = alt.Color("area:N", title=text["geography"],
                       scale=alt.Scale(domain=areas, range=[PALETTE[g] for g in SHAPES]),
                       legend=alt.Legend(orient="bottom"))
    shape = alt.Shape("area:N", scale=alt.Scale(domain=areas, range=list(SHAPES.values())), legend=None)
    tooltip = [alt.Tooltip("area:N", title=text["geography"]), alt.Tooltip("year:Q", title=text["year"]),
               alt.Tooltip("value_text:N", title=text["value"]), alt.Tooltip("title:N", title=text["sources"])]
    # Links stay out of the chart (its spec must name no other host); the sources list names them.
    observed = alt.Chart(points.drop(columns=["url"])).encode(x=year, y=value, color=colour)
    layers = [observed.mark_line(), observed.mark_point(filled=True, size=70).encode(shape=shape, tooltip=tooltip)]

    if draws_target(assessed, points):
        target_value = assessed["target_value"]
        marks = pd.DataFrame({"year": [assessed["target_year"]], "value": [target_value],
                              "label": [text["target_point"]],
                              "value_text": [format_quantity(target_value, assessed["unit"], language)]})
        target_tooltip = [alt.Tooltip("label:N", title=text["series"]), alt.Tooltip("year:Q", title=text["year"]),
                          alt.Tooltip("value_text:N", title=text["value"])]
        layers.append(alt.Chart(marks).mark_point(shape="diamond", size=160, filled=True, color=PALETTE["target"])
                      .encode(x=year, y=value, tooltip=target_tooltip))
        layers.append(alt.Chart(marks).mark_text(dy=-14, color=PALETTE["target"])
                      .encode(x=year, y=value, text="label:N"))
    if pd.notna(assessed.get("ratio")) and pd.notna(assessed["base_year"]):
        paths = pd.DataFrame({
            "series": [text["required_path"]] * 2 + [text["projection"]] * 2,
            "year": [assessed["base_year"], assessed["target_year"], assessed["latest_year"], assessed["target_year"]],
            "value": [assessed["base_value"], assessed["target_value"], assessed["latest_value"],
                      assessed["projected_value"]],
        })
        dash = alt.StrokeDash("series:N", title=text["series"], legend=alt.Legend(orient="bottom"),
                              scale=alt.Scale(domain=[text["required_path"], text["projection"]],
                                              range=[[6, 4], [2, 2]]))
        layers.append(alt.Chart(paths).mark_line(color=PALETTE["path"]).encode(x=year, y=value, strokeDash=dash))
    if pd.notna(assessed.get("interval_low")):
        band = pd.DataFrame({"year": [assessed["target_year"]], "low": [assessed["interval_low"]],
                             "high": [assessed["interval_high"]], "series": [text["interval"]]})
        layers.append(alt.Chart(band).mark_rule(color=PALETTE["path"], strokeWidth=2)
                      .encode(x=year, y="low:Q", y2="high:Q", tooltip=[alt.Tooltip("series:N", title=text["series"])]))
    return alt.layer(*layers).properties(width="container", height=CHART_HEIGHT).configure_view(stroke=None)
