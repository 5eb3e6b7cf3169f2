"""The example-data banner belongs to a covenant: another covenant's example data does not mark this one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.demo import examples_present, fillers
from woonafspraken.documents.services import document_import
from woonafspraken.reports.document import build_report

pytestmark = pytest.mark.django_db

BANNER = "Voorbeeldgegevens"


def _page(client: Client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)


def _fill(covenant: Covenant) -> None:
    for filler in fillers:
        filler.fill(covenant)


@freeze_time("2026-03-01 10:00")
def test_another_covenants_example_data_does_not_mark_this_covenants_pages(
    client: Client, kampen: Covenant, kampen_text: str, corporation_editor: User
):
    """deltaWonen is party to both covenants, so its editor sees both."""
    other = document_import(text=kampen_text.replace("Kampen", "Voorbeeldstad"), filename="v.txt").covenant
    client.force_login(corporation_editor)
    pages = {
        covenant.pk: [
            reverse("agreements:covenant", args=[covenant.pk]),
            reverse("agreements:detail", args=[covenant.pk, "1.3.2"]),
            reverse("housing:overview", args=[covenant.pk]),
        ]
        for covenant in (kampen, other)
    }
    before = [_page(client, url)[1] for url in pages[kampen.pk]]
    with CaptureQueriesContext(connection) as without:
        examples_present(kampen)

    _fill(other)
    assert examples_present(other) and not examples_present(kampen)
    assert all(filler.present(other) and not filler.present(kampen) for filler in fillers)
    for url in pages[other.pk]:
        assert BANNER in _page(client, url)[0]
    seen = [_page(client, url) for url in pages[kampen.pk]]
    assert not any(BANNER in html for html, _queries in seen)
    assert [queries for _html, queries in seen] == before
    assert build_report(other, 2025, "monitor").contains_examples
    assert not build_report(kampen, 2025, "monitor").contains_examples
    # The covenant list belongs to no covenant: no banner there (each covenant's own pages say it).
    assert BANNER not in client.get(reverse("web:dashboard")).content.decode()

    _fill(kampen)
    assert all(BANNER in _page(client, url)[0] for url in pages[kampen.pk])
    with CaptureQueriesContext(connection) as with_examples:
        assert examples_present(kampen)
    assert len(with_examples.captured_queries) == len(without.captured_queries) == len(fillers)
