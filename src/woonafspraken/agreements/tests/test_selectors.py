"""Choosing a covenant on the command line (``--covenant``): by id, title, municipality or part of the title."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.selectors import CovenantNotFoundError, covenant_resolve
from woonafspraken.agreements.tests.factories import CovenantFactory
from woonafspraken.core.formatting import format_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def voorbeeldstad() -> tuple[Covenant, Covenant]:
    """Two covenants of one municipality, one after the other."""
    first = CovenantFactory(
        municipality="Voorbeeldstad",
        title="Prestatieafspraken Voorbeeldstad 2019 – 2022",
        start_date=dt.date(2019, 1, 1),
        end_date=dt.date(2022, 12, 31),
    )
    second = CovenantFactory(
        municipality="Voorbeeldstad",
        title="Woonafspraken Voorbeeldstad 2023 – 2027",
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2027, 12, 31),
    )
    return first, second


@pytest.mark.parametrize(
    "identifier",
    ["Prestatieafspraken Kampen 2022 – 2026", "prestatieafspraken kampen 2022 - 2026", "kampen", " KAMPEN ",
     "Kampen 2022", "afspraken kampen"],
)  # fmt: skip
def test_one_covenant_by_title_municipality_or_part_of_the_title(kampen: Covenant, identifier: str) -> None:
    assert covenant_resolve(identifier) == kampen


def test_by_id(kampen: Covenant, voorbeeldstad: tuple[Covenant, Covenant]) -> None:
    assert covenant_resolve(str(kampen.pk)) == kampen
    assert covenant_resolve(f" {voorbeeldstad[1].pk} ") == voorbeeldstad[1]


def test_a_municipality_with_two_covenants_lists_them_and_asks_for_the_id(
    kampen: Covenant, voorbeeldstad: tuple[Covenant, Covenant]
) -> None:
    first, second = voorbeeldstad
    with pytest.raises(CovenantNotFoundError) as error:
        covenant_resolve("voorbeeldstad")
    heading = _("Several covenants match %(identifier)s; give the id of one of them:") % {
        "identifier": "'voorbeeldstad'"
    }
    lines = [
        _("%(id)s: %(title)s (%(municipality)s, %(start)s to %(end)s)")
        % {
            "id": covenant.pk,
            "title": covenant.title,
            "municipality": "Voorbeeldstad",
            "start": format_date(covenant.start_date),
            "end": format_date(covenant.end_date),
        }
        for covenant in (first, second)
    ]
    assert str(error.value) == "\n".join([heading, f"  {lines[0]}", f"  {lines[1]}"])
    assert "1 januari 2019" in str(error.value) and "31 december 2027" in str(error.value)
    assert str(kampen.title) not in str(error.value)


def test_a_unique_part_of_the_title_chooses_among_them(
    kampen: Covenant, voorbeeldstad: tuple[Covenant, Covenant]
) -> None:
    first, second = voorbeeldstad
    assert covenant_resolve("2019") == first
    assert covenant_resolve("woonafspraken") == second
    assert covenant_resolve("Prestatieafspraken Voorbeeldstad 2019 – 2022") == first
    with pytest.raises(CovenantNotFoundError) as error:
        covenant_resolve("prestatieafspraken")  # Kampen's and Voorbeeldstad's first
    assert f"{kampen.pk}: {kampen.title}" in str(error.value)
    assert f"{first.pk}: {first.title}" in str(error.value)
    assert f"{second.pk}:" not in str(error.value)


def test_an_exact_title_wins_over_a_part_of_another_title(kampen: Covenant) -> None:
    longer = CovenantFactory(municipality="Kampen", title=f"{kampen.title} (herzien)")
    assert covenant_resolve(kampen.title) == kampen
    assert covenant_resolve("herzien") == longer


def test_nothing_found(kampen: Covenant) -> None:
    with pytest.raises(CovenantNotFoundError) as error:
        covenant_resolve("Zwolle")
    assert str(error.value) == _(
        "No covenant found with id, title, municipality or part of the title %(identifier)s."
    ) % {"identifier": "'Zwolle'"}
    with pytest.raises(CovenantNotFoundError):
        covenant_resolve("999999")  # no such id and no title with that number


def test_without_an_identifier_the_only_one_or_the_one_in_force(
    kampen: Covenant, voorbeeldstad: tuple[Covenant, Covenant]
) -> None:
    assert covenant_resolve(None, today=dt.date(2024, 6, 1)) == voorbeeldstad[1]
    with pytest.raises(CovenantNotFoundError):
        covenant_resolve("", today=dt.date(2030, 1, 1))
