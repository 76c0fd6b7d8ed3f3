"""Display Altair charts as self-contained, deterministic, script-free HTML.

The notebook output is a single ``text/html`` mime bundle:

    <div class="pcm-chart" id="chart-<16 hex>" lang="zh-CN|en" role="img" aria-label="..."
         [aria-describedby="..."]>
      <script type="application/json">{...Vega-Lite spec, data inline...}</script>
      <noscript>...</noscript>
    </div>

No inline JavaScript and no reference to another host: the page's own
``_static/vega-bundle.js`` + ``_static/pcm-charts.js`` (built from _assets/) find every ``.pcm-chart``
and draw it, with number formats and error messages in the box's ``lang``.  The
output depends only on the chart (no uuid, no time), so nbval can compare it exactly.
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

import altair as alt

__all__ = ["chart_html", "chart_spec", "show", "spec_html"]

MAX_ROWS = 5000  # Altair's own default guard against multi-MB pages

# The page language ("zh", "en") as an HTML lang value; pcm-charts.js picks its locale by it.
LANG_ATTRIBUTES = {"zh": "zh-CN", "en": "en"}
FALLBACKS = {"zh": "图表：{text}（交互式图表，需启用 JavaScript 显示）",
             "en": "Chart: {text} (interactive; needs JavaScript)"}

# Inside a JSON string these are the only characters that can end a <script>
# element or start an HTML construct; JSON structure never contains them.
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                          "\u2028": "\\u2028", "\u2029": "\\u2029"})

# Ids handed out on this page, so two identical charts on one page still get
# distinct ids.  Deterministic: cells run in the same order on every execution.
_seen_ids: dict[str, int] = {}


def new_page() -> None:
    """Start a page's ids afresh: a kernel kept across pages (site.engine) runs many."""
    _seen_ids.clear()


def _find_urls(obj: Any, path: str = "$") -> list[str]:
    """Paths of every ``url`` key in the spec (data loaded from elsewhere)."""
    found: list[str] = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "url":
                found.append(f"{path}.url={value!r}")
            found.extend(_find_urls(value, f"{path}.{key}"))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found.extend(_find_urls(value, f"{path}[{i}]"))
    return found


def chart_spec(chart: alt.TopLevelMixin, *, max_rows: int | None = MAX_ROWS) -> dict:
    """Vega-Lite spec of ``chart`` with all data inline.

    Forces Altair's "default" data transformer (DataFrame -> inline ``values``)
    and dataset consolidation (top-level ``datasets`` named ``data-<sha256>``),
    whatever the caller had enabled ("json"/"csv" would write files and put a
    ``url`` in the spec; "vegafusion" would pre-compute and needs a kernel).
    """
    old_consolidate = alt.data_transformers.consolidate_datasets
    alt.data_transformers.consolidate_datasets = True
    try:
        with alt.data_transformers.enable("default", max_rows=max_rows):
            spec = chart.to_dict(validate=True)
    finally:
        alt.data_transformers.consolidate_datasets = old_consolidate
    urls = _find_urls(spec)
    if urls:
        raise ValueError(f"chart loads data from a URL, not allowed here: {urls}")
    return spec


def _spec_json(spec: dict) -> str:
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False)
    return text.translate(_ESCAPES)


def _label(chart: alt.TopLevelMixin, label: str | None) -> str:
    if label:
        return label
    title = getattr(chart, "title", alt.Undefined)
    if isinstance(title, str) and title:
        return title
    text = getattr(title, "text", alt.Undefined)
    if isinstance(text, str) and text:
        return text
    raise ValueError("chart needs a title or label= (used as aria-label)")


def chart_html(chart: alt.TopLevelMixin, *, label: str | None = None,
               fallback: str | None = None, language: str = "zh",
               described_by: str | None = None,
               max_rows: int | None = MAX_ROWS) -> str:
    """The ``text/html`` markup for ``chart`` (deterministic; see module doc).

    ``label`` (default: the chart title) becomes the aria-label and, unless
    ``fallback`` is given, the <noscript> text -- which Sphinx's search indexes
    (the JSON <script> is not indexed), so make it describe the chart.
    ``language`` ("zh" or "en") sets the box's ``lang``: the language of the label and
    of the axis numbers and messages pcm-charts.js writes.  ``described_by`` is the id
    of an element on the page that describes the chart (aria-describedby).
    """
    return spec_html(chart_spec(chart, max_rows=max_rows), label=_label(chart, label), fallback=fallback,
                     language=language, described_by=described_by)


def spec_html(spec: dict, *, label: str, fallback: str | None = None, language: str = "zh",
              described_by: str | None = None) -> str:
    """The box of `chart_html` for a spec already made (`chart_spec`); ``fallback=""``
    writes no <noscript> (the page shows the chart's static image instead)."""
    if language not in LANG_ATTRIBUTES:
        raise ValueError(f"language must be one of {sorted(LANG_ATTRIBUTES)}, not {language!r}")
    spec_text = _spec_json(spec)
    digest = hashlib.sha256(spec_text.encode("utf-8")).hexdigest()[:16]
    n = _seen_ids[digest] = _seen_ids.get(digest, 0) + 1
    chart_id = f"chart-{digest}" if n == 1 else f"chart-{digest}-{n}"
    aria = html.escape(label, quote=True)
    if fallback is None:
        fallback = FALLBACKS[language].format(text=label)
    described = f' aria-describedby="{html.escape(described_by, quote=True)}"' if described_by else ""
    no_script = f'<noscript><p class="pcm-chart-fallback">{html.escape(fallback)}</p></noscript>\n' if fallback else ""
    return (
        f'<div class="pcm-chart" id="{chart_id}" lang="{LANG_ATTRIBUTES[language]}" role="img" '
        f'aria-label="{aria}"{described}>\n'
        f'<script type="application/json">{spec_text}</script>\n'
        f"{no_script}</div>"
    )


def show(chart: alt.TopLevelMixin, **kwargs: Any) -> None:
    """Display ``chart`` as one ``text/html`` output (no text/plain, no vegalite)."""
    from IPython.display import display

    display({"text/html": chart_html(chart, **kwargs)}, raw=True)
