"""One engine for any plan: a SYNTHETIC second plan (tests/second_plan: a made-up district,
"Lakeside", with its own plan text, catalogue, observations and sources) is validated, published
and built into a complete site in both languages by the same commands an analyst types, on a
copy of the book's hand-written files; nothing in that site names the real district.

Also: what plan.yaml's checks say when it is wrong."""

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from analysis.inputs.dataset import DATA_DIR_ENV, READER_WORDS, default_data_dir, load_dataset
from analysis.inputs.plan import PLAN_CONFIG, read_plan
from analysis.inputs.validation import PROBLEMS_HEADING, DataValidationError, report
from analysis.site import pipeline
from analysis.site.project import ROOT_ENV, Project, copy_book

SECOND_PLAN = Path(__file__).parent / "second_plan"
EDITION, DATA_AS_OF = "2026", "2026-12-31"  # after the 2025 deadlines; one 2026 figure is published later
TEXT_SUFFIXES = {".html", ".js", ".css", ".csv", ".json", ".txt", ".svg", ".xml"}


def plan_names(data_dir: Path) -> set[str]:
    """Every name a plan.yaml gives its district, plan and site."""
    plan = read_plan(data_dir)
    d = plan.district
    return {name for name in (d.id, d.name_zh, d.name_en, d.short_en, d.place_zh, d.place_en, plan.plan.title_zh,
                              plan.plan.title_en, plan.plan.number, plan.site.title_zh, plan.site.title_en,
                              plan.site.slug) if name}


def the_real_plans_names() -> set[str]:
    """The names none of which may reach the second site: this monitor's (data/plan.yaml), and Putuo's."""
    return {"普陀", "Putuo"} | (plan_names(default_data_dir()) - plan_names(SECOND_PLAN))


def analysis(*args: str, root: Path) -> subprocess.CompletedProcess:
    """`python -m analysis ...` as an analyst runs it, on the book at `root`."""
    done = subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True,
                          env={**os.environ, ROOT_ENV: str(root), "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def second_site(tmp_path_factory) -> Path:
    """The second plan's data and a copy of the book's hand-written files, published once."""
    base = tmp_path_factory.mktemp("second-plan")
    data = Path(shutil.copytree(SECOND_PLAN, base / "data"))
    project = copy_book(base / "monitor", data)
    analysis("validate", "--data-dir", str(data), "--lang", "en", root=project.root)
    published = analysis("publish", "--data-dir", str(data), "--edition", EDITION, "--data-as-of", DATA_AS_OF,
                         root=project.root)
    (base / "publish.log").write_text(published.stdout + published.stderr, encoding="utf-8")
    return project.root


def site_texts(root: Path) -> dict[str, str]:
    site = root / "_build" / "site"
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in TEXT_SUFFIXES}


def test_the_second_plan_builds_a_whole_site_in_both_languages(second_site):
    texts = site_texts(second_site)
    plan = read_plan(SECOND_PLAN)
    dataset = load_dataset(SECOND_PLAN)
    for language in ("zh", "en"):
        chapters = [f"{language}/actions/action-{a}.html" for a in [0, *(a["id"] for a in dataset.actions["actions"])]]
        pages = [f"{language}/{p}.html" for p in ("index", "scorecard", "methodology", "sources", "checks", "data",
                                                  "plan", "changes", "responsibility", "analysts")]
        assert set(chapters + pages) <= set(texts), sorted(texts)
        index = texts[f"{language}/index.html"]
        assert plan.site_title(language) in index and plan.district_short(language) in index
        for target_id in dataset.targets["target_id"]:
            assert f'id="{target_id.lower()}"' in "".join(texts[c] for c in chapters), target_id
    top = texts["index.html"]
    assert plan.site.title_zh in top and plan.site.title_en in top and plan.plan.title_zh in top
    assert "Published by Synthetic Test Institute." in texts["en/scorecard.html"]
    assert (second_site / "_build" / "release" / f"{plan.site.slug}-{EDITION}.tar.gz").is_file()
    assert (SECOND_PLAN / "editions").exists() is False  # the test's copy took the record, not tests/second_plan


def test_nothing_in_the_second_site_names_the_real_district(second_site):
    names = the_real_plans_names()
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names)), re.IGNORECASE)
    found = {path: sorted(set(pattern.findall(text))) for path, text in site_texts(second_site).items()}
    assert not {path: hits for path, hits in found.items() if hits}


def test_the_second_sites_data_use_its_own_places(second_site):
    downloads = second_site / "_build" / "site" / "en" / "_static" / "downloads"
    points = (downloads / "target-T1-1.csv").read_text(encoding="utf-8-sig")
    assert "lakeside,Lakeside District (synthetic),湖滨区（合成）,2023,7800,summed,kW" in points
    # the city's one-year PV addition is not the district's 2021-2025 total: not in the chart's data, but listed
    assert "jiangcheng" not in points  # under "related figures, not comparable"; its share of waste recycled is drawn
    assert "jiangcheng,Jiangcheng City (synthetic) (context),江城市（合成）（背景）,2024,42,observed,percent" in \
        (downloads / "target-T2-1.csv").read_text(encoding="utf-8-sig")
    chapter = site_texts(second_site)["en/actions/action-1.html"]
    assert "Related figures, not comparable" in chapter and "(2023), not the 2021-2025 total" in chapter
    package = (downloads / "datapackage.json").read_text(encoding="utf-8")
    assert '"name": "lakeside-carbon-monitor"' in package and '"lakeside",\n' in package


def test_the_tests_of_the_plan_in_data_pass_on_the_second_plan(second_site):
    """Every test of the plan in data/ (marked monitor_data) reads what it checks from the data (the catalogue,
    the actions, the editions, reader_words.yaml): run with the published second plan as the data and its
    book as the root, as after adopting it, they pass with nothing under tests/ or src/ edited."""
    data = second_site.parent / "data"
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-m", "monitor_data",
                           "-o", "addopts=", str(Path(__file__).parent)], capture_output=True, text=True,
                          cwd=Path(__file__).parent.parent,
                          env={**os.environ, DATA_DIR_ENV: str(data), ROOT_ENV: str(second_site), "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    searched = sum(len(words) for words in yaml.safe_load((data / READER_WORDS).read_text(encoding="utf-8")).values())
    passed = int(re.search(r"(\d+) passed", done.stdout).group(1))
    assert passed >= searched + 6 and " skipped" not in done.stdout, done.stdout[-2000:]


def write_plan(tmp_path: Path, change) -> Path:
    data = Path(shutil.copytree(SECOND_PLAN, tmp_path / "data"))
    content = yaml.safe_load((data / PLAN_CONFIG).read_text(encoding="utf-8"))
    change(content)
    (data / PLAN_CONFIG).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return data


def messages(data: Path) -> tuple[str, str]:
    with pytest.raises(DataValidationError) as refused:
        load_dataset(data)
    return (report(refused.value.problems, "en", PROBLEMS_HEADING),
            report(refused.value.problems, "zh", PROBLEMS_HEADING))


def test_a_wrong_plan_yaml_is_refused_with_what_to_fix(tmp_path):
    def wrong(content):
        del content["plan"]["number"]
        content["plan"]["issued"] = "15 March 2024"
        content["site"]["slug"] = "Lakeside Monitor"
        content["site"]["titel_en"] = "typo"
        content["geographies"][0]["role"] = "district"
    en, zh = messages(write_plan(tmp_path, wrong))
    assert "plan.yaml, column 'plan.number': a value is required" in en
    assert "'15 March 2024' is not a date: write it as YYYY-MM-DD" in en
    assert "'Lakeside Monitor' cannot be a file name: use lowercase letters and digits joined by -" in en
    assert "column 'site.titel_en': plan.yaml has no such key" in en
    assert "'district' is not one of 'assessed' or 'context'" in en
    assert "plan.yaml plan.number 列：必须填写" in zh and "不能用作文件名" in zh


def test_exactly_one_assessed_geography_and_observations_only_in_declared_places(tmp_path):
    def two_assessed(content):
        content["geographies"][1]["role"] = "assessed"
    en, zh = messages(write_plan(tmp_path / "a", two_assessed))
    assert "exactly one geography must have role: assessed" in en and "有且只有一个地区" in zh

    def city_renamed(content):
        content["geographies"][1]["id"] = "river_city"
    en, _ = messages(write_plan(tmp_path / "b", city_renamed))
    assert ("'jiangcheng' is not one of the geographies in plan.yaml, ['lakeside', 'river_city']" in en
            and "observations.csv, row 7, column 'geography'" in en)


def test_the_plan_text_is_the_file_plan_yaml_names(tmp_path):
    def moved(content):
        content["plan"]["text_file"] = "plan/missing.zh.txt"
    en, zh = messages(write_plan(tmp_path / "a", moved))
    assert "plan/missing.zh.txt: the plan's text is missing (the file plan.yaml names in plan.text_file)" in en

    def outside(content):
        content["plan"]["text_file"] = "../elsewhere.txt"
    en, _ = messages(write_plan(tmp_path / "b", outside))
    assert "column 'plan.text_file': must be a path inside the data folder" in en


def test_the_second_site_judges_each_result_by_its_year_and_sets_aside_what_came_later(second_site):
    """T1-2 (all buses new-energy by 2025): 97% in 2025, 100% in 2026: missed in 2025; reached in 2026, in the
    grid, the chapter and the downloads. The 2026 energy-intensity figure was published on 2027-03-01, after
    the data-as-of date: publish says it was set aside, and no page or download of the edition holds it."""
    texts = site_texts(second_site)
    assert "missed in 2025; reached in 2026 (100%)" in texts["en/actions/action-1.html"]
    assert "2025年未达标；2026年达到（100%）" in texts["zh/actions/action-1.html"]
    assert "missed in 2025; reached in 2026 (100%)" in texts["en/scorecard.html"]  # the grid cell's label
    assert "reached the level in a later year (still counted as missed)" in texts["en/index.html"]
    downloads = second_site / "_build" / "site" / "en" / "_static" / "downloads"
    assessment = (downloads / "assessment.csv").read_text(encoding="utf-8-sig")
    assert ",missed," in assessment and "missed in 2025; reached in 2026 (100%)" in assessment
    assert "-12" not in (downloads / "target-T0-1.csv").read_text(encoding="utf-8-sig")
    assert "lakeside_bulletin_2026" not in (downloads / "observations.csv").read_text(encoding="utf-8")
    log = (second_site.parent / "publish.log").read_text(encoding="utf-8")
    assert ("set aside 1 figure dated after the data-as-of date (2026-12-31): 1 published after it; they are in no "
            "assessment, chart or download of this edition.") in log


@pytest.mark.parametrize("channel", ["report errors to the office", "ftp://example.org/errors", "errors@", "www.example.org"])
def test_a_channel_that_is_neither_an_e_mail_nor_a_web_address_is_refused_with_how_to_fix_it(tmp_path, channel):
    def bad_channel(content):
        content["site"]["report_error"] = channel
    en, zh = messages(write_plan(tmp_path, bad_channel))
    assert (f"column 'site.report_error': '{channel}' is neither an e-mail address nor an http(s) address" in en
            and "write an e-mail address (like errors@example.org) or an address starting with https://" in en)
    assert "既不是电子邮件地址也不是 http(s) 网址" in zh


@pytest.mark.parametrize("channel", ["errors@example.org", "https://example.org/issues", "http://example.org/form?x=1"])
def test_an_e_mail_or_a_web_address_is_a_channel(tmp_path, channel):
    def good_channel(content):
        content["site"]["report_error"] = channel
    assert read_plan(write_plan(tmp_path, good_channel)).site.report_error == channel


def test_publish_without_a_channel_is_refused_saying_what_to_add(tmp_path):
    def no_channel(content):
        content["site"]["report_error"] = ""
    data = write_plan(tmp_path, no_channel)
    project = Project(root=tmp_path / "nowhere", data_dir=data)  # refused before anything is read or written
    with pytest.raises(pipeline.NoChannelError) as refused:
        pipeline.publish(project, 2026, datetime.date(2026, 11, 30), show_progress=False)  # a first edition
    assert "names no channel for readers to report an error: add, under site:, report_error:" in str(refused.value)
    assert "--draft" in str(refused.value) and not (tmp_path / "nowhere").exists()
    pipeline.require_channel(read_plan(SECOND_PLAN), SECOND_PLAN)  # a channel: no refusal
