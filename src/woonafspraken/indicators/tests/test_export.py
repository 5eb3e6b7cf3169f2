"""`woonafspraken export indicators`: the fixed JSON shape, CSV and Excel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from freezegun import freeze_time
from openpyxl import load_workbook

from woonafspraken.agreements.models import Covenant

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_figures(kampen: Covenant, enter, delta):
    with freeze_time("2026-03-10"):
        enter("toewijzing.toewijzingen", "2025-K4", 45, dimension="wens")
        enter("toewijzing.actief-woningzoekenden", "2025-K4", 900, dimension="wens")
        enter("toewijzing.vrije-toewijzingsruimte", "2025", 12.5, organisation=delta)
    return kampen


def test_json_has_exactly_the_agreed_shape(with_figures: Covenant, coordinator, tmp_path: Path):
    target = tmp_path / "indicatoren.json"
    call_command("export", "indicators", "--format", "json", "-o", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert isinstance(data, list) and len(data) == 23
    for item in data:
        assert set(item) == {"code", "name", "unit", "direction", "target", "agreements", "observations"}
        assert item["direction"] in {"higher_is_better", "lower_is_better", "band"}
        assert item["target"] is None or {"value", "kind"} <= set(item["target"])
        assert all(isinstance(number, str) for number in item["agreements"])
    by_code = {item["code"]: item for item in data}
    waiting = by_code["toewijzing.wachttijd-wens"]
    assert (waiting["unit"], waiting["direction"], waiting["agreements"]) == (
        "years",
        "lower_is_better",
        ["1.3.1"],
    )
    assert waiting["target"]["value"] == 2.4 and waiting["target"]["kind"] == "benchmark"
    free = by_code["toewijzing.vrije-toewijzingsruimte"]
    assert (free["unit"], free["target"]["value"], free["target"]["kind"]) == ("percent", 15, "per_period")
    assert free["observations"] == [
        {
            "period": "2025",
            "organisation": "deltaWonen",
            "dimension": None,
            "value": 12.5,
            "series": "realised",
            "source": "Testbron",
            "entered_by": str(coordinator),
            "is_demo": False,
        }
    ]
    co2 = by_code["duurzaamheid.co2-reductie"]
    assert co2["direction"] == "higher_is_better"  # more reduction is better; no band "too much"
    assert co2["target"] == {
        "value": 80,
        "kind": "band",
        "upper": 95,
        "baseline_year": 1990,
        "goal_year": 2050,
        "applies_to": "each",
        "agreement": "4.1.3",
        "source": {"kind": "agreement", "text": co2["target"]["source"]["text"]},
    }
    assert "80-95% in 2050, ten opzichte van 1990" in co2["target"]["source"]["text"]
    rate = by_code["toewijzing.slaagkans"]["observations"]
    assert rate == [
        {
            "period": "2025-K4",
            "organisation": None,
            "dimension": "wens",
            "value": 5,
            "series": "realised",
            "source": "Berekend: toewijzingen / actief woningzoekenden",
            "entered_by": None,
            "is_demo": False,
        }
    ]
    assert by_code["toewijzing.inschrijvingen"]["target"] is None
    assert by_code["betaalbaarheid.huurverhoging"]["target"]["from"] == 2026  # the newest yearly maximum
    # Every target says where it comes from (fixed contract, issue 12).
    for item in data:
        if item["target"] is not None:
            source = item["target"]["source"]
            assert set(source) == {"kind", "text"} and source["text"]
            assert source["kind"] in {"agreement", "annual_plan", "reference"}
    assert by_code["betaalbaarheid.huurverhoging"]["target"]["source"]["kind"] == "reference"
    assert by_code["toewijzing.passend"]["target"]["source"]["kind"] == "reference"
    assert by_code["duurzaamheid.labels-efg"]["target"]["source"]["kind"] == "reference"
    assert by_code["toewijzing.vrije-toewijzingsruimte"]["target"]["source"] == {
        "kind": "agreement",
        "text": free["target"]["source"]["text"],
    }
    assert free["target"]["source"]["text"].startswith("Afspraak 1.3.3: 'De vrije toewijzingsruimte")


def test_csv_and_excel(with_figures: Covenant, tmp_path: Path):
    csv_file = tmp_path / "indicatoren.csv"
    call_command("export", "indicators", "--format", "csv", "-o", str(csv_file))
    lines = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("code;indicator;eenheid;richting;doel;soort doel;afspraken;periode")
    assert any(
        line.startswith("toewijzing.vrije-toewijzingsruimte;Aandeel vrij toegewezen;percent")
        for line in lines
    )
    xlsx_file = tmp_path / "indicatoren.xlsx"
    call_command(
        "export", "indicators", "--format", "xlsx", "-o", str(xlsx_file), "--covenant", str(with_figures.pk)
    )
    workbook = load_workbook(xlsx_file)
    assert workbook.sheetnames == ["Waarnemingen", "Indicatoren"]
    assert workbook["Indicatoren"].max_row == 24
    rows = list(workbook["Waarnemingen"].iter_rows(min_row=2, values_only=True))
    entered = [row for row in rows if row[0] != "nieuwbouw.sociale-huur"]
    computed = [row for row in rows if row[0] == "nieuwbouw.sociale-huur"]
    assert len(entered) == 4  # two allocations figures, one share, one slaagkans
    # The social new build is computed from the housing figures (Bijlage 2 plans 2022-2026), not entered.
    assert len(computed) == 5
