"""The publication's own logs on the SYNTHETIC data: corrections by edition, the method change
log with the statuses a change moved computed (never entered), and safe target anchors."""

import re

import pytest
from hypothesis import given, strategies as st

from analysis.assess import editions as ed, progress as pg
from analysis.inputs.dataset import load_dataset
from analysis.inputs.validation import DataValidationError
from analysis.pages.page import Page
from analysis.pages.publication import target_anchor

from synthetic import AS_OF, FIRST_EDITION, PAGE_EDITION

METHOD_HEADER = "edition,date,rule_zh,rule_en\n"
CORRECTIONS_HEADER = "edition,date,what_zh,what_en,targets\n"


def test_a_plain_target_id_keeps_its_anchor_and_an_unsafe_one_gets_a_safe_distinct_one():
    assert target_anchor("T1-1") == "t1-1" and target_anchor("T10-12") == "t10-12"
    unsafe = ["T1 1", "T1#1", "T1/1", "目标1", "T1-1?"]
    anchors = [target_anchor(t) for t in unsafe]
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", a) for a in anchors)
    assert len(set(anchors)) == len(unsafe) and "t1-1" not in anchors


@given(st.text(min_size=1, max_size=12))
def test_every_anchor_is_safe_in_an_address(target_id):
    assert re.fullmatch(r"[a-z][a-z0-9-]*", target_anchor(target_id))


def test_the_corrections_page_says_what_to_include_where_to_send_it_and_logs_each_correction(synthetic_dir):
    (synthetic_dir / "corrections.csv").write_text(
        CORRECTIONS_HEADER + "2025,2026-01-05,合成更正甲,SYNTHETIC correction A,T1-1\n"
        "2024,2025-02-01,合成更正乙,SYNTHETIC correction B,\n", encoding="utf-8")
    en = Page.load("corrections", "en", str(synthetic_dir), *PAGE_EDITION).corrections()
    assert "what you believe is right, and the publication that shows it" in en
    assert ('Send it to: <a href="https://example.org/synthetic-monitor/issues" rel="noopener">'
            "https://example.org/synthetic-monitor/issues</a>.") in en
    rows = re.findall(r'<td role="cell" data-label="Edition">(\d+) edition</td>.*?data-label="What was corrected">'
                      r"([^<]+)</td>", en)
    assert rows == [("2025", "SYNTHETIC correction A"), ("2024", "SYNTHETIC correction B")]  # latest edition first
    assert '<a href="actions/action-1.html#t1-1">T1-1</a>' in en


def test_a_correction_naming_an_unknown_target_is_refused(synthetic_dir):
    (synthetic_dir / "corrections.csv").write_text(CORRECTIONS_HEADER + "2025,2026-01-05,甲,A,T1-1;T9-9\n",
                                                  encoding="utf-8")
    with pytest.raises(DataValidationError) as refused:
        load_dataset(synthetic_dir)
    assert "corrections.csv, row 2, column 'targets'" in str(refused.value) and "T9-9" in str(refused.value)


def test_without_a_channel_the_corrections_page_says_so_and_invents_none(synthetic_dir):
    plan = (synthetic_dir / "plan.yaml").read_text(encoding="utf-8")
    (synthetic_dir / "plan.yaml").write_text(re.sub(r"report_error: .*", "report_error: ''", plan), encoding="utf-8")
    zh = Page.load("corrections", "zh", str(synthetic_dir), *PAGE_EDITION).corrections()
    assert "尚未设置报告错误的渠道" in zh and "mailto:" not in zh and "尚无更正。" in zh


def test_the_method_log_computes_which_statuses_a_change_moved(synthetic_dir):
    """The previous edition's record stands for what the old method published; re-assessed at its
    date by today's code, the targets whose status differs are the change's."""
    dataset = load_dataset(synthetic_dir)
    first = ed.Edition(FIRST_EDITION["edition"], AS_OF)
    published = ed.snapshot(pg.assess_district(dataset, AS_OF))
    moved_target = published["target_id"].iloc[0]
    old_method = published.assign(status=published["status"].mask(published["target_id"].eq(moved_target), pg.ON_TRACK))
    ed.write_edition(synthetic_dir, first, old_method)
    (synthetic_dir / "method_changes.csv").write_text(
        METHOD_HEADER + "2026,2026-03-01,合成规则,SYNTHETIC rule\n2027,2026-12-01,合成预告,SYNTHETIC announced rule\n",
        encoding="utf-8")
    en = Page.load("changes", "en", str(synthetic_dir), 2026, "2026-11-30").changes()
    log = en[en.index('id="method-changes"'):]
    now = published.set_index("target_id").loc[moved_target, "status"]
    from analysis.pages.labels import status_text
    assert f'{moved_target}</a> {status_text(pg.ON_TRACK, "en")} → {status_text(now, "en")}' in log
    assert "announced: computed when the 2027 edition is published" in log
    assert log.count("→") == 1  # only the target whose status the comparison moved


def test_with_the_same_method_no_status_is_claimed_moved(synthetic_dir):
    dataset = load_dataset(synthetic_dir)
    ed.write_edition(synthetic_dir, ed.Edition(FIRST_EDITION["edition"], AS_OF),
                     ed.snapshot(pg.assess_district(dataset, AS_OF)))
    (synthetic_dir / "method_changes.csv").write_text(METHOD_HEADER + "2026,2026-03-01,合成规则,SYNTHETIC rule\n",
                                                      encoding="utf-8")
    zh = Page.load("changes", "zh", str(synthetic_dir), 2026, "2026-11-30").changes()
    assert "无（没有状态改变）" in zh and "→" not in zh[zh.index('id="method-changes"'):]
    empty = synthetic_dir / "method_changes.csv"
    empty.unlink()
    assert "尚无方法变更" in Page.load("changes", "zh", str(synthetic_dir), 2026, "2026-11-30").changes()
