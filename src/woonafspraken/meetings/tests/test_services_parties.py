"""Services of what the parties bring in: knelpunten and the dispute path, works, tenant advice and
documents, with their permissions and Dutch errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.meetings import services
from woonafspraken.meetings.constants import ConcernKind, ConcernStage, WorkKind
from woonafspraken.meetings.models import Concern, SharedDocument, Work

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_dispute_path_ambtelijk_then_bestuurlijk(
    kampen: Covenant, coordinator: User, corporation_editor: User, reader: User
):
    concern = services.concern_raise(
        covenant=kampen,
        user=corporation_editor,
        kind=ConcernKind.DISPUTE,
        title="Grondprijs",
        description="…",
        raised_on=D(2026, 2, 1),
    )
    assert concern.owner.name == "deltaWonen" and concern.stage == ConcernStage.RAISED
    with pytest.raises(ValidationError, match="eerst ambtelijk"):
        services.concern_record_step(
            concern=concern,
            user=coordinator,
            level="steering",
            date=D(2026, 3, 1),
            outcome="…",
            resolved=False,
        )
    with pytest.raises(ValidationError, match="niet vóór de melding"):
        services.concern_record_step(
            concern=concern,
            user=coordinator,
            level="official",
            date=D(2026, 1, 1),
            outcome="…",
            resolved=False,
        )
    with pytest.raises(PermissionDenied):
        services.concern_record_step(
            concern=concern, user=reader, level="official", date=D(2026, 3, 1), outcome="…", resolved=False
        )
    services.concern_record_step(
        concern=concern,
        user=corporation_editor,
        level="official",
        date=D(2026, 3, 1),
        outcome="Geen akkoord",
        resolved=False,
    )
    concern.refresh_from_db()
    assert concern.stage == ConcernStage.STEERING
    services.concern_record_step(
        concern=concern,
        user=coordinator,
        level="steering",
        date=D(2026, 5, 1),
        outcome="Akkoord",
        resolved=True,
    )
    concern.refresh_from_db()
    assert (concern.stage, concern.closed_on) == (ConcernStage.RESOLVED, D(2026, 5, 1))
    assert [step.level for step in concern.steps.all()] == ["official", "steering"]


def test_anyone_of_a_party_raises_a_knelpunt_but_not_outsiders_or_readers(
    kampen: Covenant, reader: User, tenant_editor: User, municipality_editor: User
):
    assert (
        services.concern_raise(
            covenant=kampen, user=municipality_editor, title="x", description="y"
        ).owner.name
        == "Gemeente Kampen"
    )
    with pytest.raises(PermissionDenied):
        services.concern_raise(covenant=kampen, user=reader, title="x", description="y")
    outsider = User.objects.create_user(
        "buiten", organisation=Organisation.objects.create(name="Elders", kind="corporatie")
    )
    with pytest.raises(PermissionDenied):
        services.concern_raise(covenant=kampen, user=outsider, title="x", description="y")
    with pytest.raises(ValidationError) as error:
        services.concern_raise(
            covenant=kampen, user=tenant_editor, kind=ConcernKind.PROPOSAL, title="", description=""
        )
    assert set(error.value.message_dict) == {"title", "description", "agreement"}
    assert Concern.objects.count() == 1


def test_works_are_registered_by_their_own_party_with_the_right_kinds(
    kampen: Covenant,
    corporation_editor: User,
    municipality_editor: User,
    coordinator: User,
    tenant_editor: User,
):
    work = services.work_register(covenant=kampen, user=corporation_editor, kind=WorkKind.RENOVATION, title="Renovatie Flevowijk",
                                  wijk="Flevowijk", streets=["Rozenstraat", " rozenstraat ", "Anjerstraat"], start_date=D(2026, 3, 1), end_date=D(2026, 9, 1))  # fmt: skip
    assert work.streets == ["Rozenstraat", "Anjerstraat"]
    with pytest.raises(ValidationError, match="Uw organisatie registreert alleen"):
        services.work_register(
            covenant=kampen,
            user=corporation_editor,
            kind=WorkKind.SEWER,
            title="x",
            wijk="y",
            streets=[],
            start_date=D(2026, 1, 1),
            end_date=D(2026, 2, 1),
        )
    with pytest.raises(ValidationError, match="Het einde ligt vóór het begin"):
        services.work_register(
            covenant=kampen,
            user=municipality_editor,
            kind=WorkKind.SEWER,
            title="x",
            wijk="y",
            streets=[],
            start_date=D(2026, 3, 1),
            end_date=D(2026, 2, 1),
        )
    with pytest.raises(PermissionDenied):  # the gemeente's coordinator does not change a corporation's works
        services.work_update(
            work=work,
            user=coordinator,
            kind=WorkKind.RENOVATION,
            title="x",
            wijk="y",
            streets=[],
            start_date=D(2026, 3, 1),
            end_date=D(2026, 9, 1),
        )
    with pytest.raises(PermissionDenied):
        services.work_register(
            covenant=kampen,
            user=tenant_editor,
            kind=WorkKind.RENOVATION,
            title="x",
            wijk="y",
            streets=[],
            start_date=D(2026, 1, 1),
            end_date=D(2026, 2, 1),
        )
    services.work_delete(work=work, user=corporation_editor)
    assert not Work.objects.exists()


def test_tenant_advice_request_advice_and_response(
    kampen: Covenant, corporation_editor: User, tenant_editor: User, cbr: Organisation, reader: User
):
    agreement = Agreement.objects.get(covenant=kampen, number="2.1.1")
    request = services.advice_request(covenant=kampen, user=corporation_editor, tenant_organisation=cbr, agreement=agreement,
                                      subject="Huurvoorstel 2027", question="Graag advies", requested_on=D(2026, 3, 1), due_date=D(2026, 4, 15))  # fmt: skip
    with pytest.raises(ValidationError, match="nog geen advies"):
        services.advice_respond(request=request, user=corporation_editor, response="Dank")
    with pytest.raises(PermissionDenied):
        services.advice_give(request=request, user=reader, advice="Niet doen")
    services.advice_give(
        request=request, user=tenant_editor, advice="Beperk de verhoging tot inflatie", on=D(2026, 4, 1)
    )
    answered = services.advice_respond(
        request=request, user=corporation_editor, response="We volgen het advies", on=D(2026, 4, 20)
    )
    assert (answered.advice_on, answered.response_on) == (D(2026, 4, 1), D(2026, 4, 20))
    with pytest.raises(ValidationError, match="ligt vast"):
        services.advice_give(request=request, user=tenant_editor, advice="Toch anders")
    with pytest.raises(ValidationError, match="vóór de aanvraag"):
        services.advice_request(covenant=kampen, user=corporation_editor, tenant_organisation=cbr, subject="x", question="y",
                                requested_on=D(2026, 3, 1), due_date=D(2026, 2, 1))  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.advice_request(
            covenant=kampen,
            user=tenant_editor,
            tenant_organisation=cbr,
            subject="x",
            question="y",
            due_date=D(2026, 5, 1),
        )


def test_documents_are_checked_before_anything_is_stored(
    kampen: Covenant, corporation_editor: User, reader: User, settings
):
    agreement = Agreement.objects.get(covenant=kampen, number="5.5")
    good = SimpleUploadedFile("onderzoek.pdf", b"%PDF-1.7 onderzoek", content_type="application/pdf")
    document = services.document_share(covenant=kampen, user=corporation_editor, upload=good, title="Woningmarktonderzoek",
                                       kind="research", agreements=[agreement])  # fmt: skip
    assert (
        document.filename == "onderzoek.pdf"
        and document.size == 18
        and list(document.agreements.all()) == [agreement]
    )
    assert document.file.read() == b"%PDF-1.7 onderzoek"
    fake = SimpleUploadedFile("rapport.pdf", b"<script>", content_type="application/pdf")
    with pytest.raises(ValidationError, match="past niet bij de extensie"):
        services.document_share(covenant=kampen, user=corporation_editor, upload=fake, title="Rapport")
    with pytest.raises(PermissionDenied):
        services.document_share(covenant=kampen, user=reader, upload=good, title="x")
    assert SharedDocument.objects.count() == 1
    stored = list((settings.MEDIA_ROOT / "gedeeld" / str(kampen.pk)).iterdir())
    assert [path.name for path in stored] == ["onderzoek.pdf"]
