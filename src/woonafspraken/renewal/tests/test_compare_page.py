"""The comparison on the web and in Word: a draft of Kampen after changes, against Kampen 2022-2026."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.documents.tests.made_like_real import convert_to_pdf
from woonafspraken.renewal.comparison import Kind
from woonafspraken.renewal.models import Bod, BodItem, BodItemKind, BodState
from woonafspraken.renewal.selectors.compare import compared_pair, covenant_comparison
from woonafspraken.renewal.services.draft import covenant_draft

pytestmark = pytest.mark.django_db

TITLE = "Prestatieafspraken Kampen 2027 – 2030"
NEW_TEXT = "Gemeente en corporaties maken samen een programma voor flexwonen voor spoedzoekers."


def _new_agreement(draft: Covenant, theme: int, number: str, text: str, order: int) -> Agreement:
    return Agreement.objects.create(
        covenant=draft,
        theme=draft.themes.get(number=theme),
        number=number,
        order=order,
        subject="Flexwonen",
        text=text,
        parties_raw="Gemeente en corporaties",
        owner=draft.owner,
    )


def draft_after_changes(kampen: Covenant) -> Covenant:
    """The draft with one change of each kind, made on its models by hand (as the structure services would)."""
    draft = covenant_draft(source=kampen, title=TITLE, start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31))
    agreements = draft.agreements
    changed = agreements.get(number="1.3.1")  # rewritten, and its lead changed
    changed.text = changed.text.replace("op 2,4 jaar", "op 2 jaar")
    changed.leads_raw = "Gemeente"
    changed.save()
    kept, gone = agreements.get(number="1.1.1"), agreements.get(number="1.1.2")  # merged
    kept.text = f"{kept.text}\n{gone.text}"
    kept.save()
    kept.predecessors.add(*gone.predecessors.all())
    gone.delete()
    part = agreements.get(number="1.2.4")  # split in two
    first, second = part.text.split(". ", 1)
    part.text = first + "."
    part.save()
    other = _new_agreement(draft, 1, "1.2.5", second, part.order)
    other.predecessors.set(part.predecessors.all())
    moved = agreements.get(number="3.2.2")  # renumbered
    moved.number = "3.2.3"
    moved.save()
    agreements.get(number="2.2.2").delete()  # dropped
    _new_agreement(draft, 1, "1.3.6", NEW_TEXT, 10_000)  # new
    delta = Organisation.objects.get(name="deltaWonen")
    bod = Bod.objects.create(
        covenant=kampen,
        corporation=delta,
        year=2026,
        state=BodState.SUBMITTED,
        submitted_on=dt.date(2026, 6, 30),
    )
    BodItem.objects.create(
        bod=bod,
        theme=kampen.themes.get(number=1),
        kind=BodItemKind.NEW_BUILD,
        text="40 sociale huurwoningen",
        number=40,
        unit="woningen",
        agreement=kampen.agreements.get(number="1.3.1"),
    )
    BodItem.objects.create(
        bod=bod,
        theme=kampen.themes.get(number=3),
        text="Buurtconciërges in Brunnepe",
        new_topic="Buurtbeheer",
    )
    return draft


@pytest.fixture
def draft(kampen: Covenant) -> Covenant:
    return draft_after_changes(kampen)


def test_rows_after_each_kind_of_change(kampen: Covenant, draft: Covenant):
    assert compared_pair(draft) == (kampen, draft) and compared_pair(kampen) == (kampen, draft)
    comparison = covenant_comparison(kampen, draft)
    rows = {row.anchor: row for row in comparison.rows}
    assert rows["afspraak-1.3.1"].kinds == (Kind.CHANGED,)
    assert [part.part.value for part in rows["afspraak-1.3.1"].changed_parts] == ["leads"]
    assert [line.text for line in rows["afspraak-1.3.1"].bod] == [
        "Bod deltaWonen 2026: 40 sociale huurwoningen"
    ]
    assert rows["afspraak-1.1.1"].kinds == (Kind.MERGED, Kind.CHANGED) and rows[
        "afspraak-1.1.1"
    ].old_numbers == ("1.1.1", "1.1.2")
    assert rows["afspraak-1.2.4"].kinds == (Kind.SPLIT, Kind.CHANGED)
    assert rows["afspraak-1.2.5"].split_into == ("1.2.4", "1.2.5")
    assert rows["afspraak-3.2.3"].kinds == (Kind.RENUMBERED,)
    assert rows["vervalt-2.2.2"].kinds == (Kind.DROPPED,)
    assert rows["afspraak-1.3.6"].kinds == (Kind.NEW,)
    assert rows["afspraak-1.1.3"].kinds == (Kind.UNCHANGED,)
    theme2 = next(theme for theme in comparison.themes if theme.number == 2)
    assert [row.anchor for row in theme2.rows] == ["afspraak-2.1.1", "afspraak-2.2.1", "vervalt-2.2.2"]
    theme3 = next(theme for theme in comparison.themes if theme.number == 3)
    assert [line.text for line in theme3.new_topics] == ["Bod deltaWonen 2026: Buurtconciërges in Brunnepe"]
    counts = comparison.counts()
    assert counts[Kind.UNCHANGED] == 43 - 6  # 1.1.1/1.1.2 merged, 1.2.4 split, 1.3.1, 3.2.2, 2.2.2
    assert len(comparison.rows) == 43 - 1 + 1 + 1  # one merged away, one split off, one new


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_shows_old_and_new_side_by_side(draft: Covenant, coordinator: User):
    html = _login(coordinator).get(reverse("renewal:compare", args=[draft.pk])).content.decode()
    row = html[html.index('id="afspraak-1.3.1"') :]
    row = row[: row.index("</article>")]
    old_side, new_side = row.split("app-compare__new", 1)
    assert "gesteld op 2,4 jaar" in old_side  # the current text, plain
    assert re.search(r'<del><span class="app-visually-hidden">[^<]+</span>2,4</del>', new_side)
    assert re.search(r'<ins><span class="app-visually-hidden">[^<]+</span>2</ins>', new_side)
    assert "Bod deltaWonen 2026: 40 sociale huurwoningen" in row
    assert 'id="vervalt-2.2.2"' in html and NEW_TEXT in html
    assert html.count('class="app-compare__row"') == 44


def test_filters_by_theme_and_only_changes(kampen: Covenant, draft: Covenant, coordinator: User):
    client = _login(coordinator)
    html = client.get(reverse("renewal:compare", args=[draft.pk]), {"changes": "on"}).content.decode()
    assert 'id="afspraak-1.1.3"' not in html and 'id="afspraak-1.3.1"' in html
    assert html.count('class="app-compare__row"') == 7
    html = client.get(reverse("renewal:compare", args=[draft.pk]), {"theme": 2}).content.decode()
    assert 'id="afspraak-2.1.1"' in html and 'id="afspraak-1.3.1"' not in html
    # The current covenant shows the same comparison, with the draft as the other side.
    html = client.get(reverse("renewal:compare", args=[kampen.pk]), {"theme": 2}).content.decode()
    assert 'id="vervalt-2.2.2"' in html and TITLE in html


def test_the_covenant_home_links_to_the_comparison(kampen: Covenant, draft: Covenant, coordinator: User):
    client = _login(coordinator)
    for covenant in (kampen, draft):
        html = client.get(reverse("agreements:covenant", args=[covenant.pk])).content.decode()
        assert reverse("renewal:compare", args=[covenant.pk]) in html


def test_queries_stay_constant_as_agreements_grow(kampen: Covenant, draft: Covenant, coordinator: User):
    client = _login(coordinator)
    url = reverse("renewal:compare", args=[draft.pk])
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    for index in range(15):
        added = _new_agreement(draft, 4, f"4.3.{10 + index}", f"Nieuwe afspraak {index}.", 20_000 + index)
        added.predecessors.set([kampen.agreements.get(number="4.3.1")])
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before), [q["sql"][:120] for q in after.captured_queries]


def test_a_reader_of_only_one_covenant_may_not_compare(kampen: Covenant, draft: Covenant, reader: User):
    draft.party_links.filter(organisation=reader.organisation).delete()
    response = _login(reader).get(reverse("renewal:compare", args=[kampen.pk]))
    assert response.status_code == 403


def test_without_a_successor_the_page_says_so(kampen: Covenant, coordinator: User):
    client = _login(coordinator)
    response = client.get(reverse("renewal:compare", args=[kampen.pk]))
    assert response.status_code == 200 and b"app-compare__row" not in response.content
    response = client.get(reverse("renewal:compare_docx", args=[kampen.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "renewal:compare", args=[kampen.pk]
    )


def _docx(client: Client, draft: Covenant) -> bytes:
    response = client.get(reverse("renewal:compare_docx", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="vergelijking-')
    return response.content


def test_the_word_redline_strikes_and_underlines(draft: Covenant, coordinator: User):
    document = Document(io.BytesIO(_docx(_login(coordinator), draft)))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    struck = [run.text for run in runs if run.font.strike]
    underlined = [run.text for run in runs if run.font.underline]
    assert "2,4" in struck and "2" in underlined
    assert all(run.font.color.rgb is not None for run in runs if run.font.strike or run.font.underline)
    assert NEW_TEXT in underlined  # a new agreement: all of it added
    dropped = Agreement.objects.get(covenant=draft.predecessor, number="2.2.2").text
    assert dropped in struck  # a dropped one: all of it removed
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert TITLE in text and "Prestatieafspraken Kampen 2022 – 2026" in text
    assert "Bod deltaWonen 2026: 40 sociale huurwoningen" in text


@pytest.mark.slow
def test_the_word_redline_as_pdf_holds_both_texts(draft: Covenant, coordinator: User, tmp_path: Path):
    source = tmp_path / "vergelijking.docx"
    source.write_bytes(_docx(_login(coordinator), draft))
    pdf = convert_to_pdf(source, tmp_path / "pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert "gesteld op 2,4 2 jaar" in flat  # the removed and the added number, one after the other
    assert " ".join(NEW_TEXT.split()) in flat
    assert TITLE in flat and "Kampen 2022" in flat
