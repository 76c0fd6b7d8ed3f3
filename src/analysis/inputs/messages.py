"""What the data checks say, in Chinese and English: one (zh, en) template per message key.

A template's fields are filled from the problem's values; a value given as a (zh, en) pair
is filled in the matching language. The language of the command line comes from
`--lang`, else from the locale ($LC_ALL, $LC_MESSAGES, $LANG: zh... means Chinese).
"""

from __future__ import annotations

import os

LANGUAGES = ("zh", "en")
EXCEL_UTF8 = ("Excel 请用“文件 > 另存为 > CSV UTF-8（逗号分隔）(*.csv)”，WPS 请用“另存为 > CSV UTF-8”，"
              "或用 `python -m analysis excel-import 工作簿.xlsx` 导入",
              "in Excel use File > Save As > CSV UTF-8 (Comma delimited) (*.csv), in WPS 另存为 > CSV UTF-8, "
              "or import the workbook with `python -m analysis excel-import WORKBOOK.xlsx`")

MESSAGES: dict[str, tuple[str, str]] = {
    # reading a file
    "file_missing": ("在 {folder} 中找不到该文件", "file not found in {folder}"),
    "not_utf8": ("文件不是 UTF-8 编码（字节 0x{byte}{encoding}）：{fix}", "the file is not UTF-8 (byte 0x{byte}{encoding}): {fix}"),
    "not_csv": ("不是可读取的 CSV 文件：{error}", "not a readable CSV file: {error}"),
    "empty": ("文件为空：需要标题行", "the file is empty: a header row is required"),
    "column_missing": ("缺少必需的列", "required column is missing"),
    "column_unknown": ("未知的列{suggestion}", "unknown column{suggestion}"),
    "column_repeated": ("该列出现不止一次", "column appears more than once"),
    "ragged": ("有 {cells} 个单元格，标题行有 {header} 个", "has {cells} cells, the header has {header}"),
    "too_long": ("有 {length:,} 个字符，超过 {limit:,}", "has {length:,} characters, more than {limit:,}"),
    "yaml": ("不是可读取的 YAML：{error}", "not readable YAML: {error}"),
    "yaml_keys": ("需要 goals、actions 和 safeguards 三个键", "needs the keys goals, actions and safeguards"),
    "action_ids": ("行动编号须依次为 1, 2, 3, ...，实为 {ids}", "action ids must be 1, 2, 3, ... in order, found {ids}"),
    "plan_missing": ("缺少方案原文（plan.yaml 中 plan.text_file 所指的文件）",
                     "the plan's text is missing (the file plan.yaml names in plan.text_file)"),
    # plan.yaml
    "plan_key_unknown": ("plan.yaml 中没有这个键：请对照 data/README.md 检查拼写",
                         "plan.yaml has no such key: check its spelling against data/README.md"),
    "bad_channel": ("'{value}' 既不是电子邮件地址也不是 http(s) 网址：读者无法据此报告错误。请写电子邮件地址"
                    "（如 errors@example.org）或以 https:// 开头的网址（如问题跟踪页面），或留空（只能发布草稿）",
                    "'{value}' is neither an e-mail address nor an http(s) address, so readers could not use it to "
                    "report an error: write an e-mail address (like errors@example.org) or an address starting "
                    "with https:// (an issue tracker, a form), or leave it empty (then only a draft can be published)"),
    "bad_site_url": ("'{value}' 不是 http(s) 网址：请写本站公开的网址，如 https://example.org/monitor",
                     "'{value}' is not an http(s) address: write the site's public address, like https://example.org/monitor"),
    "plan_date": ("'{value}' 不是日期：请写作 YYYY-MM-DD", "'{value}' is not a date: write it as YYYY-MM-DD"),
    "bad_slug": ("'{value}' 不能用作文件名：请用小写字母和数字，以 - 连接（如 xx-carbon-monitor）",
                 "'{value}' cannot be a file name: use lowercase letters and digits joined by - (like xx-carbon-monitor)"),
    "outside_data_folder": ("须是数据文件夹内的路径（如 plan/方案.zh.txt）",
                            "must be a path inside the data folder (like plan/plan.zh.txt)"),
    "geography_ids_repeated": ("地区编号（id）不能重复", "geography ids must differ"),
    "one_assessed": ("须有且只有一个地区的 role 为 assessed（被评估的区）",
                     "exactly one geography must have role: assessed (the district assessed)"),
    "unknown_geography": ("'{value}' 不是 plan.yaml 中的地区 {allowed} 之一{suggestion}",
                          "'{value}' is not one of the geographies in plan.yaml, {allowed}{suggestion}"),
    "plan_value": ("'{value}' 不可用（{error}）", "'{value}' cannot be used: {error}"),
    # files that the monitor does not read
    "workbook": ("是工作簿，监测不读取：请用 `python -m analysis excel-import {name}` 导入",
                 "is a workbook, which the monitor does not read: import it with `python -m analysis excel-import {name}`"),
    "unknown_csv": ("不是监测读取的数据文件{suggestion}", "is not a data file the monitor reads{suggestion}"),
    "unplaced": ("draft-plan 列出的含数字但未归入目标的句子：逐句核对（需要时加入 targets.csv）后删除本文件",
                 "the sentences with a number that draft-plan did not place: check each (add it to targets.csv if it "
                 "is a target), then delete this file"),
    "stray_file": ("监测不读取此文件（备份或临时文件？）：请删除或移出 data/",
                   "is not read by the monitor (a backup or temporary file?): delete it or move it out of data/"),
    # cells
    "not_number": ("'{value}' 不是有限数值", "'{value}' is not a finite number"),
    "not_whole": ("'{value}' 不是整数", "'{value}' is not a whole number"),
    "thousands": ("'{value}' 含千位分隔符，请写作 {fixed}", "'{value}' has a thousands separator: write {fixed}"),
    "percent_sign": ("'{value}'：请去掉 % 号，单位已是百分比，写作 {fixed}",
                     "'{value}': drop the % sign, the unit is already percent: write {fixed}"),
    "lookalike": ("'{value}' 含{name}'{char}'（{code}），看似 '{ascii}'，请改为半角 '{ascii}'{fixed}",
                  "'{value}' contains the {name} '{char}' ({code}), which looks like '{ascii}': type '{ascii}' instead{fixed}"),
    "not_bool": ("'{value}' 不是 true 或 false", "'{value}' is not true or false"),
    "required": ("必须填写", "a value is required"),
    "out_of_range": ("{value} 超出 {low}-{high} 的范围", "{value} is outside {low}-{high}"),
    "not_one_of": ("'{value}' 不是 {allowed} 之一{suggestion}", "'{value}' is not one of {allowed}{suggestion}"),
    "bad_date": ("'{value}' 不是日期：请写作 YYYY-MM-DD（或 YYYY-MM、YYYY）{example}",
                 "'{value}' is not a date: write the date as YYYY-MM-DD (or YYYY-MM, YYYY){example}"),
    "bad_url": ("'{value}' 不是网址：请写完整地址，以 http:// 或 https:// 开头",
                "'{value}' is not a web address: write it in full, starting with http:// or https://"),
    "bad_id": ("'{value}' 不是有效编号：请用小写字母、数字和 _，以字母开头",
               "'{value}' is not a valid id: use lowercase letters, digits and _, starting with a letter"),
    "bad_pattern": ("'{value}' 不符合格式 {pattern}", "'{value}' does not match {pattern}"),
    "duplicated": ("'{value}' 重复", "'{value}' is duplicated"),
    "below": ("{value} 小于 {low}", "{value} is below {low}"),
    "not_above": ("{value} 必须大于 {low}", "{value} must be above {low}"),
    "fails": ("{value} 未通过检查 {check}", "{value} fails {check}"),
    "url_required": ("类型为 '{kind}' 的来源须有网址（只有 supplied，即部门提供的数据，可以没有）",
                     "a source of kind '{kind}' needs a URL (only 'supplied' figures, given by a department, may have none)"),
    "kind_required": ("须填写来源类型，为 {allowed} 之一：official 为政府网站上的原文，repost 为他处的转载，news 为新闻报道，"
                      "research_estimate 为研究估算，supplied 为部门提供的数据",
                      "the source's kind is required, one of {allowed}: official for the government's own page, repost for a "
                      "copy elsewhere, news for a news report, research_estimate for a research estimate, supplied for figures "
                      "a department gave"),
    "official_host": ("类型为 official 的来源须在政府网站上（gov.cn 或其下的网址），'{host}' 不是：请填写政府网站上原文的网址，"
                      "或把类型改为 repost（转载）或 news（新闻报道）",
                      "a source of kind 'official' must be on a government host (gov.cn or a host under it), and '{host}' is "
                      "not: give the address of the original on the government's site, or change the kind to repost or news"),
    "measure_unit": ("'{measure}' 与单位 '{unit}' 不符：{measure} 的单位须为 {units}；请改 measure（单位 {unit} 可用 {measures}）或改单位",
                     "'{measure}' does not fit the unit '{unit}': a {measure} is in {units}; change the measure (the unit "
                     "{unit} allows {measures}) or the unit"),
    # across files
    "context_measure": ("这一背景数字按其指标 {indicator} 是 '{measure}'，与单位 '{unit}' 不符：请在 indicators.csv 中更正该指标的 "
                        "measure，或为这一数字选用口径相符的指标",
                        "this context figure is a '{measure}' by its indicator {indicator}, which does not fit the unit '{unit}': "
                        "correct the indicator's measure in indicators.csv, or give the figure an indicator whose measure it is"),
    "not_context": ("'{value}' 不是背景地区：自身目标只能记在 plan.yaml 中 role 为 context 的地区下（{allowed}）",
                    "'{value}' is not a context area: an area's own target is recorded only for geographies with role: "
                    "context in plan.yaml ({allowed})"),
    "unknown": ("未知的{what} '{value}'{suggestion}", "unknown {what} '{value}'{suggestion}"),
    "increment_unit": ("'{unit}' 指标不能作为 '{total}'（{total_unit}）的逐年数据：单位须相同（逐年变化率 percent_yoy 对应较基年变化 percent_vs_baseline）",
                       "a '{unit}' indicator cannot step '{total}' ({total_unit}): the units must match (a yearly % change, percent_yoy, steps a change against a base year, percent_vs_baseline)"),
    "running_total_starts": ("以 {indicator} 为指标的目标起始年份不同，但其累计值只能有一个起始年份",
                             "targets on {indicator} start in different years, but its running total has one start"),
    "chain_disagrees": ("{total} / {geography} {year} 年为 {value}，但 {steps} 的逐年变化率自上一年连乘得 {carried}：其中一个有误",
                        "{total} / {geography} {year} is {value}, but the yearly changes of {steps} chain to {carried} from the year before: one of them is wrong"),
    "sum_disagrees": ("{total} / {geography} {year} 年为 {value}，但 {steps} 的逐年新增量自上一年累加得 {carried}：其中一个有误",
                      "{total} / {geography} {year} is {value}, but the yearly additions of {steps} add up to {carried} from the year before: one of them is wrong"),
    "unit_mismatch": ("'{unit}' 与指标的单位 '{wanted}' 不一致", "'{unit}' differs from the indicator's unit '{wanted}'"),
    "duplicate_year": ("{indicator} / {geography} 在 {year} 年有不止一个数值",
                       "{indicator} / {geography} has more than one value for {year}"),
    "direction_mismatch": ("与指标的方向不一致", "differs from the indicator's direction"),
    "target_value_required": ("须填写目标值，除非目标由市级下达",
                              "a value is required unless the target is delegated to the city"),
    "not_in_plan": ("这段文字不在方案原文中", "these words are not in the plan's text"),
    "no_task": ("方案中没有任务 {action}.{task}", "the plan has no task {action}.{task}"),
    "no_factor": ("'{fuel}' 没有排放因子{suggestion}", "'{fuel}' has no emission factor{suggestion}"),
    "factor_unit": ("'{unit}' 与排放因子的单位 '{wanted}' 不一致", "'{unit}' differs from the factor's unit '{wanted}'"),
    "activity_repeated": ("{geography} {fuel} {year} 出现不止一次", "{geography} {fuel} {year} appears more than once"),
    # excel-import
    "converted": ("'{old}' -> {new}（{why}）", "'{old}' -> {new} ({why})"),
    # plausibility: refused
    "percent_range": ("{value} 超出 0-100：单位 {unit} 是占比或比率", "{value} is outside 0-100: the unit {unit} is a share or rate"),
    "flag_value": ("{value} 不是 0 或 1：单位 flag 只能是 0（未完成）或 1（已完成）",
                   "{value} is not 0 or 1: a flag is 0 (not done) or 1 (done)"),
    "negative": ("{value} 为负数：{what}不能为负", "{value} is negative: {what} cannot be"),
    "falls": ("{value} 低于 {previous_year} 年的 {previous}：累计值不会下降",
              "{value} is below {previous} in {previous_year}: a running total cannot fall"),
    # plausibility: warned
    "jump": ("{value} 是 {previous_year} 年 {previous} 的 {factor:.0f} 倍以上：请核对单位（万？千？）",
             "{value} is more than {factor:.0f} times {previous} in {previous_year}: check the unit (10,000s? thousands?)"),
    "drop": ("{value} 不到 {previous_year} 年 {previous} 的 1/{factor:.0f}：请核对单位（万？千？）",
             "{value} is less than 1/{factor:.0f} of {previous} in {previous_year}: check the unit (10,000s? thousands?)"),
    "fraction_target": ("{value} 小于 1，而该指标的目标为 {target}%：是否把百分数写成了小数？应写作 {fixed}",
                        "{value} is below 1 while the indicator's target is {target}%: a fraction typed for a "
                        "percent? write {fixed}"),
    "fraction": ("{value} 小于 1，而该系列其他年份都在 {floor} 以上：是否把百分数写成了小数？应写作 {fixed}",
                 "{value} is below 1 while the series' other years are above {floor}: a fraction typed for a percent? "
                 "write {fixed}"),
}

WHERE = {"row": ("第{row}行", "row {row}"), "column": ("{column} 列", "column '{column}'")}


def pick(pair, language: str):
    """A (zh, en) pair's member in the language; any other value as it is."""
    if isinstance(pair, tuple) and len(pair) == 2:
        return pair[LANGUAGES.index(language)]
    return pair


def render(key: str, values: dict, language: str) -> str:
    """The message `key` with its values, in the language."""
    return pick(MESSAGES[key], language).format(**{k: pick(v, language) for k, v in values.items()})


def suggestion(value, known) -> tuple[str, str]:
    """'; did you mean 'pv_added'?' for the closest known value, or nothing."""
    import difflib

    choices = [str(k) for k in known if isinstance(k, str) or k == k]
    match = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in choices}
        match = [lowered[str(value).lower()]] if str(value).lower() in lowered else []
    return (f"，是否应为 '{match[0]}'？", f"; did you mean '{match[0]}'?") if match else ("", "")


def default_language(environ=None) -> str:
    """'zh' when the locale is Chinese ($LC_ALL, $LC_MESSAGES, $LANG), else 'en'."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return "zh" if environ[name].lower().startswith("zh") else "en"
    return "en"
