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
    assert "the publisher has not set a contact yet" in en
    assert "Cite as: Synthetic Test Monitor, 2026 edition (data as of 25 November 2026)." in en
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="noopener">CC BY 4.0</a>' in en


def test_a_configured_publisher_and_contact_replace_the_defaults():
    plan = with_site(publisher_zh="某机构", publisher_en="Some Institute", report_error="errors@example.org")
    en = footer.footer_html(UNSET, plan, 2027, AS_OF, None, "en")
    assert "Published by Some Institute." in en and "independent monitor" not in en
    assert '<a href="mailto:errors@example.org" rel="noopener">errors@example.org</a>' in en
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
    footers = {"zh": "<p>中文</p>", "en": "<p>English</p>"}
    assert postprocess.add_footer(tmp_path, footers) == 3
    assert postprocess.add_footer(tmp_path, footers) == 0  # a second run changes nothing
    read = {name: (tmp_path / name).read_text(encoding="utf-8") for name in ("zh/index.html", "en/actions/action-1.html",
                                                                              "index.html")}
    assert "中文" in read["zh/index.html"] and "English" not in read["zh/index.html"]
    assert "English" in read["en/actions/action-1.html"] and "中文" not in read["en/actions/action-1.html"]
    assert "中文" in read["index.html"] and "English" in read["index.html"]
    assert read["en/actions/action-1.html"].count("pcm-footer") == 2  # the opening and closing marks, once
