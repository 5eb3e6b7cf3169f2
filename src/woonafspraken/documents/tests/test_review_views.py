"""The import page and the review page: upload, check, correct, store, cancel; who may; bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _
from tests.trust.dbstate import database_state

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.documents import views
from woonafspraken.documents.models import ImportReview, ReviewState, SourceDocument
from woonafspraken.documents.parsing.model import Corrections, PartyKind
from woonafspraken.documents.services import MAX_DOCUMENT_BYTES
from woonafspraken.documents.tests.made_like_real import write_docx
from woonafspraken.documents.tests.voorbeeldstad import BASE, GEMEENTE, SAMEN, THUIS, WOONGOED

pytestmark = pytest.mark.django_db

TITLE = "Prestatieafspraken Voorbeeldstad 2023 – 2027"
IMPORT = "documents:import"


def upload(client: Client, name: str, content: bytes):  # noqa: ANN201
    return client.post(reverse(IMPORT), {"document": SimpleUploadedFile(name, content)})


def review_url(review: ImportReview) -> str:
    return reverse("documents:review", args=[review.pk])


def form_data(response, **changes: str) -> dict[str, str]:  # noqa: ANN001
    """The review form as shown (every field's initial value), with ``changes``."""
    form = response.context["form"]
    data = {name: str(form[name].value() or "") for name in form.fields}
    data.update(changes)
    return data


@pytest.fixture
def coordinator_client(client: Client, coordinator: User) -> Client:
    client.force_login(coordinator)
    return client


def uploaded(coordinator_client: Client, content: bytes = BASE.encode(), name: str = "v.txt") -> ImportReview:
    response = upload(coordinator_client, name, content)
    assert response.status_code == 302, response.content.decode()[-2000:]
    review = ImportReview.objects.latest("pk")
    assert response["Location"] == review_url(review)
    return review


def test_upload_shows_the_review_and_stores_nothing_of_the_register(
    coordinator_client: Client, kampen: Covenant
):
    covenants = Covenant.objects.count()
    review = uploaded(coordinator_client)
    assert Covenant.objects.count() == covenants
    response = coordinator_client.get(review_url(review))
    html = response.content.decode()
    assert response.status_code == 200
    for fact in (TITLE, GEMEENTE, SAMEN, "Woningvoorraad per 1 januari 2023", "Regel 6", "Betaalbaar wonen"):
        assert fact in html
    assert _("A new covenant will be created.") in html
    assert _("Nothing is uncertain.") in html
    assert 'class="app-table-scroll"' in html
    preview = response.context["preview"]
    assert [p.name for p in preview.parties][2] == SAMEN


def test_a_corrected_kind_is_checked_then_stored_and_shown_on_the_covenant(
    coordinator_client: Client, kampen: Covenant
):
    review = uploaded(coordinator_client)
    page = coordinator_client.get(review_url(review))
    data = form_data(page, **{"party-2-kind": PartyKind.CORPORATION.value, "action": "check"})
    response = coordinator_client.post(review_url(review), data)
    assert response.status_code == 302 and response["Location"] == review_url(review)
    review.refresh_from_db()
    assert Corrections.from_json(review.corrections).parties[SAMEN].kind is PartyKind.CORPORATION
    assert not Covenant.objects.filter(title=TITLE).exists()  # checking stores nothing

    page = coordinator_client.get(review_url(review))
    samen = page.context["preview"].parties[2]
    assert samen.party.kind is PartyKind.CORPORATION and samen.basis_label == _("corrected")
    assert _("corrected") in page.content.decode()

    response = coordinator_client.post(review_url(review), form_data(page, action="store"))
    covenant = Covenant.objects.get(title=TITLE)
    assert response.status_code == 302 and response["Location"] == reverse(
        "agreements:covenant", args=[covenant.pk]
    )
    assert Organisation.objects.get(name=SAMEN).kind == "corporatie"
    assert SAMEN in Agreement.objects.get(covenant=covenant, number="1.2.1").parties.values_list(
        "name", flat=True
    )
    review.refresh_from_db()
    assert review.state == ReviewState.STORED and review.covenant == covenant
    assert SourceDocument.objects.get(covenant=covenant).corrections == {
        "parties": {SAMEN: {"kind": "corporatie"}}
    }
    # The stored review leads to its covenant.
    assert coordinator_client.get(review_url(review))["Location"] == reverse(
        "agreements:covenant", args=[covenant.pk]
    )


def test_store_with_changed_corrections_shows_them_first(coordinator_client: Client, kampen: Covenant):
    review = uploaded(coordinator_client)
    page = coordinator_client.get(review_url(review))
    data = form_data(page, **{"party-1-short_names": "Thuis, WST", "action": "store"})
    response = coordinator_client.post(review_url(review), data)
    assert response["Location"] == review_url(review)
    assert not Covenant.objects.filter(title=TITLE).exists()
    review.refresh_from_db()
    assert Corrections.from_json(review.corrections).parties[THUIS].short_names == ("Thuis", "WST")


def test_a_landlord_is_chosen_in_the_review(coordinator_client: Client, kampen: Covenant):
    review = uploaded(coordinator_client)
    page = coordinator_client.get(review_url(review))
    assert page.context["form"]["party-2-landlord"].value() == THUIS
    coordinator_client.post(
        review_url(review), form_data(page, **{"party-2-landlord": WOONGOED, "action": "check"})
    )
    page = coordinator_client.get(review_url(review))
    assert page.context["preview"].parties[2].landlord.corporation == WOONGOED
    coordinator_client.post(review_url(review), form_data(page, action="store"))
    assert Organisation.objects.get(name=SAMEN).represents_tenants_of.name == WOONGOED  # type: ignore[union-attr]


def test_cancel_discards_and_stores_nothing(coordinator_client: Client, kampen: Covenant):
    review = uploaded(coordinator_client)
    before = Covenant.objects.count()
    response = coordinator_client.post(review_url(review), {"action": "discard"})
    assert response["Location"] == reverse(IMPORT)
    review.refresh_from_db()
    assert review.state == ReviewState.DISCARDED
    assert Covenant.objects.count() == before
    assert coordinator_client.get(review_url(review))["Location"] == reverse(IMPORT)


@pytest.mark.parametrize("action", ["discard", "check"])
def test_a_review_finished_in_another_tab_is_refused_with_a_message(
    coordinator_client: Client, kampen: Covenant, monkeypatch: pytest.MonkeyPatch, action: str
):
    """The page was loaded while the review was open; another tab discards it before this POST's write."""
    review = uploaded(coordinator_client)
    corrections = review.corrections
    page = coordinator_client.get(review_url(review))
    data = form_data(page, **{"party-1-short_names": "Thuis, WST", "action": action})
    preview = views.review_preview

    def other_tab_discards_meanwhile(**kwargs):  # noqa: ANN003, ANN202
        shown = preview(**kwargs)
        ImportReview.objects.filter(pk=review.pk).update(state=ReviewState.DISCARDED)
        return shown

    monkeypatch.setattr(views, "review_preview", other_tab_discards_meanwhile)
    response = coordinator_client.post(review_url(review), data, follow=True)
    assert response.redirect_chain == [(reverse(IMPORT), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        _("This import has been stored or discarded already; upload the document again.")
    ]
    review.refresh_from_db()
    assert review.state == ReviewState.DISCARDED and review.corrections == corrections


def test_a_post_without_an_action_changes_nothing(coordinator_client: Client, kampen: Covenant):
    review = uploaded(coordinator_client)
    before = database_state()
    response = coordinator_client.post(review_url(review), {})
    assert response.status_code == 302
    assert before.differences(database_state()) == []


def test_a_word_file_is_reviewed_and_stored(coordinator_client: Client, kampen: Covenant, tmp_path: Path):
    path = write_docx(BASE, tmp_path / "voorbeeldstad.docx")
    review = uploaded(coordinator_client, path.read_bytes(), "voorbeeldstad.docx")
    assert review.kind == "docx"
    page = coordinator_client.get(review_url(review))
    assert _("Word file") in page.content.decode()
    coordinator_client.post(review_url(review), form_data(page, action="store"))
    stored = SourceDocument.objects.get(covenant__title=TITLE)
    assert stored.kind == "docx" and bytes(stored.file) == path.read_bytes()


# -- who may ---------------------------------------------------------------------------------------------


def test_the_review_is_only_for_its_uploader_and_administrators(
    coordinator_client: Client, kampen: Covenant, coordinator: User, administrator: User, reader: User
):
    review = uploaded(coordinator_client)
    other = User.objects.create_user(
        "coordinator-2", organisation=coordinator.organisation, role=coordinator.role
    )
    for user, status in ((other, 403), (reader, 403), (administrator, 200)):
        client = Client()
        client.force_login(user)
        assert client.get(review_url(review)).status_code == status
        if status == 403:
            assert client.post(review_url(review), {"action": "store"}).status_code == 403
    assert not Covenant.objects.filter(title=TITLE).exists()
    anonymous = Client().get(review_url(review))
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]


def test_readers_and_corporations_cannot_upload(client: Client, reader: User, corporation_editor: User):
    for user in (reader, corporation_editor):
        client.force_login(user)
        assert client.get(reverse(IMPORT)).status_code == 403
        assert upload(client, "v.txt", BASE.encode()).status_code == 403
    assert not ImportReview.objects.exists()


# -- bad files -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("slecht.txt", b"Titel\n\nGemeente X\n\nzomaar\ttekst\n", "Regel "),
        ("kapot.docx", b"PK\x03\x04" + b"\x00" * 300, "Word"),
        ("kapot.pdf", b"%PDF-1.4\n%%EOF\n", "PDF"),
        ("oud.doc", b"\xd0\xcf\x11\xe0 een oud Word-bestand", ".docx"),
        ("latin.txt", "Gemeente Zeeëind".encode("cp1252"), "UTF-8"),
    ],
)
def test_a_bad_file_gets_a_dutch_message_and_nothing_is_stored(
    coordinator_client: Client, kampen: Covenant, name: str, content: bytes, expected: str
):
    before = database_state()
    response = upload(coordinator_client, name, content)
    assert response.status_code == 200
    errors = response.context["form"].errors["document"]
    assert any(expected in error for error in errors), errors
    assert before.differences(database_state()) == []


def test_a_too_large_file_is_refused(coordinator_client: Client, kampen: Covenant):
    response = upload(coordinator_client, "groot.txt", b"x" * (MAX_DOCUMENT_BYTES + 1))
    assert response.status_code == 200 and "5 MB" in response.content.decode()
    assert not ImportReview.objects.exists()


def test_an_uncertainty_is_shown_at_the_top(coordinator_client: Client, kampen: Covenant, monkeypatch):
    monkeypatch.setattr("woonafspraken.documents.review.tenant_landlords", lambda parties, signatories: {})
    review = uploaded(coordinator_client)
    html = coordinator_client.get(review_url(review)).content.decode()
    assert html.index('id="uncertain-heading"') < html.index('id="parties-heading"')
    assert html.count(SAMEN) >= 3


def test_the_review_page_needs_the_same_queries_for_a_longer_document(
    coordinator_client: Client, kampen: Covenant
):
    def queries(review: ImportReview) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(review_url(review)).status_code == 200
        return len(captured)

    short = uploaded(coordinator_client)
    longer_text = BASE.replace("Alle partijen", "Alle partijen en de gemeente")  # more warnings, same parties
    lines = longer_text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("Looptijd\t2.2\t"))
    lines.insert(
        row + 1, "Evaluatie\t2.3\tPartijen evalueren de afspraken.\tAlle partijen\tGemeente / Wie anders"
    )
    longer = uploaded(coordinator_client, "\n".join(lines).encode())
    assert queries(longer) == queries(short)
    with_more = coordinator_client.get(review_url(longer)).context["preview"]
    assert with_more.agreements == 8 and len(with_more.warnings) > 1


def test_a_refused_store_says_why_and_stores_nothing(coordinator_client: Client, kampen: Covenant):
    """deltaWonen is Kampen's corporation; called a tenant organisation here, storing must be refused."""
    review = uploaded(coordinator_client, BASE.replace(WOONGOED, "deltaWonen").encode())
    page = coordinator_client.get(review_url(review))
    index = [p.name for p in page.context["preview"].parties].index("deltaWonen")
    coordinator_client.post(
        review_url(review),
        form_data(page, **{f"party-{index}-kind": "huurdersorganisatie", "action": "check"}),
    )
    page = coordinator_client.get(review_url(review))
    assert len(page.context["preview"].errors) == 1  # shown at the top before anything is tried
    before = database_state()
    response = coordinator_client.post(review_url(review), form_data(page, action="store"))
    assert response.status_code == 200
    assert "deltaWonen" in response.context["problem"]
    assert 'role="alert"' in response.content.decode()
    assert before.differences(database_state()) == []
    assert Organisation.objects.get(name="deltaWonen").kind == "corporatie"
