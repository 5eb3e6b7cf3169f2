"""Reports render any registered section: our jaarschijf section plus a fake one with a table, a chart and
findings. The PDF is read back with pdftotext, the Word file with python-docx and converted by LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _
from docx import Document
from freezegun import freeze_time
from openpyxl import load_workbook

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.services import annual_plan_adopt, progress_record
from woonafspraken.annual_plans.tests.factories import activity, plan
from woonafspraken.core.charts import Column, line_chart
from woonafspraken.core.formatting import format_cell, format_date, format_number
from woonafspraken.core.reporting import (
    Finding,
    ReportContent,
    ReportSection,
    ReportTable,
    register_report_section,
    report_sections,
)
from woonafspraken.core.verdicts import (
    Evidence,
    EvidenceSource,
    Kind,
    Outcome,
    evidence_sources,
    register_evidence_source,
)
from woonafspraken.reports.contrib.shared import column_widths
from woonafspraken.reports.document import build_report
from woonafspraken.reports.formats import formats_for, render

pytestmark = pytest.mark.django_db


def _fake_build(covenant: Covenant, year: int, kind: str) -> ReportContent:
    chart = line_chart(
        slug="fake-wachttijd",
        title="Wachttijd wensmodule",
        description="De gemiddelde wachttijd in jaren tegen het ijkpunt van 2,4 jaar.",
        rows=[
            {"jaar": str(y), "wachttijd": w, "doel": 2.4} for y, w in [(2022, 2.9), (2023, 3.1), (2024, 2.7)]
        ],
        x=Column("jaar", "Jaar"),
        y=Column("wachttijd", "Wachttijd (jaren)", "decimal"),
        target_field="doel",
    )
    return ReportContent(
        title="Testonderdeel woningvoorraad",
        paragraphs=["Een onderdeel dat alleen in de tests bestaat."],
        tables=[
            ReportTable(
                title="Voorraad per huurprijsklasse",
                columns=["Klasse", "Aantal"],
                rows=[["Goedkoop", 1234], ["Betaalbaar", 5678.5]],
                numeric_columns=frozenset({1}),
            )
        ],
        charts=[chart],
        findings=[
            Finding("Wachttijd 2,7 jaar tegen ijkpunt 2,4", "behind", "1.3.1"),
            Finding("Voorraad sociale huur groeit", "on_track"),
        ],
    )


def _fake_evidence(covenant: Covenant, on: dt.date) -> list[Evidence]:
    return [
        Evidence(
            "1.3.1", Kind.TARGET, Outcome.BEHIND, "Wachttijd 2,7 jaar tegen ijkpunt 2,4", "Afspraak 1.3.1"
        ),
        Evidence("1.3.2", Kind.TARGET, Outcome.ON_TRACK, "Voorraad sociale huur groeit", "Afspraak 1.3.2"),
    ]


@pytest.fixture
def fake_section() -> Iterator[ReportSection]:
    """The jaarschijf's own sections plus a test section and a test evidence source; other apps' sections
    and sources are set aside meanwhile."""
    with report_sections.temporarily(), evidence_sources.temporarily():
        for name in report_sections.names():
            if not name.startswith("annual_plans"):
                report_sections.unregister(name)
        for name in evidence_sources.names():
            if not name.startswith("annual_plans"):
                evidence_sources.unregister(name)
        register_evidence_source(EvidenceSource("test_fake", 1, _fake_evidence))
        yield register_report_section(
            ReportSection(
                name="test_fake",
                order=20,
                kinds=frozenset({"monitor", "jaarschijf", "dashboard"}),
                build=_fake_build,
            )
        )


@pytest.fixture
def year_2025(kampen: Covenant, coordinator: User) -> Covenant:
    with freeze_time("2025-01-10"):
        year = plan(kampen, 2025)
        late = activity(year, number="1.3.5", title="Taakstelling statushouders H1", quarter=2)
        done = activity(year, number="4.1.3", title="60 woningen isoleren", owner="deltaWonen", quarter=3)
        annual_plan_adopt(
            plan=year,
            user=coordinator,
            adopted_on=dt.date(2024, 11, 20),
            meeting="Bestuurlijk overleg najaar 2024",
        )
    with freeze_time("2025-10-01"):
        progress_record(
            activity=late,
            user=coordinator,
            date=dt.date(2025, 7, 1),
            status="vertraagd",
            text="Te weinig woningen vrijgekomen",
        )
        progress_record(
            activity=done,
            user=coordinator,
            date=dt.date(2025, 9, 20),
            status="gereed",
            text="62 woningen geïsoleerd",
            quantity=62,
        )
    return kampen


def appendix(letter: str, title: str) -> str:
    return _("Appendix %(letter)s – %(title)s") % {"letter": letter, "title": title}


def _pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())  # table cells wrap over lines


@freeze_time("2026-03-01")
def test_monitor_pdf_has_title_contents_summary_sections_and_page_numbers(
    year_2025: Covenant, fake_section, tmp_path
):
    report = build_report(year_2025, 2025, "monitor")
    assert [s.title for s in report.sections] == [
        "Jaarschijf 2025: uitvoering per afspraak",
        "Testonderdeel woningvoorraad",
    ]
    text = _pdf_text(render(report, "pdf"), tmp_path)
    for expected in [
        "Monitor prestatieafspraken 2025",
        "Inhoud",
        "Samenvatting",
        "Pagina 2 van",
        "1 maart 2026",  # Dutch date
        "Taakstelling statushouders H1",
        "Te weinig woningen vrijgekomen",
        "Wachttijd 2,7 jaar tegen ijkpunt 2,4",  # a finding of the fake section, on the summary page
        "Voorraad per huurprijsklasse",
        "1.234",  # Dutch thousands
        "5.678,5",  # Dutch decimals
        "Cijfers bij: Wachttijd wensmodule",  # the data behind the chart
        appendix(
            "B", "Testonderdeel woningvoorraad"
        ),  # an appendix after the front part, and in the contents
    ]:
        assert expected in text, expected
    pointer = _("Every agreement, with its state and the reason, follows on a page per theme.")
    assert (
        text.index("Inhoud")
        < text.index("Samenvatting")
        < text.index(pointer)  # the summary, then a page per theme, then the appendices
        < text.index(report.themes[0].heading, text.index(pointer))
        < text.index("Een onderdeel dat alleen in de tests bestaat")
    )
    summary = report.summary
    assert summary.on == dt.date(2025, 12, 31)  # the monitor judges on the last day of its year
    assert summary.total == year_2025.agreements.count()  # every agreement exactly once
    assert summary.counts["behind"] >= 1 and summary.counts["on_track"] >= 1


@freeze_time("2026-03-01")
def test_monitor_word_file_opens_in_python_docx_and_libreoffice(year_2025: Covenant, fake_section, tmp_path):
    report = build_report(year_2025, 2025, "monitor")
    content = render(report, "docx")
    document = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Monitor prestatieafspraken 2025" in text and "Samenvatting" in text and "Inhoud" in text
    assert appendix("B", "Testonderdeel woningvoorraad") in text
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings.index(report.themes[-1].heading) < headings.index(appendix("A", report.sections[0].title))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {
        "Taakstelling statushouders H1",
        "1.234",
        "5.678,5",
        "Cijfers bij: Wachttijd wensmodule",
    } & cells >= {
        "Taakstelling statushouders H1",
        "1.234",
        "5.678,5",
    }
    assert len(document.inline_shapes) == 2  # both charts as pictures
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "TOC \\o" in document.element.body.xml
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: scripts/system-deps.sh installs libreoffice-writer-nogui"
    source = tmp_path / "monitor.docx"
    source.write_bytes(content)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = subprocess.run(
        ["pdftotext", str(tmp_path / "monitor.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Monitor prestatieafspraken 2025" in converted and "Taakstelling" in converted  # a table cell


@freeze_time("2026-03-01")
def test_monitor_excel_has_summary_and_a_sheet_per_table(year_2025: Covenant, fake_section):
    workbook = load_workbook(io.BytesIO(render(build_report(year_2025, 2025, "monitor"), "xlsx")))
    assert workbook.sheetnames[:2] == ["Samenvatting", "Inhoud"]
    summary = workbook["Samenvatting"]
    values = [cell for row in summary.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "Monitor prestatieafspraken 2025" in values
    assert any(
        str(value).endswith(": Wachttijd 2,7 jaar tegen ijkpunt 2,4") for value in values
    )  # 1.3.1's reason
    stock = next(name for name in workbook.sheetnames if "Voorraad per huurprijsklasse" in name)
    rows = list(workbook[stock].iter_rows(min_row=4, values_only=True))
    assert rows[0] == ("Klasse", "Aantal") and rows[2] == ("Betaalbaar", 5678.5)  # numbers stay numbers
    assert any("Wachttijd wensmodule" in name for name in workbook.sheetnames)  # chart data too
    assert all(len(name) <= 31 for name in workbook.sheetnames)


@freeze_time("2026-11-27")
def test_jaarschijf_document_lists_activities_owners_and_timing(kampen: Covenant, fake_section, tmp_path):
    year = plan(kampen, 2027)
    activity(
        year, number="1.3.5", title="Taakstelling statushouders 2027", owner="Gemeente Kampen", quarter=2
    )
    report = build_report(kampen, 2027, "jaarschijf")
    text = _pdf_text(render(report, "pdf"), tmp_path)
    for expected in [
        "Jaarschijf 2027",
        "Taakstelling statushouders 2027",
        "Gemeente Kampen",
        "K2 2027",
        "Nog uit te werken",
        "4.1.6",
    ]:
        assert expected in text, expected
    assert "Samenvatting" not in text  # a plan to adopt has no verdicts
    document = Document(io.BytesIO(render(report, "docx")))
    assert any(
        "Taakstelling statushouders 2027" in cell.text
        for t in document.tables
        for r in t.rows
        for cell in r.cells
    )


@freeze_time("2026-11-27")
def test_text_with_a_control_character_still_makes_word_and_excel(kampen: Covenant):
    """A form stores what was typed, a pasted control character too; Word and Excel (XML) cannot hold
    one, and the download failed with a server error (found by fuzzing the forms)."""
    activity(plan(kampen, 2027), number="1.3.5", title="Taakstelling\x07 statushouders\x1b 2027", quarter=2)
    report = build_report(kampen, 2027, "jaarschijf")
    document = Document(io.BytesIO(render(report, "docx")))
    cells = [cell.text for t in document.tables for r in t.rows for cell in r.cells]
    assert "Taakstelling statushouders 2027" in cells
    workbook = load_workbook(io.BytesIO(render(report, "xlsx")))
    values = [
        cell for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row
    ]
    assert "Taakstelling statushouders 2027" in values


@freeze_time("2026-03-01")
def test_dashboard_pdf_is_one_page(year_2025: Covenant, fake_section, tmp_path):
    content = render(build_report(year_2025, 2025, "dashboard"), "pdf")
    path = tmp_path / "d.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    text = _pdf_text(content, tmp_path)  # the bestuurder's one page is the scoreboard, on 31 December 2025
    assert "Scorebord: de stand van de afspraken op 31 december 2025" in text, text


def test_formats_registry():
    assert [f.name for f in formats_for("monitor")] == ["docx", "pdf", "xlsx"] or {
        f.name for f in formats_for("monitor")
    } == {"pdf", "docx", "xlsx"}
    assert {f.name for f in formats_for("dashboard")} == {"pdf"}


def test_dutch_notation():
    assert format_number(1234567.891, 2, trim=True) == "1.234.567,89"
    assert format_number(2.4, 2, trim=True) == "2,4"
    assert format_date(dt.date(2026, 12, 15)) == "15 december 2026"
    assert format_cell(None) == "–" and format_cell(dt.date(2026, 1, 2)) == "2 januari 2026"


def test_column_widths_fit_the_page_and_favour_long_text():
    widths = column_widths(["Nr", "Omschrijving"], [["1", "een lange beschrijving " * 5]])
    assert abs(sum(widths) - 100) < 0.5 and widths[1] > widths[0]


@freeze_time("2026-03-01")
def test_report_command_writes_the_file(year_2025: Covenant, tmp_path):
    target = tmp_path / "monitor.xlsx"
    call_command("report", "monitor", "--year", "2025", "--format", "xlsx", "-o", str(target))
    assert load_workbook(target).sheetnames[0] == "Samenvatting"
    with pytest.raises(CommandError, match="kies uit"):
        call_command(
            "report", "dashboard", "--year", "2025", "--format", "docx", "-o", str(tmp_path / "x.docx")
        )
    with pytest.raises(CommandError, match="valt daarbuiten"):
        call_command("report", "monitor", "--year", "2035", "--format", "pdf", "-o", str(tmp_path / "x.pdf"))


@freeze_time("2026-03-01")
def test_web_download_dashboard_and_index(client: Client, year_2025: Covenant, reader: User):
    client.force_login(reader)
    index = client.get(reverse("reports:index", args=[year_2025.pk])).content.decode()
    assert (
        "data-report-queue" in index
        and reverse("reports:job_request", args=[year_2025.pk, "monitor"]) in index
    )
    response = client.get(
        reverse("reports:download", args=[year_2025.pk, "monitor"]), {"jaar": 2025, "formaat": "pdf"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="monitor-2025-kampen.pdf"' in response["Content-Disposition"]
    assert (
        client.get(
            reverse("reports:download", args=[year_2025.pk, "dashboard"]), {"jaar": 2025, "formaat": "docx"}
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("reports:download", args=[year_2025.pk, "onzin"]), {"jaar": 2025}).status_code
        == 404
    )
    # The administrators' page is the covenant's scoreboard: the old dashboard leads there, the index links
    # it and its one-A4 PDF.
    start = reverse("agreements:covenant", args=[year_2025.pk])
    response = client.get(reverse("reports:dashboard", args=[year_2025.pk]), {"jaar": 2025})
    assert response.status_code == 302 and response["Location"] == start
    assert f'href="{start}"' in index
    pdf = reverse("reports:scoreboard_pdf", args=[year_2025.pk])
    assert f'href="{pdf}"' in index
    response = client.get(pdf)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
