"""The one Dutch number and date formatter: separators, rounding half up, month names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from woonafspraken.core.formatting import (
    MONTH_NAMES,
    format_cell,
    format_date,
    format_datetime,
    format_number,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (1234567.891, 2, "1.234.567,89"),
        (5468, 0, "5.468"),
        (-1234, 0, "-1.234"),
        (700, 2, "700,00"),
        (Decimal("879.66"), 2, "879,66"),
        # half up, on the number as written (binary floating point would give 2, 0,12 and 2,67)
        (2.5, 0, "3"),
        (0.125, 2, "0,13"),
        (2.675, 2, "2,68"),
        (-2.5, 0, "-3"),
        (-0.04, 1, "0,0"),  # no minus before a zero
    ],
)
def test_numbers_have_dutch_separators_and_round_half_up(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (96.6, 1, "96,6"),
        (Decimal("80.00"), 1, "80"),
        (66.666, 1, "66,7"),
        (2.40, 2, "2,4"),
        (1036, 2, "1.036"),
    ],
)
def test_trim_shows_only_the_decimals_a_number_needs(value, decimals, expected):
    assert format_number(value, decimals, trim=True) == expected


def test_not_a_number_reads_as_a_dash():
    assert format_number(float("nan")) == "–"


def test_one_date_style():
    assert format_date(dt.date(2026, 12, 4)) == "4 december 2026"
    assert format_datetime(dt.datetime(2026, 12, 4, 14, 5)) == "4 december 2026 om 14:05"
    assert format_cell(dt.date(2026, 1, 2)) == "2 januari 2026"
    assert format_cell(dt.datetime(2026, 1, 2, 9, 5)) == "2 januari 2026 om 09:05"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_django_date_formats_are_the_one_style(language):
    """{{ a_date }} and |date without a format (conf/formats) read as format_date, in either language."""
    template = Template("{{ day }}|{{ day|date }}|{{ moment }}|{{ moment|date:'DATETIME_FORMAT' }}")
    moment = dt.datetime(2026, 12, 4, 13, 5, tzinfo=dt.UTC)  # 14:05 in Amsterdam
    with translation.override(language):
        text = template.render(Context({"day": dt.date(2026, 12, 4), "moment": moment}))
    day, day_filtered, moment_text, moment_filtered = text.split("|")
    assert day.lower() == day_filtered.lower() == "4 december 2026"
    assert moment_text == moment_filtered
    assert moment_text.lower() == (
        "4 december 2026 om 14:05" if language == "nl" else "4 december 2026 at 14:05"
    )


def test_the_date_filters_show_the_day_and_the_moment_in_the_site_time_zone():
    template = Template(
        "{% load woonafspraken %}{{ day|nl_date }}|{{ moment|nl_date }}|{{ moment|nl_datetime }}|{{ none|nl_date }}"
    )
    moment = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)  # already 1 January in Amsterdam
    text = template.render(Context({"day": dt.date(2026, 12, 4), "moment": moment, "none": None}))
    assert text == "4 december 2026|1 januari 2027|1 januari 2027 om 00:30|–"


def test_django_dutch_month_names_are_ours():
    """Pages use Django's date filter (it follows the page language); in Dutch it reads as format_date."""
    with translation.override("nl"):
        for month, name in enumerate(MONTH_NAMES, start=1):
            day = dt.date(2026, month, 9)
            assert date_format(day, "j F Y") == format_date(day) == f"9 {name} 2026"


def test_the_template_filters_use_the_same_rule():
    template = Template(
        "{% load woonafspraken %}{{ a|nl_number }} {{ b|nl_number:2 }} {{ c|nl_auto }} {{ d|nl_auto }}"
    )
    assert template.render(Context({"a": 2.5, "b": 1234.5, "c": 2.40, "d": None})) == "3 1.234,50 2,4 –"
