"""The publication facts at the foot of every page: edition, data as of, built on, who
publishes it, licences, how to cite, where to report an error.

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

from .labels import format_date
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


def contact_link(address: str) -> str:
    return link(address, address if "://" in address else f"mailto:{address}")


def footer_html(config: dict[str, str], plan: Plan, edition: int, data_as_of: datetime.date, built: datetime.date | None,
                language: str) -> str:
    """The footer of a page in `language` (zh or en)."""
    zh = language == "zh"
    day = format_date(data_as_of, language)
    facts = ([f"{edition}年版", f"数据截至{day}"] if zh else [f"{edition} edition", f"data as of {day}"])
    if built is not None:
        facts.append(f"生成于{format_date(built, language)}（源代码提交日期）" if zh else
                     f"built on {format_date(built, language)} (date of the source commit)")
    publisher = plan.publisher(language)
    if publisher:
        who = f"发布者：{escape(publisher)}。" if zh else f"Published by {escape(publisher)}."
    else:
        who = (f"本站是依据公开发布的文件编制的独立监测，不是{escape(plan.plan.issuer_zh)}或其部门的发布。" if zh else
               "An independent monitor built from published documents; not a publication of the "
               f"{escape(plan.plan.issuer_en)} or its departments.")
    licences = (f"文字和数据：{link(config['licence_text_data'], config['licence_text_data_url'])}；"
                f"代码：{link(config['licence_code'], config['licence_code_url'])}。" if zh else
                f"Text and data: {link(config['licence_text_data'], config['licence_text_data_url'])}; "
                f"code: {link(config['licence_code'], config['licence_code_url'])}.")
    cite = (f"引用：{plan.site.title_zh}，{edition}年版（数据截至{day}）。" if zh else
            f"Cite as: {plan.site.title_en}, {edition} edition (data as of {day}).")
    address = plan.site.report_error
    report = ((f"报告错误：{contact_link(address)}。" if address else "报告错误：发布者尚未设置联系方式。") if zh else
              (f"Report an error: {contact_link(address)}." if address else
               "Report an error: the publisher has not set a contact yet."))
    lang = "zh-CN" if zh else "en"
    return (f'<div class="pcm-footer" lang="{lang}"><p>{escape(" · ".join(facts))}</p>'
            f"<p>{who} {licences}</p><p>{escape(cite)} {report}</p></div>")
