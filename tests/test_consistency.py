"""One verdict everywhere (issue 12): every page, report and export that shows an agreement's status shows
the status of ``core.verdicts.covenant_verdicts`` for that day, for every agreement, on several days, with
and without example data.

Pages mark a status with ``data-agreement`` / ``data-status`` (``core/_status.html``, ``core/_verdict.html``)
and a count with ``data-status-count`` (``core/_status_summary.html``); reports are read back as text (PDF
through pdftotext, Word through python-docx, Excel through openpyxl) and the export as JSON.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document
from freezegun import freeze_time
from openpyxl import load_workbook

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.demo import fillers
from woonafspraken.core.reporting import Finding
from woonafspraken.core.verdicts import STATUS_LABELS, Status, covenant_verdicts
from woonafspraken.reports.document import Report, build_report
from woonafspraken.reports.formats import render

pytestmark = [pytest.mark.django_db, pytest.mark.single_pass]

DAYS = (dt.date(2025, 6, 30), dt.date(2025, 12, 31), dt.date(2026, 3, 1))
RENDERED = {dt.date(2025, 12, 31)}  # the monitor of 2025 as PDF, Word and Excel
BADGE = re.compile(r'data-agreement="([^"]+)" data-status="([a-z_]+)"')
# The scoreboard's total row (the covenant's start page): one cell per status with its count.
COUNT = re.compile(r'<td[^>]*data-status="([a-z_]+)" data-count="(\d+)"')
NUMBER = r"(\d+\.\d+(?:\.\d+)?)"


def _labels() -> dict[str, str]:
    return {str(STATUS_LABELS[status]).capitalize(): status.value for status in Status}


def _summary_pattern() -> re.Pattern[str]:
    return re.compile("(" + "|".join(re.escape(label) for label in _labels()) + r"):? " + NUMBER + " ")


class Seen:
    """Every (place, agreement, status) found; compared with the verdicts at the end."""

    def __init__(self, expected: dict[str, str]) -> None:
        self.expected = expected
        self.found: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def add(self, place: str, number: str, status: str) -> None:
        self.found[place].append((number, status))

    def mismatches(self) -> list[str]:
        return [
            f"{place}: {number} shows {status}, the verdict is {self.expected.get(number)}"
            for place, pairs in self.found.items()
            for number, status in pairs
            if self.expected.get(number) != status
        ]


def _pages(client: Client, covenant: Covenant, day: dt.date, seen: Seen) -> None:
    pk = covenant.pk
    urls = [
        reverse("agreements:list", args=[pk]),
        reverse("agreements:list", args=[pk]) + "?sort=status",  # the working table, worst first
        reverse("annual_plans:plan", args=[pk, day.year]),
        reverse("indicators:index", args=[pk]),
        reverse("housing:overview", args=[pk]),
        reverse("meetings:index", args=[pk]),
        *(
            reverse("agreements:theme", args=[pk, n])
            for n in covenant.themes.values_list("number", flat=True)
        ),
        *(
            reverse("agreements:detail", args=[pk, n])
            for n in covenant.agreements.values_list("number", flat=True)
        ),
    ]
    plan_url = reverse("annual_plans:plan", args=[pk, day.year])
    for url in urls:
        response = client.get(url)
        if url == plan_url and response.status_code == 404:
            continue  # no jaarschijf for that year (without example data)
        assert response.status_code == 200, url
        for number, status in BADGE.findall(response.content.decode()):
            seen.add(url, number, status)
    home = client.get(reverse("agreements:covenant", args=[pk])).content.decode()
    counts = {status: int(count) for status, count in COUNT.findall(home)}
    assert counts == {status.value: 0 for status in Status} | Counter(seen.expected.values())


def _pdf_summary(content: bytes, tmp_path: Path, seen: Seen, place: str) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    start = text.index("Elke afspraak één keer")
    end = text.index("Alleen onderbouwing die kan oordelen", start)
    for label, number in _summary_pattern().findall(text[start:end] + " "):
        seen.add(place, number, _labels()[label])


def _docx_summary(content: bytes, seen: Seen, place: str) -> None:
    paragraphs = [p.text for p in Document(io.BytesIO(content)).paragraphs]
    start = next(i for i, text in enumerate(paragraphs) if text.startswith("Elke afspraak één keer"))
    end = next(i for i, text in enumerate(paragraphs) if i > start and text.startswith("Alleen onderbouwing"))
    for text in paragraphs[start:end]:
        for label, number in _summary_pattern().findall(text + " "):
            seen.add(place, number, _labels()[label])


def _xlsx_summary(content: bytes, seen: Seen, place: str) -> None:
    sheet = load_workbook(io.BytesIO(content))["Samenvatting"]
    labels = _labels()
    for row in sheet.iter_rows(values_only=True):
        if row and row[0] in labels and len(row) > 2 and isinstance(row[2], str) and row[2]:
            seen.add(place, row[2], labels[row[0]])


def _reports(covenant: Covenant, day: dt.date, tmp_path: Path, seen: Seen) -> None:
    monitor = build_report(covenant, day.year, "monitor")
    assert monitor.summary.on == day
    listed = [finding.agreement for findings in monitor.summary.findings.values() for finding in findings]
    assert sorted(listed) == sorted(seen.expected)  # every agreement exactly once
    for finding in listed_findings(monitor):
        seen.add(f"monitor {day.year}", finding.agreement, finding.verdict)
    if day in RENDERED:  # the files render the same summary on every day: read them back on the monitor's day
        _pdf_summary(render(monitor, "pdf"), tmp_path, seen, f"monitor {day.year} PDF")
        _docx_summary(render(monitor, "docx"), seen, f"monitor {day.year} Word")
        _xlsx_summary(render(monitor, "xlsx"), seen, f"monitor {day.year} Excel")
    for kind in ("dashboard", "jaarschijf"):
        for finding in listed_findings(build_report(covenant, day.year, kind)):
            seen.add(f"{kind} {day.year}", finding.agreement, finding.verdict)


def listed_findings(report: Report) -> list[Finding]:
    found = [finding for findings in report.summary.findings.values() for finding in findings]
    assert all(finding.agreement is not None for finding in found)
    return found


def _export(day: dt.date, tmp_path: Path, seen: Seen) -> None:
    target = tmp_path / "status.json"
    call_command("export", "status", "--on", day.isoformat(), "-o", str(target))
    for entry in json.loads(target.read_text(encoding="utf-8"))["agreements"]:
        seen.add("export status", entry["number"], entry["status"])
        # Every standard says where it comes from; only "nothing to judge by" has no source.
        assert all(reason["source"] for reason in entry["reasons"] if reason["kind"] != "none"), entry


def _check(covenant: Covenant, user: User, day: dt.date, tmp_path: Path) -> Counter[str]:
    client = Client()
    client.force_login(user)
    with freeze_time(day):
        expected = {
            number: verdict.status.value for number, verdict in covenant_verdicts(covenant, day).items()
        }
        seen = Seen(expected)
        _pages(client, covenant, day, seen)
        _reports(covenant, day, tmp_path, seen)
        _export(day, tmp_path, seen)
    assert not seen.mismatches(), "\n".join(seen.mismatches()[:20])
    for number in expected:  # every agreement was shown somewhere besides the export
        assert sum(1 for pairs in seen.found.values() for n, _ in pairs if n == number) >= 5, number
    return Counter(expected.values())


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_same_status_everywhere_without_example_data(
    kampen: Covenant, coordinator: User, tmp_path: Path, day: dt.date
):
    counts = _check(kampen, coordinator, day, tmp_path)
    # Without example data the system holds no activity, figure or meeting: nothing is judged.
    assert set(counts) == {"not_assessable"}, counts


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_same_status_everywhere_with_example_data(
    kampen: Covenant, coordinator: User, tmp_path: Path, day: dt.date
):
    with freeze_time(dt.date(2026, 3, 1)):
        for filler in fillers:
            filler.fill(kampen)
    counts = _check(kampen, coordinator, day, tmp_path)
    assert len(counts) >= 3, counts  # the example data gives real, varied verdicts
