"""Negotiation on the draft: proposals, comments and the coordinator's outcome, and what is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import OrganisationFactory, UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.changes import apply_revert
from woonafspraken.meetings.selectors import advice_addressees
from woonafspraken.meetings.services import advice_offer
from woonafspraken.renewal.models import ProposalState
from woonafspraken.renewal.selectors.draft import open_proposal_counts
from woonafspraken.renewal.services.negotiation import proposal_comment_add, proposal_decide, proposal_submit
from woonafspraken.renewal.services.signing import covenant_freeze
from woonafspraken.renewal.services.structure import SplitPart, agreement_merge, agreement_split

pytestmark = pytest.mark.django_db

NEW_TEXT = "deltaWonen bouwt jaarlijks ten minste 60 sociale huurwoningen in Kampen."


@pytest.fixture
def tenants(draft: Covenant) -> User:
    return UserFactory(
        organisation=Organisation.objects.get(name="Centrale Bewonersraad deltaWonen"), role=Role.EDITOR
    )


def test_a_taken_over_proposal_becomes_version_2(draft: Covenant, coordinator: User, tenants: User):
    agreement = draft.agreements.get(number="1.3.1")
    proposal = proposal_submit(agreement=agreement, user=tenants, text=NEW_TEXT, reason="Meer ambitie")
    assert proposal.owner == tenants.organisation and proposal.changes() == {"text": NEW_TEXT}
    assert open_proposal_counts(draft) == {agreement.pk: 1}
    proposal_comment_add(proposal=proposal, user=coordinator, text="Bespreken in het overleg.")
    decided = proposal_decide(proposal=proposal, user=coordinator, state=ProposalState.TAKEN_OVER)
    agreement.refresh_from_db()
    assert (agreement.version, agreement.text) == (2, NEW_TEXT)
    assert decided.applied_version == agreement.versions.get(version=2)
    assert decided.decided_by == coordinator and decided.state == ProposalState.TAKEN_OVER
    assert open_proposal_counts(draft) == {}
    with pytest.raises(ValidationError) as twice:  # decided once
        proposal_decide(proposal=decided, user=coordinator, state=ProposalState.REJECTED, outcome_note="x")
    assert twice.value.code == "decided"


def test_changed_applies_the_coordinators_text_and_rejected_changes_nothing(
    draft: Covenant, coordinator: User, tenants: User
):
    agreement = draft.agreements.get(number="1.3.1")
    first = proposal_submit(agreement=agreement, user=tenants, text=NEW_TEXT, leads_raw="deltaWonen")
    second = proposal_submit(agreement=agreement, user=tenants, subject="Anders")
    proposal_decide(proposal=first, user=coordinator, state=ProposalState.CHANGED, text="Afgesproken tekst.")
    agreement.refresh_from_db()
    assert (agreement.text, agreement.leads_raw, agreement.version) == ("Afgesproken tekst.", "deltaWonen", 2)
    with pytest.raises(ValidationError) as refused:
        proposal_decide(proposal=second, user=coordinator, state=ProposalState.REJECTED)
    assert "outcome_note" in refused.value.message_dict
    proposal_decide(
        proposal=second, user=coordinator, state=ProposalState.REJECTED, outcome_note="Niet nodig"
    )
    agreement.refresh_from_db()
    assert agreement.subject != "Anders" and agreement.version == 2


def test_a_party_proposes_for_its_own_organisation_only(draft: Covenant, tenants: User):
    agreement = draft.agreements.get(number="1.3.1")
    with pytest.raises(PermissionDenied):
        proposal_submit(
            agreement=agreement,
            user=tenants,
            party=Organisation.objects.get(name="deltaWonen"),
            text=NEW_TEXT,
        )
    reader = UserFactory(organisation=tenants.organisation, role=Role.READER)
    with pytest.raises(PermissionDenied):
        proposal_submit(agreement=agreement, user=reader, text=NEW_TEXT)
    with pytest.raises(ValidationError) as unchanged:  # a proposal that changes nothing
        proposal_submit(agreement=agreement, user=tenants, text=agreement.text)
    assert [error.code for error in unchanged.value.error_dict["text"]] == ["unchanged"]
    assert not agreement.proposals.exists()


def test_only_the_coordinator_decides_and_readers_only_read(draft: Covenant, tenants: User):
    proposal = proposal_submit(agreement=draft.agreements.get(number="1.3.1"), user=tenants, text=NEW_TEXT)
    with pytest.raises(PermissionDenied):
        proposal_decide(proposal=proposal, user=tenants, state=ProposalState.TAKEN_OVER)
    reader = UserFactory(organisation=draft.owner, role=Role.READER)
    with pytest.raises(PermissionDenied):
        proposal_comment_add(proposal=proposal, user=reader, text="Lezer")
    with pytest.raises(PermissionDenied):
        proposal_decide(proposal=proposal, user=reader, state=ProposalState.TAKEN_OVER)


def test_nothing_changes_once_the_text_is_frozen(draft: Covenant, coordinator: User, tenants: User):
    agreement = draft.agreements.get(number="1.3.1")
    proposal = proposal_submit(agreement=agreement, user=tenants, text=NEW_TEXT)
    Covenant.objects.filter(pk=draft.pk).update(frozen_at=timezone.now())
    agreement.refresh_from_db()
    proposal.refresh_from_db()
    for attempt in (
        lambda: proposal_submit(agreement=agreement, user=tenants, text="Nog anders."),
        lambda: proposal_comment_add(proposal=proposal, user=tenants, text="Nog iets"),
        lambda: proposal_decide(proposal=proposal, user=coordinator, state=ProposalState.TAKEN_OVER),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.code == "frozen"
    agreement.refresh_from_db()
    assert agreement.version == 1 and agreement.proposals.count() == 1


def test_a_freeze_committed_meanwhile_refuses_the_change(draft: Covenant, coordinator: User, tenants: User):
    """The services look at the covenant as it is under their lock, not as the caller loaded it: a freeze
    that commits between the page's loading and the write refuses the write."""
    agreement = draft.agreements.select_related("covenant").get(number="1.3.1")
    proposal = proposal_submit(agreement=agreement, user=tenants, text=NEW_TEXT)
    covenant_freeze(covenant=Covenant.objects.get(pk=draft.pk), user=coordinator)
    assert agreement.covenant.frozen_at is None and proposal.agreement.covenant.frozen_at is None  # stale
    for attempt in (
        lambda: proposal_submit(agreement=agreement, user=tenants, text="Nog anders."),
        lambda: proposal_comment_add(proposal=proposal, user=tenants, text="Nog iets"),
        lambda: proposal_decide(proposal=proposal, user=coordinator, state=ProposalState.TAKEN_OVER),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.code == "frozen"
    agreement.refresh_from_db()
    assert agreement.version == 1 and agreement.proposals.count() == 1
    assert not proposal.comments.exists()


def test_a_comment_on_a_proposal_decided_meanwhile_is_refused(
    draft: Covenant, coordinator: User, tenants: User
):
    proposal = proposal_submit(agreement=draft.agreements.get(number="1.3.1"), user=tenants, text=NEW_TEXT)
    proposal_decide(
        proposal=type(proposal).objects.get(pk=proposal.pk),
        user=coordinator,
        state=ProposalState.REJECTED,
        outcome_note="Niet nodig",
    )
    assert proposal.is_open  # as the commenter's page loaded it
    with pytest.raises(ValidationError) as refused:
        proposal_comment_add(proposal=proposal, user=tenants, text="Toch graag")
    assert refused.value.code == "decided" and not proposal.comments.exists()


def test_only_a_party_comments(draft: Covenant, coordinator: User, tenants: User):
    """An administrator of an organisation that is no party cannot comment as that organisation."""
    proposal = proposal_submit(agreement=draft.agreements.get(number="1.3.1"), user=tenants, text=NEW_TEXT)
    outsider = UserFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
    with pytest.raises(ValidationError) as refused:
        proposal_comment_add(proposal=proposal, user=outsider, text="Van buiten")
    assert refused.value.code == "not_a_party" and not proposal.comments.exists()
    party_admin = UserFactory(organisation=draft.owner, role=Role.ADMINISTRATOR)
    assert proposal_comment_add(proposal=proposal, user=party_admin, text="Van de gemeente").organisation == (
        draft.owner
    )


def test_proposals_follow_a_merge_and_stay_with_the_first_part_of_a_split(
    draft: Covenant, coordinator: User, tenants: User
):
    first = proposal_submit(agreement=draft.agreements.get(number="1.3.2"), user=tenants, text=NEW_TEXT)
    merged = agreement_merge(
        covenant=draft,
        agreements=[draft.agreements.get(number="1.3.1"), draft.agreements.get(number="1.3.2")],
        user=coordinator,
        number="1.3.1",
        subject="Samen",
        text="Samen.",
    )
    first.refresh_from_db()
    assert first.agreement == merged
    parts = agreement_split(
        agreement=merged,
        user=coordinator,
        parts=[SplitPart("1.3.1", "Een", "Een."), SplitPart("1.3.2", "Twee", "Twee.")],
    )
    first.refresh_from_db()
    assert first.agreement == parts[0]
    assert set(parts[1].predecessors.values_list("number", flat=True)) == {"1.3.1", "1.3.2"}


def test_tenants_advise_on_the_draft_as_a_whole_and_per_agreement(
    draft: Covenant, kampen: Covenant, tenants: User
):
    """Tenant advice on the draft is the meetings' own-initiative advice, pointed at the draft covenant."""
    addressees = advice_addressees(draft, tenants.organisation)
    whole = advice_offer(
        covenant=draft, user=tenants, subject="Concept als geheel", advice="Meer nadruk op betaalbaarheid.",
        addressees=addressees,
    )  # fmt: skip
    one = advice_offer(
        covenant=draft, user=tenants, subject="Over 1.3.1", advice="Jaarlijks evalueren.",
        addressees=addressees, agreement=draft.agreements.get(number="1.3.1"),
    )  # fmt: skip
    assert whole.agreement is None and one.agreement.covenant == draft
    with pytest.raises(ValidationError):  # on a signed covenant advice is still about something specific
        advice_offer(covenant=kampen, user=tenants, subject="x", advice="y", addressees=addressees)


def test_an_outcome_is_undone_from_the_history(draft: Covenant, coordinator: User, tenants: User):
    agreement = draft.agreements.get(number="1.3.1")
    original = agreement.text
    proposal = proposal_submit(agreement=agreement, user=tenants, text=NEW_TEXT)
    proposal_decide(proposal=proposal, user=coordinator, state=ProposalState.TAKEN_OVER)
    proposal.refresh_from_db()
    open_record = proposal.history.order_by("history_id").first()
    with transaction.atomic():
        apply_revert(proposal, open_record, coordinator)
    proposal.refresh_from_db()
    agreement.refresh_from_db()
    assert proposal.is_open and proposal.applied_version is None and proposal.decided_at is None
    assert (agreement.version, agreement.text) == (3, original)
    assert [v.version for v in agreement.versions.all()] == [1, 2, 3]


def test_undoing_an_outcome_restores_the_due_moment(draft: Covenant, coordinator: User, tenants: User):
    agreement = draft.agreements.get(number="1.1.4")
    assert agreement.due_raw == "in januari"
    proposal = proposal_submit(agreement=agreement, user=tenants, due_raw="in maart")
    proposal_decide(proposal=proposal, user=coordinator, state=ProposalState.TAKEN_OVER)
    agreement.refresh_from_db()
    assert agreement.due_raw == "in maart" and agreement.versions.get(version=2).due_raw == "in maart"
    proposal.refresh_from_db()
    with transaction.atomic():
        apply_revert(proposal, proposal.history.order_by("history_id").first(), coordinator)
    agreement.refresh_from_db()
    assert (agreement.version, agreement.due_raw) == (3, "in januari")
    assert agreement.versions.get(version=3).due_raw == "in januari"
