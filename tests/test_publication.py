"""What a chapter shows, on SYNTHETIC data: task statuses, and data strings shown as text, never markup."""

import pytest

from analysis.assess import editions, progress as pg
from analysis.inputs import draft
from analysis.pages import publication
from analysis.inputs.dataset import default_data_dir
from analysis.pages.labels import status_text
from analysis.pages.publication import Chapter

from synthetic import PAGE_EDITION
from test_validation import set_cell


def current() -> tuple[int, str]:
    """The edition arguments of a page of the repository's data: its latest edition record."""
    edition = editions.latest(default_data_dir())
    return edition.year, edition.data_as_of.isoformat()

HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def shown(monkeypatch):
    """Call a display method; return the HTML it displayed."""
    def run(method) -> str:
        outputs = []
        monkeypatch.setattr(publication, "display", outputs.append)
        method()
        return "".join(o.data for o in outputs)
    return run


def test_tasks_are_reported_or_not(synthetic_dir, shown):
    chapter = Chapter.load(1, "en", str(synthetic_dir), *PAGE_EDITION)
    assert chapter.task_status(1) == f"{status_text(pg.REPORTED, 'en')} (2024)"
    other = Chapter.load(2, "zh", str(synthetic_dir), *PAGE_EDITION)
    assert other.task_status(1) == status_text(pg.NOT_REPORTED, "zh")
    assert "Synthetic progress" in shown(chapter.show_tasks)


def test_data_strings_are_text_on_the_page(synthetic_dir, shown):
    set_cell(synthetic_dir / "targets.csv", 4, "note_en", HOSTILE)
    set_cell(synthetic_dir / "sources.csv", 2, "title", HOSTILE)
    chapter = Chapter.load(1, "en", str(synthetic_dir), *PAGE_EDITION)
    html = shown(chapter.show_all_targets)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html  # the note, escaped
    chart_json = html.split('<script type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in chart_json and "\\u003cscript\\u003e" in chart_json  # the tooltip's source title


def test_the_plan_page_links_every_target_to_its_clause():
    """On the real plan text: each of the catalogue's targets is marked and linked, also
    where two targets' words overlap in one sentence."""
    import re

    from analysis.inputs.dataset import load_dataset
    from analysis.pages.page import Page

    page = Page.load("plan", "zh", "", *current()).plan()
    linked = set(re.findall(r'href="actions/action-\d+\.html#(t\d+-\d+)"', page))
    assert linked == {t.lower() for t in load_dataset().targets["target_id"]}
    assert page.count("<mark>") == page.count("</mark>")


@pytest.mark.monitor_data
def test_the_plan_page_is_the_plans_text_under_its_headings():
    """Its text (marks and target links aside) equals the plan's, whitespace aside; its parts
    (一、…) and sections (（一）…, as draft-plan reads them; every action of actions.yaml among them) are
    headings, each listed in the contents at the top and linked."""
    import html
    import re

    from analysis.pages.page import Page

    page = Page.load("plan", "en", "", *current())
    shown = page.plan()
    toc, body = shown.split('<div class="pcm-plan" lang="zh-CN">', 1)
    english = re.findall(r'<span class="pcm-plan-en" lang="en">([^<]+)</span>', body)  # headings named in English
    assert english and {a["title_en"] for a in page.dataset.actions["actions"]} <= set(english)  # every action's
    body = re.sub(r' <span class="pcm-plan-en" lang="en">[^<]+</span>', "", body)
    toc = re.sub(r' <span class="pcm-plan-en" lang="en">[^<]+</span>', "", toc)
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<sup>.*?</sup>", "", body)))
    assert re.sub(r"\s+", "", text) == re.sub(r"\s+", "", page.dataset.plan_text)
    headings = re.findall(r'<h([23]) id="([^"]+)">([^<]+)</h[23]>', body)
    lines = [(i, line.strip()) for i, line in enumerate(page.dataset.plan_text.splitlines()) if line.strip()]
    parts = draft.parts(lines)[1]
    assert [t for level, _, t in headings if level == "2"] == [f"{p.label}、{p.title}" for p in parts]
    sections = [t for level, _, t in headings if level == "3"]
    assert sections == [f"（{s.label}）{s.title}" for p in parts for s in p.sections if s.heading]
    assert {f"（{a['numeral']}）{a['title_zh']}" for a in page.dataset.actions["actions"]} <= set(sections)
    assert re.findall(r'<a href="#([^"]+)">', toc) == [anchor for _, anchor, _ in headings]
    assert " and " not in page.dataset.plan_text


def supply_figures(data_dir, only: bool = False) -> None:
    """Add a SYNTHETIC source supplied by a department (no URL) and point observations at it."""
    from test_validation import rewrite

    rewrite(data_dir / "sources.csv", lambda rows: rows.append(
        ["synthetic_supplied", "SYNTHETIC internal table", "", "区发展改革委", "", "2025-03", "", "supplied", "SYNTHETIC"]))
    def point(rows):
        for r in rows[1:] if only else rows[2:5]:
            r[rows[0].index("source_id")] = "synthetic_supplied"
    rewrite(data_dir / "observations.csv", point)
    if only:
        rewrite(data_dir / "task_reports.csv", point)


def test_supplied_figures_are_labelled_by_whom_and_when(synthetic_dir, shown):
    supply_figures(synthetic_dir)
    zh = Chapter.load(1, "zh", str(synthetic_dir), *PAGE_EDITION)
    en = Chapter.load(1, "en", str(synthetic_dir), *PAGE_EDITION)
    ids = ["synthetic_supplied", "synthetic_source"]
    zh_html, en_html = zh.sources_html(ids), en.sources_html(ids)
    assert "SYNTHETIC internal table，区发展改革委提供，2025-03（部门提供）" in zh_html
    # a publisher whose name is not Chinese is named, never followed by 发布
    assert "Synthetic test source，发布者：Test suite，2024-01-01，" in zh_html and "（官方发布）" in zh_html
    assert "Test suite发布" not in zh_html
    assert "SYNTHETIC internal table, supplied by District Development and Reform Commission, 2025-03 " \
           "(supplied by department)" in en_html
    assert "published by Test suite, 2024-01-01" in en_html and 'href=""' not in en_html
    assert "依据公开数据和部门提供的数据，数据截至2025年12月31日" in shown(zh.show_purpose)
    assert "on public data and figures supplied by departments. Data as of 31 December 2025." in shown(en.show_purpose)
    chart = shown(en.show_all_targets)
    assert "supplied by District Development and Reform Commission, 2025-03" in chart  # the tooltip, as the list


def test_a_source_reads_in_english_on_english_pages_and_as_published_on_chinese_pages(synthetic_dir):
    from test_validation import rewrite

    rewrite(synthetic_dir / "sources.csv", lambda rows: rows.append(
        ["synthetic_report", "合成市政府工作报告", "Synthetic City work report", "合成市人民政府", "Synthetic City Government",
         "2025-01-20", "https://www.synthetic.gov.cn/report", "official", "SYNTHETIC"]))
    zh = Chapter.load(1, "zh", str(synthetic_dir), *PAGE_EDITION).sources_html(["synthetic_report"])
    en = Chapter.load(1, "en", str(synthetic_dir), *PAGE_EDITION).sources_html(["synthetic_report"])
    assert "<li>合成市政府工作报告，合成市人民政府发布，2025-01-20，" in zh and "Synthetic City" not in zh
    assert "<li>Synthetic City work report, published by Synthetic City Government, 2025-01-20, " in en
    assert "合成" not in en and "(official)" in en


def test_no_public_claim_without_public_sources(synthetic_dir, shown):
    from analysis.pages.page import Page

    supply_figures(synthetic_dir, only=True)
    chapter = Chapter.load(1, "en", str(synthetic_dir), *PAGE_EDITION)
    assert "This is the 2025 edition, on figures supplied by departments. Data as of 31 December 2025." in shown(
        chapter.show_purpose)
    page = Page.load("sources", "zh", str(synthetic_dir), *PAGE_EDITION).sources()
    assert page.startswith("<p>观测值为公开发布的数字或区级部门提供的数据")  # the factor's source is still public
    assert "部门提供" in page and "官方发布" in page and "（news）" not in page


def test_public_data_only_keeps_the_public_wording(synthetic_dir, shown):
    from analysis.pages.page import Page

    chapter = Chapter.load(1, "en", str(synthetic_dir), *PAGE_EDITION)
    assert "This is the 2025 edition, on public data. Data as of 31 December 2025." in shown(chapter.show_purpose)
    assert "<p>Every observation is a published figure with its source." in Page.load(
        "sources", "en", str(synthetic_dir), *PAGE_EDITION).sources()


def test_each_target_says_what_the_search_found_and_links_its_rows(synthetic_dir, shown):
    """No district figure: said of the search (publications, date), linked to the indicator's rows
    on the checks page, with the publications that could not be located or read named."""
    from test_validation import rewrite

    rewrite(synthetic_dir / "checks.csv", lambda rows: rows.append(
        ["green_travel_share", "合成区出行调查", "", "", "", "2026-12-04", "not_located", "合成：未找到", "SYNTHETIC: not found"]))
    set_cell(synthetic_dir / "observations.csv", 6, "geography", "synthetic_city")  # T4-1 loses its district data
    set_cell(synthetic_dir / "observations.csv", 7, "geography", "synthetic_city")
    set_cell(synthetic_dir / "observations.csv", 7, "year", "2023")
    for language, words in [
        ("en", ["<strong>No district figure found in the publications checked</strong> (2 publications, last checked "
                "2026-12-04; see <a href=\"../checks.html#check-green_travel_share\">what was checked</a>).",
                "Not located: <span lang=\"zh-CN\">合成区出行调查</span>"]),
        ("zh", ["<strong>在查过的资料中未找到区级数字</strong>（查过2种资料，最近查阅于2026-12-04；见"
                "<a href=\"../checks.html#check-green_travel_share\">查过哪些资料</a>）。", "未找到的资料：合成区出行调查"]),
    ]:
        html = shown(Chapter.load(4, language, str(synthetic_dir), *PAGE_EDITION).show_all_targets)
        assert all(w in html for w in words), html
        assert "No public district data" not in html and "无公开的区级数据" not in html


def test_comparable_context_is_the_citys_result_against_its_own_target(synthetic_dir, shown):
    """Shanghai: -14% against its own -14%; Putuo: no district figure found (issue 19), on synthetic data."""
    from test_validation import write_context_targets
    from synthetic import CITY

    write_context_targets(synthetic_dir, CITY)
    set_cell(synthetic_dir / "observations.csv", 2, "geography", CITY)
    set_cell(synthetic_dir / "observations.csv", 2, "year", "2025")
    set_cell(synthetic_dir / "observations.csv", 2, "value", "-14")
    en = shown(Chapter.load(0, "en", str(synthetic_dir), *PAGE_EDITION).show_all_targets)
    assert ("<li>Synthetic City (context): -14% vs base year (2025) against its own target of -14% vs base year by 2025</li>"
            "<li>Synthetic District: no district figure found in the publications checked</li>") in en
    zh = shown(Chapter.load(0, "zh", str(synthetic_dir), *PAGE_EDITION).show_all_targets)
    assert "<li>合成市（背景）：-14%（较基年）（2025年），对照其自身目标到2025年下降14%（较基年）</li>" in zh
    assert "Related figures, not comparable" in en and "SYNTHETIC: another indicator" in en  # the linked share
