"""Bad input is refused with a message naming file, row and column (synthetic data)."""

import csv
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from analysis.inputs.dataset import load_dataset
from analysis.inputs.observations import government_host
from analysis.inputs.validation import DataValidationError

from synthetic import CITY, DISTRICT, write_synthetic_dataset


def rewrite(path: Path, edit) -> None:
    """Apply `edit(rows)` to a CSV's rows (lists of strings, header first)."""
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set a cell by the file's line number (header = 1) and column name."""
    def edit(rows):
        rows[row - 1][rows[0].index(column)] = value
    rewrite(path, edit)


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_dir)
    return [str(p) for p in caught.value.problems]


def test_synthetic_dataset_loads(synthetic_dir):
    dataset = load_dataset(synthetic_dir)
    assert len(dataset.targets) == 4
    assert dataset.observations["value"].notna().all()


@pytest.mark.parametrize(
    "file, row, column, value, expected",
    [
        ("observations.csv", 2, "indicator_id", "nonsense", "observations.csv, row 2, column 'indicator_id': unknown indicator 'nonsense'"),
        ("observations.csv", 3, "unit", "MW", "observations.csv, row 3, column 'unit': 'MW' differs from the indicator's unit 'kW'"),
        ("observations.csv", 4, "year", "2021", "observations.csv, row 4, column 'year': pv_added / synthetic_district has more than one value for 2021"),
        ("observations.csv", 2, "value", "about 5", "observations.csv, row 2, column 'value': 'about 5' is not a finite number"),
        ("observations.csv", 2, "value", "inf", "observations.csv, row 2, column 'value': 'inf' is not a finite number"),
        ("observations.csv", 2, "value", "NaN", "observations.csv, row 2, column 'value': 'NaN' is not a finite number"),
        ("observations.csv", 2, "year", "1999", "observations.csv, row 2, column 'year': 1999 is outside 2000-2060"),
        ("observations.csv", 2, "year", "2061", "observations.csv, row 2, column 'year': 2061 is outside 2000-2060"),
        ("observations.csv", 2, "year", "2022.5", "observations.csv, row 2, column 'year': '2022.5' is not a whole number"),
        ("observations.csv", 2, "source_id", "", "observations.csv, row 2, column 'source_id': a value is required"),
        ("observations.csv", 2, "source_id", "nowhere", "observations.csv, row 2, column 'source_id': unknown source 'nowhere'"),
        ("observations.csv", 2, "geography", "mars", "observations.csv, row 2, column 'geography': 'mars' is not one of"),
        ("targets.csv", 2, "unit", "kW", "targets.csv, row 2, column 'unit': 'kW' differs from the indicator's unit 'percent_vs_baseline'"),
        ("targets.csv", 4, "text_zh", "不在方案里的话", "targets.csv, row 4, column 'text_zh': these words are not in the plan's text"),
        ("targets.csv", 4, "departments", "区不存在局", "targets.csv, row 4, column 'departments': unknown department '区不存在局'"),
        ("targets.csv", 5, "target_value", "", "targets.csv, row 5, column 'target_value': a value is required unless the target is delegated"),
        ("targets.csv", 5, "kind", "wish", "targets.csv, row 5, column 'kind': 'wish' is not one of"),
        ("task_reports.csv", 2, "task", "7", "task_reports.csv, row 2, column 'task': the plan has no task 1.7"),
        ("sources.csv", 2, "url", "javascript:alert(1)", "sources.csv, row 2, column 'url': 'javascript:alert(1)' is not a web address: write it in full, starting with http:// or https://"),
    ],
)
def test_each_bad_cell_is_named(synthetic_dir, file, row, column, value, expected):
    set_cell(synthetic_dir / file, row, column, value)
    assert any(p.startswith(expected) for p in problems_of(synthetic_dir)), problems_of(synthetic_dir)


def test_missing_and_extra_columns(synthetic_dir):
    def edit(rows):
        position = rows[0].index("note")
        for r in rows:
            del r[position]
            r.append("x")
    rewrite(synthetic_dir / "observations.csv", edit)
    problems = problems_of(synthetic_dir)
    assert "observations.csv, row 1, column 'note': required column is missing" in problems
    assert "observations.csv, row 1, column 'x': unknown column" in problems


def test_ragged_row(synthetic_dir):
    rewrite(synthetic_dir / "observations.csv", lambda rows: rows[2].append("extra"))
    assert "observations.csv, row 3: has 8 cells, the header has 7" in problems_of(synthetic_dir)


def test_gbk_file_is_refused_with_its_line(synthetic_dir):
    path = synthetic_dir / "observations.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("SYNTHETIC", "合成").encode("gbk"))
    (problem,) = problems_of(synthetic_dir)
    assert problem.startswith("observations.csv, row 2: the file is not UTF-8")


def test_byte_order_mark_is_accepted(synthetic_dir):
    path = synthetic_dir / "sources.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    load_dataset(synthetic_dir)


def test_every_problem_is_reported_at_once(synthetic_dir):
    set_cell(synthetic_dir / "observations.csv", 2, "value", "x")
    set_cell(synthetic_dir / "sources.csv", 2, "kind", "rumour")
    problems = problems_of(synthetic_dir)
    assert any(p.startswith("observations.csv, row 2") for p in problems)
    assert any(p.startswith("sources.csv, row 2, column 'kind'") for p in problems)


def test_missing_file(synthetic_dir):
    (synthetic_dir / "sources.csv").unlink()
    assert any(p.startswith("sources.csv: file not found") for p in problems_of(synthetic_dir))


cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "NaN", "inf", "-inf", "1e400", "2023-01-01", "二〇二三", "<script>alert(1)</script>",
                     "1,000", "0x10", "None", "true"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(row=st.integers(2, 8), column=st.sampled_from(["indicator_id", "geography", "year", "value", "unit", "source_id"]),
       value=cells)
def test_fuzzed_cells_never_crash(tmp_path_factory, row, column, value):
    data_dir = write_synthetic_dataset(tmp_path_factory.mktemp("fuzz"))
    set_cell(data_dir / "observations.csv", row, column, value)
    try:
        dataset = load_dataset(data_dir)
    except DataValidationError as err:
        assert err.problems and all(p.file for p in err.problems)
        return
    assert pd.api.types.is_float_dtype(dataset.observations["value"])


def problems_in(data_dir: Path, language: str) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_dir)
    return [p.text(language) for p in caught.value.problems]


@pytest.mark.parametrize(
    "file, row, column, value, english, chinese",
    [
        ("observations.csv", 3, "value", "3,200",
         "observations.csv, row 3, column 'value': '3,200' has a thousands separator: write 3200",
         "observations.csv 第3行 value 列：'3,200' 含千位分隔符，请写作 3200"),
        ("observations.csv", 6, "value", "44.6%",
         "observations.csv, row 6, column 'value': '44.6%': drop the % sign, the unit is already percent: write 44.6",
         "observations.csv 第6行 value 列：'44.6%'：请去掉 % 号，单位已是百分比，写作 44.6"),
        ("observations.csv", 3, "value", "３２００",
         "observations.csv, row 3, column 'value': '３２００' contains the full-width character '３' (U+FF13), which "
         "looks like '3': type '3' instead: write 3200",
         "observations.csv 第3行 value 列：'３２００' 含全角字符'３'（U+FF13），看似 '3'，请改为半角 '3'，写作 3200"),
        ("observations.csv", 2, "value", "\u22125",
         "observations.csv, row 2, column 'value': '\u22125' contains the Unicode minus '\u2212' (U+2212), which looks "
         "like '-': type '-' instead: write -5",
         "observations.csv 第2行 value 列：'\u22125' 含Unicode 减号'\u2212'（U+2212），看似 '-'，请改为半角 '-'，写作 -5"),
        ("observations.csv", 2, "year", "２０２２",
         "observations.csv, row 2, column 'year': '２０２２' contains the full-width character '２' (U+FF12), which "
         "looks like '2': type '2' instead: write 2022",
         "observations.csv 第2行 year 列：'２０２２' 含全角字符'２'（U+FF12），看似 '2'，请改为半角 '2'，写作 2022"),
        ("sources.csv", 2, "date", "2024/1/5",
         "sources.csv, row 2, column 'date': '2024/1/5' is not a date: write the date as YYYY-MM-DD (or YYYY-MM, "
         "YYYY), e.g. 2024-01-05",
         "sources.csv 第2行 date 列：'2024/1/5' 不是日期：请写作 YYYY-MM-DD（或 YYYY-MM、YYYY），如 2024-01-05"),
        ("sources.csv", 2, "date", "last spring",
         "sources.csv, row 2, column 'date': 'last spring' is not a date: write the date as YYYY-MM-DD (or YYYY-MM, YYYY)",
         "sources.csv 第2行 date 列：'last spring' 不是日期：请写作 YYYY-MM-DD（或 YYYY-MM、YYYY）"),
        ("observations.csv", 2, "indicator_id", "energy_intensty",
         "observations.csv, row 2, column 'indicator_id': unknown indicator 'energy_intensty'; did you mean 'energy_intensity'?",
         "observations.csv 第2行 indicator_id 列：未知的指标 'energy_intensty'，是否应为 'energy_intensity'？"),
        ("observations.csv", 2, "source_id", "synthetic_sorce",
         "observations.csv, row 2, column 'source_id': unknown source 'synthetic_sorce'; did you mean 'synthetic_source'?",
         "observations.csv 第2行 source_id 列：未知的来源 'synthetic_sorce'，是否应为 'synthetic_source'？"),
        ("observations.csv", 2, "geography", "Synthetic_District",
         "observations.csv, row 2, column 'geography': 'Synthetic_District' is not one of the geographies in plan.yaml, "
         "['synthetic_district', 'synthetic_city']; did you mean 'synthetic_district'?",
         "observations.csv 第2行 geography 列：'Synthetic_District' 不是 plan.yaml 中的地区 "
         "['synthetic_district', 'synthetic_city'] 之一，是否应为 'synthetic_district'？"),
        ("context_links.csv", 2, "target_id", "T0-11",
         "context_links.csv, row 2, column 'target_id': unknown target 'T0-11'; did you mean 'T0-1'?",
         "context_links.csv 第2行 target_id 列：未知的目标 'T0-11'，是否应为 'T0-1'？"),
        ("targets.csv", 4, "departments", "区发展改革",
         "targets.csv, row 4, column 'departments': unknown department '区发展改革'; did you mean '区发展改革委'?",
         "targets.csv 第4行 departments 列：未知的部门 '区发展改革'，是否应为 '区发展改革委'？"),
    ],
)
def test_messages_say_how_to_fix_in_both_languages(synthetic_dir, file, row, column, value, english, chinese):
    set_cell(synthetic_dir / file, row, column, value)
    assert english in problems_in(synthetic_dir, "en")
    assert chinese in problems_in(synthetic_dir, "zh")


def test_an_unknown_fuel_gets_a_suggestion(synthetic_dir):
    (synthetic_dir / "energy_activity.csv").write_text(
        "geography,year,fuel_id,amount,activity_unit,source_id,note\n"
        "synthetic_district,2022,electricty,100,10k kWh,synthetic_source,SYNTHETIC\n", encoding="utf-8")
    assert ("energy_activity.csv, row 2, column 'fuel_id': 'electricty' has no emission factor; did you mean "
            "'electricity'?") in problems_in(synthetic_dir, "en")


def test_gbk_and_utf16_files_say_how_to_save_as_utf8(synthetic_dir):
    path = synthetic_dir / "observations.csv"
    text = path.read_text(encoding="utf-8").replace("SYNTHETIC", "合成")
    for encoding, name in [("gbk", "GBK"), ("utf-16", "UTF-16")]:
        path.write_bytes(text.encode(encoding))
        (english,) = problems_in(synthetic_dir, "en")
        (chinese,) = problems_in(synthetic_dir, "zh")
        assert f"it looks like {name}" in english and f"看来是 {name}" in chinese
        assert "File > Save As > CSV UTF-8 (Comma delimited) (*.csv)" in english and "另存为 > CSV UTF-8" in english
        assert "文件 > 另存为 > CSV UTF-8（逗号分隔）" in chinese and "excel-import" in chinese


def test_problems_of_every_file_in_one_run(synthetic_dir):
    """A cell problem in one file does not hide a cross-file problem in another."""
    set_cell(synthetic_dir / "sources.csv", 2, "date", "soon")
    set_cell(synthetic_dir / "observations.csv", 3, "value", "x")
    set_cell(synthetic_dir / "observations.csv", 2, "indicator_id", "nonsense")
    set_cell(synthetic_dir / "context_links.csv", 2, "target_id", "T9-9")
    problems = problems_of(synthetic_dir)
    for start in ["sources.csv, row 2, column 'date'", "observations.csv, row 3, column 'value'",
                  "observations.csv, row 2, column 'indicator_id': unknown indicator",
                  "context_links.csv, row 2, column 'target_id': unknown target"]:
        assert any(p.startswith(start) for p in problems), (start, problems)


@pytest.mark.parametrize("name, expected", [
    ("observations.xlsx", "observations.xlsx: is a workbook, which the monitor does not read: import it with "
                          "`python -m analysis excel-import observations.xlsx`"),
    ("data.ods", "data.ods: is a workbook"),
    ("observation.csv", "observation.csv: is not a data file the monitor reads; did you mean 'observations.csv'?"),
])
def test_files_the_monitor_does_not_read_are_named(synthetic_dir, name, expected):
    (synthetic_dir / name).write_bytes(b"SYNTHETIC")
    assert any(p.startswith(expected) for p in problems_of(synthetic_dir)), problems_of(synthetic_dir)


def test_a_backup_file_is_a_warning(synthetic_dir):
    (synthetic_dir / "observations.csv~").write_bytes(b"SYNTHETIC")
    (warning,) = load_dataset(synthetic_dir).warnings
    assert warning.text("en") == ("observations.csv~: is not read by the monitor (a backup or temporary file?): "
                                  "delete it or move it out of data/")
    assert warning.text("zh").startswith("observations.csv~：监测不读取此文件")


def test_the_language_follows_the_locale():
    from analysis.inputs.messages import default_language

    assert default_language({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert default_language({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert default_language({}) == "en"


def test_validate_prints_every_problem_in_the_chosen_language(synthetic_dir):
    from click.testing import CliRunner

    from analysis.__main__ import cli

    set_cell(synthetic_dir / "observations.csv", 3, "value", "3,200")
    english = CliRunner().invoke(cli, ["validate", "--data-dir", str(synthetic_dir), "--lang", "en"])
    chinese = CliRunner().invoke(cli, ["validate", "--data-dir", str(synthetic_dir), "--lang", "zh"])
    assert english.exit_code == chinese.exit_code == 1
    assert "observations.csv, row 3, column 'value': '3,200' has a thousands separator: write 3200" in english.output
    assert "数据中有 1 个问题：" in chinese.output and "第3行 value 列：'3,200' 含千位分隔符" in chinese.output


@pytest.mark.parametrize("kind, url, publisher, date, expected", [
    ("supplied", "", "区发展改革委", "2027-03", None),
    ("official", "", "区发展改革委", "2027-03",
     "sources.csv, row 2, column 'url': a source of kind 'official' needs a URL (only 'supplied' figures"),
    ("supplied", "", "", "2027-03", "sources.csv, row 2, column 'publisher': a value is required"),
    ("supplied", "", "区发展改革委", "", "sources.csv, row 2, column 'date': a value is required"),
])
def test_supplied_sources_need_no_url_but_a_publisher_and_date(synthetic_dir, kind, url, publisher, date, expected):
    for column, value in [("kind", kind), ("url", url), ("publisher", publisher), ("date", date)]:
        set_cell(synthetic_dir / "sources.csv", 2, column, value)
    if expected is None:
        assert load_dataset(synthetic_dir).sources.loc[2, "kind"] == "supplied"
    else:
        assert any(p.startswith(expected) for p in problems_of(synthetic_dir)), problems_of(synthetic_dir)


def write_context_targets(data_dir: Path, geography: str) -> None:
    (data_dir / "context_targets.csv").write_text(
        "indicator_id,geography,comparator,target_value,target_year,source_id,note_zh,note_en\n"
        f"energy_intensity,{geography},<=,-14,2025,synthetic_source,合成,SYNTHETIC\n", encoding="utf-8")


@pytest.mark.parametrize("edit, english, chinese", [
    (lambda d: set_cell(d / "indicators.csv", 4, "measure", "yearly_addition"),
     "indicators.csv, row 4, column 'measure': 'yearly_addition' does not fit the unit 'percent': a yearly_addition is "
     "in kW, m2, count, vehicles, yuan_100m, tCO2_10k; change the measure (the unit percent allows share) or the unit",
     "indicators.csv 第4行 measure 列：'yearly_addition' 与单位 'percent' 不符：yearly_addition 的单位须为 kW, m2, count, "
     "vehicles, yuan_100m, tCO2_10k；请改 measure（单位 percent 可用 share）或改单位"),
    (lambda d: set_cell(d / "indicators.csv", 4, "measure", "yearly_addition"),  # the city's 70% of 2022, row 8
     "observations.csv, row 8, column 'indicator_id': this context figure is a 'yearly_addition' by its indicator "
     "green_travel_share, which does not fit the unit 'percent': correct the indicator's measure in indicators.csv, "
     "or give the figure an indicator whose measure it is",
     "observations.csv 第8行 indicator_id 列：这一背景数字按其指标 green_travel_share 是 'yearly_addition'，与单位 'percent' "
     "不符：请在 indicators.csv 中更正该指标的 measure，或为这一数字选用口径相符的指标"),
    (lambda d: set_cell(d / "sources.csv", 2, "kind", ""),
     "sources.csv, row 2, column 'kind': the source's kind is required, one of ['official', 'repost', 'news', "
     "'research_estimate', 'supplied']: official for the government's own page, repost for a copy elsewhere",
     "sources.csv 第2行 kind 列：须填写来源类型，为 ['official', 'repost', 'news', 'research_estimate', 'supplied'] 之一："
     "official 为政府网站上的原文"),
    (lambda d: set_cell(d / "sources.csv", 2, "url", "https://www.antpedia.com/news/13/n-3124913.html"),
     "sources.csv, row 2, column 'url': a source of kind 'official' must be on a government host (gov.cn or a host "
     "under it), and 'www.antpedia.com' is not: give the address of the original on the government's site, or change "
     "the kind to repost or news",
     "sources.csv 第2行 url 列：类型为 official 的来源须在政府网站上（gov.cn 或其下的网址），'www.antpedia.com' 不是："
     "请填写政府网站上原文的网址，或把类型改为 repost（转载）或 news（新闻报道）"),
    (lambda d: write_context_targets(d, DISTRICT),
     "context_targets.csv, row 2, column 'geography': 'synthetic_district' is not a context area: an area's own target "
     "is recorded only for geographies with role: context in plan.yaml (['synthetic_city'])",
     "context_targets.csv 第2行 geography 列：'synthetic_district' 不是背景地区"),
])
def test_measures_kinds_and_official_hosts_are_checked(synthetic_dir, edit, english, chinese):
    """A measure that does not fit its unit (and the context figures of it), a source without a kind, an
    'official' source off a government host, a district 'own target' are refused, saying how to fix them."""
    edit(synthetic_dir)
    assert any(p.startswith(english) for p in problems_in(synthetic_dir, "en")), problems_in(synthetic_dir, "en")
    assert any(p.startswith(chinese) for p in problems_in(synthetic_dir, "zh")), problems_in(synthetic_dir, "zh")


def test_a_context_areas_own_target_loads(synthetic_dir):
    write_context_targets(synthetic_dir, CITY)
    assert load_dataset(synthetic_dir).context_targets[["geography", "target_value"]].values.tolist() == [[CITY, -14.0]]


@pytest.mark.parametrize("url, official", [
    ("https://www.shanghai.gov.cn/nw12336/x.html", True), ("http://www.stats.gov.cn/english/x.html", True),
    ("https://gov.cn/x", True), ("https://english.shpt.gov.cn/news/3010.shtml", True),
    ("https://fakegov.cn/x", False), ("https://gov.cn.example.com/x", False), ("https://www.antpedia.com/x", False),
    ("https://example.org/gov.cn", False),
])
def test_a_government_host_is_gov_cn_or_under_it(url, official):
    assert government_host(url) is official


MEASURE_OF_UNIT = {"percent": "share", "percent_yoy": "yearly_change", "percent_vs_baseline": "change_over_period",
                   "flag": "flag"}  # a quantity: a level


def add_series(data_dir: Path, indicator: str, unit: str, values: dict[int, str]) -> None:
    """Declare a SYNTHETIC indicator and add its district observations (year -> value as typed)."""
    rewrite(data_dir / "indicators.csv", lambda rows: rows.append(
        [indicator, "合成", "SYNTHETIC", unit, "increase", MEASURE_OF_UNIT.get(unit, "level"), "", "", ""]))
    rewrite(data_dir / "observations.csv", lambda rows: rows.extend(
        [indicator, DISTRICT, str(year), value, unit, "synthetic_source", "SYNTHETIC"] for year, value in values.items()))


IMPOSSIBLE = [
    (lambda d: set_cell(d / "observations.csv", 7, "value", "446"),
     "observations.csv, row 7, column 'value': 446 is outside 0-100: the unit percent is a share or rate",
     "observations.csv 第7行 value 列：446 超出 0-100：单位 percent 是占比或比率"),
    (lambda d: set_cell(d / "targets.csv", 5, "target_value", "-5"),
     "targets.csv, row 5, column 'target_value': -5 is outside 0-100: the unit percent is a share or rate",
     "targets.csv 第5行 target_value 列：-5 超出 0-100"),
    (lambda d: add_series(d, "demo_done", "flag", {2024: "2"}),
     "observations.csv, row 9, column 'value': 2 is not 0 or 1: a flag is 0 (not done) or 1 (done)",
     "observations.csv 第9行 value 列：2 不是 0 或 1"),
    (lambda d: set_cell(d / "observations.csv", 3, "value", "-3000"),
     "observations.csv, row 3, column 'value': -3000 is negative: a quantity cannot be",
     "observations.csv 第3行 value 列：-3000 为负数：数量不能为负"),
    (lambda d: add_series(d, "demo_added_annual", "m2", {2023: "-12"}),
     "observations.csv, row 9, column 'value': -12 is negative: a yearly addition cannot be",
     "observations.csv 第9行 value 列：-12 为负数：年度新增量不能为负"),
    (lambda d: add_series(d, "demo_piles_cumulative", "count", {2021: "120", 2022: "90", 2023: "130"}),
     "observations.csv, row 10, column 'value': 90 is below 120 in 2021: a running total cannot fall",
     "observations.csv 第10行 value 列：90 低于 2021 年的 120：累计值不会下降"),
]


@pytest.mark.parametrize("edit, english, chinese", IMPOSSIBLE)
def test_values_impossible_for_their_unit_are_refused(synthetic_dir, edit, english, chinese):
    edit(synthetic_dir)
    assert english in problems_in(synthetic_dir, "en")
    assert any(p.startswith(chinese) for p in problems_in(synthetic_dir, "zh")), problems_in(synthetic_dir, "zh")


@pytest.mark.parametrize("edit, english, chinese", [
    (lambda d: set_cell(d / "observations.csv", 5, "value", "60000"),
     "observations.csv, row 5, column 'value': 60000 is more than 10 times 4000 in 2022: check the unit "
     "(10,000s? thousands?)",
     "observations.csv 第5行 value 列：60000 是 2022 年 4000 的 10 倍以上：请核对单位（万？千？）"),
    (lambda d: set_cell(d / "observations.csv", 7, "value", "0.66"),
     "observations.csv, row 7, column 'value': 0.66 is below 1 while the series' other years are above 10: a fraction "
     "typed for a percent? write 66",
     "observations.csv 第7行 value 列：0.66 小于 1，而该系列其他年份都在 10 以上：是否把百分数写成了小数？应写作 66"),
    (lambda d: set_cell(d / "observations.csv", 8, "value", "0.7"),  # the city's only figure; the target is 75%
     "observations.csv, row 8, column 'value': 0.7 is below 1 while the indicator's target is 75%: a fraction "
     "typed for a percent? write 70",
     "observations.csv 第8行 value 列：0.7 小于 1，而该指标的目标为 75%：是否把百分数写成了小数？应写作 70"),
])
def test_implausible_values_are_warned_about_but_load(synthetic_dir, edit, english, chinese):
    edit(synthetic_dir)
    dataset = load_dataset(synthetic_dir)
    assert [w.text("en") for w in dataset.warnings] == [english]
    assert [w.text("zh") for w in dataset.warnings] == [chinese]


def test_changes_may_be_negative_and_jump(synthetic_dir):
    add_series(synthetic_dir, "demo_change", "percent_yoy", {2020: "-0.1", 2021: "-2.7", 2022: "-150"})
    assert load_dataset(synthetic_dir).warnings == ()


def test_the_published_data_is_plausible():
    """data/ itself: no refusal and no warning."""
    assert load_dataset().warnings == ()


def test_a_fall_to_a_tenth_is_warned_about(synthetic_dir):
    set_cell(synthetic_dir / "observations.csv", 5, "value", "300")
    (warning,) = load_dataset(synthetic_dir).warnings
    assert warning.text("en") == ("observations.csv, row 5, column 'value': 300 is less than 1/10 of 4000 in 2022: "
                                  "check the unit (10,000s? thousands?)")
