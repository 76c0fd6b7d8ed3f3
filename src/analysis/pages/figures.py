"""A target's figure: its charts, the table of exactly the numbers they draw, and the charts
as one image (SVG and PNG) that carries its title, sources, licence, edition and data-as-of date.

* `Figure` holds a target's charts (its own, then context in another quantity on its own axis)
  as the Vega-Lite specs the page draws (`webchart.chart_spec`).
* `drawn_rows` reads every point back out of those specs: one row per distinct point drawn
  (series, year, value or interval, source), series in legend order, years ascending. The
  page's table is these rows, so the table is what the chart draws, by construction.
* `image_spec` puts the charts under the title and above the facts lines at a fixed width;
  `render` turns it into SVG and PNG with vl-convert (the same Vega-Lite as the page's bundle),
  deterministic: the same spec gives the same bytes.
"""

from __future__ import annotations

import copy
import hashlib
import json
import unicodedata
from dataclasses import dataclass

import altair as alt
import pandas as pd

from . import charts, webchart
from .labels import TEXT, UNITS, pick

IMAGE_WIDTH = 560  # px, the plotting area of each chart in the image
PNG_SCALE = 2  # the PNG has twice the SVG's pixels (sharp on phones and in print)
TITLE_SIZE, FACTS_SIZE, FACTS_LINE = 15, 11, 15
FACTS_WIDTH = 100  # characters of a facts line, a Chinese character counting as two
# Sans-serif faces with Chinese, first those fonts-noto-cjk installs (what vl-convert draws the PNG with).
FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
LOCALES = {"zh": "zh-CN", "en": "en-US"}  # vl-convert's names of the locales pcm-charts.js uses
# Where a drawn value that is not a published figure comes from.
PLAN_SOURCE = {"zh": "方案（{number}）", "en": "the plan ({number})"}
COMPUTED_SOURCE = {"zh": "本站按公开数据计算", "en": "computed by this monitor from the published figures"}
SEPARATORS = {"zh": "；", "en": "; "}
# The words of a figure on the page and on its image, in Chinese and English.
WORDS = {
    "zh": {"chart": "图表", "table": "表格", "views": "图表或表格", "download": "下载本图",
           "svg": "SVG 图片", "png": "PNG 图片", "csv": "数据（CSV）", "unit": "单位", "sources": "来源：", "as_of": "数据截至{day}",
           "edition": "{edition}年版", "licence": "许可：{licence}"},
    "en": {"chart": "Chart", "table": "Table", "views": "Chart or table", "download": "Download this chart",
           "svg": "SVG image", "png": "PNG image", "csv": "data (CSV)", "unit": "Unit", "sources": "Source: ", "as_of": "data as of {day}",
           "edition": "{edition} edition", "licence": "licence: {licence}"},
}


@dataclass(frozen=True)
class Figure:
    """One target's charts as drawn on its page (`specs`, in page order) and what they are of."""

    target_id: str
    title: str  # the target's heading: 'T1-1 New PV capacity added in 2021-2025'
    unit: str  # the target's unit (labels.UNITS)
    language: str
    specs: tuple[dict, ...]

    @classmethod
    def of(cls, target_id: str, title: str, unit: str, language: str, chart_list: list[alt.TopLevelMixin]) -> Figure:
        return cls(target_id, title, unit, language, tuple(webchart.chart_spec(c) for c in chart_list))


def has_data(spec: dict) -> bool:
    """Whether a chart's spec draws anything: at least one row in one of its datasets."""
    return any(spec.get("datasets", {}).values())


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def drawn_rows(figure: Figure, plan_number: str, source_lines: dict[str, str]) -> pd.DataFrame:
    """Every distinct point the figure's charts draw: series (the legend's name), year, value
    (or low and high of an interval), unit, source and whether it is a published figure: the published source's line for a
    published figure (`source_text`, else `source_lines` by source_id), the plan for the target
    and the required path, this monitor's computation for the projection and its interval.
    Series in the order of their legend, then by year."""
    names = charts.series_names(figure.language)
    from_plan = {names["target"], names["required_path"]}
    rows, order = [], {}
    for spec in figure.specs:
        datasets = spec.get("datasets", {})
        for layer in _layers(spec):
            colour = layer.get("encoding", {}).get("color")
            if not colour:  # the target's text label: the target point again
                continue
            for name in colour.get("scale", {}).get("domain", []):
                order.setdefault(name, len(order))
            data = layer.get("data", spec.get("data", {})).get("name")
            for point in datasets.get(data, []):
                series = point[colour["field"]]
                source = point.get("source_text") or SEPARATORS[figure.language].join(
                    source_lines.get(s, "") for s in str(point.get("source_id") or "").split(",") if s)
                published = bool(source)
                if not published:
                    source = (PLAN_SOURCE[figure.language].format(number=plan_number) if series in from_plan
                              else COMPUTED_SOURCE[figure.language])
                rows.append({"series": series, "year": int(point["year"]), "value": point.get("value"),
                             "low": point.get("low"), "high": point.get("high"), "source": source,
                             "published": published})
    columns = ["series", "year", "value", "low", "high", "source", "published"]
    frame = pd.DataFrame(rows, columns=columns).drop_duplicates(["series", "year", "value", "low", "high"])
    frame = frame.assign(order=frame["series"].map(order)).sort_values(["order", "year"], kind="stable")
    return frame.drop(columns="order").assign(unit=unit_words(figure.unit, figure.language)).reset_index(drop=True)


def unit_words(unit: str, language: str) -> str:
    """The unit as the table's column shows it ('千瓦', 'kW'; '100m yuan')."""
    return pick(UNITS[unit], language) or TEXT[language]["none"]


def exact_number(value: float, published: bool) -> str:
    """A drawn value for the table: a published figure as published ('946,000', '-11.6'), a
    computed one to two decimals."""
    number = float(value) if published else round(float(value), 2)
    return f"{number:,.12g}"


def value_text(row) -> str:
    """The value cell of a drawn row (`drawn_rows`): the number, or an interval 'low – high'."""
    if pd.notna(row.value):
        return exact_number(row.value, row.published)
    return f"{exact_number(row.low, row.published)} – {exact_number(row.high, row.published)}"


def display_width(text: str) -> int:
    """Columns a line takes: a wide (Chinese) character two, any other one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrapped(text: str, width: int = FACTS_WIDTH) -> list[str]:
    """`text` in lines of at most `width` columns (`display_width`), broken at a space where
    there is one in the line, else between any two characters (Chinese has no spaces)."""
    lines, line = [], ""
    for char in text:
        if display_width(line + char) > width:
            head, space, tail = line.rpartition(" ")
            if space and head:
                lines.append(head)
                line = tail
            else:
                lines.append(line)
                line = ""
        line += char
    return [*lines, line] if line else lines


def image_spec(figure: Figure, facts: list[str], context_title: str) -> dict:
    """One Vega-Lite spec for the image: the title; the target's chart, then any context chart
    (titled `context_title`), each at IMAGE_WIDTH with its own legend; then the facts lines
    (sources, site, edition, data as of, licence), wrapped."""
    first = figure.specs[0]
    parts, datasets = [], {}
    for i, spec in enumerate(figure.specs):
        part = copy.deepcopy({k: v for k, v in spec.items() if k not in ("$schema", "config", "datasets")})
        part["width"] = IMAGE_WIDTH
        if i:
            part["title"] = {"text": context_title, "anchor": "start", "fontSize": 12, "fontWeight": "normal"}
        datasets.update(spec.get("datasets", {}))
        parts.append(part)
    lines = [line for fact in facts for line in wrapped(fact)]
    parts.append({
        "data": {"values": [{"line": i, "text": text} for i, text in enumerate(lines)]},
        "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": FACTS_SIZE, "color": "#333333"},
        "encoding": {"y": {"field": "line", "type": "ordinal", "axis": None}, "x": {"value": 0},
                     "text": {"field": "text", "type": "nominal"}},
        "width": IMAGE_WIDTH, "height": {"step": FACTS_LINE}})
    config = copy.deepcopy(first.get("config", {}))
    config["font"] = FONT
    return {"$schema": first["$schema"], "config": config, "datasets": datasets, "background": "white", "padding": 12,
            "title": {"text": figure.title, "anchor": "start", "fontSize": TITLE_SIZE},
            "vconcat": parts, "spacing": 18,
            "resolve": {"scale": {"color": "independent", "shape": "independent", "x": "independent",
                                  "y": "independent"},
                        "legend": {"color": "independent", "shape": "independent"}}}


def vegalite_version() -> str:
    """Altair's Vega-Lite as vl-convert names it ('6.4'): the version of the page's bundle."""
    return ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def render(spec: dict, language: str) -> tuple[str, bytes]:
    """The image as SVG text and PNG bytes (PNG_SCALE times the SVG's size), numbers in the
    language's locale."""
    import vl_convert as vlc

    options = {"vl_version": vegalite_version(), "format_locale": LOCALES[language]}
    return vlc.vegalite_to_svg(spec, **options), vlc.vegalite_to_png(spec, scale=PNG_SCALE, **options)


def spec_digest(spec: dict) -> str:
    """What an image is made of: its spec and the renderer's versions (an image need not be
    drawn again while this stays the same)."""
    import vl_convert as vlc

    text = json.dumps(spec, sort_keys=True, ensure_ascii=False) + vlc.get_vega_version() + vegalite_version()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
