"""The bod: a corporation records and submits it, its tenant organisation responds; the 1 July milestone
ticks off when every corporation has submitted; the work lines of both."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from freezegun import freeze_time
from tests.trust.dbstate import row_counts

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans import selectors
from woonafspraken.annual_plans.constants import MilestoneKind
from woonafspraken.annual_plans.models import Milestone
from woonafspraken.annual_plans.tests.factories import plan
from woonafspraken.operations.history import history_revert
from woonafspraken.renewal.models import Bod, BodItemKind, BodPosition, BodState
from woonafspraken.renewal.plugins.bod import bod_evidence, bod_to_bring_out, bods_to_respond_to
from woonafspraken.renewal.services import bod as bod_services
from woonafspraken.renewal.services.bod import (
    bod_create,
    bod_item_add,
    bod_item_remove,
    bod_item_update,
    bod_respond,
    bod_submit,
    bod_update,
)
from woonafspraken.renewal.services.draft import covenant_draft

pytestmark = pytest.mark.django_db


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


@pytest.fixture
def delta(kampen: Covenant) -> Organisation:
    return _org("deltaWonen")


@pytest.fixture
def beter_wonen(kampen: Covenant) -> Organisation:
    return _org("Beter Wonen IJsselmuiden")


@pytest.fixture
def beter_wonen_editor(beter_wonen: Organisation) -> User:
    return UserFactory(organisation=beter_wonen, role=Role.EDITOR, username="bw-editor")


@pytest.fixture
def other_tenants_editor(kampen: Covenant) -> User:
    return UserFactory(
        organisation=_org("Huurders Vereniging groot IJsselmuiden"), role=Role.EDITOR, username="hvgi-editor"
    )


def _pdf(name: str = "bod-2027.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def _bod(covenant: Covenant, user: User, corporation: Organisation, year: int = 2027) -> Bod:
    return bod_create(covenant=covenant, user=user, corporation=corporation, year=year, summary="Ons bod")


def _submitted(
    covenant: Covenant, user: User, corporation: Organisation, on: dt.date, year: int = 2027
) -> Bod:
    bod = _bod(covenant, user, corporation, year)
    bod_item_add(bod=bod, user=user, kind=BodItemKind.OTHER, text="Wij doen mee",
                 theme=covenant.themes.order_by("number").first())  # fmt: skip
    return bod_submit(bod=bod, user=user, on=on)


def test_the_kampen_tenant_organisations_represent_their_corporations(kampen: Covenant, delta: Organisation):
    assert _org("Centrale Bewonersraad deltaWonen").represents_tenants_of == delta
    assert _org("Huurders Vereniging groot IJsselmuiden").represents_tenants_of == _org(
        "Beter Wonen IJsselmuiden"
    )


@freeze_time("2026-06-20")
def test_a_corporation_records_items_submits_and_its_tenants_respond(
    kampen: Covenant, delta: Organisation, corporation_editor: User, tenant_editor: User
):
    bod = bod_create(covenant=kampen, user=corporation_editor, corporation=delta, year=2027,
                     summary="Bod deltaWonen 2027", upload=_pdf())  # fmt: skip
    assert (bod.state, bod.filename, bod.size) == (BodState.DRAFT, "bod-2027.pdf", 15)
    assert bod.file.name.startswith(f"bod/{kampen.pk}/2027/")
    agreement = kampen.agreements.get(number="1.1.2")
    item = bod_item_add(bod=bod, user=corporation_editor, kind=BodItemKind.NEW_BUILD,
                        text="Nieuwbouw sociale huur", number=Decimal(40), unit="woningen", agreement=agreement)  # fmt: skip
    assert item.theme == agreement.theme and item.order == 1
    second = bod_item_add(bod=bod, user=corporation_editor, kind=BodItemKind.SUSTAINABILITY,
                          text="Labelsprongen", number=Decimal(300), unit="labelsprongen",
                          theme=kampen.themes.order_by("number").last(), new_topic="Warmtenet")  # fmt: skip
    assert (second.order, second.new_topic) == (2, "Warmtenet")
    bod_item_update(item=second, user=corporation_editor, kind=BodItemKind.SUSTAINABILITY, text="Isolatie",
                    theme=second.theme, number=Decimal(250), unit="labelsprongen")  # fmt: skip
    second.refresh_from_db()
    assert (second.text, second.number, second.new_topic) == ("Isolatie", Decimal(250), "")
    bod_item_remove(item=second, user=corporation_editor)
    assert list(bod.items.all()) == [item]

    submitted = bod_submit(bod=bod, user=corporation_editor)
    assert (submitted.state, submitted.submitted_on) == (BodState.SUBMITTED, dt.date(2026, 6, 20))
    response = bod_respond(bod=submitted, user=tenant_editor, text="Wij steunen het bod.",
                           position=BodPosition.WITH_REMARKS)  # fmt: skip
    assert response.tenant_organisation.name == "Centrale Bewonersraad deltaWonen"
    assert response.responded_on == dt.date(2026, 6, 20)
    # Every write is in the history, attributed.
    assert bod.history.first().history_user == corporation_editor  # type: ignore[attr-defined]
    assert response.history.get().history_user == tenant_editor  # type: ignore[attr-defined]
    assert item.history.first().history_user == corporation_editor  # type: ignore[attr-defined]


def test_only_the_corporations_own_writers_record_its_bod(
    kampen: Covenant, delta: Organisation, beter_wonen_editor: User, coordinator: User,
    tenant_editor: User, administrator: User,
):  # fmt: skip
    for user in (beter_wonen_editor, coordinator, tenant_editor, UserFactory(organisation=delta)):
        with pytest.raises(PermissionDenied):
            _bod(kampen, user, delta)
    assert _bod(kampen, administrator, delta).corporation == delta
    with pytest.raises(PermissionDenied):  # a tenant organisation has no bod
        _bod(kampen, administrator, _org("Centrale Bewonersraad deltaWonen"))


def test_another_corporations_bod_is_not_changed(
    kampen: Covenant, delta: Organisation, corporation_editor: User, beter_wonen_editor: User
):
    bod = _bod(kampen, corporation_editor, delta)
    item = bod_item_add(bod=bod, user=corporation_editor, kind=BodItemKind.OTHER, text="x",
                        theme=kampen.themes.first())  # fmt: skip
    before = row_counts()
    for attempt in (
        lambda: bod_update(bod=bod, user=beter_wonen_editor, summary="Overgenomen"),
        lambda: bod_item_add(
            bod=bod, user=beter_wonen_editor, kind=BodItemKind.OTHER, text="y", theme=kampen.themes.first()
        ),  # fmt: skip
        lambda: bod_item_update(
            item=item, user=beter_wonen_editor, kind=BodItemKind.OTHER, text="z", theme=item.theme
        ),  # fmt: skip
        lambda: bod_item_remove(item=item, user=beter_wonen_editor),
        lambda: bod_submit(bod=bod, user=beter_wonen_editor),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert row_counts() == before


def test_bad_input_is_refused_in_dutch_and_nothing_is_stored(
    kampen: Covenant, delta: Organisation, corporation_editor: User
):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        bod_create(covenant=kampen, user=corporation_editor, corporation=delta, year=2040,
                   upload=SimpleUploadedFile("bod.pdf", b"no pdf at all"))  # fmt: skip
    assert set(refused.value.message_dict) == {"year", "file"}
    assert "2022" in refused.value.message_dict["year"][0]
    assert "bod.pdf" in refused.value.message_dict["file"][0]
    assert row_counts() == before
    bod = _bod(kampen, corporation_editor, delta)
    with pytest.raises(ValidationError) as duplicate:
        _bod(kampen, corporation_editor, delta)
    assert "deltaWonen" in duplicate.value.message_dict["year"][0]
    agreement = kampen.agreements.get(number="1.1.2")
    other_theme = kampen.themes.exclude(pk=agreement.theme_id).first()
    with pytest.raises(ValidationError) as item_refused:
        bod_item_add(bod=bod, user=corporation_editor, kind="nonsense", text=" ", agreement=agreement,
                     theme=other_theme, new_topic="Iets nieuws", unit="woningen")  # fmt: skip
    assert set(item_refused.value.message_dict) == {"kind", "text", "agreement", "number", "new_topic"}
    assert not bod.items.exists()


def test_the_same_bod_recorded_twice_at_once_is_refused_not_an_error(
    kampen: Covenant, delta: Organisation, corporation_editor: User, monkeypatch: pytest.MonkeyPatch
):
    """Two requests pass the duplicate check at the same moment; the second insert meets the database's
    constraint and is refused on its year, without leaving its file behind."""
    stored: list[str] = []
    store_file = bod_services._store_file

    def other_request_commits_first(bod: Bod, upload: SimpleUploadedFile) -> None:
        Bod.objects.create(covenant=kampen, corporation=delta, year=2027, created_by=corporation_editor)
        store_file(bod, upload)
        stored.append(bod.file.name)

    monkeypatch.setattr(bod_services, "_store_file", other_request_commits_first)
    with pytest.raises(ValidationError) as refused:
        bod_create(covenant=kampen, user=corporation_editor, corporation=delta, year=2027, upload=_pdf())
    assert [error.code for error in refused.value.error_dict["year"]] == ["unique"]
    assert stored and not default_storage.exists(stored[0])


def test_an_empty_bod_is_not_submitted_and_a_submitted_one_no_longer_changes(
    kampen: Covenant, delta: Organisation, corporation_editor: User
):
    bod = _bod(kampen, corporation_editor, delta)
    with pytest.raises(ValidationError) as empty:
        bod_submit(bod=bod, user=corporation_editor)
    assert empty.value.code == "empty"
    bod.refresh_from_db()
    assert (bod.state, bod.submitted_on) == (BodState.DRAFT, None)
    # A document alone is enough to bring it out.
    bod_update(bod=bod, user=corporation_editor, summary="Zie document", upload=_pdf())
    with pytest.raises(ValidationError) as future:
        bod_submit(bod=bod, user=corporation_editor, on=timezone.localdate() + dt.timedelta(days=1))
    assert [error.code for error in future.value.error_dict["submitted_on"]] == ["future"]
    bod_submit(bod=bod, user=corporation_editor, on=dt.date(2026, 6, 30))
    for attempt in (
        lambda: bod_submit(bod=bod, user=corporation_editor),
        lambda: bod_update(bod=bod, user=corporation_editor, summary="Later gewijzigd"),
        lambda: bod_item_add(
            bod=bod,
            user=corporation_editor,
            kind=BodItemKind.OTHER,
            text="Te laat",
            theme=kampen.themes.first(),
        ),  # fmt: skip
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert "30 juni 2026" in refused.value.messages[0]


def test_only_the_representing_tenant_organisation_responds_once_after_submission(
    kampen: Covenant, delta: Organisation, corporation_editor: User, tenant_editor: User,
    tenant_reader: User, other_tenants_editor: User,
):  # fmt: skip
    bod = _bod(kampen, corporation_editor, delta)
    bod_item_add(
        bod=bod, user=corporation_editor, kind=BodItemKind.OTHER, text="x", theme=kampen.themes.first()
    )
    with pytest.raises(ValidationError) as early:
        bod_respond(bod=bod, user=tenant_editor, text="Vroeg", position=BodPosition.SUPPORTS)
    assert early.value.code == "not_submitted"
    bod_submit(bod=bod, user=corporation_editor, on=dt.date(2026, 6, 1))
    for wrong in (other_tenants_editor, tenant_reader, corporation_editor):
        with pytest.raises(PermissionDenied):
            bod_respond(bod=bod, user=wrong, text="Namens anderen", position=BodPosition.SUPPORTS)
    with pytest.raises(ValidationError) as before_submission:
        bod_respond(
            bod=bod, user=tenant_editor, text="x", position=BodPosition.SUPPORTS, on=dt.date(2026, 5, 1)
        )
    assert "1 juni 2026" in before_submission.value.message_dict["on"][0]
    bod_respond(
        bod=bod, user=tenant_editor, text="Wij steunen het niet.", position=BodPosition.DOES_NOT_SUPPORT
    )
    with pytest.raises(ValidationError) as twice:
        bod_respond(bod=bod, user=tenant_editor, text="Nog eens", position=BodPosition.SUPPORTS)
    assert twice.value.code == "unique"
    assert bod.responses.count() == 1


def test_a_bod_belongs_to_the_running_covenant_not_a_draft(
    kampen: Covenant, delta: Organisation, corporation_editor: User, coordinator: User
):
    draft = covenant_draft(source=kampen, title="Prestatieafspraken Kampen 2027 – 2030",
                           start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31), user=coordinator)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        _bod(draft, corporation_editor, delta)
    assert "covenant" in refused.value.message_dict


# -- the 1 July milestone -----------------------------------------------------------------------------


@freeze_time("2026-07-10")
def test_the_bid_milestone_ticks_off_when_the_last_corporation_has_submitted(
    kampen: Covenant, delta: Organisation, beter_wonen: Organisation, corporation_editor: User,
    beter_wonen_editor: User, django_assert_num_queries,
):  # fmt: skip
    plan(kampen, 2027)
    bid = Milestone.objects.get(covenant=kampen, year=2027, kind=MilestoneKind.BID)
    assert bid.due_date == dt.date(2026, 7, 1)

    def row():  # type: ignore[no-untyped-def]
        with django_assert_num_queries(1):
            return {r.milestone.pk: r for r in selectors.calendar_rows(kampen, today=dt.date(2026, 7, 10))}[
                bid.pk
            ]

    assert (row().state, row().evidence) == ("overdue", "")
    assert "bod" in row().pending
    _submitted(kampen, corporation_editor, delta, dt.date(2026, 6, 30))
    _bod(kampen, beter_wonen_editor, beter_wonen)  # a draft does not count
    _submitted(
        kampen, beter_wonen_editor, beter_wonen, dt.date(2026, 6, 30), year=2028
    )  # another year neither
    assert row().state == "overdue"
    bod = Bod.objects.get(corporation=beter_wonen, year=2027)
    bod_item_add(
        bod=bod, user=beter_wonen_editor, kind=BodItemKind.OTHER, text="x", theme=kampen.themes.first()
    )
    bod_submit(bod=bod, user=beter_wonen_editor, on=dt.date(2026, 6, 28))
    done = row()
    assert (done.state, done.done_on) == ("done", dt.date(2026, 6, 30))  # the last of the two
    # "bod van alle corporaties ingediend, laatste op 30 juni 2026" (the Dutch comes with the catalogue)
    assert done.evidence == bod_evidence(2027, dt.date(2026, 6, 30)) and "30 juni 2026" in done.evidence
    assert selectors.next_milestone(kampen) != bid


# -- mijn werk ----------------------------------------------------------------------------------------


def test_a_corporation_sees_its_bod_to_bring_out_until_submitted_or_1_july(
    kampen: Covenant, delta: Organisation, corporation_editor: User
):
    group = bod_to_bring_out(kampen, delta, dt.date(2026, 5, 1))
    assert group is not None and group.total == 1
    assert group.lines[0].text == "Bod 2027" and "1 juli 2026" in group.lines[0].detail
    assert group.lines[0].url.endswith("/bod/nieuw/?jaar=2027")
    bod = _bod(kampen, corporation_editor, delta)
    assert bod_to_bring_out(kampen, delta, dt.date(2026, 5, 1)).lines[0].url.endswith(f"/bod/{bod.pk}/")  # type: ignore[union-attr]
    assert bod_to_bring_out(kampen, delta, dt.date(2026, 7, 2)).total == 0  # type: ignore[union-attr]
    with freeze_time("2026-05-01"):
        bod_item_add(
            bod=bod, user=corporation_editor, kind=BodItemKind.OTHER, text="x", theme=kampen.themes.first()
        )
        bod_submit(bod=bod, user=corporation_editor)
    assert bod_to_bring_out(kampen, delta, dt.date(2026, 5, 2)).total == 0  # type: ignore[union-attr]
    assert bod_to_bring_out(kampen, _org("Centrale Bewonersraad deltaWonen"), dt.date(2026, 5, 2)) is None


def test_a_tenant_organisation_sees_its_corporations_submitted_bod_until_it_responds(
    kampen: Covenant, delta: Organisation, corporation_editor: User, tenant_editor: User,
    django_assert_num_queries,
):  # fmt: skip
    cbr = _org("Centrale Bewonersraad deltaWonen")
    hvgi = _org("Huurders Vereniging groot IJsselmuiden")
    bod = _bod(kampen, corporation_editor, delta)
    assert bods_to_respond_to(kampen, cbr, dt.date(2026, 6, 2)).total == 0  # type: ignore[union-attr]
    bod_item_add(
        bod=bod, user=corporation_editor, kind=BodItemKind.OTHER, text="x", theme=kampen.themes.first()
    )
    bod_submit(bod=bod, user=corporation_editor, on=dt.date(2026, 6, 1))
    with django_assert_num_queries(1):
        group = bods_to_respond_to(kampen, cbr, dt.date(2026, 6, 2))
    assert group is not None and group.total == 1
    assert "2027" in group.lines[0].text and "deltaWonen" in group.lines[0].text
    assert bods_to_respond_to(kampen, hvgi, dt.date(2026, 6, 2)).total == 0  # type: ignore[union-attr]
    assert bods_to_respond_to(kampen, delta, dt.date(2026, 6, 2)) is None
    bod_respond(bod=bod, user=tenant_editor, text="Akkoord", position=BodPosition.SUPPORTS)
    assert bods_to_respond_to(kampen, cbr, dt.date(2026, 6, 2)).total == 0  # type: ignore[union-attr]


def test_the_corporation_undoes_its_own_change_through_the_history(
    kampen: Covenant, delta: Organisation, corporation_editor: User, beter_wonen_editor: User
):
    bod = _bod(kampen, corporation_editor, delta)
    bod_update(bod=bod, user=corporation_editor, summary="Tweede versie")
    first = bod.history.order_by("history_id").first()  # type: ignore[attr-defined]
    with pytest.raises(PermissionDenied):
        history_revert(obj=bod, history_id=first.history_id, user=beter_wonen_editor)
    history_revert(obj=bod, history_id=first.history_id, user=corporation_editor)
    bod.refresh_from_db()
    assert bod.summary == "Ons bod"
