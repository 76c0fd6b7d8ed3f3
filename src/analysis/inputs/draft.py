"""A draft data folder from a plan's text (`python -m analysis draft-plan PLAN.zh.txt --out DIR`).

A Shanghai district plan has a regular shape: parts 一、二、…, sections （一）（二）… (the actions),
numbered tasks 1、 2、 … (or 1. 2.), the lead departments in brackets (or after 责任单位：) closing
each task, and targets as sentences with a year, a number and a unit. This module reads that
shape, one small function per concept, and writes what an analyst would otherwise type:

* `plan.yaml`: title, document number, date of issue and issuer where the text states them;
* `actions.yaml`: headline goals, the actions in order with their tasks and lead departments,
  safeguards and implementation;
* `departments.csv`: every department named as a lead, first-named first;
* `targets.csv`: one row per candidate quantified target, marked `draft` until the analyst has
  checked it against the plan and cleared the mark;
* `unplaced.txt`: every sentence with a number no candidate took, with its clause.

What only a person can supply (English, indicator ids, the geographies, the site's name) is
left empty, so `validate` names exactly that. Numbers are read the Chinese way: 2.2万千瓦 =
22000 kW, 360万平方米 = 3600000 m2, "4-6 个" = 4 to 6, "50%以上" / 不低于 = at least, 超过 = more
than; 力争 and 确保 are kept in the note. Five-year plans: “十四五” = 2021-2025.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import catalogue, checks as ck, energy, observations as obs
from .validation import guess_encoding

UNPLACED = "unplaced.txt"
NUMERALS = "一二三四五六七八九十"
GOALS_WORDS = ("主要目标", "总体目标", "发展目标", "工作目标")
IMPLEMENTATION_WORDS = ("组织实施",)


class DraftError(ValueError):
    """The text cannot be drafted from: one message (zh, en), nothing written."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(en)

    def text(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


@dataclass(frozen=True)
class Finding:
    """Something in the text's numbering the analyst should look at (the draft keeps it)."""

    line: int
    zh: str
    en: str

    def text(self, language: str) -> str:
        return f"第{self.line}行：{self.zh}" if language == "zh" else f"line {self.line}: {self.en}"


# --- Chinese numbers ---------------------------------------------------------------------------

def chinese_numeral(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23 (up to 99)."""
    digits = {c: i + 1 for i, c in enumerate(NUMERALS[:9])}
    if "十" not in text:
        return digits[text]
    tens, _, ones = text.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def numeral_of(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三."""
    tens, ones = divmod(number, 10)
    return (("" if tens < 2 else NUMERALS[tens - 1]) + "十" if tens else "") + (NUMERALS[ones - 1] if ones else "")


# The unit words a quantity may carry: (pattern, unit code, factor to that unit).
UNIT_WORDS = [
    (r"万千瓦", "kW", 10_000), (r"兆瓦", "kW", 1_000), (r"千瓦", "kW", 1),
    (r"万平方米", "m2", 10_000), (r"平方米", "m2", 1),
    (r"万辆", "vehicles", 10_000), (r"辆", "vehicles", 1),
    (r"万吨(?:二氧化碳|CO2)?", "tCO2_10k", 1),
    (r"亿元", "yuan_100m", 1),
    (r"万个", "count", 10_000), (r"[个座处家根]", "count", 1),
    (r"[%％]", "percent", 1),
]
NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
QUANTITY = re.compile(rf"({NUMBER})(?:\s*[-—–~～至]\s*({NUMBER}))?\s*(万)?\s*("
                      + "|".join(f"(?:{w})" for w, _, _ in UNIT_WORDS) + ")")


@dataclass(frozen=True)
class Quantity:
    value: float
    high: float | None
    unit: str
    words: str  # as written: '2.2万千瓦'


def number(text: str) -> float:
    return float(text.replace(",", ""))


def quantities(text: str) -> list[Quantity]:
    """Every number with a unit in `text`, converted: '2.2万千瓦' -> 22000 kW, '4-6 个' -> 4..6 count,
    '19.2万' before a unit word multiplies by 10,000."""
    found = []
    for match in QUANTITY.finditer(text):
        low, high, wan, word = match.groups()
        unit, factor = next((u, f) for w, u, f in UNIT_WORDS if re.fullmatch(w, word))
        factor *= 10_000 if wan else 1
        found.append(Quantity(round(number(low) * factor, 6), None if high is None else round(number(high) * factor, 6),
                              unit, match.group(0)))
    return found


# --- time: 到2025年, 2030年前, 2022年起, “十四五”期间 ---------------------------------------------

@dataclass(frozen=True)
class Time:
    """When a target applies: by a year, before it (a peak), from it on (a bar in force), or over a period."""

    mode: str  # 'by', 'before', 'from', 'period'
    start: int | None
    end: int | None


def five_year_plan(numeral: str) -> tuple[int, int]:
    """十四五 -> (2021, 2025): the 11th five-year plan is 2006-2010."""
    start = 2006 + 5 * (chinese_numeral(numeral) - 11)
    return start, start + 4


FYP = re.compile(r"“?(十[一二三四五六七八九])五”?")
YEAR = re.compile(r"(?<![较比于与\d])(\d{4})\s*年\s*(前|起|以来|底)?")


def time_of(piece: str) -> Time | None:
    """The time a piece of a sentence names, if any (a base year after 较 / 比 is not one)."""
    piece = re.sub(r"[较比]\s*\d{4}\s*年", "", piece)
    plans = [five_year_plan(m.group(1)) for m in FYP.finditer(piece)]
    if plans and re.search(r"期间|时期", piece):
        return Time("period", plans[0][0], plans[-1][1])
    if plans and "末" in piece:
        return Time("by", None, plans[-1][1])
    for match in YEAR.finditer(piece):
        year, after = int(match.group(1)), match.group(2)
        if after == "以来":
            continue
        return Time({"前": "before", "起": "from"}.get(after, "by"), year if after == "起" else None,
                    None if after == "起" else year)
    return None


def only_time(piece: str) -> bool:
    """'到2025年', '“十四五”期间': a piece that names a time and nothing else."""
    rest = re.sub(r"\s", "", YEAR.sub("", FYP.sub("", piece)))
    return time_of(piece) is not None and re.fullmatch(r"(到|在|至|和|、|期间|时期|末|及|以后)*", rest) is not None


def baseline_year(piece: str) -> int | None:
    """较2020年 / 比2020年 -> 2020."""
    match = re.search(r"[较比]\s*(\d{4})\s*年", piece)
    return int(match.group(1)) if match else None


# --- what a piece promises ---------------------------------------------------------------------

FULL_SHARE = ("全覆盖", "全面执行", "全量", "全部")  # a full share: 100 percent
MILESTONE = re.compile(r"完成验收|应装尽装|创建[^，。；]*?(实践区|社区|示范区|城区)(?!.*经验)")
DELEGATED = re.compile(r"(市级|本市|市)下达[^，。；]*目标")
INTENSITY = re.compile(r"单位(生产总值|GDP|增加值)")
HEDGES = {"力争": ("“力争”表示争取性目标", '"力争" (strive to) marks an aspirational target'),
          "确保": ("“确保”表示约束性目标", '"确保" (ensure) marks a binding target'),
          "原则上": ("原文有“原则上”", 'the plan says "原则上" (in principle)'),
          "基本": ("原文有“基本”，略低于100%也可能被视为达标", 'the plan says "基本" (basically)')}


def comparator(piece: str) -> tuple[str, str]:
    """(comparator, direction) from the verb: 超过 -> '>'; 不低于 / 达到 / 以上 -> '>='; 不超过 / 控制在 /
    下降 -> '<=' (a decrease is good)."""
    if re.search(r"不低于|不少于", piece):
        return ">=", "increase"
    if re.search(r"超过|高于|大于|多于", piece) and not re.search(r"不超过|不高于", piece):
        return ">", "increase"
    if re.search(r"不超过|不高于|控制在|以内|以下|下降|降低|减少", piece):
        return "<=", "decrease"
    return ">=", "increase"


LEADING = re.compile(r"^(到|在|至|期间|时期|和|、|力争|确保|积极推进|推进|实现|进一步|其中|累计|完成|[\s，：:])+")
VERB = re.compile(r"[：:]|较|比\s*\d|进一步|确保|力争|(?:本市|市级|市)下达|累计达到|达到|达|超过|不低于|不少于|不超过|提升到|提高到|下降|降低|"
                  r"控制在|\d")


def metric(piece: str) -> str:
    """The words naming what is measured: the piece without its time, hedge and verb-and-number ('' if none)."""
    words = LEADING.sub("", FYP.sub("", YEAR.sub("", piece)))
    return VERB.split(words, maxsplit=1)[0].strip(" ，、")


@dataclass
class Candidate:
    """One candidate target, in targets.csv's columns."""

    action: int
    task: int | None
    clause: str
    text_zh: str
    departments: str
    target_id: str = ""
    unit: str = ""
    kind: str = ""
    direction: str = "increase"
    comparator: str = ">="
    baseline_year: int | None = None
    baseline_value: float | None = None
    period_start: int | None = None
    target_year: int | None = None
    target_value: float | None = None
    target_value_high: float | None = None
    delegated: bool = False
    metric_zh: str = ""
    note_zh: list[str] = field(default_factory=list)
    note_en: list[str] = field(default_factory=list)


def with_time(candidate: Candidate, time: Time | None) -> Candidate:
    if time is not None:
        candidate.period_start = time.start if time.mode in ("from", "period") else None
        candidate.target_year = time.end
    return candidate


def kind_of(candidate: Candidate, time: Time | None) -> str:
    """milestone (a flag, a peak); reduction_vs_baseline (a % change against a base year); a share from a year or
    over a period: share_threshold; a quantity over a period: cumulative_addition; else level_by_year."""
    period = time is not None and time.mode in ("period", "from")
    if candidate.unit in ("flag", "tCO2_10k") and candidate.comparator in ("done", "peak_before"):
        return "milestone"
    if candidate.unit == "percent_vs_baseline":
        return "reduction_vs_baseline"
    if candidate.unit == "percent":
        return "share_threshold" if period else "level_by_year"
    if period and time.mode == "period":
        return "cumulative_addition"
    return "level_by_year"


def candidate(piece: str, time: Time | None, where: dict) -> Candidate | None:
    """The target one piece of a sentence states, if any: a peak before a year, a number the city assigns,
    a full share (100%), a milestone (done or not), or the piece's last number with a unit."""
    c = Candidate(**where, text_zh=piece, metric_zh=metric(piece))
    for word, (zh, en) in HEDGES.items():
        if word in piece:
            c.note_zh.append(zh)
            c.note_en.append(en)
    full = next((w for w in FULL_SHARE if w in piece), None)
    found = quantities(piece)
    if "碳达峰" in piece and time is not None and time.mode == "before":
        c.unit, c.comparator, c.direction, c.metric_zh = "tCO2_10k", "peak_before", "decrease", "二氧化碳排放达峰"
    elif DELEGATED.search(piece):
        c.delegated = True
        c.note_zh.append("目标由市级下达，方案未给出数值：请选定单位")
        c.note_en.append("Delegated to the city: the plan gives no number; choose the unit")
        if INTENSITY.search(piece):
            c.unit, c.comparator, c.direction, c.baseline_year = "percent_vs_baseline", "<=", "decrease", baseline_year(piece)
    elif full is not None:
        c.unit, c.target_value = "percent", 100.0
        c.note_zh.append(f"原文为“{full}”，按100%起草")
        c.note_en.append(f'The plan says "{full}" (in full), drafted as 100%')
    elif MILESTONE.search(piece):
        c.unit, c.comparator, c.target_value = "flag", "done", 1.0
    elif found:
        q = found[-1]
        c.comparator, c.direction = comparator(piece)
        c.unit, c.target_value, c.target_value_high = q.unit, q.value, q.high
        if q.unit == "percent" and c.direction == "decrease" and re.search(r"下降|降低|减少", piece):
            c.unit, c.target_value = "percent_vs_baseline", -q.value
            c.baseline_year = baseline_year(piece)
        if re.search(r"万|千", q.words) or q.high is not None:
            c.note_zh.append(f"{q.words.replace(' ', '')} = {q.value:g}" + ("" if q.high is None else f"-{q.high:g}"))
            c.note_en.append(f"{q.words.replace(' ', '')} = {q.value:g}" + ("" if q.high is None else f"-{q.high:g}")
                             + f" {q.unit}")
    else:
        return None
    with_time(c, time)
    c.kind = kind_of(c, time)
    if c.kind == "cumulative_addition":
        c.baseline_value = 0.0
    return c


def pieces(sentence: str) -> list[str]:
    """A sentence's comma-separated pieces, as written."""
    return [p for p in re.split(r"(?<=[，,])", sentence) if p.strip(" ，,")]


def sentences(text: str) -> list[str]:
    """A block's sentences (to 。 or ；), a line at most: each item of a list is one."""
    return [s for s in re.split(r"(?<=[。；;！])|\n", text) if s.strip()]


def has_number(piece: str) -> bool:
    """A digit that is not part of a year."""
    return re.search(r"\d", YEAR.sub("", re.sub(r"[较比]\s*\d{4}\s*年", "", piece))) is not None


def block_candidates(text: str, where: dict) -> tuple[list[Candidate], list[str]]:
    """Every candidate target in a block of the plan (the headline goals, a task), and the sentences with a
    number none of them took. A time carries over the rest of its sentence ("到2025年，A达到…，B达到…")."""
    found, unplaced = [], []
    for sentence in sentences(text):
        time, previous, placed_all = None, "", True
        for piece in pieces(sentence):
            words = LIST_MARK.sub("", piece).strip(" ，,。；;")
            own = time_of(words)
            if only_time(words):
                time, previous = own, piece
                continue
            time = own or time
            c = candidate(words, time, where)
            if c is not None:
                c.metric_zh = c.metric_zh or (found[-1].metric_zh if found and found[-1].text_zh in sentence else words)
                c.text_zh = (previous + LIST_MARK.sub("", piece)).strip(" ，,。；;") if previous else words
                found.append(c)
            elif has_number(words):
                placed_all = False
            previous = ""
        if not placed_all:
            unplaced.append(sentence.strip())
    return found, unplaced


# --- the shape of the text -------------------------------------------------------------------------

PART = re.compile(rf"^([{NUMERALS}]+)\s*、\s*([^。]{{1,30}})$")
SECTION = re.compile(rf"^[（(]\s*([{NUMERALS}]+)\s*[）)]\s*([^。]{{1,30}})$")
NUMBERED_PARAGRAPH = re.compile(rf"^[（(]\s*([{NUMERALS}]+)\s*[）)]\s*([^。]+?)。(.*)$")
TASK = re.compile(r"^(\d{1,2})\s*[、.．](?!\d)\s*(.+)$")
LIST_MARK = re.compile(r"^\s*(\d{1,2}\s*[、.．](?!\d)|——|—|-|·)\s*")  # '1. ', '——' opening a line of a list
TASK_NUMBER = re.compile(r"^\d{1,2}\s*[、.．]")
LEADS = re.compile(r"[（(]\s*(?:责任单位|牵头单位|责任部门)?\s*[：:]?\s*([^（）()。，]+?)\s*[）)]\s*$")
LEADS_LINE = re.compile(r"^(?:责任单位|牵头单位|责任部门)\s*[：:]\s*([^。，]+?)[。]?$")


@dataclass
class Item:
    """A numbered unit of the text: a task (1、), a section heading or numbered paragraph (（一）)."""

    number: int
    label: str  # as written: '3', '三'
    title: str
    line: int
    lines: list[str] = field(default_factory=list)  # its text, the first line included
    departments: list[str] = field(default_factory=list)
    items: list["Item"] = field(default_factory=list)  # a section's tasks
    heading: bool = False  # a heading line of its own (not a paragraph beginning with its title)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Part:
    """一、主要目标 and what follows it until the next part."""

    number: int
    label: str
    title: str
    line: int
    lines: list[str] = field(default_factory=list)  # paragraphs before its first section
    sections: list[Item] = field(default_factory=list)


def departments_of(text: str) -> list[str]:
    """The lead departments closing a task: '（区发展改革委、区建管委）' or '责任单位：区发展改革委、区建管委'."""
    last = text.strip().splitlines()[-1].strip() if text.strip() else ""
    match = LEADS.search(last) or LEADS_LINE.match(last)
    if match is None:
        return []
    names = [n.strip() for n in re.split(r"[、，,]", match.group(1)) if n.strip()]
    return names if names and all(len(n) <= 20 and not re.search(r"\d", n) for n in names) else []


def parts(lines: list[tuple[int, str]]) -> tuple[list[str], list[Part]]:
    """(the lines before the first part, the parts with their sections and tasks)."""
    preamble, found = [], []
    current_item: Item | None = None
    for number, line in lines:
        if (m := PART.match(line)):
            found.append(Part(chinese_numeral(m.group(1)), m.group(1), m.group(2).strip(), number))
            current_item = None
            continue
        if not found:
            preamble.append(line)
            continue
        part = found[-1]
        section = SECTION.match(line)
        paragraph = None if section else NUMBERED_PARAGRAPH.match(line)
        task = TASK.match(line)
        if section or paragraph:
            m = section or paragraph
            item = Item(chinese_numeral(m.group(1)), m.group(1), m.group(2).strip(), number, heading=bool(section))
            if paragraph:
                item.lines.append(line)
            part.sections.append(item)
            current_item = item
        elif task and part.sections and part.sections[-1].heading:
            title = re.split(r"[。；]", task.group(2), maxsplit=1)[0].strip()
            current_item = Item(int(task.group(1)), task.group(1), title, number, [line])
            part.sections[-1].items.append(current_item)
        elif current_item is not None:
            current_item.lines.append(line)
        else:
            part.lines.append(line)
    return preamble, found


def numbering(items: list, what: tuple[str, str], shown) -> list[Finding]:
    """A numbering that skips (（三） after （一）) or repeats (two tasks 3): each reported with its line."""
    findings, previous, first_line = [], 0, {}
    for item in items:
        if item.number in first_line:
            findings.append(Finding(item.line, f"{what[0]}{shown(item.number)}重复（第{first_line[item.number]}行已有），两项均保留",
                                    f"{what[1]} {shown(item.number)} appears twice (first on line "
                                    f"{first_line[item.number]}); both are kept"))
        elif item.number != previous + 1:
            missing = "、".join(shown(n) for n in range(previous + 1, item.number)) or shown(previous + 1)
            findings.append(Finding(item.line, f"{what[0]}{shown(item.number)}跟在{shown(previous) if previous else '开头'}之后，"
                                    f"缺少{missing}", f"{what[1]} {shown(item.number)} follows "
                                    f"{shown(previous) if previous else 'the start'}: {missing} missing"))
        first_line.setdefault(item.number, item.line)
        previous = max(previous, item.number)
    return findings


def numbering_findings(found: list[Part]) -> list[Finding]:
    findings = numbering(found, ("部分", "part"), lambda n: f"{numeral_of(n)}、")
    for part in found:
        findings += numbering(part.sections, ("节", "section"), lambda n: f"（{numeral_of(n)}）")
        for section in part.sections:
            findings += numbering(section.items, ("任务", "task"), lambda n: f"{n}.")
    return sorted(findings, key=lambda f: f.line)


# --- the plan's facts ------------------------------------------------------------------------------

def plan_facts(preamble: list[str]) -> dict:
    """Title, document number, date of issue and issuer where the lines before the first part state them."""
    text = "\n".join(preamble)
    number = re.search(r"[^\s，。《》]{1,10}〔\d{4}〕\d+号", text)
    dated = [(i, m) for i, line in enumerate(preamble)
             if (m := re.fullmatch(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", line.strip()))]
    cores = [(line.strip(), re.sub(r"（[^）]*）$", "", line.strip())) for line in preamble]
    titles = [line for line, core in cores if re.search(r"(方案|规划|计划|意见)$", core) and not re.search(r"[。，：]|通知", core)]
    quoted = re.search(r"《([^》]+)》", text)
    issued = datetime.date(*map(int, dated[-1][1].groups())) if dated else ""
    issuer = preamble[dated[-1][0] - 1].strip() if dated and dated[-1][0] > 0 else ""
    return {"title_zh": titles[-1] if titles else (quoted.group(1) if quoted else ""), "title_en": "",
            "number": number.group(0) if number else "", "issued": issued,
            "issuer_zh": issuer if re.search(r"(政府|委员会|办公室)$", issuer) else "", "issuer_en": ""}


@dataclass
class Draft:
    """Everything drafted from one plan text."""

    plan: dict
    actions: dict
    departments: list[str]
    targets: list[Candidate]
    unplaced: list[tuple[str, str]]  # (clause, sentence)
    findings: list[Finding]


def is_goals(title: str) -> bool:
    return any(w in title for w in GOALS_WORDS)


def section_lines(section: Item) -> list[str]:
    return section.lines + [line for item in section.items for line in item.lines]


def goals_of(found: list[Part]) -> tuple[str, list[str]]:
    """(title, paragraphs) of the headline goals: a part (一、主要目标) or a section (（二）主要目标) whose title
    names them."""
    for part in found:
        if is_goals(part.title):
            return part.title, part.lines + [line for s in part.sections
                                             for line in ([s.title] if s.heading else []) + section_lines(s)]
        for section in part.sections:
            if is_goals(section.title):
                return section.title, section_lines(section)
    return "", []


def action_sections(part: Part) -> list[Item]:
    return [s for s in part.sections if s.heading and not is_goals(s.title)]


def action_part(found: list[Part]) -> Part | None:
    """The part whose section headings hold the numbered tasks (二、重点任务): most tasks, then most sections."""
    headed = [p for p in found if action_sections(p) and not is_goals(p.title)]
    return max(headed, key=lambda p: (sum(len(s.items) for s in action_sections(p)), len(action_sections(p))),
               default=None)


def purpose_and_items(section: Item) -> tuple[str, list[Item]]:
    """An action's opening paragraph (its lines before the first task), and its tasks."""
    return "\n".join(section.lines), section.items


def with_departments(item: Item) -> Item:
    """A trailing line of departments alone ('（各有关部门）') closes the item above it."""
    item.departments = departments_of(item.text)
    return item


def draft_text(text: str, text_file: str) -> Draft:
    """The draft of a plan's text (its file name inside the data folder: `text_file`)."""
    lines = [(i, line.strip()) for i, line in enumerate(text.splitlines(), start=1) if line.strip()]
    preamble, found = parts(lines)
    if not found:
        raise DraftError("找不到可识别的章节（如“一、主要目标”“二、重点任务”）：这不像一份实施方案的全文，未写入任何文件",
                         'no recognisable sections (such as "一、主要目标", "二、重点任务"): this does not look like the '
                         "full text of a plan; nothing written")
    goals_title, goals_lines = goals_of(found)
    actions_part = action_part(found)
    actions = action_sections(actions_part) if actions_part else []
    later = found[found.index(actions_part) + 1:] if actions_part else []
    targets, unplaced = [], []

    def collect(text: str, action: int, task: int | None, clause: str, departments: list[str]) -> None:
        found_here, loose = block_candidates(text, {"action": action, "task": task, "clause": clause,
                                                   "departments": "、".join(departments)})
        targets.extend(found_here)
        unplaced.extend((clause, s) for s in loose)

    collect("\n".join(goals_lines), 0, None, goals_title, [])
    drafted_actions = []
    for index, section in enumerate(actions, start=1):
        purpose, tasks = purpose_and_items(section)
        collect(purpose, index, None, section.label, [])
        drafted_tasks = []
        for task in map(with_departments, tasks):
            collect(TASK_NUMBER.sub("", task.text), index, task.number, f"{section.label}.{task.number}", task.departments)
            drafted_tasks.append({"number": task.number, "title_zh": task.title, "title_en": "", "summary_en": "",
                                  "summary_zh": "", "departments": task.departments})
        drafted_actions.append({"id": index, "numeral": section.label, "title_zh": section.title, "title_en": "",
                                "purpose_zh": purpose, "purpose_en": "", "tasks": drafted_tasks})
    safeguards, implementation = [], []
    for part in later:
        into = implementation if any(w in part.title for w in IMPLEMENTATION_WORDS) else safeguards
        for item in map(with_departments, part.sections):
            into.append({"number": item.number, "numeral": item.label, "title_zh": item.title, "title_en": "",
                         "summary_en": "", "departments": item.departments})
    for action, rows in groupby_action(targets).items():
        for n, c in enumerate(rows, start=1):
            c.target_id = f"T{action}-{n}"
    named = [d for a in drafted_actions for t in a["tasks"] for d in t["departments"]]
    named += [d for s in safeguards + implementation for d in s["departments"]]
    document = plan_facts(preamble)
    document["text_file"] = text_file
    actions_yaml = {"goals": {"title_zh": goals_title, "title_en": "", "summary_zh": "\n".join(goals_lines),
                              "summary_en": "", "departments": []},
                    "actions": drafted_actions, "safeguards": safeguards}
    if implementation:
        actions_yaml["implementation"] = implementation
    return Draft(document, actions_yaml, list(dict.fromkeys(named)), targets, unplaced, numbering_findings(found))


def groupby_action(targets: list[Candidate]) -> dict[int, list[Candidate]]:
    grouped: dict[int, list[Candidate]] = {}
    for c in targets:
        grouped.setdefault(c.action, []).append(c)
    return grouped


# --- reading and writing ----------------------------------------------------------------------------

def read_text(path: Path) -> str:
    """The plan's text (UTF-8, a byte-order mark accepted), or DraftError if it is not UTF-8 or is empty."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, byte, encoding = raw[: err.start].count(b"\n") + 1, raw[err.start], guess_encoding(raw)
        raise DraftError(f"{path.name} 不是 UTF-8 编码（第{line}行，字节 0x{byte:02x}{'，看来是 ' + encoding if encoding else ''}）："
                         "请另存为 UTF-8 文本，未写入任何文件",
                         f"{path.name} is not UTF-8 (line {line}, byte 0x{byte:02x}"
                         f"{'; it looks like ' + encoding if encoding else ''}): save it as UTF-8 text; nothing written"
                         ) from None
    if not text.strip():
        raise DraftError(f"{path.name} 是空文件：需要方案全文，未写入任何文件",
                         f"{path.name} is empty: the plan's full text is needed; nothing written")
    return text


def csv_text(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


TARGET_COLUMNS = [*catalogue.TARGETS_SCHEMA.columns, catalogue.DRAFT_COLUMN]


def target_rows(targets: list[Candidate]) -> list[list[str]]:
    rows = []
    for c in targets:
        values = {**vars(c), "indicator_id": "", "metric_en": "", "text_en": "", "note_zh": "；".join(c.note_zh),
                  "note_en": "; ".join(c.note_en), catalogue.DRAFT_COLUMN: catalogue.DRAFT_MARK}
        rows.append([cell(values[column]) for column in TARGET_COLUMNS])
    return rows


# Files the analyst fills from other sources: written with their header only.
EMPTY_FILES = {"indicators.csv": catalogue.INDICATORS_SCHEMA, "observations.csv": obs.OBSERVATIONS_SCHEMA,
               "sources.csv": obs.SOURCES_SCHEMA, "context_links.csv": catalogue.CONTEXT_LINKS_SCHEMA,
               "task_reports.csv": catalogue.TASK_REPORTS_SCHEMA, "emission_factors.csv": energy.FACTORS_SCHEMA,
               ck.CHECKS_FILE: ck.CHECKS_SCHEMA}
PLAN_HEADER = ("# DRAFTED by `python -m analysis draft-plan` from the plan's text: check every value against the plan,\n"
               "# then fill what is empty (English, the geographies, the site). Columns: data/README.md.\n")
SITE = {"title_zh": "", "title_en": "", "slug": "", "publisher_zh": "", "publisher_en": "", "report_error": ""}


class BlockDumper(yaml.SafeDumper):
    """YAML as data/ writes it: a text of several paragraphs as a |- block, one paragraph a line."""


BlockDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def dump(content: dict) -> str:
    return yaml.dump(content, Dumper=BlockDumper, allow_unicode=True, sort_keys=False, width=1000)


def write_draft(plan_text: Path, out: Path, force: bool = False) -> Draft:
    """Draft a data folder at `out` from the plan text; refuse (DraftError, nothing written) a text that is not
    UTF-8, is empty or has no recognisable sections, and a non-empty `out` unless `force`."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not force:
        raise DraftError(f"{out} 不是空文件夹：请换一个文件夹，或加 --force 覆盖其中的草稿文件",
                         f"{out} is not an empty folder: choose another, or add --force to overwrite the draft's files")
    text_file = f"plan/{plan_text.name}"
    draft = draft_text(read_text(plan_text), text_file)
    (out / "plan").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(plan_text, out / text_file)
    (out / "plan.yaml").write_text(PLAN_HEADER + dump({"plan": draft.plan, "geographies": [], "site": SITE}),
                                   encoding="utf-8")
    (out / "actions.yaml").write_text(PLAN_HEADER + dump(draft.actions), encoding="utf-8")
    (out / "departments.csv").write_text(csv_text(["name_zh", "name_en"], [[d, ""] for d in draft.departments]),
                                         encoding="utf-8")
    (out / "targets.csv").write_text(csv_text(TARGET_COLUMNS, target_rows(draft.targets)), encoding="utf-8")
    for name, schema in EMPTY_FILES.items():
        (out / name).write_text(csv_text(list(schema.columns), []), encoding="utf-8")
    (out / UNPLACED).write_text(
        "# Sentences with a number that draft-plan did not place in targets.csv (clause<TAB>sentence).\n"
        "# 含数字但未列入 targets.csv 的句子（条款<TAB>句子）：逐句核对后删除本文件。\n"
        + "".join(f"{clause}\t{sentence}\n" for clause, sentence in draft.unplaced), encoding="utf-8")
    return draft
