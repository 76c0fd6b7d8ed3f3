"""The preview: every target's assessment on the data as they are now, and what changed
against the latest edition's record, as a table for the terminal. Reads data/ only:
nothing under book/ is executed or written (python -m analysis preview).
"""

from __future__ import annotations

import pandas as pd
from tabulate import tabulate

from ..assess import editions
from ..inputs.dataset import LATER_YEAR, PUBLISHED_LATER, Dataset, known_on
from ..assess.editions import Edition
from .labels import format_quantity, pick
from .page import CHANGE_LABELS
from .publication import Chapter

HEADERS = {
    "zh": ["目标", "状态", "最新值（年份）", "差距", "实际/所需进度", "预测值（目标年）", "95%区间", "变化"],
    "en": ["Target", "Status", "Latest (year)", "Gap", "Pace actual / required", "Projection (target year)",
           "95% interval", "Change"],
}


def preview_table(dataset: Dataset, edition: Edition, language: str = "zh") -> pd.DataFrame:
    """One row per target: status, latest value, gap, pace or CAGR, projection and its
    interval, and the change against the latest recorded edition ('—' before the first)."""
    view = Chapter(dataset, language, edition.year, edition.data_as_of)
    a = view.assessment
    latest = editions.latest(dataset.data_dir)
    if latest is None:
        change = pd.Series(view.text["none"], index=a["target_id"])
    else:
        changed = editions.diff(editions.load_editions(dataset.data_dir)[latest.year], editions.snapshot(a))
        change = changed.set_index("target_id")["change"].map(lambda c: pick(CHANGE_LABELS[c], language))

    def quantity(values: pd.Series) -> list[str]:
        return [format_quantity(v, u, language) for v, u in zip(values, a["unit"])]

    projection = [f"{p} ({y})" if pd.notna(v) else p
                  for p, v, y in zip(quantity(a["projected_value"]), a["projected_value"], a["target_year"])]
    interval = [f"{lo} – {hi}" if pd.notna(low) else view.text["none"]
                for lo, hi, low in zip(quantity(a["interval_low"]), quantity(a["interval_high"]), a["interval_low"])]
    columns = [a["target_id"], [view.status_words(r) for _, r in a.iterrows()],
               [view.latest_words(r) for r in a.itertuples()], quantity(a["gap"]),
               [view.pace_words(r) for _, r in a.iterrows()], projection, interval,
               change.reindex(a["target_id"]).to_numpy()]
    return pd.DataFrame(dict(zip(HEADERS[language], columns)))


def set_aside_line(dataset: Dataset, edition: Edition, language: str = "en") -> str:
    """One line: how many figures the edition sets aside (`known_on`) and why; '' if none.
    Where nothing is left, says that the edition has no results."""
    known = known_on(dataset, edition.data_as_of)
    why = known.set_aside["why"].value_counts()
    if why.empty:
        return ""
    later, year, day = int(why.get(PUBLISHED_LATER, 0)), int(why.get(LATER_YEAR, 0)), edition.data_as_of.isoformat()
    total = len(known.set_aside)
    if language == "zh":
        reasons = "，".join(part for part, n in ((f"{later}个发布于该日期之后", later), (f"{year}个属于该日期之后的年份", year)) if n)
        line = f"未采用{total}个晚于数据截至日期（{day}）的数字：{reasons}"
        return line + ("；该日期前没有任何数字，本版没有结果。" if known.observations.empty else "；本版的评估、图表和下载均不含这些数字。")
    reasons = ", ".join(part for part, n in ((f"{later} published after it", later), (f"{year} for a year after it", year)) if n)
    line = f"set aside {total} figure{'s' if total != 1 else ''} dated after the data-as-of date ({day}): {reasons}"
    return line + ("; no figure is known on that date, so this edition has no results." if known.observations.empty
                   else "; they are in no assessment, chart or download of this edition.")


def preview_text(dataset: Dataset, edition: Edition, language: str = "zh") -> str:
    """The preview table as plain text, under a line naming the edition and what it is compared
    with, and a line on the figures set aside (if any)."""
    latest = editions.latest(dataset.data_dir)
    against = f"change against the {latest.year} record" if latest else "no edition recorded yet"
    heading = f"{edition}; {against}; nothing under book/ was touched"
    set_aside = set_aside_line(dataset, edition, language)
    heading += "\n" + set_aside if set_aside else ""
    table = tabulate(preview_table(dataset, edition, language), headers="keys", showindex=False, tablefmt="simple")
    return heading + "\n" + table
