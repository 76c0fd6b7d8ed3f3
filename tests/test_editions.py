"""Edition snapshots and their diff, on two SYNTHETIC editions with hand-written expectations."""

import math
from datetime import date

import pandas as pd

from analysis import editions as ed
from analysis import progress as pg


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


def test_edition_round_trip(tmp_path):
    path = ed.write_edition(tmp_path, 2025, PREVIOUS, date(2025, 3, 31))
    ed.write_edition(tmp_path, 2026, CURRENT, date(2026, 3, 31))
    assert path.read_text(encoding="utf-8") == ed.to_json(2025, PREVIOUS, date(2025, 3, 31))
    assert ed.recorded_data_as_of(tmp_path, 2026) == date(2026, 3, 31)
    stored = ed.load_editions(tmp_path)
    assert sorted(stored) == [2025, 2026]
    assert list(stored[2025]["status"]) == list(PREVIOUS["status"])
    assert math.isnan(stored[2025].set_index("target_id").loc["T4-6", "latest_value"])
    assert ed.previous_edition(stored, 2026) == 2025
    assert ed.previous_edition(stored, 2025) is None
    assert ed.diff(stored[2025], stored[2026]).set_index("target_id").loc["T1-1", "change"] == ed.NEWLY_MET


def test_the_recorded_current_edition_matches_todays_assessment():
    """data/editions/<edition>.json is what publish recorded; like nbval for the notebooks,
    it must still be what today's code and data give."""
    from analysis.__main__ import DEFAULT_EDITION
    from analysis.dataset import load_dataset

    dataset = load_dataset()
    recorded = dataset.data_dir / ed.EDITIONS_DIR / f"{DEFAULT_EDITION}.json"
    as_of = ed.recorded_data_as_of(dataset.data_dir, DEFAULT_EDITION)
    today = dataset.assess_district(as_of)
    assert recorded.read_text(encoding="utf-8") == ed.to_json(DEFAULT_EDITION, today, as_of), "republish the edition"
