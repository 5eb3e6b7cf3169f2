"""The draft successor: every agreement copied with its lineage, the term set anew."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant, CovenantStage
from woonafspraken.renewal.services.draft import covenant_draft

pytestmark = pytest.mark.django_db

TITLE = "Prestatieafspraken Kampen 2027 – 2030"


def test_the_draft_copies_every_agreement_with_its_predecessor(kampen: Covenant, coordinator):
    draft = covenant_draft(
        source=kampen, title=TITLE, start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31), user=coordinator
    )
    assert draft.stage == CovenantStage.DRAFT and draft.predecessor == kampen
    assert list(draft.agreements.values_list("number", flat=True)) == list(
        kampen.agreements.values_list("number", flat=True)
    )
    copy = draft.agreements.get(number="1.3.1")
    original = kampen.agreements.get(number="1.3.1")
    assert list(copy.predecessors.all()) == [original]
    assert list(original.successors.all()) == [copy]
    assert copy.text == original.text
    assert set(copy.parties.all()) == set(original.parties.all())
    version = copy.versions.get()
    assert version.valid_from == dt.date(2027, 1, 1)
    dated = draft.agreements.get(number="1.1.4")  # the due moment is versioned too
    assert dated.versions.get().due_raw == dated.due_raw == "in januari"
    assert list(draft.parties.order_by("pk")) == list(kampen.parties.order_by("pk"))
    assert draft.themes.count() == kampen.themes.count()
    assert not draft.signatories.exists()


def test_a_draft_needs_a_later_start_and_a_proper_term(kampen: Covenant):
    with pytest.raises(ValidationError) as refused:
        covenant_draft(source=kampen, title=" ", start=dt.date(2021, 1, 1), end=dt.date(2020, 1, 1))
    assert set(refused.value.message_dict) == {"title", "start", "end"}
    assert not Covenant.objects.filter(stage=CovenantStage.DRAFT).exists()


def test_only_the_coordinator_drafts(kampen: Covenant):
    reader = UserFactory(organisation=kampen.owner, role=Role.READER)
    with pytest.raises(PermissionDenied):
        covenant_draft(
            source=kampen, title=TITLE, start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31), user=reader
        )


def test_the_command_prints_the_id(kampen: Covenant):
    out = io.StringIO()
    call_command(
        "covenant_draft",
        "--from",
        "Kampen",
        "--title",
        TITLE,
        "--start",
        "2027-01-01",
        "--end",
        "2030-12-31",
        stdout=out,
    )
    draft = Covenant.objects.get(pk=int(out.getvalue()))
    assert draft.title == TITLE and draft.agreements.count() == 43


def test_a_frozen_draft_cannot_be_amended_through_the_register(kampen: Covenant, coordinator):
    from django.utils import timezone

    from woonafspraken.agreements.services import agreement_amend

    draft = covenant_draft(source=kampen, title=TITLE, start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31))
    Covenant.objects.filter(pk=draft.pk).update(frozen_at=timezone.now())
    agreement = draft.agreements.get(number="1.3.1")
    with pytest.raises(ValidationError):
        agreement_amend(
            agreement=agreement, user=coordinator, text="Nieuw", valid_from=dt.date(2027, 1, 1), reason="x"
        )
    agreement.refresh_from_db()
    assert agreement.version == 1


def test_a_draft_is_not_drafted_from_and_a_covenant_is_followed_up_once(kampen: Covenant, coordinator):
    draft = covenant_draft(
        source=kampen, title=TITLE, start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31), user=coordinator
    )
    with pytest.raises(ValidationError) as from_draft:
        covenant_draft(
            source=draft, title="Kampen 2031", start=dt.date(2031, 1, 1), end=dt.date(2034, 12, 31)
        )
    assert from_draft.value.code == "source_is_draft"
    with pytest.raises(ValidationError) as second:  # the console as well as the coordinator
        covenant_draft(source=kampen, title="Nog een", start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31))
    assert second.value.code == "draft_exists"
    Covenant.objects.filter(pk=draft.pk).update(stage=CovenantStage.SIGNED)
    with pytest.raises(ValidationError) as after_signing:
        covenant_draft(source=kampen, title="Nog een", start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31))
    assert after_signing.value.code == "successor_exists"
    assert list(Covenant.objects.filter(predecessor__isnull=False)) == [draft]
