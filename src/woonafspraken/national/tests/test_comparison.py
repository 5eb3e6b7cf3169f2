"""The comparison on factory-made covenants: what it counts, from where, and what it marks as example."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.tests.factories import AgreementFactory, CovenantFactory, ThemeFactory
from woonafspraken.core.demo import example_mark
from woonafspraken.core.verdicts import Status, covenant_verdicts
from woonafspraken.national.presentation import comparison_file
from woonafspraken.national.selectors import compared_covenants, comparison, theme_key
from woonafspraken.national.services import covenant_comparison_set

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 6, 1)


def _opted_in(**kwargs: object) -> Covenant:
    covenant = CovenantFactory(small=True, **kwargs)
    Covenant.objects.filter(pk=covenant.pk).update(in_national_comparison=True)
    covenant.refresh_from_db()
    return covenant


def test_only_covenants_that_opted_in_are_compared(kampen: Covenant):
    shared = _opted_in()
    CovenantFactory(small=True)  # did not opt in
    draft = _opted_in(stage="draft")  # opted in, but a draft is not judged
    assert compared_covenants() == [shared]
    assert draft not in compared_covenants()
    assert kampen not in compared_covenants()


def test_statuses_are_the_verdicts_of_each_covenant():
    covenant = _opted_in()
    result = comparison(ON, covenants=[covenant])
    verdicts = covenant_verdicts(covenant, ON)
    (row,) = result.summary
    assert row.agreements == 3 == len(verdicts)
    assert dict(row.by_status) == verdicts.counts()
    assert {item.number: item.status for item in result.agreements} == {
        number: verdict.status for number, verdict in verdicts.items()
    }
    assert row.count(Status.NOT_ASSESSABLE) == 3  # no evidence at all in a factory covenant


def test_concreteness_per_agreement_and_per_theme():
    covenant = _opted_in()
    theme = covenant.themes.get()
    AgreementFactory(theme=theme, number="1.1.9", order=9, text="Partijen overleggen.", leads_raw="")
    result = comparison(ON, covenants=[covenant])
    scores = {item.number: item.concreteness.score for item in result.agreements}
    # The factory's text "gemiddeld 40 sociale huurwoningen per jaar" names a number and a rhythm; its
    # leads are recorded for all three; the added agreement names nothing and has no lead.
    assert scores == {"1.1.1": 3, "1.1.2": 3, "1.1.3": 3, "1.1.9": 0}
    (table,) = result.themes
    (row,) = table.rows
    assert row.by_score == (1, 0, 0, 3)
    assert row.fully_concrete == 3
    assert row.mean_score == 2.2  # 9 / 4 rounded to one decimal


def test_themes_of_the_same_title_are_compared_side_by_side():
    first, second = _opted_in(), _opted_in()
    ThemeFactory(covenant=second, number=2, title="2. Duurzaamheid")
    AgreementFactory(theme=second.themes.get(number=2), number="2.1", text="Jaarlijks 100 woningen label A.")
    result = comparison(ON, covenants=[first, second])
    titles = [table.title for table in result.themes]
    assert titles == ["Voldoende sociale huurwoningen", "2. Duurzaamheid"]
    shared, own = result.themes
    assert [row.covenant for row in shared.rows] == [first, second]
    assert [row.covenant for row in own.rows] == [second]
    assert result.total is not None and result.total.agreements == 7
    assert theme_key("1. Betaalbaarheid  en beschikbaarheid") == theme_key(
        "betaalbaarheid en beschikbaarheid"
    )


def test_example_covenants_are_marked_on_every_row_and_in_the_export():
    real, example = _opted_in(), _opted_in(is_demo=True)
    result = comparison(ON, covenants=[real, example])
    assert result.is_demo
    assert [row.is_demo for row in result.summary] == [False, True]
    assert {item.is_demo for item in result.agreements if item.covenant == example} == {True}
    rows = list(
        csv.DictReader(io.StringIO(comparison_file(result, "csv").decode("utf-8-sig")), delimiter=";")
    )
    assert len(rows) == 6
    assert {row["Voorbeelddata"] for row in rows if row["Gemeente"] == example.municipality} == {
        example_mark()
    }
    assert {row["Voorbeelddata"] for row in rows if row["Gemeente"] == real.municipality} == {""}
    sheet = load_workbook(io.BytesIO(comparison_file(result, "xlsx"))).active
    assert sheet is not None
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "Voorbeelddata" in values and example_mark() in values
    assert "Noemt een trekker" in values


def test_nothing_opted_in_gives_an_empty_comparison():
    result = comparison(ON, covenants=[])
    assert (result.summary, result.themes, result.agreements, result.total) == ((), (), (), None)


def test_the_coordinator_opts_in_and_the_history_says_who(kampen: Covenant, coordinator):
    assert kampen.in_national_comparison is False
    covenant_comparison_set(covenant=kampen, user=coordinator, in_comparison=True)
    kampen.refresh_from_db()
    assert kampen.in_national_comparison is True
    last = kampen.history.order_by("-history_date").first()
    assert last is not None and last.history_user == coordinator and last.in_national_comparison is True
    count = kampen.history.count()
    covenant_comparison_set(covenant=kampen, user=coordinator, in_comparison=True)  # the same: no write
    assert kampen.history.count() == count
    editor = UserFactory(organisation=coordinator.organisation, role=Role.EDITOR)
    with pytest.raises(PermissionDenied):
        covenant_comparison_set(covenant=kampen, user=editor, in_comparison=False)
    kampen.refresh_from_db()
    assert kampen.in_national_comparison is True
