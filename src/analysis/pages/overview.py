"""Where the district stands, at a glance: the conclusion in words and three overview pictures.

Everything is counted from the assessment (`progress.assess` as of the edition's
data-as-of date), so the words change by themselves when data arrive:

* `standing()`: how many targets, how many with district data, how many deadlines have
  passed and how many of those have a published result, how many can be judged and how
  many are behind, and whether the carbon peak can be judged (and if not, why).
* `conclusion_html()`: that, as sentences, the absence of data said first. Each number
  is in a `<strong class="pcm-count" data-count="<name>">` (the browser test reads them).
* `status_grid_html()`: every target as one cell, by action, its status by colour and
  symbol, its short name beside its id, linked to its section (its stable anchor); with the
  status key (the statuses present first, the rest folded away; each status linked to its
  definition on the methodology page).
* `timeline_html()`: every target at its deadline (2025, 2030, 2035, none).
* `reporting_html()`: per action and per lead department, how many indicators have
  district data (the reporting-status view of Open SDG platforms).

The pictures are HTML and CSS (pcm.css): no script, readable by screen readers, and the
same on a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

import pandas as pd

import re

from ..assess import progress as pg
from ..inputs.catalogue import split_departments
from ..inputs.checks import Searched
from ..inputs.plan import Plan
from .labels import STATUS_TABLE, format_date, reason_text, since_text, status_text

JUDGED = [pg.MET, pg.ON_TRACK, pg.ACCELERATION_NEEDED, pg.LIMITED_PROGRESS, pg.MOVING_AWAY, pg.BELOW_TARGET, pg.MISSED]
BEHIND = [pg.ACCELERATION_NEEDED, pg.LIMITED_PROGRESS, pg.MOVING_AWAY, pg.BELOW_TARGET, pg.MISSED]
TARGET_STATUSES = [s for s in pg.STATUSES if s != pg.REPORTED]  # REPORTED is for numbered tasks


@dataclass(frozen=True)
class Standing:
    """The counts behind the conclusion."""

    targets: int
    with_data: int  # targets with any district figure (in or before their window)
    due: int  # targets whose deadline has passed
    due_years: tuple[int, ...]
    due_with_result: int  # of those, with a district result for the target year or later
    judged: int  # targets whose status rests on district data
    met: int
    behind: int
    peak: pd.Series | None  # the "peak before year X" target's assessed row
    as_of: date
    reached_later: int = 0  # of the missed, those whose level was reached after the target year
    later_only: int = 0  # of the due without a result, those with a figure of a later year only

    def counts(self) -> dict[str, int]:
        """The numbers the pages print, by the name of their data-count attribute (what happened
        after a deadline only where it happened)."""
        later = {name: value for name, value in (("reached_later", self.reached_later), ("later_only", self.later_only))
                 if value}
        return {"targets": self.targets, "with_data": self.with_data, "due": self.due,
                "due_with_result": self.due_with_result, "judged": self.judged, "met": self.met, "behind": self.behind,
                **later}


def has_district_data(assessment: pd.DataFrame) -> pd.Series:
    return assessment["reason"].ne(pg.NO_DISTRICT_DATA)


def is_due(assessment: pd.DataFrame, as_of: date) -> pd.Series:
    return pd.Series(pg.deadline_passed(assessment["target_year"].astype("float64").to_numpy(), as_of),
                     index=assessment.index)


def standing(assessment: pd.DataFrame, as_of: date) -> Standing:
    """Count where the targets stand as of `as_of` (the edition's data-as-of date)."""
    due = is_due(assessment, as_of)
    status = assessment["status"]
    peaks = assessment[assessment["comparator"].eq("peak_before")]
    return Standing(
        targets=len(assessment), with_data=int(has_district_data(assessment).sum()), due=int(due.sum()),
        due_years=tuple(sorted(int(y) for y in assessment.loc[due, "target_year"].unique())),
        due_with_result=int((due & status.ne(pg.DEADLINE_PASSED)).sum()), judged=int(status.isin(JUDGED).sum()),
        met=int(status.eq(pg.MET).sum()), behind=int(status.isin(BEHIND).sum()),
        peak=peaks.iloc[0] if len(peaks) else None, as_of=as_of,
        reached_later=int((status.eq(pg.MISSED) & assessment["since"].eq(pg.REACHED_LATER)).sum()),
        later_only=int((due & status.eq(pg.DEADLINE_PASSED) & assessment["since"].ne("")).sum()))


def count(name: str, value: int) -> str:
    return f'<strong class="pcm-count" data-count="{name}">{value}</strong>'


def peak_words(peak: pd.Series | None, plan: Plan, language: str) -> str:
    """Whether the carbon peak can be judged, and if not, why."""
    zh = language == "zh"
    if peak is None:
        return ""
    year = int(peak["target_year"])
    if peak["status"] in JUDGED:
        words = escape(status_text(peak["status"], language))
        return f"{year}年前碳达峰：{words}。" if zh else f"Carbon peak before {year}: {words}."
    why = escape(reason_text(peak["reason"], peak["missing_years"], language)) if peak["reason"] else ""
    if zh:
        return f"能否在{year}年前实现碳达峰：目前无法判断" + (f"——{why}（没有排放量，也没有可用于估算排放的能源数据）。" if
                                                        peak["reason"] == pg.NO_DISTRICT_DATA else f"——{why}。")
    return (f"Whether {plan.district_short('en')}'s CO2 emissions peak before {year} cannot be judged yet: {why}"
            + (" (no emissions figure, and no energy data to estimate them from)." if peak["reason"] == pg.NO_DISTRICT_DATA
               else "."))


CHINESE = re.compile("[\u3400-\u9fff]")


def publication_name(title: str, language: str) -> str:
    """An escaped publication title, marked as Chinese on an English page where it is."""
    return f'<span lang="zh-CN">{escape(title)}</span>' if language == "en" and CHINESE.search(title) else escape(title)


def searched_words(searched: Searched, language: str, href: str) -> str:
    """'(N publications, last checked DATE; what was checked)', the last linked to the rows."""
    zh = language == "zh"
    link = f'<a href="{escape(href)}">{"查过哪些资料" if zh else "what was checked"}</a>'
    if zh:
        return f"（查过{searched.publications}种资料，最近查阅于{escape(searched.last_checked)}；见{link}）"
    return f" ({searched.publications} publications, last checked {escape(searched.last_checked)}; see {link})"


def unread_html(searched: Searched, language: str) -> str:
    """The publications that could not be located or read, named (folded: the list is long)."""
    zh = language == "zh"
    groups = [(("未找到的资料", "Not located"), searched.not_located),
              (("相关部分无法读取的资料", "Could not be read where the figure would be"), searched.not_readable)]
    items = "".join(f"<li>{escape(words[0] if zh else words[1])}{'：' if zh else ': '}"
                    + ("；" if zh else "; ").join(publication_name(t, language) for t in titles) + "</li>"
                    for words, titles in groups if titles)
    if not items:
        return ""
    n = len(searched.not_located) + len(searched.not_readable)
    summary = f"未找到或无法读取的资料（{n}种）" if zh else f"Publications not located or not readable ({n})"
    return f'<details class="pcm-unread"><summary>{escape(summary)}</summary><ul>{items}</ul></details>'


def search_html(searched: Searched, language: str, href: str) -> str:
    """What a search found for a target: 'No district figure found in the publications checked
    (N publications, last checked DATE; see what was checked)', then the publications that
    could not be located or read. Said of the search, never as a fact about the district."""
    zh = language == "zh"
    words = "在查过的资料中未找到区级数字" if zh else "No district figure found in the publications checked"
    return (f'<p><strong>{escape(words)}</strong>{searched_words(searched, language, href)}{"。" if zh else "."}</p>'
            + unread_html(searched, language))


def conclusion_html(s: Standing, plan: Plan, language: str, searched: Searched, scorecard: str | None = "scorecard.html",
                    checks: str = "checks.html") -> str:
    """The answer in a few sentences, the absence of data first, said as what the search found
    (`searched`: every check on file); links to the scorecard (unless None: on the scorecard
    itself) and to what was checked."""
    zh = language == "zh"
    years = ("、".join if zh else ", ".join)(map(str, s.due_years))
    search = searched_words(searched, language, checks)
    if s.with_data == 0:
        lead = (f"在查过的资料中，方案{count('targets', s.targets)}项量化目标均未找到{escape(plan.district_name('zh'))}的数字"
                f"{search}（有区级数据：{count('with_data', 0)}项），因此还不能判断任何一项目标的进展。" if zh else
                f"No {escape(plan.district_short('en'))} figure was found for any of the plan's {count('targets', s.targets)} "
                f"quantified targets in the publications checked{search} (with district data: {count('with_data', 0)}), "
                "so no target's progress can be judged yet.")
    else:
        lead = (f"方案{count('targets', s.targets)}项量化目标中，{count('with_data', s.with_data)}项有区级数据；"
                f"其余各项在查过的资料中未找到区级数字{search}。" if zh else
                f"Of the plan's {count('targets', s.targets)} quantified targets, {count('with_data', s.with_data)} "
                f"have district data; for the others no district figure was found in the publications checked{search}.")
    if s.due == 0:
        deadlines = "尚无目标到期。" if zh else "No target has reached its deadline yet."
    else:
        deadlines = (f"{count('due', s.due)}项目标的期限（{years}年底）已过，其中{count('due_with_result', s.due_with_result)}"
                     "项公布了区级结果。" if zh else
                     f"{count('due', s.due)} targets fell due (end of {years}); a district result has been published "
                     f"for {count('due_with_result', s.due_with_result)} of them.")
    if s.later_only:
        deadlines += (f"另有{count('later_only', s.later_only)}项只有目标年份之后的数字，不能据以判断是否按期达标。" if zh else
                      f" {count('later_only', s.later_only)} more have a figure for a later year only, which cannot "
                      "say whether the target was met by its deadline.")
    if s.judged == 0:
        progress = (f"可依据区级数据判断进展的目标：{count('judged', 0)}项（已达标{count('met', 0)}项，"
                    f"落后{count('behind', 0)}项）。" if zh else
                    f"Targets that can be judged on district data: {count('judged', 0)} (met {count('met', 0)}, "
                    f"behind {count('behind', 0)}).")
    else:
        progress = (f"可依据区级数据判断进展的目标{count('judged', s.judged)}项：已达标{count('met', s.met)}项，"
                    f"落后或未达标{count('behind', s.behind)}项。" if zh else
                    f"{count('judged', s.judged)} targets can be judged on district data: {count('met', s.met)} met, "
                    f"{count('behind', s.behind)} behind or missed.")
    if s.reached_later:
        progress += (f"未按期达标的目标中，{count('reached_later', s.reached_later)}项在目标年份之后达到了目标水平（仍计为未达标）。"
                     if zh else f" Of the targets missed at their deadline, {count('reached_later', s.reached_later)} "
                     "reached the level in a later year (still counted as missed).")
    day = format_date(s.as_of, language)
    as_of = f"数据截至{day}。" if zh else f"Data as of {day}."
    listed = (f'为找区级数据查过哪些资料，见<a href="{checks}">查过哪些资料</a>。' if zh else
              f'The publications searched for district figures are listed under <a href="{checks}">what was checked</a>.')
    more = ((f'逐项状态见<a href="{scorecard}">目标总览</a>；' if zh else
             f'Every target\'s status is on the <a href="{scorecard}">scorecard</a>. ') if scorecard else "") + listed
    items = "".join(f"<li>{x}</li>" for x in (deadlines, progress, escape(peak_words(s.peak, plan, language)), as_of) if x)
    return (f'<div class="pcm-conclusion"><p class="pcm-lead">{lead}</p>{unread_html(searched, language)}<ul>{items}</ul>'
            f"<p>{more}</p></div>")


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with the background (WCAG relative luminance)."""
    channels = [int(background[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#fff"


def status_anchor(status: str) -> str:
    """The anchor of a status on the methodology page: 'status-deadline-passed'."""
    return "status-" + status.replace("_", "-")


def cell(row, language: str, link, named: bool = True) -> str:
    """One target as a cell: status symbol and target id (and, if `named`, its short name beside
    the id), coloured by status, linked to its section."""
    entry = STATUS_TABLE.loc[row["status"]]
    since = since_text(row, language)
    label = (f"{row['target_id']} {row['metric_' + language]}: {status_text(row['status'], language)}"
             + ((f"（{since}）" if language == "zh" else f" ({since})") if since else ""))
    later = f" → {int(row['since_year'])}" if row["since"] == pg.REACHED_LATER else ""
    name = f' <span class="pcm-cell-name">{escape(row["metric_" + language])}</span>' if named else ""
    return (f'<a class="pcm-cell{" pcm-cell-named" if named else ""} pcm-status-{escape(row["status"])}" '
            f'href="{escape(link(row))}" style="background:{entry.colour};color:{text_colour(entry.colour)}" '
            f'title="{escape(label)}" aria-label="{escape(label)}"><span aria-hidden="true">'
            f'<span class="pcm-cell-id">{escape(entry.symbol)} {escape(row["target_id"])}{escape(later)}</span>{name}</span></a>')


def status_key_html(assessment: pd.DataFrame, language: str, methodology: str = "methodology.html",
                    titled: bool = True) -> str:
    """The key: the statuses the targets have first, each with its symbol and colour, how many
    targets have it and a link to its definition; the other statuses a target can have folded
    away (<details>) below them (with a title of its own unless under a heading)."""
    zh = language == "zh"
    counts = assessment["status"].value_counts()

    def items(statuses: list[str]) -> str:
        return "".join(
            f'<li class="pcm-key-{"used" if counts.get(s, 0) else "unused"}">'
            f'<span class="pcm-swatch" style="background:{STATUS_TABLE.loc[s, "colour"]};'
            f'color:{text_colour(STATUS_TABLE.loc[s, "colour"])}" aria-hidden="true">{escape(STATUS_TABLE.loc[s, "symbol"])}</span> '
            f'<a href="{methodology}#{status_anchor(s)}">{escape(STATUS_TABLE.loc[s, "label_" + language])}</a>'
            f'{"：" if zh else ": "}{int(counts.get(s, 0))}</li>'
            for s in statuses)

    present = [s for s in TARGET_STATUSES if counts.get(s, 0)]
    absent = [s for s in TARGET_STATUSES if not counts.get(s, 0)]
    title = "状态图例（点击查看定义；数字为目标数）" if zh else "Status key (follow a status for its definition; the number is of targets)"
    head = f'<p class="pcm-key-title">{escape(title)}</p>' if titled else ""
    others = (f'{len(absent)}种其他状态（目前没有目标处于这些状态）' if zh else
              f"{len(absent)} other statuses (no target has them now)")
    folded = (f'<details class="pcm-key-others"><summary>{escape(others)}</summary><ul>{items(absent)}</ul></details>'
              if absent else "")
    return f'<div class="pcm-key">{head}<ul>{items(present)}</ul>{folded}</div>'


def status_grid_html(assessment: pd.DataFrame, action_titles: dict[int, str], language: str, link) -> str:
    """Every target as one cell, in one row per action."""
    rows = "".join(
        f'<div class="pcm-grid-row" role="listitem"><span class="pcm-grid-action">{escape(action_titles[action])}</span>'
        f'<span class="pcm-grid-cells">{"".join(cell(r, language, link) for _, r in part.iterrows())}</span></div>'
        for action, part in assessment.groupby("action", sort=True))
    return f'<div class="pcm-grid" role="list">{rows}</div>'


def timeline_html(assessment: pd.DataFrame, as_of: date, language: str, link) -> str:
    """Every target at its deadline: one column per target year (and one for none), the
    years already passed at the data-as-of date marked."""
    zh = language == "zh"
    years = assessment["target_year"].astype("float64")
    columns = []
    for year in [*sorted(years.dropna().unique()), None]:
        part = assessment[years.isna()] if year is None else assessment[years == year]
        if part.empty:
            continue
        if year is None:
            head = "无期限" if zh else "No deadline"
            passed = False
        else:
            passed = bool(pg.deadline_passed([year], as_of)[0])
            head = f"{int(year)}年底" if zh else f"End of {int(year)}"
            head += ("（已过）" if zh else " (passed)") if passed else ""
        cells = "".join(cell(r, language, link, named=False) for _, r in part.iterrows())
        columns.append(f'<div class="pcm-deadline-column{" pcm-passed" if passed else ""}">'
                       f'<p class="pcm-deadline-head">{escape(head)} · {len(part)}</p><div>{cells}</div></div>')
    day = format_date(as_of, language)
    caption = (f"各目标按期限排列；数据截至{day}。" if zh else f"Every target at its deadline; data as of {day}.")
    return f'<div class="pcm-timeline">{"".join(columns)}</div><p class="pcm-caption">{escape(caption)}</p>'


def reporting_table(assessment: pd.DataFrame, group: pd.Series) -> pd.DataFrame:
    """Per group: indicators, and those with district data (an indicator has data when any
    of its targets has)."""
    frame = pd.DataFrame({"group": group, "indicator_id": assessment["indicator_id"],
                          "has_data": has_district_data(assessment)}).explode("group")
    by_indicator = frame.groupby(["group", "indicator_id"], sort=False)["has_data"].any().reset_index()
    return by_indicator.groupby("group", sort=False).agg(indicators=("indicator_id", "size"),
                                                         with_data=("has_data", "sum")).reset_index()


def reporting_rows(table: pd.DataFrame, names: dict, head: str, language: str) -> str:
    zh = language == "zh"
    rows = "".join(
        f'<tr><th scope="row">{escape(names.get(r.group, r.group))}</th><td>{r.with_data} / {r.indicators}</td>'
        f'<td><span class="pcm-bar" aria-hidden="true"><span style="width:{100 * r.with_data / r.indicators:.0f}%">'
        "</span></span></td></tr>\n"
        for r in table.itertuples())
    columns = ["有区级数据的指标" if zh else "Indicators with district data", "比例" if zh else "Share"]
    labels = " · ".join(escape(c) for c in (head, *columns))
    return (f'<div class="pcm-table-wrap" tabindex="0" role="region" aria-label="{labels}"><table class="pcm-table pcm-reporting">'
            f'<thead><tr><th scope="col">{escape(head)}</th>'
            + "".join(f'<th scope="col">{escape(c)}</th>' for c in columns) + f"</tr></thead>\n<tbody>\n{rows}</tbody></table></div>")


def reporting_html(assessment: pd.DataFrame, action_titles: dict[int, str], department_names: dict[str, str],
                   language: str) -> str:
    """The reporting status: how many indicators have district data, per action and per
    lead department."""
    zh = language == "zh"
    by_action = reporting_table(assessment, assessment["action"])
    by_department = reporting_table(assessment, split_departments(assessment["departments"]))
    total = reporting_table(assessment, pd.Series("all", index=assessment.index)).iloc[0]
    intro = (f"全部{total.indicators}项指标中，{total.with_data}项有区级数据。" if zh else
             f"Of all {total.indicators} indicators, {total.with_data} have district data.")
    return (f"<p>{escape(intro)}</p>"
            + reporting_rows(by_action, action_titles, "行动" if zh else "Action", language)
            + reporting_rows(by_department, department_names, "牵头部门" if zh else "Lead department", language))
