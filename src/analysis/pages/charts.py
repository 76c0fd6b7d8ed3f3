"""One Altair chart per target: the district's values, the target, the required path, and
the projection at the current pace with its prediction interval (`target_chart`).

Rules (each tested on the chart's spec): the legend lists only what is drawn; the target
is always drawn, and the required path wherever the plan fixes a base; a cumulative
target shows its yearly additions as bars and the running total as a line, both in the
tooltip; shares and rates are on an axis that includes zero; a single figure is a point,
never a line. Context areas (plan.yaml's `context` geographies) are named as context; a share or
rate shares the district's axis, a quantity (a city's kW) gets its own small chart (`context_chart`).
The district is the geography the target was assessed for (the `geography` of its row); each
area's colour and marker follow plan.yaml's order (`area_styles`).

Axes read in the page's language: value labels with thousands separators in English and,
in Chinese, in 万 (ten thousands) when the values drawn reach 10,000; years are whole
years only, every year or every 2nd / 5th on long spans. Text is 12 px, readable on phones.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..inputs import cumulative as cm
from ..assess import context as cx, progress as pg
from .labels import OTHER_SCOPE, TEXT, format_quantity, origin_text, pick, source_line
from ..inputs.plan import ASSESSED, Plan

# Okabe-Ito colours (distinguishable with colour-blindness): the district, then context areas in
# plan.yaml's order; markers likewise (the diamond is the target's).
DISTRICT_STYLE = ("#0072B2", "circle")
CONTEXT_STYLES = (("#E69F00", "square"), ("#009E73", "triangle-up"), ("#CC79A7", "triangle-down"),
                  ("#56B4E9", "cross"), ("#F0E442", "triangle-left"))
PALETTE = {"target": "#D55E00", "path": "#555555", "projection": "#999999",
           "other_scope": "#000000"}  # the district's emissions of the scope the peak test did not run on
CHART_HEIGHT = 240
FONT_SIZE = 12
WAN = 10_000  # 万
# Vega expressions (d3-format; the locale comes from pcm-charts.js, by the chart's lang).
NUMBER_FORMAT = ",~r"
WAN_LABEL = f"datum.value === 0 ? '0' : format(datum.value / {WAN}, '{NUMBER_FORMAT}') + '万'"


def area_styles(plan: Plan) -> dict[str, tuple[str, str]]:
    """Each geography's (colour, marker): the assessed district's, then context areas' in order
    (cycling if there are more context areas than styles)."""
    context = [g.id for g in plan.geographies if g.role != ASSESSED]
    return {plan.district.id: DISTRICT_STYLE,
            **{g: CONTEXT_STYLES[i % len(CONTEXT_STYLES)] for i, g in enumerate(context)}}


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
    district = observations[observations["geography"] == assessed["geography"]]
    levels = cm.stepped_levels(spec, district)
    levels = levels[levels["level"].notna() & levels["origin"].ne(cm.BASE)]
    published = district[district["indicator_id"].isin([link.level_indicator, link.step_indicator])]
    published = (published.assign(own=published["indicator_id"].eq(link.level_indicator))
                 .sort_values(["year", "own"]).drop_duplicates("year", keep="last"))
    rows = levels[["year", "level", "origin"]].merge(published[["year", "unit", "source_id", "note"]], on="year", how="left")
    rows["value"] = rows["level"] - (cm.INDEX_BASE if link.chain else 0.0)
    return rows.drop(columns="level").assign(indicator_id=assessed["indicator_id"], geography=assessed["geography"])


def chart_points(assessed: pd.Series, observations: pd.DataFrame, sources: pd.DataFrame, plan: Plan, language: str,
                 indicators: pd.DataFrame) -> pd.DataFrame:
    """The points of one target's chart, every area, ready to plot and download.

    Context areas' figures are drawn only where they are the target's measure
    (`context.is_comparable`: the same indicator, and for a period measure the same period to
    its close); the others are listed under the target as related figures, never drawn.

    Rows run area by area (the district first, then context in plan.yaml's order), year by year.
    The district series of a target that counts from a base is its known cumulative values
    (`district_levels`: running totals, changes since the base year, chained or summed
    from yearly figures where those are what was published; none after a missing year);
    every other series is as published. `origin` says where each value comes from. Where the
    district has emissions of two scopes, the one the peak test did not run on (`scope` of the
    assessed row) is its own series, named so in `area`.
    """
    measure = cx.target_measure(assessed, indicators)
    rows = observations[observations["indicator_id"].isin([assessed["indicator_id"], measure.indicator_id])]
    district = rows["geography"].eq(assessed["geography"])
    rows = rows[(district & rows["indicator_id"].eq(assessed["indicator_id"])) | (~district & cx.is_comparable(rows, measure))]
    rows = rows.assign(origin=rows["origin"] if "origin" in rows else cm.OBSERVED)
    stepped = district_levels(assessed, observations, indicators)
    if stepped is not None:
        rows = pd.concat([rows[rows["geography"] != assessed["geography"]], stepped], ignore_index=True)
    rows = rows.merge(sources[["source_id", "title", "publisher", "date", "url", "kind"]], on="source_id", how="left")
    rows["source_text"] = [source_line(r, language) if pd.notna(r.title) else "" for r in rows.itertuples()]
    order = {g: i for i, g in enumerate(area_styles(plan))}  # the district, then context in plan.yaml's order
    rows = rows.sort_values(["geography", "year"], key=lambda c: c.map(order) if c.name == "geography" else c)
    rows = rows.reset_index(drop=True)
    rows["area"] = rows["geography"].map(lambda g: plan.geography_name(g, language))
    scope = assessed.get("scope", "")
    other = rows["geography"].eq(assessed["geography"]) & rows["origin"].ne(scope) & rows["origin"].isin(OTHER_SCOPE)
    if scope and other.any():
        rows.loc[other, "area"] = rows.loc[other, "area"] + rows.loc[other, "origin"].map(
            lambda o: bracketed(pick(OTHER_SCOPE[o], language), language))
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


RATE_UNITS = ("percent", "percent_vs_baseline", "percent_yoy")  # shares and changes: comparable across areas
CONTEXT_HEIGHT = 120
DASHES = {"required_path": [6, 4], "projection": [2, 2]}


def comparable(unit: str) -> bool:
    """A share or a rate reads the same in any area, so context may share the district's axis;
    a quantity (kW, m², piles) of a city does not."""
    return unit in RATE_UNITS


def plan_base(assessed: pd.Series, indicators: pd.DataFrame | None = None) -> tuple[int, float] | None:
    """The base point the plan fixes, in the target's unit: 0 added the year before a
    cumulative period, 0% change in a stated base year, or a stated base value; else None."""
    spec = cm.stepped_targets(pd.DataFrame([assessed]), pg.increment_links(indicators))
    if not spec.empty:
        return int(spec["base_year"].iloc[0]), 0.0
    if pd.notna(assessed["baseline_year"]) and pd.notna(assessed["baseline_value"]):
        return int(assessed["baseline_year"]), float(assessed["baseline_value"])
    return None


def yearly_additions(assessed: pd.Series, observations: pd.DataFrame, indicators: pd.DataFrame | None
                     ) -> pd.DataFrame:
    """A cumulative target's published yearly additions in the district (year, value, source_id); empty otherwise."""
    spec = cm.stepped_targets(pd.DataFrame([assessed]), pg.increment_links(indicators))
    if spec.empty or assessed["kind"] != cm.CUMULATIVE:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "value": pd.Series(dtype=float),
                             "source_id": pd.Series(dtype=str)})
    rows = observations[(observations["indicator_id"] == spec["step_indicator"].iloc[0])
                        & (observations["geography"] == assessed["geography"])]
    return rows[["year", "value", "source_id"]].sort_values("year").reset_index(drop=True)


def series_names(language: str) -> dict[str, str]:
    text = TEXT[language]
    return {"target": text["target_point"], "required_path": text["required_path"], "projection": text["projection"],
            "interval": text["interval"], "added": text["added_yearly"], "total": text["running_total"]}


def path_rows(assessed: pd.Series, base: tuple[int, float] | None, language: str) -> pd.DataFrame:
    """The lines drawn besides the data: the required path (from the plan's base, else from the
    data's base where the trend is assessed) and the projection at the present pace."""
    names, rows = series_names(language), []
    trend = pd.notna(assessed.get("ratio")) and pd.notna(assessed["base_year"])
    start = base or ((int(assessed["base_year"]), float(assessed["base_value"])) if trend else None)
    if start is not None and pd.notna(assessed["target_value"]) and pd.notna(assessed["target_year"]):
        rows += [("required_path", start[0], start[1]), ("required_path", assessed["target_year"], assessed["target_value"])]
    if trend and pd.notna(assessed["projected_value"]):
        rows += [("projection", assessed["latest_year"], assessed["latest_value"]),
                 ("projection", assessed["target_year"], assessed["projected_value"])]
    frame = pd.DataFrame(rows, columns=["key", "year", "value"])
    return frame.assign(series=frame["key"].map(names), value_text=[format_quantity(v, assessed["unit"], language)
                                                                      for v in frame["value"]])


def colour_scale(domain: list[str], colours: list[str]) -> alt.Scale:
    return alt.Scale(domain=domain, range=colours)


def target_chart(assessed: pd.Series, points: pd.DataFrame, plan: Plan, language: str,
                 additions: pd.DataFrame | None = None, base: tuple[int, float] | None = None) -> alt.LayerChart:
    """The district's chart for one assessed target (a row of `progress.assess`).

    Drawn: the target at its year (always, where the plan gives a number and a year); the
    required path from the plan's base (`plan_base`), or from the data's base once a trend
    is assessed; the district's values (a cumulative target: the published yearly additions
    as bars and the running total as a line, both in each tooltip); context of a share or
    rate on the same axis; the projection and its 95% prediction interval. A series of one
    figure is a point, never a line. The legend lists exactly the series drawn. Shares and
    rates are drawn on an axis that includes zero. Context in a quantity goes to
    `context_chart` instead.
    """
    text, names, unit = TEXT[language], series_names(language), assessed["unit"]
    cumulative = assessed["kind"] == cm.CUMULATIVE
    additions = additions if additions is not None else pd.DataFrame(columns=["year", "value"])
    here, styles = assessed["geography"], area_styles(plan)
    shown = points if comparable(unit) else points[points["geography"].eq(here)]
    district = shown[shown["geography"].eq(here)]
    has_target = pd.notna(assessed["target_value"]) and pd.notna(assessed["target_year"])
    paths = path_rows(assessed, base, language)
    interval = pd.notna(assessed.get("interval_low"))

    years = [*shown["year"], *paths["year"], *additions["year"]] + ([assessed["target_year"]] if has_target else [])
    values = [*shown["value"], *paths["value"], *additions["value"]] + ([assessed["target_value"]] if has_target else [])
    if interval:
        values += [assessed["interval_low"], assessed["interval_high"]]
    year = alt.X("year:Q", title=text["year"], axis=alt.Axis(format="d", values=year_ticks(years)),
                 scale=alt.Scale(zero=False, nice=False, padding=16))
    value_title = format_quantity(1, unit, language).replace("1", "", 1).strip() or text["value"]
    scale = alt.Scale(zero=comparable(unit) or cumulative)
    value = alt.Y("value:Q", title=value_title, scale=scale, axis=value_axis(values, language))

    # the legend: every series drawn, in drawing order, and nothing else
    drawn: list[tuple[str, str]] = []
    if cumulative and not additions.empty:
        drawn.append((names["added"], "#9ecae1"))
    area_series = {}
    for (geography, area), part in shown.groupby(["geography", "area"], sort=False):
        label = (f"{area}（{names['total']}）" if language == "zh" else f"{area} ({names['total'].lower()})") \
            if cumulative and geography == here else area
        area_series[area] = label
        other_scope = geography == here and part["origin"].isin(OTHER_SCOPE).all() and area != plan.geography_name(
            geography, language)
        drawn.append((label, PALETTE["other_scope"] if other_scope else styles[geography][0]))
    if has_target:
        drawn.append((names["target"], PALETTE["target"]))
    for key in ("required_path", "projection"):
        if paths["key"].eq(key).any():
            drawn.append((names[key], PALETTE["path"] if key == "required_path" else PALETTE["projection"]))
    if interval:
        drawn.append((names["interval"], PALETTE["projection"]))
    colour = alt.Color("series:N", title=text["series"], scale=colour_scale([d[0] for d in drawn], [d[1] for d in drawn]),
                       legend=alt.Legend(orient="bottom", direction="vertical"))

    layers = []
    if cumulative and not additions.empty:
        totals = district.set_index("year")["value_text"]
        bars = additions.assign(series=names["added"],
                                value_text=[format_quantity(v, unit, language) for v in additions["value"]],
                                total_text=[totals.get(y, text["none"]) for y in additions["year"]])
        layers.append(alt.Chart(bars).mark_bar(size=14).encode(
            x=year, y=value, color=colour,
            tooltip=[alt.Tooltip("year:Q", title=text["year"], format="d"),
                     alt.Tooltip("value_text:N", title=names["added"]), alt.Tooltip("total_text:N", title=names["total"])]))
    if not shown.empty:
        observed = shown.drop(columns=["url"]).assign(series=shown["area"].map(area_series))
        if cumulative:
            added = additions.set_index("year")["value"] if not additions.empty else pd.Series(dtype=float)
            observed = observed.assign(added_text=[format_quantity(added[y], unit, language) if y in added.index
                                                   else text["none"] for y in observed["year"]])
        tooltip = [alt.Tooltip("series:N", title=text["geography"]), alt.Tooltip("year:Q", title=text["year"], format="d"),
                   alt.Tooltip("value_text:N", title=names["total"] if cumulative else text["value"])]
        if cumulative:
            tooltip.append(alt.Tooltip("added_text:N", title=names["added"]))
        tooltip.append(alt.Tooltip("source_text:N", title=text["sources"]))
        several = observed.groupby("series")["year"].transform("size") > 1  # one figure: a point, not a line
        if several.any():
            layers.append(alt.Chart(observed[several]).mark_line().encode(x=year, y=value, color=colour, detail="series:N"))
        shape = alt.Shape("geography:N", scale=alt.Scale(domain=list(styles), range=[s[1] for s in styles.values()]),
                          legend=None)
        layers.append(alt.Chart(observed).mark_point(filled=True, size=70, opacity=1).encode(
            x=year, y=value, color=colour, shape=shape, tooltip=tooltip))
    if has_target:
        marks = pd.DataFrame({"year": [assessed["target_year"]], "value": [assessed["target_value"]],
                              "series": [names["target"]], "value_text": [format_quantity(assessed["target_value"], unit, language)]})
        target_tooltip = [alt.Tooltip("series:N", title=text["series"]), alt.Tooltip("year:Q", title=text["year"], format="d"),
                          alt.Tooltip("value_text:N", title=text["value"])]
        layers.append(alt.Chart(marks).mark_point(shape="diamond", size=160, filled=True, opacity=1)
                      .encode(x=year, y=value, color=colour, tooltip=target_tooltip))
        layers.append(alt.Chart(marks).mark_text(dy=-14, color=PALETTE["target"], fontSize=FONT_SIZE)
                      .encode(x=year, y=value, text="series:N"))
    for key, part in paths.groupby("key", sort=False):
        layers.append(alt.Chart(part).mark_line(strokeDash=DASHES[key]).encode(
            x=year, y=value, color=colour, tooltip=[alt.Tooltip("series:N", title=text["series"]),
                                                    alt.Tooltip("year:Q", title=text["year"], format="d"),
                                                    alt.Tooltip("value_text:N", title=text["value"])]))
    if interval:
        band = pd.DataFrame({"year": [assessed["target_year"]], "low": [assessed["interval_low"]],
                             "high": [assessed["interval_high"]], "series": [names["interval"]],
                             "value_text": [f"{format_quantity(assessed['interval_low'], unit, language)} – "
                                            f"{format_quantity(assessed['interval_high'], unit, language)}"]})
        layers.append(alt.Chart(band).mark_rule(strokeWidth=3).encode(
            x=year, y=alt.Y("low:Q", title=value_title, scale=scale, axis=value_axis(values, language)), y2="high:Q",
            color=colour, tooltip=[alt.Tooltip("series:N", title=text["series"]),
                                   alt.Tooltip("value_text:N", title=text["value"])]))
    return configured(alt.layer(*layers).properties(width="container", height=CHART_HEIGHT))


def context_chart(assessed: pd.Series, points: pd.DataFrame, plan: Plan, language: str) -> alt.LayerChart | None:
    """Context in a quantity (a city's kW beside a district's target) on its own small chart
    and axis, never on the district's; None where there is none (or it shares the axis)."""
    context = points[~points["geography"].eq(assessed["geography"])]
    if comparable(assessed["unit"]) or context.empty:
        return None
    text = TEXT[language]
    years, values = list(context["year"]), list(context["value"])
    year = alt.X("year:Q", title=text["year"], axis=alt.Axis(format="d", values=year_ticks(years)),
                 scale=alt.Scale(zero=False, nice=False, padding=16))
    value_title = format_quantity(1, assessed["unit"], language).replace("1", "", 1).strip() or text["value"]
    value = alt.Y("value:Q", title=value_title, scale=alt.Scale(zero=True), axis=value_axis(values, language))
    areas, styles = list(dict.fromkeys(context["area"])), area_styles(plan)
    colour = alt.Color("area:N", title=text["geography"],
                       scale=colour_scale(areas, [styles[g][0] for g in dict.fromkeys(context["geography"])]),
                       legend=alt.Legend(orient="bottom", direction="vertical"))
    data = context.drop(columns=["url"])
    tooltip = [alt.Tooltip("area:N", title=text["geography"]), alt.Tooltip("year:Q", title=text["year"], format="d"),
               alt.Tooltip("value_text:N", title=text["value"]), alt.Tooltip("source_text:N", title=text["sources"])]
    several = data.groupby("geography")["year"].transform("size") > 1
    layers = [alt.Chart(data[several]).mark_line().encode(x=year, y=value, color=colour)] if several.any() else []
    layers.append(alt.Chart(data).mark_point(filled=True, size=70, opacity=1).encode(
        x=year, y=value, color=colour, tooltip=tooltip))
    return configured(alt.layer(*layers).properties(width="container", height=CONTEXT_HEIGHT))


def configured(chart: alt.LayerChart) -> alt.LayerChart:
    return (chart.configure_view(stroke=None).configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
            .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelLimit=0))
