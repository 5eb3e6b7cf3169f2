"""The fixed console contracts of DESIGN.md, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.selectors import covenant_status_on
from woonafspraken.agreements.tests.factories import CovenantFactory
from woonafspraken.cli import main

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def export_json(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> dict:
    call_command("export", "agreements", "--format", "json", *args)
    return json.loads(capsysbinary.readouterr().out.decode("utf-8"))


def test_export_agreements_json_has_the_fixed_shape(kampen: Covenant, capsysbinary):
    data = export_json(capsysbinary)
    assert set(data) == {"covenant", "themes", "agreements"}
    assert data["covenant"].pop("status") == covenant_status_on(kampen, timezone.localdate()).state.value
    assert data["covenant"].pop("stage") == "signed"
    assert data["covenant"].pop("predecessor") is None
    assert data["covenant"] == {
        "title": kampen.title,
        "municipality": "Kampen",
        "start": "2022-01-01",
        "end": "2026-12-31",
        "parties": [
            {"name": "Gemeente Kampen", "kind": "gemeente"},
            {"name": "Beter Wonen IJsselmuiden", "kind": "corporatie"},
            {"name": "Huurders Vereniging groot IJsselmuiden", "kind": "huurdersorganisatie"},
            {"name": "deltaWonen", "kind": "corporatie"},
            {"name": "Centrale Bewonersraad deltaWonen", "kind": "huurdersorganisatie"},
        ],
    }
    assert [t["number"] for t in data["themes"]] == [1, 2, 3, 4, 5]
    assert set(data["themes"][0]) == {"number", "title", "ambition", "sections"}
    assert data["themes"][4]["sections"] == []
    assert len(data["agreements"]) == 43
    for agreement in data["agreements"]:
        assert set(agreement) == {
            *("number", "theme", "section", "subject", "text", "parties", "leads", "due"),
            *("predecessor", "predecessors"),
        }
        assert (agreement["predecessor"], agreement["predecessors"]) == (None, [])
        assert "<" not in agreement["text"]
    by_number = {a["number"]: a for a in data["agreements"]}
    assert by_number["5.1"]["section"] is None
    assert by_number["1.1.4"]["section"] == "1.1"
    assert by_number["1.1.4"]["leads"] == ["Gemeente Kampen"]
    assert by_number["1.1.4"]["due"] == "in januari"
    assert by_number["1.2.2"]["subject"] == "Omvang van de voorraad sociale huurwoningen"
    assert by_number["5.5"]["leads"] == []
    assert by_number["5.5"]["due"] is None
    assert by_number["2.2.2"]["parties"] == ["Gemeente Kampen", "Beter Wonen IJsselmuiden", "deltaWonen"]


def test_export_picks_a_covenant_by_title_id_municipality_or_part_of_the_title(
    kampen: Covenant, capsysbinary
):
    for identifier in (kampen.title, str(kampen.pk), "kampen", "Kampen 2022"):
        assert export_json(capsysbinary, "--covenant", identifier)["covenant"]["title"] == kampen.title
    not_found = _("No covenant found with id, title, municipality or part of the title %(identifier)s.")
    with pytest.raises(CommandError, match=re.escape(not_found % {"identifier": "'Bestaat niet'"})):
        call_command("export", "agreements", "--covenant", "Bestaat niet")


def test_a_covenant_named_ambiguously_is_listed_and_nothing_is_exported(kampen: Covenant, capsysbinary):
    other = CovenantFactory(municipality="Kampen", title="Prestatieafspraken Kampen 2027 – 2031")
    with pytest.raises(CommandError) as error:
        call_command("export", "agreements", "--covenant", "Kampen")
    assert f"{kampen.pk}: {kampen.title} (Kampen, " in str(error.value)
    assert f"{other.pk}: {other.title} (Kampen, " in str(error.value)
    assert capsysbinary.readouterr().out == b""
    assert export_json(capsysbinary, "--covenant", "2027")["covenant"]["title"] == other.title


def test_send_reminders_takes_the_same_covenant_names(kampen: Covenant):
    out = run("send_reminders", "--covenant", "kampen", "--dry-run")
    assert out.startswith(f"{kampen.title}: ")
    with pytest.raises(CommandError):
        call_command("send_reminders", "--covenant", "Zwolle", "--dry-run")


def test_export_agreements_csv_and_xlsx(kampen: Covenant, tmp_path: Path):
    csv_path, xlsx_path = tmp_path / "a.csv", tmp_path / "a.xlsx"
    call_command("export", "agreements", "--format", "csv", "-o", str(csv_path))
    call_command("export", "agreements", "--format", "xlsx", "-o", str(xlsx_path))
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == 43
    assert rows[0]["nummer"] == "1.1.1"
    workbook = openpyxl.load_workbook(xlsx_path)
    assert workbook.sheetnames == ["Afspraken", "Thema's", "Partijen"]
    assert workbook["Afspraken"].max_row == 44


def test_xlsx_to_the_screen_is_refused(kampen: Covenant):
    with pytest.raises(CommandError, match="-o"):
        call_command("export", "agreements", "--format", "xlsx")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-11-27", {"state": "running", "extended_until": None, "days_left": 34}),
        ("2027-03-01", {"state": "extended", "extended_until": "2027-12-31", "days_left": 305}),
        ("2028-01-02", {"state": "expired", "extended_until": "2027-12-31", "days_left": 0}),
    ],
)
def test_covenant_status_on_the_checked_dates(kampen: Covenant, day: str, expected: dict):
    data = json.loads(run("covenant_status", "--on", day, "--format", "json"))
    assert data == {"on": day, "end_date": "2026-12-31", "ended_by_successor": False, **expected}


def test_import_document_command_reports_and_is_idempotent(
    empty_database: None, tmp_path: Path, kampen_text: str
):
    path = tmp_path / "kampen.txt"
    path.write_text(kampen_text, encoding="utf-8")
    assert "43 afspraken" in run("import_document", str(path))
    assert "ongewijzigd" in run("import_document", str(path))


def test_import_document_command_names_the_line_of_a_bad_file(empty_database: None, tmp_path: Path):
    path = tmp_path / "bad.txt"
    path.write_text(
        "Titel\n\nGemeente Nergens\n\n1 - Thema\n\nzomaar\ttekst\tin\teen\ttabel\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match=r"regel \d+") as error:
        run("import_document", str(path))
    assert "niets opgeslagen" in str(error.value)
    assert Covenant.objects.count() == 0


def test_import_document_command_rejects_a_missing_or_binary_file(db: None, tmp_path: Path):
    with pytest.raises(CommandError, match="niet gevonden"):
        run("import_document", str(tmp_path / "nope.txt"))
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(CommandError, match="UTF-8"):
        run("import_document", str(binary))


def test_init_is_idempotent(db: None):
    first = run("init")
    assert "43 afspraken" in first
    assert "ongewijzigd" in run("init")
    assert Covenant.objects.count() == 1


def test_create_local_admin_prints_a_random_password_once(kampen: Covenant):
    first = run("create_local_admin", "--username", "beheerder")
    assert "Wachtwoord:" in first
    password = first.split("Wachtwoord:")[1].split()[0]
    assert len(password) >= 12
    second = run("create_local_admin", "--username", "beheerder")
    assert password not in second
    user = User.objects.get(username="beheerder")
    assert user.check_password(password)
    assert user.organisation.name == "Gemeente Kampen"


def test_the_console_command_takes_hyphenated_names(kampen: Covenant, capsys):
    main(["covenant-status", "--on", "2027-03-01", "--format", "json"])
    assert json.loads(capsys.readouterr().out)["state"] == "extended"
