"""Freezing a draft, each party's signature, the signed successor and the predecessor's end."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from freezegun import freeze_time

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.exports import agreements_data
from woonafspraken.agreements.models import Covenant, CovenantStage
from woonafspraken.agreements.selectors import CovenantNotFoundError, covenant_resolve, covenant_status_on
from woonafspraken.agreements.services import agreement_amend
from woonafspraken.agreements.term import CovenantState
from woonafspraken.annual_plans.reminders import reminders_due
from woonafspraken.core.changes import apply_revert
from woonafspraken.core.verdicts import DRAFT_NOT_JUDGED, Status, covenant_verdicts
from woonafspraken.renewal.models import CovenantSignature
from woonafspraken.renewal.services.draft import covenant_draft
from woonafspraken.renewal.services.signing import (
    PartyNotFoundError,
    covenant_freeze,
    covenant_sign,
    covenant_unfreeze,
    party_resolve,
    signature_withdraw,
    signing_overview,
)

pytestmark = pytest.mark.django_db

TITLE = "Prestatieafspraken Kampen 2027 – 2030"
START = dt.date(2027, 1, 1)
SIGNED_ON = dt.date(2026, 12, 15)
PARTIES = [
    "Gemeente Kampen",
    "Beter Wonen IJsselmuiden",
    "Huurders Vereniging groot IJsselmuiden",
    "deltaWonen",
    "Centrale Bewonersraad deltaWonen",
]


@pytest.fixture
def draft(kampen: Covenant) -> Covenant:
    return covenant_draft(source=kampen, title=TITLE, start=START, end=dt.date(2030, 12, 31))


def party(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def sign_all(draft: Covenant, user: User | None = None, last: dt.date = SIGNED_ON) -> None:
    for index, name in enumerate(PARTIES):
        covenant_sign(
            covenant=draft,
            party=party(name),
            signatory=f"Ondertekenaar {index}",
            function="bestuurder",
            place="Kampen",
            date=last - dt.timedelta(days=len(PARTIES) - 1 - index),
            user=user,
        )


def test_freeze_and_unfreeze_while_nobody_signed(draft: Covenant, coordinator: User):
    frozen = covenant_freeze(covenant=draft, user=coordinator)
    assert frozen.frozen_at is not None
    with pytest.raises(ValidationError, match="al bevroren|frozen already"):
        covenant_freeze(covenant=draft, user=coordinator)
    assert covenant_unfreeze(covenant=draft, user=coordinator).frozen_at is None
    covenant_freeze(covenant=draft, user=coordinator)
    covenant_sign(covenant=draft, party=party("deltaWonen"), signatory="A. de Vries", date=SIGNED_ON)
    with pytest.raises(ValidationError) as refused:
        covenant_unfreeze(covenant=draft, user=coordinator)
    assert refused.value.code == "signed"
    draft.refresh_from_db()
    assert draft.frozen_at is not None
    assert draft.history.count() >= 4  # every freeze and unfreeze is in the history


def test_signing_an_unfrozen_draft_is_refused(draft: Covenant, coordinator: User):
    with pytest.raises(ValidationError) as refused:
        covenant_sign(
            covenant=draft, party=party("deltaWonen"), signatory="A", date=SIGNED_ON, user=coordinator
        )
    assert refused.value.code == "not_frozen"
    assert not CovenantSignature.objects.exists()


def test_one_party_cannot_sign_twice(draft: Covenant, coordinator: User):
    covenant_freeze(covenant=draft)
    covenant_sign(covenant=draft, party=party("deltaWonen"), signatory="A", date=SIGNED_ON, user=coordinator)
    with pytest.raises(ValidationError) as refused:
        covenant_sign(
            covenant=draft, party=party("deltaWonen"), signatory="B", date=SIGNED_ON, user=coordinator
        )
    assert refused.value.code == "signed_twice"
    assert CovenantSignature.objects.filter(covenant=draft).count() == 1


def test_a_non_party_and_a_bad_date_are_refused(draft: Covenant):
    covenant_freeze(covenant=draft)
    outsider = Organisation.objects.create(name="Woonstichting Elders", kind=OrganisationKind.CORPORATION)
    with pytest.raises(ValidationError) as refused:
        covenant_sign(covenant=draft, party=outsider, signatory="A", date=SIGNED_ON)
    assert refused.value.code == "not_party"
    with pytest.raises(ValidationError) as refused:
        covenant_sign(covenant=draft, party=party("deltaWonen"), signatory=" ", date=dt.date(2031, 1, 1))
    assert set(refused.value.message_dict) == {"signatory", "date"}
    assert not CovenantSignature.objects.exists()


def test_a_signed_covenant_is_no_draft_to_sign(kampen: Covenant):
    for service in (covenant_freeze, covenant_unfreeze):
        with pytest.raises(ValidationError) as refused:
            service(covenant=kampen)
        assert refused.value.code == "not_draft"
    with pytest.raises(ValidationError) as refused:
        covenant_sign(covenant=kampen, party=party("deltaWonen"), signatory="A", date=SIGNED_ON)
    assert refused.value.code == "not_draft"


def test_a_frozen_text_cannot_be_amended(draft: Covenant, coordinator: User):
    covenant_freeze(covenant=draft)
    agreement = draft.agreements.get(number="1.3.1")
    with pytest.raises(ValidationError) as refused:
        agreement_amend(agreement=agreement, user=coordinator, text="Nieuw", valid_from=START, reason="r")
    assert refused.value.code == "frozen"
    assert draft.agreements.get(number="1.3.1").text == agreement.text


def test_who_records_a_signature(draft: Covenant, coordinator: User):
    covenant_freeze(covenant=draft)
    delta = party("deltaWonen")
    delta_coordinator = UserFactory(organisation=delta, role=Role.COORDINATOR)
    delta_editor = UserFactory(organisation=delta, role=Role.EDITOR)
    with pytest.raises(PermissionDenied):
        covenant_sign(
            covenant=draft,
            party=party("Beter Wonen IJsselmuiden"),
            signatory="A",
            date=SIGNED_ON,
            user=delta_coordinator,
        )
    with pytest.raises(PermissionDenied):
        covenant_sign(covenant=draft, party=delta, signatory="A", date=SIGNED_ON, user=delta_editor)
    with pytest.raises(PermissionDenied):
        covenant_freeze(covenant=draft, user=delta_editor)
    own = covenant_sign(covenant=draft, party=delta, signatory="A", date=SIGNED_ON, user=delta_coordinator)
    assert own.recorded_by == delta_coordinator
    # The lead coordinator (the municipality, the covenant's owner) records for any party.
    covenant_sign(
        covenant=draft,
        party=party("Beter Wonen IJsselmuiden"),
        signatory="B",
        date=SIGNED_ON,
        user=coordinator,
    )
    assert signing_overview(draft).signed_count == 2


def test_withdrawing_a_signature_while_still_a_draft(draft: Covenant, coordinator: User):
    covenant_freeze(covenant=draft)
    signature = covenant_sign(covenant=draft, party=party("deltaWonen"), signatory="A", date=SIGNED_ON)
    signature_withdraw(signature=signature, user=coordinator)
    assert not CovenantSignature.objects.exists()
    assert CovenantSignature.history.filter(history_type="-").count() == 1


def test_the_last_signature_makes_the_covenant_signed(draft: Covenant, coordinator: User, kampen: Covenant):
    covenant_freeze(covenant=draft, user=coordinator)
    overview = signing_overview(draft)
    assert (overview.signed_count, len(overview.parties), overview.complete) == (0, 5, False)
    sign_all(draft, coordinator)
    draft.refresh_from_db()
    assert draft.stage == CovenantStage.SIGNED
    assert draft.signed_on == SIGNED_ON  # the last signature's date
    signatories = list(draft.signatories.select_related("organisation").order_by("order"))
    assert [s.organisation.name for s in signatories] == PARTIES
    assert [s.person for s in signatories] == [f"Ondertekenaar {i}" for i in range(5)]
    assert signatories[0].role == "bestuurder"
    assert signing_overview(draft).complete
    signature = CovenantSignature.objects.filter(covenant=draft).first()
    assert signature is not None
    for attempt in (  # signed: no unfreezing, no more signatures, none taken back
        lambda: covenant_unfreeze(covenant=draft, user=coordinator),
        lambda: covenant_sign(covenant=draft, party=party("deltaWonen"), signatory="X", date=SIGNED_ON),
        lambda: signature_withdraw(signature=signature, user=coordinator),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.code == "not_draft"
    draft.refresh_from_db()
    assert draft.frozen_at is not None and CovenantSignature.objects.filter(covenant=draft).count() == 5


@pytest.mark.parametrize(
    ("day", "state", "ended_by_successor", "extended_until"),
    [
        (dt.date(2026, 12, 31), CovenantState.RUNNING, False, None),
        (dt.date(2027, 1, 1), CovenantState.EXPIRED, True, None),
        (dt.date(2027, 6, 1), CovenantState.EXPIRED, True, None),
    ],
)
def test_the_predecessor_ends_when_the_signed_successor_starts(
    draft: Covenant, kampen: Covenant, day, state, ended_by_successor, extended_until
):
    covenant_freeze(covenant=draft)
    sign_all(draft)
    status = covenant_status_on(kampen, day)
    assert (status.state, status.ended_by_successor, status.extended_until) == (
        state,
        ended_by_successor,
        extended_until,
    )


def test_until_all_have_signed_the_predecessor_runs_and_is_extended(draft: Covenant, kampen: Covenant):
    covenant_freeze(covenant=draft)
    covenant_sign(covenant=draft, party=party("deltaWonen"), signatory="A", date=SIGNED_ON)
    assert covenant_status_on(kampen, dt.date(2026, 12, 31)).state is CovenantState.RUNNING
    extended = covenant_status_on(kampen, dt.date(2027, 3, 1))
    assert extended.state is CovenantState.EXTENDED and extended.extended_until == dt.date(2027, 12, 31)
    assert not extended.ended_by_successor


def test_a_successor_signed_late_ends_the_extension_the_day_before_it_starts(kampen: Covenant):
    late = covenant_draft(source=kampen, title=TITLE, start=dt.date(2027, 7, 1), end=dt.date(2030, 12, 31))
    covenant_freeze(covenant=late)
    sign_all(late, last=dt.date(2027, 5, 15))
    before = covenant_status_on(kampen, dt.date(2027, 6, 30))
    assert before.state is CovenantState.EXTENDED and before.extended_until == dt.date(2027, 6, 30)
    after = covenant_status_on(kampen, dt.date(2027, 7, 1))
    assert after.state is CovenantState.EXPIRED and after.ended_by_successor
    assert after.as_dict()["state"] == "expired" and after.as_dict()["ended_by_successor"] is True


def test_the_successor_reads_draft_then_signed_then_running(draft: Covenant):
    assert covenant_status_on(draft, dt.date(2026, 12, 10)).state is CovenantState.DRAFT
    assert covenant_status_on(draft, dt.date(2027, 2, 1)).state is CovenantState.DRAFT  # never runs unsigned
    covenant_freeze(covenant=draft)
    sign_all(draft)
    draft.refresh_from_db()
    assert covenant_status_on(draft, dt.date(2026, 12, 20)).state is CovenantState.SIGNED
    assert covenant_status_on(draft, START).state is CovenantState.RUNNING


def test_an_imported_covenant_before_its_start_is_signed(kampen: Covenant):
    assert covenant_status_on(kampen, dt.date(2021, 6, 1)).state is CovenantState.SIGNED


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_commands_sign_and_report_the_state(draft: Covenant):
    def state(on: str) -> str:
        return json.loads(run("covenant_status", "--covenant", str(draft.pk), "--on", on))["state"]

    assert state("2026-12-10") == "draft"
    out = run(
        "covenant_sign",
        "--covenant",
        TITLE,
        "--party",
        "deltawonen",
        "--signatory",
        "A. de Vries",
        "--date",
        "2026-12-11",
        "--function",
        "directeur-bestuurder",
        "--place",
        "Kampen",
    )
    assert out.splitlines() == [
        _("The text of %(title)s is now frozen.") % {"title": TITLE},
        _("%(party)s signed; %(count)s of %(total)s parties have signed.")
        % {"party": "deltaWonen", "count": 1, "total": 5},
    ]
    draft.refresh_from_db()
    assert draft.frozen_at is not None  # the console froze the text before the first signature
    signature = CovenantSignature.objects.get(covenant=draft)
    assert (signature.organisation.name, signature.function, signature.place) == (
        "deltaWonen",
        "directeur-bestuurder",
        "Kampen",
    )
    with pytest.raises(CommandError):
        run(
            "covenant_sign",
            "--covenant",
            str(draft.pk),
            "--party",
            "deltaWonen",
            "--signatory",
            "B",
            "--date",
            "2026-12-11",
        )
    with pytest.raises(CommandError, match="IJsselmuiden"):  # a part that names two parties
        run(
            "covenant_sign",
            "--covenant",
            str(draft.pk),
            "--party",
            "IJsselmuiden",
            "--signatory",
            "B",
            "--date",
            "2026-12-11",
        )
    for name in ("Gemeente Kampen", "Beter Wonen", "Huurders Vereniging", "Centrale Bewonersraad"):
        run(
            "covenant_sign",
            "--covenant",
            str(draft.pk),
            "--party",
            name,
            "--signatory",
            "B",
            "--date",
            "2026-12-15",
        )
    assert state("2026-12-20") == "signed"
    assert state("2027-01-01") == "running"
    kampen_state = json.loads(run("covenant_status", "--covenant", "Kampen 2022", "--on", "2027-01-01"))
    assert (kampen_state["state"], kampen_state["ended_by_successor"]) == ("expired", True)


def test_party_by_name_or_unique_part(kampen: Covenant):
    assert party_resolve(kampen, "DELTAWONEN").name == "deltaWonen"
    assert party_resolve(kampen, "bewonersraad").name == "Centrale Bewonersraad deltaWonen"
    with pytest.raises(PartyNotFoundError):
        party_resolve(kampen, "Zwolle")


def test_the_export_gives_predecessors_and_the_status(draft: Covenant, kampen: Covenant):
    data = agreements_data(draft)
    assert data["covenant"]["status"] == "draft" and data["covenant"]["stage"] == "draft"
    assert data["covenant"]["predecessor"] == kampen.title
    by_number = {a["number"]: a for a in data["agreements"]}
    assert by_number["1.3.1"]["predecessor"] == "1.3.1"
    assert by_number["1.3.1"]["predecessors"] == ["1.3.1"]
    merged = draft.agreements.get(number="1.3.2")
    merged.predecessors.add(*kampen.agreements.filter(number__in=["1.3.3", "1.1.1"]))
    again = {a["number"]: a for a in agreements_data(draft)["agreements"]}["1.3.2"]
    assert again["predecessor"] == "1.1.1"  # the first in the previous covenant's order
    assert again["predecessors"] == ["1.1.1", "1.3.2", "1.3.3"]
    assert {a["predecessor"] for a in agreements_data(kampen)["agreements"]} == {None}


def test_a_draft_is_not_judged_not_in_force_and_sends_no_reminders(draft: Covenant, kampen: Covenant):
    verdicts = covenant_verdicts(draft, dt.date(2027, 6, 1))
    assert len(verdicts) == 43
    assert set(verdicts.counts()) >= {Status.NOT_ASSESSABLE}
    assert verdicts.counts()[Status.NOT_ASSESSABLE] == 43
    assert verdicts["1.3.1"].evidence[0].text == str(DRAFT_NOT_JUDGED)
    with freeze_time("2026-12-10"):
        assert covenant_resolve(None) == kampen
    with freeze_time("2027-03-01"), pytest.raises(CovenantNotFoundError):
        covenant_resolve(None)  # the draft's term has begun, but a draft is never in force
    assert reminders_due(draft, on=dt.date(2027, 3, 1)) == []


def test_undo_from_the_history_never_unsigns_or_unfreezes(draft: Covenant, coordinator: User):
    first = draft.history.earliest("history_date")
    covenant_freeze(covenant=draft)
    signature = covenant_sign(
        covenant=draft, party=party("deltaWonen"), signatory="A. de Vries", date=SIGNED_ON
    )
    signature.signatory = "A. de Vris"
    signature.save()
    apply_revert(signature, signature.history.earliest("history_date"), coordinator)
    assert CovenantSignature.objects.get().signatory == "A. de Vries"  # a typo undone while a draft
    for name in [name for name in PARTIES if name != "deltaWonen"]:
        covenant_sign(covenant=draft, party=party(name), signatory="B", date=SIGNED_ON)
    draft.refresh_from_db()
    draft.title = "Andere titel"
    draft.save()
    apply_revert(draft, first, coordinator)  # back to the unsigned, unfrozen draft's record
    draft.refresh_from_db()
    assert draft.title == TITLE
    assert (draft.stage, draft.signed_on) == (CovenantStage.SIGNED, SIGNED_ON) and draft.frozen_at is not None
    signature.refresh_from_db()
    with pytest.raises(ValidationError):
        apply_revert(signature, signature.history.earliest("history_date"), coordinator)
