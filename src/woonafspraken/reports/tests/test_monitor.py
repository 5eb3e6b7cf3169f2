"""The monitor a bestuurder reads (issue 13): a short front part (summary, a page per theme, key charts) before
the appendices; chart axes that stay legible; energy labels in their own colours."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.utils.translation import gettext as _
from freezegun import freeze_time

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.charts import (
    DARK_TEXT,
    ENERGY_LABEL_COLOURS,
    Column,
    bar_chart,
    chart_svg,
    contrast_ratio,
    label_colours,
    line_chart,
)
from woonafspraken.core.demo import fillers
from woonafspraken.reports.document import build_report
from woonafspraken.reports.formats import render

FRONT_PAGES = 10


def _pages(content: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "monitor.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


@pytest.mark.django_db
@pytest.mark.single_pass  # a minute (example data, a 50-page PDF): the SQLite pass of CI only
@freeze_time("2026-03-01")
def test_the_monitor_opens_with_at_most_ten_pages_and_a_page_per_theme(kampen: Covenant, tmp_path: Path):
    for filler in fillers:
        filler.fill(kampen)
    report = build_report(kampen, 2025, "monitor")
    pages = _pages(render(report, "pdf"), tmp_path)
    first_appendix = _("Appendix %(letter)s – %(title)s") % {"letter": "A", "title": report.sections[0].title}
    # The contents (page 2) names the appendix too: the front part ends where the appendix itself begins.
    assert _("Contents") in pages[1] and first_appendix in pages[1]
    front = next(index for index, page in enumerate(pages) if index > 1 and first_appendix in page)
    assert 0 < front <= FRONT_PAGES, f"the front part has {front} pages"
    assert report.key_charts, "the front part shows the key charts"
    assert len(report.themes) == kampen.themes.count()
    for theme in report.themes:
        page = next((page for page in pages[2:front] if theme.heading in page), None)
        assert page is not None, theme.heading
        # The theme's page starts with its heading and lists each of its agreements with its status.
        own = page[page.index(theme.heading) :]
        for line in theme.agreements:
            assert re.search(re.escape(f"{line.verdict_label} {line.number} "), own), (
                theme.number,
                line.number,
            )
        assert {line.verdict for line in theme.agreements} <= {verdict for verdict, _l, _c in theme.counts()}
    numbers = sorted(line.number for theme in report.themes for line in theme.agreements)
    assert numbers == sorted(kampen.agreements.values_list("number", flat=True))  # every agreement once


def _axis_texts(svg: str, role: str) -> list[list[str]]:
    groups = re.findall(rf'<g class="mark-text role-axis-{role}"[^>]*>(.*?)</g>', svg, re.S)
    return [re.findall(r"<text[^>]*>([^<]*)</text>", group) for group in groups]


def _axis_ticks(svg: str) -> list[int]:
    groups = re.findall(r'<g class="mark-rule role-axis-tick"[^>]*>(.*?)</g>', svg, re.S)
    return [len(re.findall(r"<line", group)) for group in groups]


@pytest.mark.parametrize("make", [line_chart, bar_chart], ids=["line", "bar"])
def test_a_quarterly_chart_names_the_years_and_ticks_each_quarter(make):
    rows = [
        {"periode": f"{year}-K{quarter}", "waarde": quarter}
        for year in range(2021, 2026)
        for quarter in range(1, 5)
    ]
    chart = make(
        slug="kwartalen",
        title="Wachttijd",
        description="Per kwartaal.",
        rows=rows,
        x=Column("periode", "Periode"),
        y=Column("waarde", "Jaren", "decimal"),
    )
    svg = chart_svg(chart, width=640, height=240)
    x_labels = _axis_texts(svg, "label")[0]  # the x axis comes first
    assert x_labels == ["2021", "2022", "2023", "2024", "2025"]
    assert _axis_ticks(svg)[0] == 20


def test_energy_labels_have_the_label_colours_with_readable_text():
    labels = ["A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G"]
    assert list(ENERGY_LABEL_COLOURS) == labels

    def rgb(colour: str) -> tuple[int, int, int]:
        return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)

    for label in labels[:5]:  # the A labels are green
        red, green, blue = rgb(ENERGY_LABEL_COLOURS[label])
        assert green > red and green > blue, label
    red, green, _blue = rgb(ENERGY_LABEL_COLOURS["D"])
    assert red > 200 and green > 200  # yellow
    red, green, _blue = rgb(ENERGY_LABEL_COLOURS["G"])
    assert red > 200 and green < 60  # red
    for label in labels:
        background, text = label_colours(label)  # type: ignore[misc]
        assert contrast_ratio(background, text) >= 4.5, label  # WCAG AA for the text in a table cell
    assert label_colours("D") == (ENERGY_LABEL_COLOURS["D"], DARK_TEXT)  # dark text on the light colours
    assert label_colours("Beter Wonen") is None
    chart = bar_chart(
        slug="labels",
        title="Woningen per energielabel",
        description="Per label.",
        rows=[{"jaar": "2024", "label": label, "aantal": 10} for label in ("G", "B", "A++")],
        x=Column("jaar", "Jaar"),
        y=Column("aantal", "Woningen", "integer"),
        series=Column("label", "Energielabel"),
    )
    scale = chart.spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale == {
        "domain": ["A++", "B", "G"],
        "range": [ENERGY_LABEL_COLOURS["A++"], ENERGY_LABEL_COLOURS["B"], ENERGY_LABEL_COLOURS["G"]],
    }
