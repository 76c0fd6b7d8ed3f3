"""The overview pages: scorecard, responsibility, methodology, sources, and the plan itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from . import editions, progress as pg
from .catalogue import split_departments, tasks_frame
from .dataset import load_dataset
from .labels import LANGUAGES, STATUS_TABLE, pick, status_text
from .observations import PUBLIC_SOURCE_KINDS
from .methodology import methodology_html
from .publication import View, chapter_title, esc, html_table, table_html

PAGE_TITLES = {
    "scorecard": ("目标总览", "Scorecard"), "responsibility": ("责任分工", "Who is responsible"),
    "methodology": ("评估方法", "Methodology"), "sources": ("数据与来源", "Data and sources"),
    "plan": ("方案原文", "The plan"),
    "changes": ("本版变化与往期", "What changed, and past editions"),
}

# The sources page's opening, by whether (public, supplied) sources are listed.
SOURCES_INTRO = {
    (True, False): ("所有观测值均为公开发布的数字，每条注明来源。普陀区多数指标尚无公开的区级数据；上海市和全国数据仅作背景。",
                    "Every observation is a published figure with its source. Most Putuo indicators have no public "
                    "district data yet; Shanghai and national figures are context only."),
    (True, True): ("观测值为公开发布的数字或区级部门提供的数据，每条注明来源；部门提供的数据未公开发布，注明提供部门和日期。"
                   "上海市和全国数据仅作背景。",
                   "Every observation is a published figure or a figure supplied by a district department, each with "
                   "its source; supplied figures are not published, and the department and date are given. Shanghai "
                   "and national figures are context only."),
    (False, True): ("所有观测值均为区级部门提供的数据，未公开发布，每条注明提供部门和日期。",
                    "Every observation is a figure supplied by a district department, not published; the department "
                    "and date are given for each."),
}
SOURCES_INTRO[(False, False)] = SOURCES_INTRO[(True, False)]

CHANGE_LABELS = {
    editions.NEW_TARGET: ("新增目标", "New target"), editions.REMOVED_TARGET: ("已删除的目标", "Target removed"),
    editions.NEWLY_MET: ("新近达标", "Newly met"), editions.NEWLY_OFF_TRACK: ("新近偏离", "Newly off track"),
    editions.STATUS_CHANGED: ("状态变化", "Status changed"), editions.NEW_DATA: ("有新数据", "New data"),
    editions.UNCHANGED: ("无变化", "Unchanged"),
}


# The plan's headings: 一、主要目标 (a part) and （一）能源低碳绿色转型行动 (a section), each a line
# of its own without a full stop; numbered paragraphs such as （一）落实…。 are not headings.
PLAN_HEADINGS = ((2, re.compile(r"^[一二三四五六七八九十]+、[^。]{1,20}$")),
                 (3, re.compile(r"^（[一二三四五六七八九十]+）[^。]{1,20}$")))


def plan_heading(line: str) -> int | None:
    """The heading level (2 or 3) of a line of the plan's text, or None for a paragraph."""
    return next((level for level, pattern in PLAN_HEADINGS if pattern.match(line.strip())), None)


def target_link(target_id: str, action: int, label: str) -> str:
    """Link from a language tree's top level to a target's section in its chapter."""
    return f'<a href="actions/action-{action}.html#{esc(target_id.lower())}">{esc(label)}</a>'


@dataclass
class Page(View):
    page: str = "scorecard"

    @classmethod
    def load(cls, page: str, language: str, data_dir: str | None, edition: int, data_as_of: str) -> "Page":
        return cls(load_dataset(Path(data_dir) if data_dir else None), language, edition,
                   date.fromisoformat(data_as_of), page)

    @property
    def title(self) -> str:
        return PAGE_TITLES[self.page][LANGUAGES.index(self.language)]

    @property
    def counterpart(self) -> str:
        return f"../{'en' if self.language == 'zh' else 'zh'}/{self.page}.html"

    def show(self) -> None:
        display(HTML(self.language_switch() + getattr(self, self.page)()))

    def action_title(self, action: int) -> str:
        return chapter_title(self.dataset, action, self.language)

    def scorecard(self) -> str:
        a = self.assessment
        counts = a["status"].value_counts().reindex(pg.STATUSES, fill_value=0)
        counts = counts[counts > 0]
        zh = self.language == "zh"
        count_table = pd.DataFrame({("状态" if zh else "Status"): [status_text(s, self.language) for s in counts.index],
                                    ("目标数" if zh else "Targets"): counts.to_numpy()})
        intro = (f"方案共有{len(a)}项量化目标。以下为{self.edition}年版（{self.as_of_words()}）的评估状态；点击目标可查看详情。"
                 if zh else f"The plan has {len(a)} quantified targets. Their status in the {self.edition} edition "
                 f"({self.as_of_words()}); follow a target for its details.")
        rows = [[self.chinese(r.clause),
                 target_link(r.target_id, r.action, r.target_id + ' ' + getattr(r, 'metric_' + self.language)),
                 esc(self.target_words(pd.Series(r._asdict()))), esc(self.status_words(pd.Series(r._asdict())))]
                for r in a.itertuples()]
        head = ["条款", "目标", "目标值", "状态"] if zh else ["Clause", "Target", "Target value", "Status"]

        def tally(statuses: pd.Series) -> str:  # '▲ 进度正常 ×2 · ? 暂无法评估 ×1': symbol and words, never symbol alone
            n = statuses.value_counts().reindex(pg.STATUSES).dropna().astype(int)
            return " · ".join(f"{status_text(s, self.language)} ×{k}" for s, k in n.items())

        by_action = a.groupby("action")["status"].apply(tally).rename("s").reset_index()
        action_rows = pd.DataFrame({("行动" if zh else "Action"): [self.action_title(x) for x in by_action["action"]],
                                    ("目标状态" if zh else "Status of its targets"): by_action["s"]})
        return (f"<p>{esc(intro)}</p>" + self.assessment_downloads() + table_html(count_table, "pcm-counts")
                + table_html(action_rows, "pcm-by-action")
                + html_table(head, rows, "pcm-scorecard pcm-stack"))

    def responsibility(self) -> str:
        tasks = tasks_frame(self.dataset.actions)
        targets = self.dataset.targets.assign(department=split_departments(self.dataset.targets["departments"]))
        targets = targets.explode("department")
        english = self.dataset.departments.set_index("name_zh")["name_en"]
        blocks = []
        for department in self.dataset.departments["name_zh"]:
            own_tasks = tasks[tasks["department"] == department]
            own_targets = targets[targets["department"] == department]
            if own_tasks.empty and own_targets.empty:
                continue
            name = department if self.language == "zh" else f"{english[department]} ({department})"
            task_items = "".join(f"<li>{esc(r.numeral)}.{r.task} {esc(getattr(r, 'task_title_' + self.language))}</li>"
                                 for r in own_tasks.itertuples())
            target_items = "".join(
                f"<li>{target_link(r.target_id, r.action, r.target_id + ' ' + getattr(r, 'metric_' + self.language))}</li>"
                for r in own_targets.itertuples())
            heading_tasks, heading_targets = ("任务", "目标") if self.language == "zh" else ("Tasks", "Targets")
            blocks.append(f'<h2 id="dept-{len(blocks) + 1}">{esc(name)}</h2>'
                          + (f"<p>{heading_tasks}</p><ul>{task_items}</ul>" if task_items else "")
                          + (f"<p>{heading_targets}</p><ul>{target_items}</ul>" if target_items else ""))
        return "".join(blocks)

    def methodology(self) -> str:
        return methodology_html(self.language, self.dataset.factors)

    def sources(self) -> str:
        """Every source with who published or supplied it, its link and kind, and how many values it gives."""
        zh = self.language == "zh"
        used = self.dataset.observations.groupby("source_id").agg(n=("value", "size"))
        rows = [[esc(s.title), esc(s.publisher), esc(s.date), self.link(s.url) or "—",
                 esc(self.kind_words(s.kind)), str(used["n"].get(s.source_id, 0))]
                for s in self.source_table.itertuples()]
        head = (["标题", "发布或提供者", "日期", "链接", "类型", "数据条数"] if zh else
                ["Title", "Published or supplied by", "Date", "Link", "Kind", "Values"])
        public = self.dataset.sources["kind"].isin(PUBLIC_SOURCE_KINDS)
        intro = pick(SOURCES_INTRO[(public.any(), (~public).any())], self.language)
        return f"<p>{esc(intro)}</p>" + html_table(head, rows, "pcm-source-list pcm-stack")

    def plan(self) -> str:
        """The plan's text, line by line (a paragraph a line), under its own headings with a
        contents list of them; each target's words marked and linked to its section. Targets
        whose words overlap (a sentence holding two targets) share one mark, followed by a
        link per target."""
        zh = self.language == "zh"
        intro = ("" if zh else
                 "<p>The plan is published in Chinese only. Each quantified target is linked to its assessment.</p>")
        text = self.dataset.plan_text
        spans = sorted((text.find(r.text_zh), r) for r in self.dataset.targets.itertuples() if r.text_zh in text)
        groups: list[list] = []  # [start, end, targets]
        for start, r in spans:
            end = start + len(r.text_zh)
            if groups and start < groups[-1][1]:
                groups[-1][1] = max(groups[-1][1], end)
                groups[-1][2].append(r)
            else:
                groups.append([start, end, [r]])
        pieces, position = [], 0
        for start, end, targets in groups:
            first = targets[0]
            pieces += [esc(text[position:start]), f"<mark>{target_link(first.target_id, first.action, text[start:end])}</mark>",
                       *(f"<sup>{target_link(r.target_id, r.action, r.target_id)}</sup>" for r in targets)]
            position = end
        pieces.append(esc(text[position:]))
        body, contents, part, section = [], [], 0, 0
        for line in "".join(pieces).split("\n"):
            level = plan_heading(line)
            if level is None:
                if line.strip():
                    body.append(f"<p>{line}</p>")
                continue
            part, section = (part + 1, 0) if level == 2 else (part, section + 1)
            anchor = f"plan-{part}" + (f"-{section}" if level == 3 else "")
            body.append(f'<h{level} id="{anchor}">{line}</h{level}>')
            contents.append(f'<li class="pcm-plan-toc-{level}"><a href="#{anchor}">{line}</a></li>')
        label = "方案目录" if zh else "Contents of the plan"
        toc = (f'<nav class="pcm-plan-toc" aria-label="{esc(label)}"><p class="pcm-label">{esc(label)}</p>'
               f'<ul lang="zh-CN">{"".join(contents)}</ul></nav>')
        return intro + toc + f'<div class="pcm-plan" lang="zh-CN">{"".join(body)}</div>'

    def changes(self) -> str:
        """What changed since the previous stored edition, and every past edition's status counts."""
        zh = self.language == "zh"
        stored = editions.load_editions(self.dataset.data_dir)
        past = {year: frame for year, frame in stored.items() if year < self.edition}
        previous = editions.previous_edition(past, self.edition)
        current = editions.snapshot(self.assessment)
        if previous is None:
            parts = [f"<p>{esc('这是本监测的第一版，尚无可比较的往期版本。' if zh else 'This is the first edition: there is no earlier edition to compare with.')}</p>"]
        else:
            changed = editions.diff(past[previous], current)
            changed = changed[changed["change"] != editions.UNCHANGED]
            intro = (f"{self.edition}年版（{self.as_of_words()}）与{previous}年版相比，{len(changed)}项目标有变化。" if zh else
                     f"The {self.edition} edition ({self.as_of_words()}) compared with the {previous} edition: "
                     f"{len(changed)} targets changed.")
            def status_cell(status):
                return status_text(status, self.language) if isinstance(status, str) else "—"
            table = pd.DataFrame({
                ("目标" if zh else "Target"): changed["target_id"],
                ("变化" if zh else "Change"): [pick(CHANGE_LABELS[c], self.language) for c in changed["change"]],
                (f"{previous}年版" if zh else f"{previous} edition"): [status_cell(s) for s in changed["status_before"]],
                (f"{self.edition}年版" if zh else f"{self.edition} edition"): [status_cell(s) for s in changed["status_now"]],
            })
            parts = [f"<p>{esc(intro)}</p>", table_html(table, "pcm-changes") if len(changed) else ""]
        counts = {year: frame["status"].value_counts() for year, frame in sorted(past.items())}
        counts[self.edition] = current["status"].value_counts()
        archive = pd.DataFrame(counts).reindex(pg.STATUSES).fillna(0).astype(int)
        archive = archive[archive.sum(axis=1) > 0]
        archive.index = [status_text(s, self.language) for s in archive.index]
        archive.columns = [f"{year}年版" if zh else f"{year} edition" for year in archive.columns]
        heading = "往期各版状态统计" if zh else "Status counts of every edition"
        parts.append(f"<h2>{esc(heading)}</h2>" + table_html(archive.reset_index(names="" ), "pcm-archive"))
        return "".join(parts)
