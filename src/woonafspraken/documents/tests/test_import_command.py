"""`woonafspraken import-document PATH [--yes] [--dry-run]`: the summary first, storing only when nothing
is uncertain or with --yes, and never with --dry-run."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.utils.translation import gettext as _
from tests.trust.dbstate import database_state

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant
from woonafspraken.cli import main
from woonafspraken.documents.models import SourceDocument
from woonafspraken.documents.tests.made_like_real import write_docx
from woonafspraken.documents.tests.voorbeeldstad import BASE, RAAD, SAMEN, WOONGOED

pytestmark = pytest.mark.django_db

TITLE = "Prestatieafspraken Voorbeeldstad 2023 – 2027"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_document", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def voorbeeldstad(tmp_path: Path) -> Path:
    path = tmp_path / "voorbeeldstad.txt"
    path.write_text(BASE, encoding="utf-8")
    return path


@pytest.fixture
def woongoed_looks_like_delta() -> Organisation:
    """A stored corporation whose name differs from WoonGoed Oosterhout only by a kind word: the
    importer cannot be sure it is the same one and must ask."""
    return Organisation.objects.create(name=f"Stichting {WOONGOED}", kind=OrganisationKind.CORPORATION)


def test_the_summary_is_printed_and_a_certain_document_is_stored(kampen: Covenant, voorbeeldstad: Path):
    out = run(str(voorbeeldstad))
    for fact in (
        TITLE,
        SAMEN,
        RAAD,
        "Woningvoorraad per 1 januari 2023",
        "regel 6: De partijnaam",
        "Bijlage 2",
    ):
        assert fact in out
    assert _("Nothing is uncertain.") in out
    covenant = Covenant.objects.get(title=TITLE)
    assert covenant.agreements.count() == 7
    assert SourceDocument.objects.get(covenant=covenant).kind == "text"


def test_dry_run_prints_the_summary_and_stores_nothing(kampen: Covenant, voorbeeldstad: Path):
    before = database_state()
    out = run(str(voorbeeldstad), "--dry-run", "--yes")
    assert TITLE in out and _("Dry run: nothing has been stored.") in out
    assert before.differences(database_state()) == []


def test_an_uncertain_document_is_refused_without_yes(
    kampen: Covenant, voorbeeldstad: Path, woongoed_looks_like_delta: Organisation
):
    before = database_state()
    out = io.StringIO()
    with pytest.raises(CommandError, match="--yes") as error:
        call_command("import_document", str(voorbeeldstad), stdout=out)
    assert woongoed_looks_like_delta.name in out.getvalue()  # the question is in the summary
    assert "1" in str(error.value)
    assert before.differences(database_state()) == []

    run(str(voorbeeldstad), "--yes")  # the operator checked: stored, WoonGoed as a new organisation
    covenant = Covenant.objects.get(title=TITLE)
    assert Organisation.objects.get(name=WOONGOED) in covenant.parties.all()


def test_the_command_exits_non_zero_when_refusing(
    kampen: Covenant,
    voorbeeldstad: Path,
    woongoed_looks_like_delta: Organisation,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    """The console entry point, as an operator runs it: exit code 1, the reason on stderr."""
    # A management command closes every database connection on its way out; the test's own transaction
    # (on PostgreSQL a real connection) has to stay open for the check that nothing was stored.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as stopped:
        main(["import-document", str(voorbeeldstad)])
    assert stopped.value.code == 1
    assert "--yes" in capsys.readouterr().err
    assert not Covenant.objects.filter(title=TITLE).exists()


def test_a_word_file_is_read_and_kept(kampen: Covenant, tmp_path: Path):
    path = write_docx(BASE, tmp_path / "voorbeeldstad.docx")
    out = run(str(path))
    assert TITLE in out and _("Word file") in out
    covenant = Covenant.objects.get(title=TITLE)
    stored = SourceDocument.objects.get(covenant=covenant)
    assert stored.kind == "docx" and bytes(stored.file) == path.read_bytes()
    assert covenant.agreements.count() == 7


def test_a_damaged_word_file_is_refused_with_nothing_stored(kampen: Covenant, tmp_path: Path):
    path = tmp_path / "kapot.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    before = database_state()
    with pytest.raises(CommandError) as error:
        run(str(path))
    assert "kapot.docx" in str(error.value)
    assert before.differences(database_state()) == []


def test_a_bad_text_names_its_line(kampen: Covenant, tmp_path: Path):
    path = tmp_path / "slecht.txt"
    path.write_text("Titel\n\nGemeente Nergens\n\n1 - Thema\n\nzomaar\ttekst\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"regel \d+"):
        run(str(path))
