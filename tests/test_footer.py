"""The publication facts at the foot of every page, from _config.yml, plan.yaml and the edition."""

import datetime

from analysis.inputs.plan import Plan
from analysis.pages import footer
from analysis.site import postprocess

from synthetic import PLAN_CONFIG

AS_OF = datetime.date(2026, 11, 25)
UNSET = {key: "" for key in footer.SETTINGS} | {"licence_text_data": "CC BY 4.0", "licence_code": "MIT",
                                                "licence_text_data_url": "https://creativecommons.org/licenses/by/4.0/",
                                                "licence_code_url": ""}
PLAN = Plan.model_validate(PLAN_CONFIG)  # SYNTHETIC: no publisher, no contact


def with_site(**site) -> Plan:
    return Plan.model_validate(PLAN_CONFIG | {"site": PLAN_CONFIG["site"] | site})


def test_until_a_publisher_is_configured_the_footer_says_independent():
    zh = footer.footer_html(UNSET, PLAN, 2026, AS_OF, datetime.date(2026, 12, 1), "zh")
    en = footer.footer_html(UNSET, PLAN, 2026, AS_OF, datetime.date(2026, 12, 1), "en")
    assert "2026年版 · 数据截至2026年11月25日 · 生成于2026年12月1日（源代码提交日期）" in zh
    assert "2026 edition · data as of 25 November 2026 · built on 1 December 2026 (date of the source commit)" in en
    assert "independent monitor built from published documents" in en and "独立监测" in zh
    assert "not a publication of the Synthetic District Government or its departments" in en  # plan.yaml's issuer
    assert "不是合成测试区政府或其部门的发布" in zh
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="noopener">CC BY 4.0</a>' in en


def test_one_licence_statement_names_the_rights_holder_and_no_copyright_sign():
    en = footer.footer_html(UNSET, PLAN, 2026, AS_OF, None, "en")
    zh = footer.footer_html(UNSET, PLAN, 2026, AS_OF, None, "zh")
    assert "Text and data by the contributors to the Synthetic Test Monitor, under <a" in en  # default holder
    assert "文字和数据由合成测试监测的贡献者以<a" in zh
    named = with_site(rights_holder_zh="某机构", rights_holder_en="Some Institute")
    assert "Text and data by Some Institute, under" in footer.footer_html(UNSET, named, 2026, AS_OF, None, "en")
    for text in (en, zh):
        assert "©" not in text and "Copyright" not in text and "版权所有" not in text


def test_the_next_edition_is_expected_a_cadence_after_the_data_as_of_date():
    assert footer.next_edition(datetime.date(2026, 11, 25), 12) == datetime.date(2027, 11, 25)
    assert footer.next_edition(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)  # month end kept
    en = footer.footer_html(UNSET, with_site(cadence_months=6), 2026, AS_OF, None, "en")
    assert "next edition expected May 2027" in en
    assert "下一版预计2027年11月" in footer.footer_html(UNSET, PLAN, 2026, AS_OF, None, "zh")


def test_how_to_cite_gives_the_address_and_the_date_accessed():
    en = footer.footer_html(UNSET, with_site(url="https://example.org/monitor/"), 2026, AS_OF, None, "en")
    assert ("Cite as: Synthetic Test Monitor, 2026 edition (data as of 25 November 2026), "
            '<span class="pcm-cite-address" data-pcm-address="https://example.org/monitor/en/">'
            "https://example.org/monitor/en/</span>, accessed ") in en
    unset = footer.footer_html(UNSET, PLAN, 2026, AS_OF, None, "zh")  # no site url: the page's own, by pcm-nav.js
    assert 'data-pcm-address="">本页网址</span>，访问日期：<span class="pcm-cite-accessed">' in unset


def test_the_channel_links_and_the_corrections_page_says_what_to_include():
    mail = footer.footer_html(UNSET, with_site(report_error="errors@example.org"), 2027, AS_OF, None, "en")
    assert '<a href="mailto:errors@example.org" rel="noopener">errors@example.org</a>' in mail
    assert f'<a href="{footer.BOOK_ROOT}corrections.html">corrections</a>' in mail
    web = footer.footer_html(UNSET, with_site(report_error="https://example.org/issues"), 2027, AS_OF, None, "zh")
    assert '<a href="https://example.org/issues" rel="noopener">https://example.org/issues</a>' in web


def test_a_configured_publisher_replaces_the_defaults():
    plan = with_site(publisher_zh="某机构", publisher_en="Some Institute", report_error="errors@example.org")
    en = footer.footer_html(UNSET, plan, 2027, AS_OF, None, "en")
    assert "Published by Some Institute." in en and "independent monitor" not in en
    assert "built on" not in en  # no date known: nothing made up


def test_the_repository_config_has_every_setting(tmp_path):
    from analysis.site.project import REPO
    config = footer.settings(REPO)
    assert set(config) == set(footer.SETTINGS) and config["licence_text_data"] and config["licence_code"]
    assert (REPO / "LICENSE").is_file() and (REPO / "LICENSE-DATA").is_file()


def test_built_on_is_the_source_date_never_the_clock(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert footer.source_date(tmp_path) == datetime.date(2026, 1, 1)


def test_every_page_gets_its_languages_footer_once(tmp_path):
    page = '<html><body><footer class="bd-footer-content"><div>theme</div></footer></body></html>'
    for name in ("zh/index.html", "en/actions/action-1.html", "index.html"):  # the site's language books
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(page, encoding="utf-8")
    footers = {"zh": f'<p>中文 <a href="{footer.BOOK_ROOT}corrections.html">更正</a></p>',
               "en": f'<p>English <a href="{footer.BOOK_ROOT}corrections.html">corrections</a></p>'}
    assert postprocess.add_footer(tmp_path, footers) == 3
    assert postprocess.add_footer(tmp_path, footers) == 0  # a second run changes nothing
    read = {name: (tmp_path / name).read_text(encoding="utf-8") for name in ("zh/index.html", "en/actions/action-1.html",
                                                                              "index.html")}
    assert "中文" in read["zh/index.html"] and "English" not in read["zh/index.html"]
    assert "English" in read["en/actions/action-1.html"] and "中文" not in read["en/actions/action-1.html"]
    assert "中文" in read["index.html"] and "English" in read["index.html"]
    assert read["en/actions/action-1.html"].count("pcm-footer") == 2  # the opening and closing marks, once
    # the corrections page, relative to each page
    assert '<a href="corrections.html">更正</a>' in read["zh/index.html"]
    assert '<a href="../corrections.html">corrections</a>' in read["en/actions/action-1.html"]
    assert '<a href="zh/corrections.html">更正</a>' in read["index.html"] and footer.BOOK_ROOT not in read["index.html"]
