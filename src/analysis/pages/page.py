"""The overview pages: the landing page of each language (index), scorecard, what changed,
responsibility, methodology, sources, what was checked, the data dictionary, and the plan."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML, display

from . import overview  # datapackage (frictionless) is imported where a page links or describes it, not by the preview
from ..assess import editions, progress as pg
from ..inputs.catalogue import split_departments, tasks_frame
from ..inputs.checks import FINDINGS, Searched, searched
from .labels import FINDINGS as FINDING_WORDS, pick, status_text
from ..inputs.observations import PUBLIC_SOURCE_KINDS
from ..inputs.plan import Plan
from .methodology import methodology_html
from .footer import link as footer_link
from .publication import DOWNLOADS, View, chapter_title, esc, html_table, missing, table_html, target_anchor

# Each page's title; the landing page (index) is titled with the site's name (plan.yaml).
PAGE_TITLES = {
    "scorecard": ("目标总览", "Scorecard"), "responsibility": ("责任分工", "Who is responsible"),
    "methodology": ("评估方法", "Methodology"), "sources": ("数据与来源", "Data and sources"),
    "plan": ("方案原文", "The plan"),
    "changes": ("本版变化与往期", "What changed, and past editions"),
    "checks": ("查过哪些资料", "What was checked"),
    "data": ("数据字典与下载", "Data dictionary and downloads"),
    "corrections": ("更正与报告错误", "Corrections, and reporting an error"),
}


def page_title(page: str, plan: Plan, language: str) -> str:
    """A page's title in `language`: the site's name for the landing page."""
    return plan.site_title(language) if page == "index" else pick(PAGE_TITLES[page], language)


def about_paragraphs(plan: Plan, actions: dict, language: str) -> list[str]:
    """The landing page's account of what the monitor is, from plan.yaml and the catalogue."""
    last = actions["actions"][-1]
    district, context = plan.district_short(language), plan.context_names(language)
    if language == "zh":
        background = f"{context}数据只作背景，不用于判断{district}的进展。" if context else ""
        return [f"本站逐项跟踪《{plan.plan.title_zh}》（{plan.plan.number}）的主要目标和{last['numeral']}项行动中的全部"
                "量化目标，说明每项目标距达成还有多远、按当前趋势能否如期实现。",
                f"目标均摘自方案原文并注明条款；观测值只用公开发布的数字，每一条注明来源和地区；查过的资料中找不到{district}数字的指标写明"
                f"“在查过的资料中未找到区级数字”，并列出查过哪些资料{'，' + background if background else '。'}"]
    background = f"; {context} figures are context only and never count towards {district}'s status." if context else "."
    return [f"This site follows every quantified target of the {plan.plan.title_en} ({plan.plan.number}), its headline "
            f"goals and the targets of its {last['id']} actions: how far each target is from being met, and whether its "
            "trend will get there in time.",
            "Targets are the plan's own words, each with its clause. Observations are published figures only, each with "
            f"its source and area. Where the publications checked hold no {district} figure, the page says \"no district figure "
            "found in the publications checked\" and lists them"
            + background]


# The sources page's opening, by whether (public, supplied) sources are listed; {district} and
# {context} from plan.yaml.
SOURCES_INTRO = {
    (True, False): ("所有观测值均为公开发布的数字，每条注明来源。在查过的资料中，{district}多数指标未找到区级数字；{context}数据仅作背景。"
                    "每条来源注明类型：官方发布（政府网站上的原文）、转载、新闻报道或研究估算。",
                    "Every observation is a published figure with its source. For most {district} indicators no district "
                    "figure was found in the publications checked; {context} figures are context only. Each source says "
                    "what kind it is: official (the government's own page), repost, news report or research estimate."),
    (True, True): ("观测值为公开发布的数字或区级部门提供的数据，每条注明来源；部门提供的数据未公开发布，注明提供部门和日期。"
                   "{context}数据仅作背景。",
                   "Every observation is a published figure or a figure supplied by a district department, each with "
                   "its source; supplied figures are not published, and the department and date are given. {context} "
                   "figures are context only."),
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


# The usual parts of a district carbon peak plan, for the English names of the plan page's part
# headings (一、主要目标 ...); a part not listed is shown in Chinese alone.
PLAN_PARTS_EN = {"总体要求": "General requirements", "主要目标": "Headline goals", "重点任务": "Key tasks",
                 "政策保障": "Policy safeguards", "组织实施": "Implementation", "保障措施": "Safeguards"}


def plan_heading_en(line: str, level: int, actions: dict) -> str:
    """The English name of a heading of the plan's text: a part from PLAN_PARTS_EN, a section
    from the catalogue (the action, safeguard or implementation item whose Chinese title it
    holds); '' when none is known."""
    title = re.sub(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)", "", line.strip())
    if level == 2:
        return PLAN_PARTS_EN.get(title, "")
    entries = [*actions["actions"], *actions.get("safeguards", []), *actions.get("implementation", [])]
    return next((e["title_en"] for e in entries if e["title_zh"] and e["title_zh"] in title), "")


def plan_heading(line: str) -> int | None:
    """The heading level (2 or 3) of a line of the plan's text, or None for a paragraph."""
    return next((level for level, pattern in PLAN_HEADINGS if pattern.match(line.strip())), None)


def target_link(target_id: str, action: int, label: str) -> str:
    """Link from a language tree's top level to a target's section in its chapter."""
    return f'<a href="actions/action-{action}.html#{esc(target_anchor(target_id))}">{esc(label)}</a>'


@dataclass
class Page(View):
    page: str = "scorecard"

    @property
    def title(self) -> str:
        return page_title(self.page, self.dataset.plan, self.language)

    @property
    def counterpart(self) -> str:
        return f"../{'en' if self.language == 'zh' else 'zh'}/{self.page}.html"

    def show(self) -> None:
        display(HTML(self.language_switch() + getattr(self, self.page)()))

    def action_title(self, action: int) -> str:
        return chapter_title(self.dataset, action, self.language)

    def target_href(self, row) -> str:
        return f"actions/action-{row['action']}.html#{target_anchor(row['target_id'])}"

    @property
    def standing(self) -> overview.Standing:
        return overview.standing(self.assessment, self.data_as_of)

    @property
    def searched(self) -> Searched:
        """Every search on file (checks.csv)."""
        return searched(self.dataset.checks)

    def action_titles(self) -> dict[int, str]:
        return {a: self.action_title(a) for a in self.assessment["action"].unique()}

    def heading(self, anchor: str, zh: str, en: str) -> str:
        return f'<h2 id="{anchor}">{esc(zh if self.language == "zh" else en)}</h2>'

    def index(self) -> str:
        """The landing page: the conclusion first, every target as a cell, then what the site is."""
        zh = self.language == "zh"
        about = "".join(f"<p>{esc(p)}</p>" for p in about_paragraphs(self.dataset.plan, self.dataset.actions,
                                                                       self.language))
        pages = [("scorecard", "逐项状态、期限和数据报送情况", "every target's status, deadlines and reporting status"),
                 ("methodology", "状态如何判断", "how a status is decided"),
                 ("checks", "为找区级数据查过哪些资料", "the publications searched for district figures"),
                 ("data", "全部数据的下载和说明", "every table to download, with its dictionary"),
                 ("sources", "每条数据的来源", "the source of every figure"), ("plan", "方案原文", "the plan's text")]
        links = "".join(f'<li><a href="{page}.html">{esc(pick(PAGE_TITLES[page], self.language))}</a>'
                        f'{"：" if zh else ": "}{esc(z if zh else e)}</li>' for page, z, e in pages)
        plan = self.dataset.plan
        return (self.heading("answer", f"{plan.district_name('zh')}进展如何", f"Where {plan.district_short('en')} stands")
                + overview.conclusion_html(self.standing, plan, self.language, self.searched)
                + self.heading("targets-at-a-glance", "每项目标一格", "Every target at a glance")
                + overview.status_grid_html(self.assessment, self.action_titles(), self.language, self.target_href)
                + overview.status_key_html(self.assessment, self.language)
                + self.heading("about", "关于本监测", "About this monitor") + about + f"<ul>{links}</ul>")

    def scorecard(self) -> str:
        """The conclusion, the status key, the overview pictures, then every target's row."""
        a = self.assessment
        zh = self.language == "zh"
        intro = (f"以下为{self.edition}年版（{self.as_of_words()}）每项目标的状态；点击目标可查看详情。"
                 if zh else f"Every target's status in the {self.edition} edition ({self.as_of_words()}); "
                 "follow a target for its details.")
        rows = [[self.clause(r.clause),
                 target_link(r.target_id, r.action, r.target_id + ' ' + getattr(r, 'metric_' + self.language)),
                 esc(self.target_words(pd.Series(r._asdict()))), esc(self.status_words(pd.Series(r._asdict())))]
                for r in a.itertuples()]
        head = ["条款", "目标", "目标值", "状态"] if zh else ["Clause", "Target", "Target value", "Status"]
        departments = self.dataset.departments.set_index("name_zh")["name_en"]
        names = {} if zh else {k: f"{v} ({k})" for k, v in departments.items()}
        return (overview.conclusion_html(self.standing, self.dataset.plan, self.language, self.searched, scorecard=None)
                + self.heading("key", "状态图例（点击查看定义；数字为目标数）",
                               "Status key (follow a status for its definition; the number is of targets)")
                + overview.status_key_html(a, self.language, titled=False)
                + self.heading("grid", "每项目标一格（按行动）", "Every target, by action")
                + overview.status_grid_html(a, self.action_titles(), self.language, self.target_href)
                + self.heading("deadlines", "期限", "Deadlines")
                + overview.timeline_html(a, self.data_as_of, self.language, self.target_href)
                + self.heading("reporting", "数据报送情况", "Reporting status")
                + overview.reporting_html(a, self.action_titles(), names, self.language)
                + self.heading("all-targets", "逐项状态", "Target by target")
                + f"<p>{esc(intro)}</p>" + html_table(head, rows, "pcm-scorecard pcm-stack")
                + self.assessment_downloads() + self.data_downloads())

    def data_downloads(self) -> str:
        """Links to the data as entered and the data package (from the top of a language tree)."""
        from . import datapackage

        base = f"{DOWNLOADS}/"
        words = "下载数据" if self.language == "zh" else "Download the data"
        files = [*(f for f in datapackage.DATA_COPIES), datapackage.DESCRIPTOR]
        links = " · ".join(self.download_link(base + f, f, "application/json" if f.endswith(".json") else "text/csv")
                           for f in files)
        more = "数据字典" if self.language == "zh" else "data dictionary"
        return f'<p class="pcm-download">{esc(words)}{self.colon}{links} (<a href="data.html">{esc(more)}</a>)</p>'

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
        plan = self.dataset.plan
        intro = pick(SOURCES_INTRO[(public.any(), (~public).any())], self.language).format(
            district=plan.district_short(self.language), context=plan.context_names(self.language))
        return f"<p>{esc(intro)}</p>" + html_table(head, rows, "pcm-source-list pcm-stack")

    def plan(self) -> str:
        """The plan's text, line by line (a paragraph a line), under its own headings with a
        contents list of them; each target's words marked and linked to its section. Targets
        whose words overlap (a sentence holding two targets) share one mark, followed by a
        link per target."""
        zh = self.language == "zh"
        intro = ("" if zh else
                 "<p>The plan is published in Chinese only: its text stays in Chinese, with the headings named in "
                 "English beside them. Each quantified target is marked and linked to its assessment.</p>")
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
            english = "" if zh else plan_heading_en(line, level, self.dataset.actions)
            words = line + (f' <span class="pcm-plan-en" lang="en">{esc(english)}</span>' if english else "")
            body.append(f'<h{level} id="{anchor}">{words}</h{level}>')
            contents.append(f'<li class="pcm-plan-toc-{level}"><a href="#{anchor}">{words}</a></li>')
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
        data_heading = self.heading("data-changes", "数据与状态的变化", "Changes of data and status")
        if previous is None:
            parts = [data_heading + f"<p>{esc('这是本监测的第一版，尚无可比较的往期版本。' if zh else 'This is the first edition: there is no earlier edition to compare with.')}</p>"]
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
            parts = [data_heading + f"<p>{esc(intro)}</p>", table_html(table, "pcm-changes") if len(changed) else ""]
        parts.append(self.method_log(past, previous))
        counts = {year: frame["status"].value_counts() for year, frame in sorted(past.items())}
        counts[self.edition] = current["status"].value_counts()
        archive = pd.DataFrame(counts).reindex(pg.STATUSES).fillna(0).astype(int)
        archive = archive[archive.sum(axis=1) > 0]
        archive.index = [status_text(s, self.language) for s in archive.index]
        archive.columns = [f"{year}年版" if zh else f"{year} edition" for year in archive.columns]
        heading = "往期各版状态统计" if zh else "Status counts of every edition"
        parts.append(f"<h2>{esc(heading)}</h2>" + table_html(archive.reset_index(names="" ), "pcm-archive"))
        return "".join(parts)

    def method_log(self, past: dict, previous: int | None) -> str:
        """Every change of method (method_changes.csv): the edition it applies from, when it was
        made, the rule, and which statuses it changed. Those are computed, never entered: the
        previous edition re-assessed at its own data-as-of date with this edition's method and
        data, compared with the statuses it published (one list for all of an edition's changes,
        which include any correction of data logged for it)."""
        zh = self.language == "zh"
        log = self.dataset.method_changes
        heading = self.heading("method-changes", "方法变更", "Changes of method")
        if log is None or log.empty:
            return heading + f"<p>{esc('尚无方法变更：各版均按同一方法评估。' if zh else 'No change of method yet: every edition was assessed by the same method.')}</p>"
        moved_words = self.restated_words(past, previous)
        def statuses(edition: int) -> str:
            if edition > self.edition:
                return (f"预告：{edition}年版发布时计算" if zh else f"announced: computed when the {edition} edition is published")
            if edition < self.edition:
                return f"见{edition}年版" if zh else f"see the {edition} edition"
            return moved_words
        head = ["适用版本", "日期", "规则", "改变了哪些状态"] if zh else ["From edition", "Date", "Rule", "Statuses it changed"]
        rows = [[esc(f"{r.edition}年版" if zh else f"{r.edition} edition"), esc(r.date), esc(getattr(r, "rule_" + self.language)),
                 statuses(int(r.edition))] for r in log.itertuples()]
        intro = ("改变了哪些状态由程序计算：用本版的方法和数据，按上一版的数据截至日期重新评估上一版，与上一版公布的状态比较"
                 "（同一版的方法变更合并计算，也包括该版记录的数据更正）。" if zh else
                 "Which statuses a change moved is computed: the previous edition re-assessed at its own data-as-of date "
                 "with this edition's method and data, compared with the statuses it published (one comparison for all "
                 "of an edition's changes, including any correction of data logged for it).")
        return heading + f"<p>{esc(intro)}</p>" + html_table(head, rows, "pcm-method-log pcm-stack")

    def restated_words(self, past: dict, previous: int | None) -> str:
        """The targets whose status the previous edition, re-assessed now, would change ('none')."""
        zh = self.language == "zh"
        if previous is None:
            return esc("无可比较的上一版" if zh else "no earlier edition to compare with")
        as_of = next(e.data_as_of for e in editions.read_records(self.dataset.data_dir) if e.year == previous)
        restated = editions.snapshot(pg.assess_district(self.dataset, as_of))
        moved = editions.status_changes(past[previous], restated)
        if moved.empty:
            return esc("无（没有状态改变）" if zh else "none (no status moved)")
        rows = self.assessment.set_index("target_id")
        def words(status) -> str:
            return status_text(status, self.language) if isinstance(status, str) else "—"
        return "<br>".join(
            (target_link(r.target_id, int(rows.loc[r.target_id, "action"]), r.target_id) if r.target_id in rows.index
             else esc(r.target_id)) + esc(f" {words(r.status_before)} → {words(r.status_now)}") for r in moved.itertuples())

    def corrections(self) -> str:
        """How to report an error (what to include, where to send it: plan.yaml's channel) and
        every correction made to a published edition (corrections.csv), by edition."""
        zh = self.language == "zh"
        plan = self.dataset.plan
        channel = plan.site.report_error
        include = (["出错的页面网址或目标编号（如 T1-1）；", "错在哪里：哪个数字或哪句话；",
                    "您认为正确的内容，以及能说明它的资料（标题、发布者、日期、网址）；",
                    "如希望得到答复，您的联系方式。"] if zh else
                   ["the page's address or the target's id (such as T1-1);", "what is wrong: which figure or which words;",
                    "what you believe is right, and the publication that shows it (title, publisher, date, address);",
                    "how to reach you, if you would like an answer."])
        if channel:
            where = (f"请发送至：{footer_link(channel, plan.report_link())}。" if zh else
                     f"Send it to: {footer_link(channel, plan.report_link())}.")
        else:
            where = esc("尚未设置报告错误的渠道：在 plan.yaml 中设置 site.report_error 之前，本站只能作为草稿生成，不能发布。" if zh else
                        "No channel for reporting an error is set yet: until plan.yaml sets site.report_error, this site "
                        "can only be built as a draft, not published.")
        parts = [self.heading("report-an-error", "如何报告错误", "How to report an error"),
                 f"<p>{esc('请写明：' if zh else 'Please include:')}</p><ul>{''.join(f'<li>{esc(i)}</li>' for i in include)}</ul>",
                 f"<p>{where}</p>",
                 f"<p>{esc('每项更正都记录在下表，注明所更正的版本和日期；更正后的版本会重新发布。' if zh else 'Every correction is logged below with the edition it corrects and its date; the corrected edition is published again.')}</p>",
                 self.heading("corrections-made", "已作的更正（按版本）", "Corrections made, by edition")]
        log = self.dataset.corrections
        if log is None or log.empty:
            return "".join(parts) + f"<p>{esc('尚无更正。' if zh else 'No correction has been made yet.')}</p>"
        actions = self.dataset.targets.set_index("target_id")["action"]
        def touched(ids) -> str:
            if missing(ids):
                return "—"
            return ("、" if zh else ", ").join(target_link(t, int(actions[t]), t) for t in ids.split(";"))
        head = ["版本", "更正日期", "更正内容", "涉及的目标"] if zh else ["Edition", "Corrected on", "What was corrected", "Targets"]
        rows = [[esc(f"{r.edition}年版" if zh else f"{r.edition} edition"), esc(r.date),
                 self.marked(getattr(r, "what_" + self.language)), touched(r.targets)]
                for r in log.sort_values(["edition", "date"], ascending=[False, True], kind="stable").itertuples()]
        return "".join(parts) + html_table(head, rows, "pcm-corrections pcm-stack")

    def checks(self) -> str:
        """For each indicator of a target, the publications searched for its district figure, when,
        and what was found; then the checks that concern every indicator (traps)."""
        zh = self.language == "zh"
        checks = self.dataset.checks if self.dataset.checks is not None else pd.DataFrame()
        day = "、".join(sorted(checks["date_checked"].unique())) if len(checks) else "—"
        district = self.dataset.plan.district_short(self.language)
        intro = (f"“在查过的资料中未找到区级数字”是查找的结果，不是关于{district}的事实。下表按指标列出为找{district}数字而查阅的资料、查阅时间（{day}）和结果，"
                 "便于核对，并在每年的新版中重新查找。" if zh else
                 f"\"No district figure found in the publications checked\" is the result of a search, not a fact about {district}. For each indicator, the publications searched for a "
                 f"{district} figure, when ({day}) and what was found, so that it can be verified and searched again each year.")
        head = (["资料", "发布者", "日期", "链接", "查阅日期", "结果", "说明"] if zh else
                ["Publication", "Publisher", "Date", "Link", "Checked", "Finding", "Note"])

        def table(rows: pd.DataFrame) -> str:
            rows = rows.assign(order=rows["finding"].map(FINDINGS.index)).sort_values("order", kind="stable")
            return html_table(head, [[esc(r.publication), esc(r.publisher) or "—", esc(r.published) or "—",
                                      self.link(r.url) or ("未记录" if zh else "not recorded"), esc(r.date_checked),
                                      esc(pick(FINDING_WORDS[r.finding], self.language).format(
                                          place=self.dataset.plan.district_place(self.language))),
                                      esc(getattr(r, "note_" + self.language))] for r in rows.itertuples()],
                              "pcm-checks pcm-stack")

        targets = self.assessment
        names = self.dataset.indicators.set_index("indicator_id")["name_" + self.language]
        parts = [f"<p>{esc(intro)}</p>"]
        for indicator, own in targets.groupby("indicator_id", sort=False):
            linked = "、".join(target_link(r.target_id, r.action, r.target_id) for r in own.itertuples()) if zh else \
                ", ".join(target_link(r.target_id, r.action, r.target_id) for r in own.itertuples())
            found = checks[checks["indicator_id"] == indicator] if len(checks) else checks
            body = table(found) if len(found) else (f"<p>{esc('尚无查找记录。' if zh else 'No search recorded yet.')}</p>")
            parts.append(f'<h2 id="check-{esc(indicator)}">{esc(names[indicator])}</h2>'
                         f'<p>{esc("目标：" if zh else "Targets: ")}{linked}</p>' + body)
        general = checks[checks["indicator_id"].isna()] if len(checks) else checks
        if len(general):
            parts.append(self.heading("check-all", "涉及所有指标的资料与易混淆的资料", "Checks that concern every indicator, and traps")
                         + table(general))
        return "".join(parts)

    def data(self) -> str:
        """The data dictionary: each table of the data package, its file and every field."""
        from . import datapackage

        zh = self.language == "zh"
        package = datapackage.descriptor(self.assessment, self.dataset.plan, self.edition, self.data_as_of.isoformat())
        base = f"{DOWNLOADS}/"
        intro = (f"全部数据以 Frictionless Data Package 格式发布：{datapackage.DESCRIPTOR} 描述下列每个表格及其字段，"
                 "可用 frictionless 等工具校验。文字和数据采用 CC BY 4.0 许可。" if zh else
                 f"All the data are published as a Frictionless Data Package: {datapackage.DESCRIPTOR} describes each table "
                 "below and its fields, and tools such as frictionless can validate the files against it. Text and data "
                 "are licensed CC BY 4.0.")
        parts = [f"<p>{esc(intro)}</p>", f'<p class="pcm-download">{self.download_link(base + datapackage.DESCRIPTOR, datapackage.DESCRIPTOR, "application/json")}</p>']
        head = ["字段", "类型", "必填", "允许的值或格式", "说明"] if zh else ["Field", "Type", "Required", "Allowed values or format", "Meaning"]
        for resource, (_, file, _, title) in zip(package["resources"], datapackage.RESOURCES):
            rows = []
            for f in resource["schema"]["fields"]:
                c = f.get("constraints", {})
                allowed = ", ".join(map(str, c["enum"])) if "enum" in c else (c.get("pattern") or (
                    f"{c['minimum']}–{c['maximum']}" if "minimum" in c else ""))
                en, zh_words = f["description"].split(" / ", 1)
                rows.append([f"<code>{esc(f['name'])}</code>", esc(f["type"]), "✔" if c.get("required") else "",
                             esc(allowed), esc(zh_words if zh else en)])
            parts.append(f'<h2 id="table-{resource["name"]}">{esc(pick(title, self.language))}</h2>'
                         f'<p class="pcm-download">{self.download_link(base + file, file)}</p>'
                         + html_table(head, rows, "pcm-dictionary pcm-stack"))
        return "".join(parts)
