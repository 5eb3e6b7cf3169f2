"""`woonafspraken export status --on DATE`: the fixed shape of issue 12, from the one verdict."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from woonafspraken.core.verdicts import covenant_verdicts

pytestmark = pytest.mark.django_db
STATUSES = {"on_track", "attention", "behind", "done", "not_assessable"}


def _export(*args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "status.out"
        call_command("export", "status", *args, "-o", str(target))
        return target.read_text(encoding="utf-8-sig")


def test_json_lists_every_agreement_once_with_a_status_and_reasons(kampen):
    data = json.loads(_export("--on", "2025-12-31", "--format", "json"))
    assert data["covenant"]["title"] == kampen.title and data["on"] == "2025-12-31"
    numbers = [a["number"] for a in data["agreements"]]
    assert numbers == list(kampen.agreements.order_by("order").values_list("number", flat=True))
    verdicts = covenant_verdicts(kampen, dt.date(2025, 12, 31))
    for entry in data["agreements"]:
        assert entry["status"] in STATUSES and entry["status"] == verdicts[entry["number"]].status
        assert entry["reasons"] and all({"kind", "text", "source"} <= set(r) for r in entry["reasons"])
        assert isinstance(entry["is_demo"], bool)


def test_csv_and_excel_have_one_row_per_agreement(kampen, tmp_path):
    rows = list(csv.DictReader(io.StringIO(_export("--on", "2025-06-30", "--format", "csv")), delimiter=";"))
    assert len(rows) == kampen.agreements.count() and {r["status"] for r in rows} <= STATUSES
    target = tmp_path / "status.xlsx"
    call_command("export", "status", "--on", "2025-06-30", "--format", "xlsx", "-o", str(target))
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Status", "Onderbouwing"]
    assert workbook["Status"].max_row == kampen.agreements.count() + 1


def test_a_bad_date_is_refused_in_dutch(kampen):
    with pytest.raises(CommandError, match="geen datum"):
        call_command("export", "status", "--on", "2025-13-01")
    with pytest.raises(CommandError, match="kent geen --on-datum"):
        call_command("export", "agreements", "--on", "2025-12-31")
