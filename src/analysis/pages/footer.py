"""The publication facts at the foot of every page: edition, data as of, built on, who
publishes it, when the next edition is expected, one licence statement naming the rights
holder, how to cite (address and date accessed), where to report an error.

The publisher, the site's name and where to report an error come from plan.yaml (`site`), the
licences from the `publication` section of _config.yml. "Built on" is the date of the
source commit (or SOURCE_DATE_EPOCH, the reproducible-builds convention), never the
clock, so that two builds of the same commit are the same bytes.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from html import escape
from pathlib import Path

import yaml

import pandas as pd

from .labels import MONTHS_EN, format_date
from ..inputs.plan import Plan

SETTINGS = ("licence_text_data", "licence_text_data_url", "licence_code", "licence_code_url")


def settings(root: Path) -> dict[str, str]:
    """The `publication` section of root/_config.yml (every key, '' where not set)."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    section = config.get("publication") or {}
    return {key: str(section.get(key) or "") for key in SETTINGS}


def source_date(root: Path) -> datetime.date | None:
    """SOURCE_DATE_EPOCH if set, else the date of the last commit of the repository holding
    `root` (or of this package's repository); None if neither is known."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    for folder in (root, Path(__file__).resolve().parents[3]):
        done = subprocess.run(["git", "-C", str(folder), "log", "-1", "--format=%cs"], capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.strip():
            return datetime.date.fromisoformat(done.stdout.strip())
    return None


def link(text: str, href: str) -> str:
    return f'<a href="{escape(href)}" rel="noopener">{escape(text)}</a>' if href else escape(text)


# In a footer, the root of the page's language book; `postprocess.add_footer` replaces it by
# the relative path from each page ('', '../', 'zh/').
BOOK_ROOT = "pcm-book-root:"
CORRECTIONS_PAGE = "corrections.html"


def next_edition(data_as_of: datetime.date, months: int) -> datetime.date:
    """When the next edition's data are expected to be as of: `months` after this edition's."""
    return (pd.Timestamp(data_as_of) + pd.DateOffset(months=months)).date()


def month_words(day: datetime.date, language: str) -> str:
    """'2027年11月' / 'November 2027'."""
    return f"{day.year}年{day.month}月" if language == "zh" else f"{MONTHS_EN[day.month - 1]} {day.year}"


def citation_html(plan: Plan, edition: int, day: str, language: str) -> str:
    """How to cite: the site, the edition and its date, the page's address (plan.yaml's site
    url, else the address the reader has open, written in by pcm-nav.js) and the date accessed
    (the reader's today, written in by pcm-nav.js; without scripts, said in words)."""
    zh = language == "zh"
    root = f"{plan.site.url}/{language}/" if plan.site.url else ""
    address = (f'<span class="pcm-cite-address" data-pcm-address="{escape(root)}">{escape(root)}</span>' if root else
               f'<span class="pcm-cite-address" data-pcm-address="">{"本页网址" if zh else "the address of this page"}</span>')
    accessed = f'<span class="pcm-cite-accessed">{"阅读当日" if zh else "the day you read it"}</span>'
    if zh:
        return f"引用：{escape(plan.site.title_zh)}，{edition}年版（数据截至{day}），{address}，访问日期：{accessed}。"
    return f"Cite as: {escape(plan.site.title_en)}, {edition} edition (data as of {day}), {address}, accessed {accessed}."


def footer_html(config: dict[str, str], plan: Plan, edition: int, data_as_of: datetime.date, built: datetime.date | None,
                language: str) -> str:
    """The footer of a page in `language` (zh or en): the edition's facts and when the next
    is expected, who publishes it, one licence statement naming the rights holder, how to
    cite it, and where to report an error (the corrections page says what to include)."""
    zh = language == "zh"
    day = format_date(data_as_of, language)
    facts = ([f"{edition}年版", f"数据截至{day}"] if zh else [f"{edition} edition", f"data as of {day}"])
    if built is not None:
        facts.append(f"生成于{format_date(built, language)}（源代码提交日期）" if zh else
                     f"built on {format_date(built, language)} (date of the source commit)")
    expected = month_words(next_edition(data_as_of, plan.site.cadence_months), language)
    facts.append(f"下一版预计{expected}（数据截至该月）" if zh else f"next edition expected {expected} (data as of then)")
    publisher = plan.publisher(language)
    if publisher:
        who = f"发布者：{escape(publisher)}。" if zh else f"Published by {escape(publisher)}."
    else:
        who = (f"本站是依据公开发布的文件编制的独立监测，不是{escape(plan.plan.issuer_zh)}或其部门的发布。" if zh else
               "An independent monitor built from published documents; not a publication of the "
               f"{escape(plan.plan.issuer_en)} or its departments.")
    holder = escape(plan.rights_holder(language))
    licences = (f"文字和数据由{holder}以{link(config['licence_text_data'], config['licence_text_data_url'])}许可发布；"
                f"代码采用{link(config['licence_code'], config['licence_code_url'])}许可。" if zh else
                f"Text and data by {holder}, under {link(config['licence_text_data'], config['licence_text_data_url'])}; "
                f"code under {link(config['licence_code'], config['licence_code_url'])}.")
    corrections = BOOK_ROOT + CORRECTIONS_PAGE
    channel = plan.site.report_error
    if channel:
        report = (f'报告错误：{link(channel, plan.report_link())}（应写明的内容和已作的更正见<a href="{corrections}">更正</a>）。'
                  if zh else f'Report an error: {link(channel, plan.report_link())} (what to include, and the corrections '
                  f'made: <a href="{corrections}">corrections</a>).')
    else:  # only a draft is built without a channel (pipeline.require_channel)
        report = (f'报告错误的渠道尚未设置（草稿），见<a href="{corrections}">更正</a>。' if zh else
                  f'No channel for reporting an error is set yet (a draft): see <a href="{corrections}">corrections</a>.')
    lang = "zh-CN" if zh else "en"
    return (f'<div class="pcm-footer" lang="{lang}"><p>{escape(" · ".join(facts))}</p>'
            f"<p>{who} {licences}</p><p>{citation_html(plan, edition, day, language)} {report}</p></div>")
