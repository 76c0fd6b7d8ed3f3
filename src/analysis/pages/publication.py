"""What the chapters and overview pages show, as HTML built from the data (never typed).

Every data string goes through `html.escape`: a note or title in a CSV is text on the
page, never markup. Chapters call `Chapter.load(...)` and then its display methods.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

# charts, webchart and downloads (Altair, frictionless) are imported by the methods that draw
# or link to downloads: the preview reads the assessment through Chapter without them.

from ..inputs import checks as ck, cumulative as cm, energy
from ..assess import context as cx, progress as pg
from ..inputs.catalogue import split_departments
from ..inputs.dataset import Dataset, known_on, load_dataset
from .labels import (BASE_MET, DATA_ORIGIN, MEASURE_WORDS, SOURCE_KINDS, STATUS_TABLE, TEXT, attribution, format_date,
                     format_number, format_quantity, format_share, origin_text, pick, reason_text, since_text, source_line,
                     status_text)
from ..inputs.observations import PUBLIC_SOURCE_KINDS
from . import overview

UNSELECTED_TAB = ' tabindex="-1"'  # a tab list is one stop of the Tab key; arrows move between its tabs
DOWNLOADS = "_static/downloads"  # book/_assets/downloads, written by downloads.write_downloads at build time


def missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def esc(value) -> str:
    return "" if missing(value) else html.escape(str(value))


# A run of Chinese (characters, Chinese punctuation, and digits or dots between them) in English text.
CHINESE_CHARS = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef《》“”…"
CHINESE_RUN = re.compile(f"[{CHINESE_CHARS}]+(?:[\\s\\d.,—–-]+[{CHINESE_CHARS}]+)*")


def scroll_region(labels: list[str]) -> str:
    """The attributes of a table's scrolling wrapper: a keyboard can reach it (and scroll it with
    the arrow keys) and a screen reader names it by its columns (WCAG 2.1.1; axe
    scrollable-region-focusable)."""
    return f'tabindex="0" role="region" aria-label="{" · ".join(labels)}"'


def html_table(head: list[str], rows: list[list[str]], css_class: str) -> str:
    """A responsive HTML table from column names (text) and cells (HTML, already escaped).

    Wrapped so that it scrolls on its own on phones (the wrapper focusable: `scroll_region`); every cell carries its column's name
    (data-label) so that a stacking table (class pcm-stack, see pcm.css) can show it on
    narrow screens. The roles keep the table a table for screen readers once CSS stacks it.
    """
    labels = [esc(h) for h in head]
    header = "".join(f'<th scope="col" role="columnheader">{h}</th>' for h in labels)
    body = "".join('<tr role="row">' + "".join(f'<td role="cell" data-label="{h}">{cell}</td>'
                                               for h, cell in zip(labels, row)) + "</tr>\n"
                   for row in rows)  # a row per line: the published notebooks diff row by row
    return (f'<div class="pcm-table-wrap" {scroll_region(labels)}><table class="pcm-table {css_class}" role="table">\n'
            f'<thead><tr role="row">{header}</tr></thead>\n<tbody>\n{body}</tbody></table></div>')


def table_html(frame: pd.DataFrame, css_class: str) -> str:
    """A plain, escaped, responsive HTML table of a frame's text ("—" where missing)."""
    rows = [["—" if missing(v) else esc(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    return html_table([str(c) for c in frame.columns], rows, css_class)


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def target_heading(row, language: str) -> str:
    """A target's heading in its chapter: 'T1-1 New PV capacity added in 2021-2025'."""
    return f"{row['target_id']} {row['metric_' + language]}"


UNSAFE_IN_ANCHOR = re.compile(r"[^a-z0-9]+")


def target_anchor(target_id: str) -> str:
    """A target's stable address in its chapter: 'T1-1' -> 't1-1'. An id with characters unsafe
    in an address (a space, '#', '/', a Chinese character...) keeps its safe letters and digits,
    joined by '-', and gets a short hash of the id so that two such ids never share an anchor."""
    lowered = target_id.lower()
    safe = UNSAFE_IN_ANCHOR.sub("-", lowered).strip("-")
    if safe == lowered and safe[:1].isalpha():
        return safe
    digest = hashlib.sha256(target_id.encode("utf-8")).hexdigest()[:6]
    return f"t-{safe}-{digest}" if safe else f"t-{digest}"


def target_heading_cell(target_id: str, heading: str) -> str:
    """The Markdown of a target's heading: a label (the anchor #t1-1 that links use) and the
    heading, data characters escaped, so that it is in the page's contents."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", heading)
    return f"({target_anchor(target_id)})=\n### {escaped}"


def chapter_title(dataset: Dataset, action: int, language: str) -> str:
    if action == 0:
        return dataset.actions["goals"][f"title_{language}"]
    entry = dataset.actions["actions"][action - 1]
    prefix = TEXT[language]["action"].format(numeral=entry["numeral"] if language == "zh" else action)
    return f"{prefix}{'：' if language == 'zh' else ': '}{entry[f'title_{language}']}"


@dataclass
class View:
    """What every page shares: the validated data, its assessment as of the edition's
    data-as-of date, the language and the edition (year and that date)."""

    dataset: Dataset
    language: str
    edition: int
    data_as_of: date

    def __post_init__(self) -> None:
        """Every page of an edition shows only what was known on its data-as-of date."""
        self.dataset = known_on(self.dataset, self.data_as_of)

    @classmethod
    def load(cls, which, language: str, data_dir: str | None, edition: int, data_as_of: str):
        """A page of the template's parameters: `which` is the subclass's own field (the
        action of a Chapter, the page of a Page); an empty data_dir is the repository's data.
        A page begins here: its chart ids start afresh (webchart.new_page)."""
        from . import webchart

        webchart.new_page()
        return cls(load_dataset(Path(data_dir) if data_dir else None), language, edition,
                   date.fromisoformat(data_as_of), which)

    @cached_property
    def assessment(self) -> pd.DataFrame:
        return pg.assess_district(self.dataset, self.data_as_of)

    def as_of_words(self) -> str:
        """'数据截至2026年11月25日' / 'Data as of 25 November 2026'."""
        day = format_date(self.data_as_of, self.language)
        return f"数据截至{day}" if self.language == "zh" else f"Data as of {day}"

    @property
    def text(self) -> dict:
        return TEXT[self.language]

    @property
    def colon(self) -> str:
        """After a label: '目标：' in Chinese, 'Target: ' in English."""
        return "：" if self.language == "zh" else ": "

    def bracket(self, text: str) -> str:
        return f"（{text}）" if self.language == "zh" else f" ({text})"

    def chinese(self, text) -> str:
        """Escaped Chinese text (a clause number such as 三.4), marked as Chinese on an English page."""
        return esc(text) if self.language == "zh" or missing(text) else f'<span lang="zh-CN">{esc(text)}</span>'

    def clause(self, clause) -> str:
        """A clause of the plan as a page names it: '三.4' on a Chinese page; on an English page
        'Action 3, task 4 (三.4)' ('Headline goals (主要目标)'), the plan's own numbering kept,
        marked as Chinese."""
        if self.language == "zh" or missing(clause):
            return esc(clause)
        numeral, _, task = str(clause).partition(".")
        action = next((a["id"] for a in self.dataset.actions["actions"] if a["numeral"] == numeral), None)
        if action is None:
            words = self.dataset.actions["goals"]["title_en"] if not task else ""
        else:
            words = f"Action {action}" + (f", task {task}" if task else "")
        chinese = f'<span lang="zh-CN">{esc(clause)}</span>'
        return f"{esc(words)} ({chinese})" if words else chinese

    def marked(self, text) -> str:
        """Escaped text; on an English page, each run of Chinese in it (a quote from the plan) marked as Chinese."""
        if self.language == "zh" or missing(text):
            return esc(text)
        return CHINESE_RUN.sub(lambda m: f'<span lang="zh-CN">{m.group(0)}</span>', esc(text))

    def download_link(self, href: str, text: str, mime: str = "text/csv") -> str:
        return f'<a href="{esc(href)}" download type="{mime}">{esc(text)}</a>'

    def assessment_downloads(self) -> str:
        """Links to the whole assessment as CSV and JSON (from a page at the top of a language's book)."""
        from . import downloads

        base = f"{DOWNLOADS}/"
        words = "下载全部目标的评估结果" if self.language == "zh" else "Download the assessment of every target"
        return (f'<p class="pcm-download">{esc(words)}{self.colon}'
                + self.download_link(base + downloads.ASSESSMENT_CSV, "CSV") + " · "
                + self.download_link(base + downloads.ASSESSMENT_JSON, "JSON", "application/json") + "</p>")

    @property
    def title(self) -> str:
        raise NotImplementedError

    def check_title(self, title: str) -> None:
        """The heading written into the notebook must be the one the data gives."""
        if title != self.title:
            raise ValueError(f"page heading {title!r} does not match the data: {self.title!r}; re-run the chapters")

    @property
    def counterpart(self) -> str:
        """Relative link to this page in the other language."""
        raise NotImplementedError

    def language_switch(self) -> str:
        other = "en" if self.language == "zh" else "zh"
        return (f'<p class="pcm-switch"><a href="{self.counterpart}" hreflang="{other}" lang="{other}">'
                f'{esc(self.text["switch"])}</a></p>')

    def department_names(self, names: list[str]) -> str:
        if self.language == "zh":
            return "、".join(names)
        english = self.dataset.departments.set_index("name_zh")["name_en"]
        return "; ".join(english.get(n, n) for n in names)

    def target_words(self, row: pd.Series) -> str:
        """The target as a phrase: '到2025年达45%' / '45% by 2025', '4–6个', '2030年前达峰' /
        'peak before 2030', '到2025年完成' / 'done by 2025'."""
        zh, year = self.language == "zh", row["target_year"]
        dated = pd.notna(year)
        if row["kind"] == "milestone":
            if row["comparator"] == "peak_before":
                return f"{year}年前达峰" if zh else f"peak before {year}"
            return (f"到{year}年完成" if dated else "完成") if zh else (f"done by {year}" if dated else "done")
        if pd.isna(row["target_value"]) and row["delegated"]:
            words = self.text["delegated"]
            return (f"到{year}年：{words}" if zh else f"by {year}: {words}") if dated else words
        value = format_quantity(row["target_value"], row["unit"], self.language)
        if pd.notna(row["target_value_high"]):  # '4–6个', '45–50%'
            value = (format_number(row["target_value"], self.language) + "–"
                     + format_quantity(row["target_value_high"], row["unit"], self.language))
        above = row["comparator"] == ">"
        if zh:
            verb = "超过" if above else "达"
            if row["kind"] == "reduction_vs_baseline" and row["target_value"] < 0 and pd.isna(row["target_value_high"]):
                verb, value = "下降", format_quantity(-row["target_value"], row["unit"], "zh")  # '下降13.5%（较基年）'
            return f"到{year}年{verb}{value}" if dated else ("超过" if above else "") + value
        value = f"over {value}" if above else value
        return f"{value} by {year}" if dated else value

    def pace_words(self, row: pd.Series) -> str:
        if pd.notna(row["pace_actual"]):
            return (f"{format_quantity(row['pace_actual'], row['unit'], self.language)} / "
                    f"{format_quantity(row['pace_required'], row['unit'], self.language)}")
        if pd.notna(row["cagr_actual"]):
            required = format_share(row["cagr_required"], self.language) if pd.notna(row["cagr_required"]) else ""
            return f"{row['cagr_actual'] * 100:+.1f}% / {required}".rstrip(" /")
        return self.text["none"]

    def status_words(self, row: pd.Series) -> str:
        """'✖ Missed (deadline passed) (missed in 2025; reached in 2026 (100%))', '▲ On track',
        '? Not yet assessable (too few data points)'."""
        words = status_text(row["status"], self.language)
        since = since_text(row, self.language)
        if since:
            return words + self.bracket(since)
        if not row["reason"]:
            return words
        return words + self.bracket(reason_text(row["reason"], row["missing_years"], self.language))

    @cached_property
    def source_table(self) -> pd.DataFrame:
        """The sources as pages show them: on an English page the title and publisher in English
        where the source has them (title_en, publisher_en), a department that supplied figures by
        its English name; on a Chinese page as the source gives them."""
        sources = self.dataset.sources
        if self.language == "zh":
            return sources
        english = self.dataset.departments.set_index("name_zh")["name_en"]
        return sources.assign(title=sources["title_en"].fillna(sources["title"]),
                              publisher=sources["publisher_en"].fillna(sources["publisher"].map(lambda p: english.get(p, p))))

    def kind_words(self, kind: str) -> str:
        return pick(SOURCE_KINDS[kind], self.language)

    def link(self, url) -> str:
        return "" if missing(url) else f'<a href="{esc(url)}" rel="noopener">{esc(url)}</a>'

    def sources_html(self, source_ids: pd.Series) -> str:
        """Each source cited: title, who published or supplied it and when, its link, its kind."""
        used = self.source_table[self.source_table["source_id"].isin(source_ids)]
        comma = "，" if self.language == "zh" else ", "
        items = "".join(
            f"<li>{self.marked(s.title)}{comma}{self.marked(attribution(s.kind, s.publisher, s.date, self.language))}"
            + (comma + self.link(s.url) if not missing(s.url) else "") + f"{esc(self.bracket(self.kind_words(s.kind)))}</li>"
            for s in used.itertuples())
        return f'<p class="pcm-sources-head">{esc(self.text["sources"])}</p><ul class="pcm-sources">{items}</ul>' if items else ""

    def data_origin(self, source_ids) -> str:
        """'public data', 'figures supplied by departments' or both, from the kinds of the sources cited."""
        kinds = self.dataset.sources.loc[self.dataset.sources["source_id"].isin(source_ids), "kind"]
        return pick(DATA_ORIGIN[(kinds.isin(PUBLIC_SOURCE_KINDS).any(), (~kinds.isin(PUBLIC_SOURCE_KINDS)).any())],
                    self.language)


@dataclass
class Chapter(View):
    action: int = 0

    @property
    def title(self) -> str:
        return chapter_title(self.dataset, self.action, self.language)

    @property
    def counterpart(self) -> str:
        return f"../../{'en' if self.language == 'zh' else 'zh'}/actions/action-{self.action}.html"

    def entry(self) -> dict:
        return self.dataset.actions["goals"] if self.action == 0 else self.dataset.actions["actions"][self.action - 1]

    def show_purpose(self) -> None:
        entry = self.entry()
        text = entry["summary_" + self.language] if self.action == 0 else entry["purpose_" + self.language]
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in str(text).split("\n") if p.strip())
        origin = self.data_origin(self.source_ids())
        edition = (f"本页为{self.edition}年版，依据{origin}，{self.as_of_words()}。" if self.language == "zh"
                   else f"This is the {self.edition} edition, on {origin}. {self.as_of_words()}.")
        edition += self.updated_words()
        display(HTML(self.language_switch() + f'<div class="pcm-purpose">{paragraphs}<p class="pcm-edition">{esc(edition)}</p></div>'))

    def updated_words(self) -> str:
        """When this page's figures were last updated: the latest date of the sources it cites
        (sources.csv dates, YYYY-MM-DD, YYYY-MM or YYYY), or that it has none."""
        zh = self.language == "zh"
        dates = self.dataset.sources.loc[self.dataset.sources["source_id"].isin(self.source_ids()), "date"].dropna()
        if dates.empty:
            return "本页尚无任何数字。" if zh else " No figure is on file for this page yet."
        latest = max(dates, key=lambda d: tuple(int(part) for part in d.split("-")))
        return (f"本页数字最近更新于{latest}（所引来源的最新日期）。" if zh else
                f" Figures last updated {latest} (the latest date of the sources cited).")

    def source_ids(self) -> set[str]:
        """Every source this chapter cites: its targets' observations, their context, its task reports."""
        data = self.dataset
        linked = data.context_links.loc[data.context_links["target_id"].isin(self.rows["target_id"]), "indicator_id"]
        shown = data.observations["indicator_id"].isin(pd.concat([self.rows["indicator_id"], linked]))
        reports = data.task_reports.loc[data.task_reports["action"] == self.action, "source_id"]
        ids = pd.concat([data.observations.loc[shown, "source_id"], reports]).dropna().str.split(",").explode()
        return set(ids)

    def show_tasks(self) -> None:
        if self.action == 0:  # the headline goals have no numbered tasks: their targets' lead departments
            names = list(dict.fromkeys(n for names in split_departments(self.rows["departments"]) for n in names))
            return display(HTML(f"<p>{esc(self.department_names(names))}</p>"))
        rows = [{self.text["task"]: f"{t['number']}. {t['title_' + self.language]}",
                 self.text["departments"]: self.department_names(t["departments"]),
                 self.text["status"]: self.task_status(t["number"])}
                for t in self.entry()["tasks"]]
        display(HTML(table_html(pd.DataFrame(rows), "pcm-tasks")))
        reports = self.dataset.task_reports[self.dataset.task_reports["action"] == self.action]
        if not reports.empty:
            items = "".join(f"<li>{r.task}. ({r.year}) {esc(getattr(r, 'summary_' + self.language))}</li>"
                            for r in reports.sort_values(["task", "year"]).itertuples())
            display(HTML(f'<ul class="pcm-task-reports">{items}</ul>' + self.sources_html(reports["source_id"])))

    def task_status(self, task: int) -> str:
        """A numbered task is 'reported' once a published progress report on it is on file."""
        reports = self.dataset.task_reports
        years = reports.loc[(reports["action"] == self.action) & (reports["task"] == task), "year"]
        if years.empty:
            return status_text(pg.NOT_REPORTED, self.language)
        return f"{status_text(pg.REPORTED, self.language)} ({years.max()})"

    @property
    def rows(self) -> pd.DataFrame:
        return self.assessment[self.assessment["action"] == self.action]

    def summary_table(self) -> pd.DataFrame:
        t = self.text
        return pd.DataFrame({
            t["clause"]: self.rows["clause"],
            t["target"]: [self.metric_and_target(r) for _, r in self.rows.iterrows()],
            t["latest"]: [self.latest_words(r) for r in self.rows.itertuples()],
            t["gap"]: [self.gap_words(r) for r in self.rows.itertuples()],
            t["pace"]: [self.pace_words(r) for _, r in self.rows.iterrows()],
            t["status"]: [self.status_words(r) for _, r in self.rows.iterrows()],
        })

    def gap_words(self, r) -> str:
        """The distance still to cover, or 'already met in the base year' where there is none to close."""
        if r.base_met and pd.isna(r.gap):
            return pick(BASE_MET, self.language)
        return format_quantity(r.gap, r.unit, self.language)

    def latest_words(self, r) -> str:
        """'43%（2023年）' / '43% (2023)', with how it was obtained where it is not simply the
        published figure ('-8.7%（2023年，由逐年变化率连乘得出）'); '—' without one."""
        if pd.isna(r.latest_value):
            return self.text["none"]
        value = format_quantity(r.latest_value, r.unit, self.language)
        how = origin_text(r.latest_origin, r.missing_years, self.language)
        if self.language == "zh":
            return f"{value}（{r.latest_year}年{'，' + how if how else ''}）"
        return f"{value} ({r.latest_year}{'; ' + how if how else ''})"

    def metric_and_target(self, row: pd.Series) -> str:
        """'Green travel share: 75% by 2025'; in Chinese '绿色出行比例：到2025年达75%'."""
        return f"{row['metric_' + self.language]}{self.colon}{self.target_words(row)}"

    def show_targets_table(self) -> None:
        if self.rows.empty:
            message = "本行动无量化目标，其任务见上表。" if self.language == "zh" else \
                "This action has no quantified target; its tasks are listed above."
            return display(HTML(f"<p>{esc(message)}</p>"))
        frame = self.summary_table()
        rows = [[self.clause(v) if column == self.text["clause"] else ("—" if missing(v) else esc(v))
                 for column, v in zip(frame.columns, row)] for row in frame.itertuples(index=False, name=None)]
        display(HTML(html_table(list(frame.columns), rows, "pcm-targets pcm-stack")))

    def comparable_html(self, row: pd.Series, figures: pd.DataFrame) -> str:
        """The context that is the target's own measure: each context area's latest such figure
        against its own target for it (context_targets.csv) where it has one, then the district:
        'Shanghai (context): -14% (2025) against its own target of -14% by 2025; Putuo: no
        district figure found in the publications checked'. Empty where there is none."""
        zh, plan = self.language == "zh", self.dataset.plan
        comparable = figures[figures["comparable"]]
        own = cx.own_targets(row, self.dataset.indicators, self.dataset.context_targets)
        order = {g: n for n, g in enumerate(plan.geography_ids)}
        areas = sorted(set(comparable["geography"]) | set(own["geography"]), key=order.get)
        if not areas:
            return ""
        units = self.dataset.indicators.set_index("indicator_id")["unit"]
        lines = []
        for area in areas:
            latest = comparable[comparable["geography"].eq(area)].tail(1)
            if len(latest):
                r = latest.iloc[0]
                figure = format_quantity(r["value"], r["unit"], self.language) + self.bracket(f"{r['year']}年" if zh else str(r["year"]))
            else:
                figure = "未见数字" if zh else "no figure on file"
            goals = [self.own_target_words(t, units[t.indicator_id]) for t in own[own["geography"].eq(area)].itertuples()]
            against = ("，对照其自身目标" + "、".join(goals) if zh else " against its own target of " + "; ".join(goals)) if goals else ""
            lines.append(f"{plan.geography_name(area, self.language)}{self.colon}{figure}{against}")
        if row["reason"] == pg.NO_DISTRICT_DATA:
            district = "在查过的资料中未找到区级数字" if zh else "no district figure found in the publications checked"
        else:
            district = self.latest_words(row)
        lines.append(f"{plan.geography_name(row['geography'], self.language)}{self.colon}{district}")
        items = "".join(f"<li>{esc(line)}</li>" for line in lines)
        sources = self.sources_html(pd.concat([comparable["source_id"], own["source_id"]]))
        return (f'<div class="pcm-comparable"><p class="pcm-context-head">{esc(self.text["comparable"])}</p>'
                f"<ul>{items}</ul>{sources}</div>")

    def own_target_words(self, target, unit: str) -> str:
        """A context area's own target: '到2025年下降14%（较基年）' / '-14% vs base year by 2025', 'over 45% by 2025'."""
        zh, value = self.language == "zh", target.target_value
        if zh:
            if target.comparator in ("<=", "<") and value < 0:
                return f"到{target.target_year}年下降{format_quantity(-value, unit, 'zh')}"
            verb = {">": "超过", ">=": "达", "<=": "不超过", "<": "低于"}[target.comparator]
            return f"到{target.target_year}年{verb}{format_quantity(value, unit, 'zh')}"
        words = {">": "over ", ">=": "at least ", "<=": "", "<": "below "}[target.comparator]
        return f"{words}{format_quantity(value, unit, 'en')} by {target.target_year}"

    def related_html(self, figures: pd.DataFrame) -> str:
        """The figures shown under a target that are not its measure, each with what it is and why
        it is not comparable, and their sources. Empty where there is none."""
        t, plan = self.text, self.dataset.plan
        related = figures[~figures["comparable"]]
        if related.empty:
            return ""
        names = self.dataset.indicators.set_index("indicator_id")[f"name_{self.language}"]
        frame = pd.DataFrame({
            t["series"]: related["indicator_id"].map(names),
            t["geography"]: related["geography"].map(lambda g: plan.geography_name(g, self.language)),
            t["year"]: related["year"].astype(str),
            t["value"]: [format_quantity(v, u, self.language) for v, u in zip(related["value"], related["unit"])],
            t["measure"]: related["measure"].map(lambda m: pick(MEASURE_WORDS[m], self.language)),
            t["why_not_comparable"]: related[f"reason_{self.language}"],
        })
        return (f'<p class="pcm-context-head">{esc(t["related"])}</p>' + table_html(frame, "pcm-context pcm-stack")
                + self.sources_html(related["source_id"]))

    def search_html(self, indicator_ids) -> str:
        """What the search found for these indicators, linked to their rows on the checks page."""
        searched = ck.searched(self.dataset.checks, indicator_ids)
        anchor = f"../checks.html#check-{list(indicator_ids)[0]}"
        return overview.search_html(searched, self.language, anchor)

    def show_target(self, row: pd.Series) -> None:
        """A target's section below its heading (a Markdown cell, see `target_heading_cell`)."""
        from . import charts

        t = self.text
        status = STATUS_TABLE.loc[row["status"]]
        indicator = self.dataset.indicators.set_index("indicator_id").loc[row["indicator_id"]]
        parts = [
            self.copy_link(row["target_id"]),
            f'<p class="pcm-status pcm-status-{esc(row["status"])}" style="border-left-color:{status.colour}">'
            f"<strong>{esc(self.status_words(row))}</strong></p>",
            f'<p><span class="pcm-label">{esc(t["target"])}{self.colon}</span>{esc(self.target_words(row))}</p>',
            f'<blockquote><span class="pcm-label">{esc(t["plan_words"])}'
            f'{self.bracket(self.clause(row["clause"])) if self.language == "zh" else ", " + self.clause(row["clause"])}'
            f'{self.colon}</span><span lang="zh-CN">{esc(row["text_zh"])}</span></blockquote>',
        ]
        if self.language == "en":
            parts.append(f"<p><em>{esc(row['text_en'])}</em></p>")
        note = row["note_" + self.language]
        if pd.notna(note) and note:
            parts.append(f'<p class="pcm-note">{self.marked(note)}</p>')
        if row["status"] == pg.DEADLINE_PASSED:
            parts.append(f'<p class="pcm-deadline">{esc(self.deadline_words(row))}</p>')
        if row["since"]:
            parts.append(f'<p class="pcm-since">{esc(self.since_sentence(row))}</p>')
        if row["reason"] == pg.NO_DISTRICT_DATA:
            parts.append(f'<div class="pcm-nodata">{self.search_html([row["indicator_id"]])}'
                         f'<p>{esc(t["data_needed"].format(text=indicator["data_needed_" + self.language]))}</p></div>')
        if row["comparator"] == "peak_before":
            parts.append(self.peak_html(row))
        display(HTML("".join(parts)))
        plan = self.dataset.plan
        points = charts.chart_points(row, self.dataset.observations, self.source_table, plan, self.language,
                                     self.dataset.indicators)
        if not points.empty:
            if not points["geography"].eq(row["geography"]).any():
                context_only = t["context_only"].format(district=plan.district_short(self.language))
                display(HTML(f'<p class="pcm-context-note">{esc(context_only)}</p>'))
            figure = self.chart_block(row, points)
            if figure:
                display(HTML(figure))
            derived = points.loc[points["geography"].eq(row["geography"]) & points["origin"].isin([cm.CHAINED, cm.SUMMED])]
            if not derived.empty:
                display(HTML(f'<p class="pcm-derived">{esc(self.derived_words(derived))}</p>'))
            display(HTML(self.sources_html(points["source_id"])))
        figures = cx.context_figures(row, self.dataset.observations, self.dataset.indicators, self.dataset.context_links)
        shown = self.comparable_html(row, figures) + self.related_html(figures)
        if shown:
            display(HTML(shown))

    def copy_link(self, target_id: str) -> str:
        """The target's own address: a link to its anchor (without scripts, following it puts the
        address in the address bar); pcm-nav.js copies the full address on activation and says so."""
        zh = self.language == "zh"
        words = f"复制{target_id}的链接" if zh else f"Copy the link to {target_id}"
        done = "链接已复制" if zh else "Link copied"
        return (f'<p class="pcm-copy"><a class="pcm-copy-link" href="#{esc(target_anchor(target_id))}" '
                f'data-copied="{esc(done)}">{esc(words)}</a> <span class="pcm-copy-status" role="status"></span></p>')

    def deadline_words(self, row: pd.Series) -> str:
        """'期限为2025年底；截至2026年11月25日，未见区级公布的结果。'"""
        day = format_date(self.data_as_of, self.language)
        if self.language == "zh":
            return f"期限为{row['target_year']}年底；截至{day}，在查过的资料中未见区级结果。"
        return f"The deadline was the end of {row['target_year']}; as of {day}, no district result was found in the publications checked."

    def since_sentence(self, row: pd.Series) -> str:
        """Why a later figure does not decide: '2025年的数字决定达标与否；此后的数字只说明之后的情况：…'."""
        since, year = since_text(row, self.language), row["target_year"]
        missed = row["status"] == pg.MISSED
        if self.language == "zh":
            decides = f"{year}年的数字决定是否达标" if missed else f"只有{year}年的数字能决定是否达标，该年的数字尚未公布"
            return f"{decides}；此后的数字不改变结果，只说明之后的情况：{since}。"
        decides = (f"The {year} figure decides met or missed" if missed else
                   f"Only a figure for {year} decides met or missed, and none has been published")
        return f"{decides}; a later figure never changes that, it shows what happened since: {since}."

    def derived_words(self, derived: pd.DataFrame) -> str:
        """Which district values were computed from yearly figures rather than published."""
        years = "、".join(map(str, derived["year"])) if self.language == "zh" else ", ".join(map(str, derived["year"]))
        chained = derived["origin"].eq(cm.CHAINED).any()
        if self.language == "zh":
            how = "由公布的逐年变化率连乘得出（各年（1＋变化率）之积减1，而非各年相加）" if chained else "由公布的逐年新增量累加得出"
            return f"{years}年的累计值{how}，不是公布值。"
        how = ("chained from the published yearly changes (the product of 1 + each year's change, minus 1; "
               "never their sum)" if chained else "summed from the published yearly additions")
        return f"The cumulative values for {years} are {how}, not published figures."

    def peak_html(self, row: pd.Series) -> str:
        """The peak test's result, and what an emissions estimate covers and leaves out."""
        zh, parts = self.language == "zh", []
        if pd.notna(row["peak_year"]):
            peak = format_quantity(row["peak_value"], row["unit"], self.language)
            parts.append(f"已知数据中排放最高为{row['peak_year']}年（{peak}）。" if zh else
                         f"Highest emissions in the data: {row['peak_year']} ({peak}).")
        district = self.dataset.observations
        own = district[(district["indicator_id"] == row["indicator_id"]) & (district["geography"] == row["geography"])]
        if own["origin"].nunique() > 1:  # two scopes: say which decided, and that they are never mixed
            parts.append("公布的排放总量（全部能源）与估算值（仅电力和热力）是两个口径，不逐年混用；达峰判断依据"
                         + ("公布的排放总量。" if row["scope"] == cm.OBSERVED else "估算值（公布总量未覆盖全部年份）。") if zh else
                         "The published emissions total (every fuel) and the estimate (electricity and heat only) are "
                         "two scopes, never mixed year by year; the peak test ran on the "
                         + ("published total." if row["scope"] == cm.OBSERVED else
                            "estimate (the published totals do not cover every year)."))
        estimated = own[own["origin"].eq(energy.ESTIMATED)]
        if not estimated.empty:
            factors = self.dataset.factors.set_index("fuel_id")
            covered = sorted(set(self.dataset.activity.loc[self.dataset.activity["geography"] == row["geography"], "fuel_id"])
                             & set(factors.index))
            names = ("、" if zh else ", ").join(factors.loc[covered, f"name_{self.language}"])
            parts.append(f"排放量为估算值（能源活动量×排放因子），仅涵盖：{names}；不是公布的排放总量。" if zh else
                         f"Emissions are an estimate (energy activity × emission factors) covering only: {names}; "
                         "not a published total.")
            left_out = energy.incomplete_years(self.dataset.activity, self.dataset.factors)
            for r in left_out[left_out["geography"] == row["geography"]].itertuples():
                missing = ("、" if zh else ", ").join(factors.loc[r.missing_fuels.split(","), f"name_{self.language}"])
                parts.append(f"{r.year}年缺少{missing}的数据，该年不计入达峰判断。" if zh else
                             f"{r.year} lacks {missing} data and is left out of the peak test.")
        html_parts = "".join(f"<p>{esc(p)}</p>" for p in parts)
        sources = self.sources_html(self.dataset.factors.loc[self.dataset.factors["fuel_id"].isin(
            self.dataset.activity["fuel_id"]), "source_id"]) if not estimated.empty else ""
        return f'<div class="pcm-peak">{html_parts}{sources}</div>' if parts else ""

    def chart_label(self, row: pd.Series) -> str:
        return f"图表：{row['metric_zh']}" if self.language == "zh" else f"Chart: {row['metric_en']}"

    def target_figure(self, row: pd.Series, points: pd.DataFrame) -> figures.Figure | None:
        """The target's charts as drawn (its own, then context in another quantity), or None
        where nothing would be drawn: no figure, no image, no table."""
        from . import charts, figures

        if points.empty:
            return None
        data = self.dataset
        additions = charts.yearly_additions(row, data.observations, data.indicators)
        base = charts.plan_base(row, data.indicators)
        drawn = [charts.target_chart(row, points, data.plan, self.language, additions, base),
                 charts.context_chart(row, points, data.plan, self.language)]
        figure = figures.Figure.of(row["target_id"], target_heading(row, self.language), row["unit"], self.language,
                                   [c for c in drawn if c is not None])
        return figure if any(figures.has_data(spec) for spec in figure.specs) else None

    def drawn_rows(self, figure: figures.Figure) -> pd.DataFrame:
        """Every point the figure draws, with its source (`figures.drawn_rows`)."""
        from . import figures

        lines = {s.source_id: source_line(s, self.language) for s in self.source_table.itertuples()}
        return figures.drawn_rows(figure, self.dataset.plan.plan.number, lines)

    def drawn_table(self, figure: figures.Figure) -> str:
        """The table of exactly the numbers the figure draws."""
        from . import figures

        t = self.text
        rows = self.drawn_rows(figure)
        cells = [[esc(r.year), self.marked(r.series), esc(figures.value_text(r)), esc(r.unit), self.marked(r.source)]
                 for r in rows.itertuples()]
        return html_table([t["year"], t["series"], t["value"], figures.WORDS[self.language]["unit"], t["sources"]], cells,
                          "pcm-drawn pcm-stack")

    def chart_block(self, row: pd.Series, points: pd.DataFrame) -> str:
        """The figure of a target: a tab for the chart (drawn by pcm-charts.js; without scripts,
        its image) and one for the table of the numbers drawn; the sentence describing the chart
        (visible, and its accessible description); the chart as SVG and PNG (written at build
        time by `images.write_images`) and its data as CSV (`downloads.write_downloads`).
        Nothing where the figure would draw nothing."""
        from . import charts, downloads, figures, webchart

        figure = self.target_figure(row, points)
        if figure is None:
            return ""
        t, words = self.text, figures.WORDS[self.language]
        target_id = row["target_id"]
        key = target_anchor(target_id)
        summary_id = f"{key}-chart-summary"
        label = self.chart_label(row)
        image = f"../{DOWNLOADS}/{downloads.image_file(target_id, self.language, 'svg')}"
        boxes = [webchart.spec_html(spec, label=label + (self.bracket(t["context_panel"]) if i else ""), fallback="",
                                    language=self.language, described_by=summary_id) for i, spec in enumerate(figure.specs)]
        if len(boxes) > 1:
            boxes.insert(1, f'<p class="pcm-context-head">{esc(t["context_panel"])}</p>')
        tab = (lambda which, selected: f'<button type="button" role="tab" id="{esc(key)}-tab-{which}" '
               f'aria-controls="{esc(key)}-panel-{which}" aria-selected="{"true" if selected else "false"}"'
               f'{"" if selected else UNSELECTED_TAB}>{esc(words[which])}</button>')
        panel = (lambda which, body, selected: f'<div class="pcm-panel pcm-panel-{which}" role="tabpanel" '
                 f'id="{esc(key)}-panel-{which}" aria-labelledby="{esc(key)}-tab-{which}"'
                 f'{"" if selected else " hidden"}>{body}</div>')
        static = (f'<noscript><img class="pcm-chart-static" src="{esc(image)}" alt="{esc(label)}" '
                  f'aria-describedby="{esc(summary_id)}"></noscript>')
        links = " · ".join([self.download_link(image, words["svg"], "image/svg+xml"),
                            self.download_link(f"../{DOWNLOADS}/{downloads.image_file(target_id, self.language, 'png')}",
                                               words["png"], "image/png"),
                            self.download_link(f"../{DOWNLOADS}/{downloads.target_file(target_id)}", words["csv"])])
        base = charts.plan_base(row, self.dataset.indicators)
        return (f'<div class="pcm-figure" id="{esc(key)}-figure">'
                f'<div class="pcm-tabs" role="tablist" aria-label="{esc(words["views"])}">'
                + tab("chart", True) + tab("table", False) + "</div>\n"
                + panel("chart", static + "".join(boxes), True) + "\n"
                + panel("table", self.drawn_table(figure), False) + "\n"
                + f'<p class="pcm-chart-summary" id="{esc(summary_id)}"><span class="pcm-label">'
                f'{esc(t["chart_summary"])}{self.colon}</span>{esc(self.chart_summary(row, points, base))}</p>'
                + f'<p class="pcm-download">{esc(words["download"])}{self.colon}{links}</p></div>')

    def chart_summary(self, row: pd.Series, points: pd.DataFrame, base: tuple[int, float] | None = None) -> str:
        """Sentences describing the chart, for readers who cannot see it: each area's figures
        (a single figure said to be one), the target, the required path, and the projection
        with its 95% interval (the values the chart draws)."""
        from . import charts

        zh, unit = self.language == "zh", row["unit"]
        pieces = []
        for (geography, area), series in points.groupby(["geography", "area"], sort=False):
            last = series.iloc[-1]
            value = format_quantity(last["value"], unit, self.language)
            single = len(series) == 1
            if zh:
                pieces.append(f"{area}{last['year']}年为{value}" + ("（仅此一个数字）" if single else ""))
            else:
                pieces.append(f"{area}: {value} in {last['year']}" + (" (a single figure)" if single else ""))
            if geography != row["geography"] and not charts.comparable(unit):
                pieces[-1] += "，另用坐标轴" if zh else ", on its own axis"
        target = self.target_words(row)
        words = ((f"图示{row['metric_zh']}的公开数据：" + "；".join(pieces) + f"。目标：{target}。") if zh else
                 (f"Published data for {row['metric_en']}: " + "; ".join(pieces) + f". Target: {target}."))
        if base is not None and pd.notna(row["target_value"]) and pd.notna(row["target_year"]):
            start = format_quantity(base[1], unit, self.language)
            words += (f"所需路径：从{base[0]}年的{start}到{row['target_year']}年的目标。" if zh else
                      f" Required path: from {start} in {base[0]} to the target in {row['target_year']}.")
        if pd.notna(row.get("projected_value")):
            projected = format_quantity(row["projected_value"], unit, self.language)
            interval = ""
            if pd.notna(row.get("interval_low")):
                low, high = (format_quantity(row[c], unit, self.language) for c in ("interval_low", "interval_high"))
                interval = f"（95%预测区间{low}至{high}）" if zh else f" (95% prediction interval {low} to {high})"
            words += (f"按当前速度预测{row['target_year']}年为{projected}{interval}。" if zh else
                      f" Projection for {row['target_year']} at the present pace: {projected}{interval}.")
        return words

    def show_target_by_id(self, target_id: str, heading: str) -> None:
        """The section of one target, whose heading the pipeline wrote above it; the heading
        must be the one the data give."""
        row = self.rows.set_index("target_id", drop=False).loc[target_id]
        if heading != target_heading(row, self.language):
            raise ValueError(f"heading {heading!r} does not match the data: {target_heading(row, self.language)!r}; "
                             "re-run the chapters")
        self.show_target(row)

    def show_all_targets(self) -> None:
        for _, row in self.rows.iterrows():
            self.show_target(row)
