"""Edition snapshots and their diff, on two SYNTHETIC editions with hand-written expectations."""

import datetime
import json
import math

import pandas as pd
import pytest

from analysis.assess import editions as ed
from analysis.assess import progress as pg


def edition(rows):
    frame = pd.DataFrame(rows, columns=["target_id", "action", "status", "reason", "latest_year", "latest_value",
                                        "gap", "ratio", "n_observed"])
    return frame.assign(latest_origin=frame["latest_value"].notna().map({True: "observed", False: ""}))


PREVIOUS = edition([
    ("T1-1", 1, pg.ACCELERATION_NEEDED, "", 2023, 12000.0, 10000.0, 0.8, 3),
    ("T3-2", 3, pg.ON_TRACK, "", 2023, 40.0, 10.0, 1.1, 2),
    ("T4-6", 4, pg.NOT_ASSESSABLE, pg.NO_DISTRICT_DATA, None, None, None, None, 0),
    ("T5-1", 5, pg.NOT_ASSESSABLE, pg.TOO_FEW_POINTS, 2023, 40.0, 5.0, None, 1),
    ("T9-9", 9, pg.NOT_REPORTED, pg.NO_DISTRICT_DATA, None, None, None, None, 0),
])
CURRENT = edition([
    ("T1-1", 1, pg.MET, "", 2024, 23000.0, -1000.0, None, 4),
    ("T3-2", 3, pg.MOVING_AWAY, "", 2024, 38.0, 12.0, -0.2, 3),
    ("T4-6", 4, pg.NOT_ASSESSABLE, pg.NO_DISTRICT_DATA, None, None, None, None, 0),
    ("T5-1", 5, pg.NOT_ASSESSABLE, pg.TOO_FEW_POINTS, 2024, 41.0, 4.0, None, 1),
    ("T7-1", 7, pg.NOT_ASSESSABLE, pg.NO_DISTRICT_DATA, None, None, None, None, 0),
])


def test_diff_by_hand():
    changes = ed.diff(PREVIOUS, CURRENT).set_index("target_id")["change"].to_dict()
    assert changes == {
        "T1-1": ed.NEWLY_MET,          # acceleration needed -> met
        "T3-2": ed.NEWLY_OFF_TRACK,    # on track -> moving away
        "T4-6": ed.UNCHANGED,
        "T5-1": ed.NEW_DATA,           # same status, latest year 2023 -> 2024
        "T7-1": ed.NEW_TARGET,
        "T9-9": ed.REMOVED_TARGET,
    }
    ordered = list(ed.diff(PREVIOUS, CURRENT)["target_id"])
    assert ordered == ["T7-1", "T9-9", "T1-1", "T3-2", "T5-1", "T4-6"]


FIRST = ed.Edition(2025, datetime.date(2025, 11, 30))
SECOND = ed.Edition(2026, datetime.date(2026, 11, 25))


def test_edition_round_trip(tmp_path):
    path = ed.write_edition(tmp_path, FIRST, PREVIOUS)
    ed.write_edition(tmp_path, SECOND, CURRENT)
    assert path.read_text(encoding="utf-8") == ed.to_json(FIRST, PREVIOUS)
    assert json.loads(path.read_text(encoding="utf-8"))["data_as_of"] == "2025-11-30"
    assert list(ed.read_records(tmp_path)) == [FIRST, SECOND]
    assert ed.latest(tmp_path) == SECOND
    stored = ed.load_editions(tmp_path)
    assert sorted(stored) == [2025, 2026]
    assert list(stored[2025]["status"]) == list(PREVIOUS["status"])
    assert math.isnan(stored[2025].set_index("target_id").loc["T4-6", "latest_value"])
    assert ed.previous_edition(stored, 2026) == 2025
    assert ed.previous_edition(stored, 2025) is None
    assert ed.diff(stored[2025], stored[2026]).set_index("target_id").loc["T1-1", "change"] == ed.NEWLY_MET


@pytest.fixture
def two_editions(tmp_path):
    ed.write_edition(tmp_path, FIRST, PREVIOUS)
    ed.write_edition(tmp_path, SECOND, CURRENT)
    return tmp_path


def test_publish_chooses_the_latest_edition_or_the_next_year(two_editions):
    today = datetime.date(2027, 3, 1)
    assert ed.choose(two_editions, today=today) == (SECOND, False)  # the recorded date is kept
    assert ed.choose(two_editions, 2026, datetime.date(2026, 12, 31), today=today) == (
        ed.Edition(2026, datetime.date(2026, 12, 31)), False)
    assert ed.choose(two_editions, 2027, today=today) == (ed.Edition(2027, today), True)
    assert ed.choose(two_editions, 2027, datetime.date(2026, 12, 31), today=today) == (
        ed.Edition(2027, datetime.date(2026, 12, 31)), True)
    assert ed.choose(two_editions, 2025, replace=True, today=today) == (FIRST, False)


@pytest.mark.parametrize("year, as_of, why, command", [
    (2031, None, "neither the latest edition (2026) nor the next year (2027)", "publish --edition 2027 --data-as-of"),
    (20277, None, "neither the latest edition", "publish --edition 2027 --data-as-of"),
    (2025, None, "would replace its record", "publish --edition 2025 --replace"),
    (2027, datetime.date(2026, 10, 1), "before the previous edition's (2026-11-25)", "--data-as-of 2026-11-25"),
    (2027, datetime.date(2028, 1, 5), "falls in its year or the year before", "publish --edition 2027 --data-as-of"),
])
def test_refusals_say_why_and_what_to_type(two_editions, year, as_of, why, command):
    before = {p.name: p.read_bytes() for p in (two_editions / ed.EDITIONS_DIR).iterdir()}
    with pytest.raises(ed.EditionError) as refused:
        ed.choose(two_editions, year, as_of, today=datetime.date(2027, 3, 1))
    assert why in str(refused.value) and command in str(refused.value)
    assert {p.name: p.read_bytes() for p in (two_editions / ed.EDITIONS_DIR).iterdir()} == before


def test_without_a_record_the_first_edition_is_asked_for(tmp_path):
    with pytest.raises(ed.EditionError, match="no edition is recorded .* publish --edition 2027 --data-as-of 2027-03-01"):
        ed.choose(tmp_path, today=datetime.date(2027, 3, 1))
    assert ed.choose(tmp_path, 2027, today=datetime.date(2027, 3, 1)) == (ed.Edition(2027, datetime.date(2027, 3, 1)), True)


def test_status_changes_keep_only_moved_statuses():
    moved = ed.status_changes(PREVIOUS, CURRENT).set_index("target_id")["change"].to_dict()
    assert moved == {"T7-1": ed.NEW_TARGET, "T9-9": ed.REMOVED_TARGET, "T1-1": ed.NEWLY_MET, "T3-2": ed.NEWLY_OFF_TRACK}


@pytest.mark.published_pages
def test_the_recorded_current_edition_matches_todays_assessment():
    """The latest record in data/editions/ is what publish recorded; like nbval for the
    notebooks, it must still be what today's code and data give."""
    from analysis.inputs.dataset import load_dataset
    from analysis.site.pipeline import STALE_PAGES

    dataset = load_dataset()
    edition = ed.latest(dataset.data_dir)
    recorded = ed.record_path(dataset.data_dir, edition.year)
    today = pg.assess_district(dataset, edition.data_as_of)
    assert recorded.read_text(encoding="utf-8") == ed.to_json(edition, today), STALE_PAGES
