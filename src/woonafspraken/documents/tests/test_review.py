"""The review step's service: what an import would store, the coordinator's corrections, and how they are
kept with the import and used again for a new version of the same document."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _
from tests.trust.dbstate import database_state

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.documents import review as review_module
from woonafspraken.documents.models import ImportReview, ReviewState, SourceDocument
from woonafspraken.documents.parsing.model import (
    Corrections,
    DocumentParseError,
    KindBasis,
    PartyCorrection,
    PartyKind,
)
from woonafspraken.documents.reading.source import SourceKind, SourceText
from woonafspraken.documents.review import MatchState, summary_lines
from woonafspraken.documents.services import (
    ImportRefusedError,
    document_import,
    import_preview,
    import_review_correct,
    import_review_create,
    import_review_discard,
    import_review_store,
)
from woonafspraken.documents.tests.voorbeeldstad import BASE, GEMEENTE, RAAD, SAMEN, THUIS, WOONGOED

pytestmark = pytest.mark.django_db


def text_source(text: str = BASE) -> SourceText:
    return SourceText(text=text, kind=SourceKind.TEXT)


def kind_of(name: str) -> str:
    return Organisation.objects.get(name=name).kind


def parties_of(covenant: Covenant, number: str) -> list[str]:
    agreement = Agreement.objects.get(covenant=covenant, number=number)
    return sorted(agreement.parties.values_list("name", flat=True))


def correct(**parties: PartyCorrection) -> Corrections:
    return Corrections({name.replace("_", " "): correction for name, correction in parties.items()})


def test_the_preview_of_a_new_document_says_what_would_be_stored(kampen: Covenant):
    before = database_state()
    preview = import_preview(text_source(), filename="voorbeeldstad.txt")
    assert database_state() == before  # a preview writes nothing
    assert preview.covenant is None and not preview.unchanged
    assert (preview.municipality, preview.title) == (
        "Voorbeeldstad",
        "Prestatieafspraken Voorbeeldstad 2023 – 2027",
    )
    assert [p.name for p in preview.parties] == [GEMEENTE, THUIS, SAMEN, WOONGOED, RAAD]
    by_name = {p.name: p for p in preview.parties}
    assert by_name[SAMEN].party.kind is PartyKind.TENANT_ORGANISATION
    assert by_name[SAMEN].landlord is not None and by_name[SAMEN].landlord.corporation == THUIS
    assert by_name[RAAD].landlord is not None and by_name[RAAD].landlord.corporation == WOONGOED
    assert {p.organisation.state for p in preview.parties} == {MatchState.NEW}
    assert [(t.number, t.agreements) for t in preview.themes] == [(1, 5), (2, 2)]
    assert preview.agreements == 7
    assert [(a.number, a.title) for a in preview.appendices] == [
        ("1", "Woningvoorraad per 1 januari 2023"),
        ("2", "Nieuwbouw"),
    ]
    assert [(w.place, w.line) for w in preview.warnings] == [("regel 6", 6)]
    assert preview.uncertain == ()

    lines = summary_lines(preview)
    text = "\n".join(lines)
    assert "Prestatieafspraken Voorbeeldstad 2023 – 2027" in text
    assert "1 januari 2023" in text and "31 december 2027" in text
    assert any(line.strip().startswith(f"- {SAMEN}: huurdersorganisatie") and THUIS in line for line in lines)
    assert "regel 6: De partijnaam 'Huurdersvereniging Saman'" in text
    assert "Bijlage 2: Nieuwbouw" in text


def test_the_preview_of_a_stored_document_names_its_covenant(kampen: Covenant, kampen_text: str):
    preview = import_preview(text_source(kampen_text), filename="kampen.txt")
    assert preview.covenant == kampen
    assert preview.unchanged
    assert {p.organisation.state for p in preview.parties} == {MatchState.EXISTING}
    assert preview.agreements == 43 and sum(t.agreements for t in preview.themes) == 43


def test_a_places_per_line_reader_gives_the_warnings_their_place(kampen: Covenant):
    places = tuple(f"tabel {n // 10 + 1}, rij {n % 10 + 1}" for n in range(len(BASE.split("\n"))))
    preview = import_preview(SourceText(BASE, SourceKind.DOCX, places), filename="v.docx")
    assert [w.place for w in preview.warnings] == ["tabel 1, rij 6"]
    assert "Word" in summary_lines(preview)[0]


def test_a_corrected_kind_changes_which_parties_corporaties_means(kampen: Covenant, coordinator: User):
    corrections = correct(**{SAMEN: PartyCorrection(kind=PartyKind.CORPORATION)})
    preview = import_preview(text_source(), filename="v.txt", corrections=corrections, user=coordinator)
    samen = next(p for p in preview.parties if p.name == SAMEN)
    assert samen.party.kind is PartyKind.CORPORATION and samen.party.kind_basis is KindBasis.CORRECTED
    assert samen.landlord is None  # a corporation represents nobody's tenants
    assert SAMEN in next(a for a in preview.document.agreements if a.number == "1.2.1").parties

    result = document_import(text=BASE, filename="v.txt", corrections=corrections, user=coordinator)
    assert kind_of(SAMEN) == "corporatie"
    assert parties_of(result.covenant, "1.2.1") == sorted([GEMEENTE, THUIS, WOONGOED, SAMEN])
    stored = SourceDocument.objects.get(covenant=result.covenant)
    assert stored.corrections == {"parties": {SAMEN: {"kind": "corporatie"}}}
    assert stored.corrections_key != ""


def test_a_kind_corrected_later_is_fixed_when_no_other_covenant_has_the_organisation(kampen: Covenant):
    wrong = correct(**{SAMEN: PartyCorrection(kind=PartyKind.CORPORATION)})
    covenant = document_import(text=BASE, filename="v.txt", corrections=wrong).covenant
    assert kind_of(SAMEN) == "corporatie"
    right = correct(**{SAMEN: PartyCorrection(kind=PartyKind.TENANT_ORGANISATION)})
    preview = import_preview(text_source(), filename="v.txt", corrections=right)
    assert preview.errors == ()
    assert next(p for p in preview.parties if p.name == SAMEN).organisation.kind_fix
    document_import(text=BASE, filename="v.txt", corrections=right)
    assert kind_of(SAMEN) == "huurdersorganisatie"
    assert parties_of(covenant, "1.2.1") == sorted([GEMEENTE, THUIS, WOONGOED])


def test_a_corporation_fixed_to_a_tenant_organisation_is_unlinked_as_landlord_in_the_history(
    kampen: Covenant, administrator: User
):
    wrong = correct(
        **{SAMEN: PartyCorrection(kind=PartyKind.CORPORATION), RAAD: PartyCorrection(landlord=SAMEN)}
    )
    document_import(text=BASE, filename="v.txt", corrections=wrong, user=administrator)
    raad = Organisation.objects.get(name=RAAD)
    assert raad.represents_tenants_of.name == SAMEN  # type: ignore[union-attr]
    right = correct(**{SAMEN: PartyCorrection(kind=PartyKind.TENANT_ORGANISATION)})
    document_import(text=BASE, filename="v.txt", corrections=right, user=administrator)
    assert kind_of(SAMEN) == "huurdersorganisatie"
    unlinked = raad.history.filter(represents_tenants_of=None).latest("history_id")
    assert unlinked.history_user == administrator and unlinked.history_type == "~"
    raad.refresh_from_db()
    assert raad.represents_tenants_of is None or raad.represents_tenants_of.name != SAMEN


def test_corrected_kinds_are_checked_against_other_covenants_in_one_query(kampen: Covenant):
    document_import(text=BASE, filename="v.txt")  # every party is stored now
    one = correct(**{SAMEN: PartyCorrection(kind=PartyKind.CORPORATION)})
    three = correct(
        **{
            SAMEN: PartyCorrection(kind=PartyKind.CORPORATION),
            RAAD: PartyCorrection(kind=PartyKind.CORPORATION),
            THUIS: PartyCorrection(kind=PartyKind.TENANT_ORGANISATION),
        }
    )
    counts = []
    for corrections in (one, three):
        with CaptureQueriesContext(connection) as queries:
            preview = import_preview(text_source(), filename="v.txt", corrections=corrections)
        counts.append(len(queries))
        assert all(
            p.organisation.kind_fix for p in preview.parties if p.party.kind_basis is KindBasis.CORRECTED
        )
    assert counts[0] == counts[1]


def test_a_kind_that_conflicts_with_another_covenant_is_refused_and_stores_nothing(kampen: Covenant):
    corrections = correct(deltaWonen=PartyCorrection(kind=PartyKind.TENANT_ORGANISATION))
    text = BASE.replace(WOONGOED, "deltaWonen")  # deltaWonen is Kampen's corporation too
    preview = import_preview(text_source(text), filename="v.txt", corrections=corrections)
    assert len(preview.errors) == 1 and "deltaWonen" in preview.errors[0]
    before = database_state()
    with pytest.raises(ImportRefusedError):
        document_import(text=text, filename="v.txt", corrections=corrections)
    assert database_state() == before


def test_a_corrected_landlord_wins_over_the_document_and_a_link_set_before(kampen: Covenant):
    document_import(text=BASE, filename="v.txt")
    assert Organisation.objects.get(name=SAMEN).represents_tenants_of.name == THUIS  # type: ignore[union-attr]
    corrections = correct(**{SAMEN: PartyCorrection(landlord=WOONGOED)})
    preview = import_preview(text_source(), filename="v.txt", corrections=corrections)
    samen = next(p for p in preview.parties if p.name == SAMEN)
    assert samen.landlord is not None and (samen.landlord.corporation, samen.landlord.corrected) == (
        WOONGOED,
        True,
    )
    result = document_import(text=BASE, filename="v.txt", corrections=corrections)
    assert result.changes > 0
    assert Organisation.objects.get(name=SAMEN).represents_tenants_of.name == WOONGOED  # type: ignore[union-attr]


def test_a_tenant_organisation_without_its_corporation_is_uncertain(kampen: Covenant, monkeypatch):
    monkeypatch.setattr(review_module, "tenant_landlords", lambda parties, signatories: {})
    preview = import_preview(text_source(), filename="v.txt")
    assert len(preview.uncertain) == 2
    assert [doubt.split(":")[0] for doubt in preview.uncertain] == [SAMEN, RAAD]
    chosen = import_preview(
        text_source(),
        filename="v.txt",
        corrections=correct(
            **{SAMEN: PartyCorrection(landlord=THUIS), RAAD: PartyCorrection(landlord=WOONGOED)}
        ),
    )
    assert chosen.uncertain == ()


def _stored_like_woongoed() -> Organisation:
    """A stored corporation whose name differs from WoonGoed's only by a kind word: asked about."""
    return Organisation.objects.create(name=f"Stichting {WOONGOED}", kind=OrganisationKind.CORPORATION)


def test_a_similar_organisation_is_asked_about_and_the_answer_is_used(kampen: Covenant):
    similar = _stored_like_woongoed()
    preview = import_preview(text_source(), filename="v.txt")
    woongoed = next(p for p in preview.parties if p.name == WOONGOED)
    assert woongoed.organisation.state is MatchState.SIMILAR
    assert woongoed.organisation.label() == _("looks like %(names)s — the same one?") % {
        "names": similar.name
    }
    assert any(similar.name in doubt for doubt in preview.uncertain)

    same = correct(**{WOONGOED: PartyCorrection(organisation_id=similar.pk)})
    preview = import_preview(text_source(), filename="v.txt", corrections=same)
    assert preview.uncertain == ()
    assert next(p for p in preview.parties if p.name == WOONGOED).organisation.organisation == similar
    covenant = document_import(text=BASE, filename="v.txt", corrections=same).covenant
    assert not Organisation.objects.filter(name=WOONGOED).exists()
    assert similar in covenant.parties.all()
    assert similar.name in parties_of(covenant, "1.1.3")
    assert Organisation.objects.get(name=RAAD).represents_tenants_of == similar


def test_separate_makes_a_new_organisation_although_a_similar_one_is_stored(kampen: Covenant):
    similar = _stored_like_woongoed()
    separate = correct(**{WOONGOED: PartyCorrection(separate=True)})
    preview = import_preview(text_source(), filename="v.txt", corrections=separate)
    assert preview.uncertain == ()
    assert next(p for p in preview.parties if p.name == WOONGOED).organisation.state is MatchState.NEW
    covenant = document_import(text=BASE, filename="v.txt", corrections=separate).covenant
    assert Organisation.objects.get(name=WOONGOED) in covenant.parties.all()
    assert similar not in covenant.parties.all()


def test_corrections_are_kept_and_used_again_for_a_new_version(kampen: Covenant):
    corrections = correct(
        **{
            SAMEN: PartyCorrection(kind=PartyKind.CORPORATION),
            "Een partij die er niet meer is": PartyCorrection(kind=PartyKind.CORPORATION),
        }
    )
    covenant = document_import(text=BASE, filename="v1.txt", corrections=corrections).covenant
    changed = BASE.replace("Alle partijen", "Alle partijen samen", 1)
    preview = import_preview(text_source(changed), filename="v2.txt")
    assert preview.corrections_reused
    assert preview.corrections == correct(**{SAMEN: PartyCorrection(kind=PartyKind.CORPORATION)})
    assert "  " + _("The corrections of the last import of this covenant are used again.") in summary_lines(
        preview
    )
    result = document_import(text=changed, filename="v2.txt")  # no corrections given: the stored ones
    assert result.changes > 0
    assert kind_of(SAMEN) == "corporatie"
    assert SAMEN in parties_of(covenant, "1.2.1")
    latest = SourceDocument.objects.filter(covenant=covenant).order_by("-imported_at", "-pk").first()
    assert latest is not None and latest.filename == "v2.txt"
    assert latest.corrections == {"parties": {SAMEN: {"kind": "corporatie"}}}


def test_the_same_text_with_the_same_corrections_changes_nothing(kampen: Covenant):
    corrections = correct(**{SAMEN: PartyCorrection(short_names=("Samen", "HVS"))})
    document_import(text=BASE, filename="v.txt", corrections=corrections)
    before = database_state()
    again = document_import(text=BASE, filename="v.txt", corrections=corrections)
    assert again.changes == 0 and not again.created
    assert before.differences(database_state()) == []
    assert import_preview(text_source(), filename="v.txt", corrections=corrections).unchanged
    # Other corrections make another import, recorded with its corrections (short names are only added
    # to an organisation, never taken away, so the register itself stays as it was).
    document_import(text=BASE, filename="v.txt", corrections=Corrections())
    assert sorted(
        len(corrections)
        for corrections in SourceDocument.objects.filter(covenant=again.covenant).values_list(
            "corrections__parties", flat=True
        )
    ) == [0, 1]


def test_the_original_file_is_kept_with_the_import(kampen: Covenant):
    source = SourceText(BASE, SourceKind.DOCX, ())
    result = document_import(source=source, filename="v.docx", file=b"PK\x03\x04 the Word file")
    stored = SourceDocument.objects.get(covenant=result.covenant)
    assert stored.kind == "docx" and stored.text == BASE
    assert bytes(stored.file) == b"PK\x03\x04 the Word file"
    assert len(stored.file_sha256) == 64 and stored.file_sha256 != stored.sha256


def test_an_unreadable_text_previews_and_stores_nothing(kampen: Covenant):
    before = database_state()
    with pytest.raises(DocumentParseError):
        import_preview(text_source("Dit is geen convenant.\n"), filename="x.txt")
    assert database_state() == before


def test_only_coordinators_preview(kampen: Covenant, reader: User):
    with pytest.raises(PermissionDenied):
        import_preview(text_source(), filename="v.txt", user=reader)


# -- an upload under review --------------------------------------------------------------------------------


def test_an_upload_is_kept_for_review_and_stored_only_when_asked(kampen: Covenant, coordinator: User):
    data = BASE.encode("utf-8")
    covenants = Covenant.objects.count()
    review, preview = import_review_create(
        filename="v.txt", data=data, source=text_source(), user=coordinator
    )
    assert review.state == ReviewState.REVIEW and bytes(review.data) == data and review.kind == "text"
    assert preview.covenant is None
    assert Covenant.objects.count() == covenants  # nothing of the register yet

    corrections = correct(**{SAMEN: PartyCorrection(kind=PartyKind.CORPORATION)})
    import_review_correct(review=review, corrections=corrections, user=coordinator)
    review.refresh_from_db()
    assert Corrections.from_json(review.corrections) == corrections

    result = import_review_store(review=review, user=coordinator)
    review.refresh_from_db()
    assert review.state == ReviewState.STORED and review.covenant == result.covenant
    assert kind_of(SAMEN) == "corporatie"
    with pytest.raises(ImportRefusedError):  # stored once; a second store is refused
        import_review_store(review=review, user=coordinator)


def test_a_discarded_upload_stores_nothing(kampen: Covenant, coordinator: User):
    review, _preview = import_review_create(
        filename="v.txt", data=BASE.encode(), source=text_source(), user=coordinator
    )
    before = Covenant.objects.count()
    import_review_discard(review=review, user=coordinator)
    review.refresh_from_db()
    assert review.state == ReviewState.DISCARDED and bytes(review.data) == b""
    assert Covenant.objects.count() == before
    with pytest.raises(ImportRefusedError):
        import_review_store(review=review, user=coordinator)


def test_only_the_uploader_or_an_administrator_reviews(
    kampen: Covenant, coordinator: User, administrator: User, corporation_editor: User
):
    review, _preview = import_review_create(
        filename="v.txt", data=BASE.encode(), source=text_source(), user=coordinator
    )
    other = User.objects.create_user(
        "other-coordinator", organisation=coordinator.organisation, role=coordinator.role
    )
    for user in (other, corporation_editor):
        with pytest.raises(PermissionDenied):
            import_review_correct(review=review, corrections=Corrections(), user=user)
        with pytest.raises(PermissionDenied):
            import_review_store(review=review, user=user)
    import_review_discard(review=review, user=administrator)
    assert ImportReview.objects.get(pk=review.pk).state == ReviewState.DISCARDED
