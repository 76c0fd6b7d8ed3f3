"""Emissions by activity x factor, and the carbon-peak target, the day energy data arrive (SYNTHETIC data)."""

import datetime

import pytest

from analysis.inputs import energy
from analysis.assess import progress as pg
from analysis.inputs.dataset import load_dataset
from analysis.inputs.validation import DataValidationError

from synthetic import DISTRICT, write_csv

LATER = datetime.date(2028, 3, 1)  # an edition whose data reach 2027, before the 2030 deadline


def write_activity(data_dir, rows):
    columns = list(energy.ACTIVITY_SCHEMA.columns)
    write_csv(data_dir / energy.ACTIVITY_FILE,
              [{"geography": DISTRICT, "activity_unit": "10k kWh", "source_id": "synthetic_source", "note": "SYNTHETIC",
                **r} for r in rows], columns)


def test_estimate_by_hand_and_peak_status(synthetic_dir):
    # electricity factor 4.2 tCO2 per 10k kWh (synthetic copy of a real factor)
    amounts = {2024: 100_000, 2025: 120_000, 2026: 110_000, 2027: 100_000}
    write_activity(synthetic_dir, [{"year": y, "fuel_id": "electricity", "amount": a} for y, a in amounts.items()])
    dataset = load_dataset(synthetic_dir)
    estimated = dataset.observations[dataset.observations["indicator_id"] == "co2_emissions"]
    assert dict(zip(estimated["year"], estimated["value"])) == pytest.approx(
        {y: a * 4.2 / 10_000 for y, a in amounts.items()})  # 10,000 tCO2
    assert set(estimated["note"]) == {"estimated: energy activity x emission factors"}
    result = pg.assess(dataset.targets, dataset.observations, DISTRICT, LATER).set_index("target_id").loc["T0-2"]
    assert (result.status, result.peak_year, result.peak_value) == (pg.ON_TRACK, 2025, pytest.approx(50.4))


def test_year_missing_a_fuel_is_left_out():
    import pandas as pd
    factors = pd.DataFrame({"fuel_id": ["electricity", "gas"], "factor": [4.2, 21.6]})
    activity = pd.DataFrame({"geography": DISTRICT, "year": [2024, 2024, 2025], "fuel_id": ["electricity", "gas",
                             "electricity"], "amount": [10.0, 1.0, 10.0], "source_id": "s"})
    result = energy.estimate_emissions(activity, factors)
    assert list(result["year"]) == [2024]
    assert result["value"].iloc[0] == pytest.approx((10 * 4.2 + 1 * 21.6) / 10_000)


def test_activity_needs_a_known_fuel_in_its_unit(synthetic_dir):
    write_activity(synthetic_dir, [{"year": 2024, "fuel_id": "coal", "amount": 1},
                                   {"year": 2024, "fuel_id": "electricity", "amount": 1, "activity_unit": "MWh"}])
    with pytest.raises(DataValidationError) as caught:
        load_dataset(synthetic_dir)
    problems = [str(p) for p in caught.value.problems]
    assert "energy_activity.csv, row 2, column 'fuel_id': 'coal' has no emission factor" in problems
    assert "energy_activity.csv, row 3, column 'activity_unit': 'MWh' differs from the factor's unit '10k kWh'" in problems


def test_the_years_left_out_are_named_with_their_missing_fuel():
    import pandas as pd
    factors = pd.DataFrame({"fuel_id": ["electricity", "gas"], "factor": [4.2, 21.6]})
    activity = pd.DataFrame({"geography": DISTRICT, "year": [2024, 2024, 2025, 2026], "fuel_id": [
        "electricity", "gas", "electricity", "gas"], "amount": [10.0, 1.0, 10.0, 1.0], "source_id": "s"})
    left_out = energy.incomplete_years(activity, factors)
    assert left_out.to_dict("records") == [{"geography": DISTRICT, "year": 2025, "missing_fuels": "gas"},
                                           {"geography": DISTRICT, "year": 2026, "missing_fuels": "electricity"}]


def test_an_estimate_is_called_an_estimate_everywhere_it_appears(synthetic_dir, tmp_path, monkeypatch):
    """Page, chart tooltip, downloads and edition snapshot all say 'estimate'; the page names the
    fuels covered, cites the factor's source, and names a year left out and its missing fuel."""
    from analysis.pages import downloads, publication
    from analysis.assess import editions

    factors = (synthetic_dir / "emission_factors.csv").read_text(encoding="utf-8")
    (synthetic_dir / "emission_factors.csv").write_text(
        factors + "heat,外购热力,Purchased heat,GJ,0.06,synthetic_source\n", encoding="utf-8")
    electricity = {2024: 100_000, 2025: 120_000, 2026: 110_000, 2027: 105_000}
    write_activity(synthetic_dir, [{"year": y, "fuel_id": "electricity", "amount": a} for y, a in electricity.items()]
                   + [{"year": y, "fuel_id": "heat", "amount": 1000, "activity_unit": "GJ"} for y in (2024, 2026, 2027)])
    dataset = load_dataset(synthetic_dir)
    assessed = pg.assess_district(dataset, LATER).set_index("target_id")
    assert assessed.loc["T0-2", "latest_origin"] == energy.ESTIMATED  # 2024, 2026, 2027 complete; 2025 lacks heat
    assert editions.snapshot(assessed.reset_index()).set_index("target_id").loc["T0-2", "latest_origin"] == "estimated"
    written = downloads.write_downloads(dataset, tmp_path, LATER)
    chart_rows = next(p for p in written if p.name == "target-T0-2.csv").read_text(encoding="utf-8-sig")
    assert ",estimated," in chart_rows and "2025" not in chart_rows

    outputs = []
    monkeypatch.setattr(publication, "display", outputs.append)
    chapter = publication.Chapter.load(0, "en", str(synthetic_dir), LATER.year, LATER.isoformat())
    chapter.show_all_targets()
    page = "".join(o.data for o in outputs)
    assert "Emissions are an estimate (energy activity × emission factors) covering only: Electricity, Purchased heat" \
           in page
    assert "2025 lacks Purchased heat data and is left out of the peak test." in page
    assert "estimate: energy activity × emission factors" in page  # the chart's tooltip text
    assert "Synthetic test source" in page  # the factors' source is cited
