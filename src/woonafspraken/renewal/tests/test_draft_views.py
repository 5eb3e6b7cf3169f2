"""The draft's pages: start, overview with lineage, an agreement with a proposal's redline, the structure
forms, and who may use which form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant, CovenantStage
from woonafspraken.renewal.models import Proposal, ProposalState
from woonafspraken.renewal.panels_draft import proposals_awaiting_outcome
from woonafspraken.renewal.services.negotiation import proposal_decide, proposal_submit
from woonafspraken.renewal.services.structure import agreement_drop, agreement_rewrite

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def tenants(draft: Covenant) -> User:
    return UserFactory(
        organisation=Organisation.objects.get(name="Centrale Bewonersraad deltaWonen"), role=Role.EDITOR
    )


def test_the_coordinator_starts_a_draft_from_the_current_covenant(kampen: Covenant, coordinator: User):
    client = _client(coordinator)
    none_yet = client.get(reverse("renewal:draft", args=[kampen.pk]))
    assert reverse("renewal:draft_start", args=[kampen.pk]) in none_yet.content.decode()
    page = client.get(reverse("renewal:draft_start", args=[kampen.pk]))
    assert page.context["form"].initial["title"] == "Prestatieafspraken Kampen 2027 – 2030"
    response = client.post(
        reverse("renewal:draft_start", args=[kampen.pk]),
        {"title": "Prestatieafspraken Kampen 2027 – 2030", "start": "2027-01-01", "end": "2030-12-31"},
    )
    draft = Covenant.objects.get(stage=CovenantStage.DRAFT)
    assert response["Location"] == reverse("renewal:draft", args=[draft.pk])
    assert draft.agreements.count() == 43
    # From the current covenant the menu entry leads to its draft.
    assert client.get(reverse("renewal:draft", args=[kampen.pk]))["Location"] == response["Location"]


def test_the_overview_shows_lineage_and_lapsing_agreements(draft: Covenant, coordinator: User):
    agreement_drop(agreement=draft.agreements.get(number="1.3.2"), user=coordinator)
    client = _client(coordinator)
    page = client.get(reverse("renewal:draft", args=[draft.pk]))
    themes = page.context["themes"]
    first = themes[0][1][0]
    assert first[1].numbers == (first[0].number,)
    assert [a.number for a in page.context["dropped"]] == ["1.3.2"]
    # The draft is a covenant of its own: its home page and register open as well.
    assert client.get(reverse("agreements:covenant", args=[draft.pk])).status_code == 200
    assert (
        client.get(reverse("renewal:draft_start", args=[draft.pk]))["Location"] == page.request["PATH_INFO"]
    )


def test_a_party_proposes_sees_the_redline_and_the_coordinator_takes_it_over(
    draft: Covenant, coordinator: User, tenants: User
):
    url = reverse("renewal:draft_agreement", args=[draft.pk, "1.3.1"])
    agreement = draft.agreements.get(number="1.3.1")
    new_text = agreement.text + " Jaarlijks evalueren partijen de voortgang."
    data = {"form": "propose", **{f"voorstel-{k}": v for k, v in {
        "subject": agreement.subject, "text": new_text, "parties_raw": agreement.parties_raw,
        "leads_raw": agreement.leads_raw, "due_raw": agreement.due_raw, "reason": "Evaluatie",
    }.items()}}  # fmt: skip
    response = _client(tenants).post(url, data)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.changes() == {"text": new_text}
    page = _client(tenants).get(url).content.decode()
    assert "<ins>" in page and "Jaarlijks evalueren partijen de voortgang." in page
    assert 'name="form" value="outcome"' not in page  # parties do not decide
    # Tenant advice on this agreement: the meetings' own-initiative form, with the agreement chosen.
    offer = _client(tenants).get(
        reverse("meetings:advice_offer", args=[draft.pk]) + f"?afspraak={agreement.pk}"
    )
    assert offer.status_code == 200 and offer.context["form"].initial["agreement"] == agreement.pk
    refused = _client(tenants).post(url, {"form": "outcome", "uitkomst-proposal": proposal.pk})
    assert refused.status_code == 403
    decided = _client(coordinator).post(
        url, {"form": "outcome", "uitkomst-proposal": proposal.pk, "uitkomst-state": ProposalState.TAKEN_OVER}
    )
    assert decided.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.version, agreement.text) == (2, new_text)


def test_structure_forms_are_the_coordinators(draft: Covenant, coordinator: User, tenants: User):
    url = reverse("renewal:draft_split", args=[draft.pk, "1.3.1"])
    assert _client(tenants).get(url).status_code == 403
    response = _client(coordinator).post(
        url,
        {
            "number_1": "1.3.1",
            "subject_1": "Een",
            "text_1": "Een.",
            "number_2": "1.3.1a",
            "subject_2": "Twee",
            "text_2": "Twee.",
        },
    )
    assert response.status_code == 302
    assert set(draft.agreements.filter(number__startswith="1.3.1").values_list("number", flat=True)) == {
        "1.3.1",
        "1.3.1a",
    }
    taken = _client(coordinator).post(
        reverse("renewal:draft_renumber", args=[draft.pk, "1.3.1a"]),
        {"number": "1.3.2", "theme": draft.themes.get(number=1).pk},
    )
    assert taken.status_code == 200 and "1.3.2" in taken.content.decode()


def test_the_coordinator_sees_open_proposals_as_work(draft: Covenant, kampen: Covenant, tenants: User):
    proposal_submit(agreement=draft.agreements.get(number="1.3.1"), user=tenants, text="Anders.")
    today = dt.date(2026, 12, 5)
    for covenant in (draft, kampen):  # on the draft's board and on the board of the covenant it follows
        group = proposals_awaiting_outcome(covenant, draft.owner, today)
        assert group is not None and group.total == 1
        assert group.lines[0].url == reverse("renewal:draft_agreement", args=[draft.pk, "1.3.1"])
    assert proposals_awaiting_outcome(draft, tenants.organisation, today) is None


def test_the_agreement_page_needs_the_same_queries_with_more_versions(
    draft: Covenant, coordinator: User, tenants: User
):
    agreement = draft.agreements.get(number="1.3.1")
    proposal = proposal_submit(agreement=agreement, user=tenants, text="Tekst van de huurders.")
    proposal_decide(proposal=proposal, user=coordinator, state=ProposalState.TAKEN_OVER)
    url = reverse("renewal:draft_agreement", args=[draft.pk, "1.3.1"])
    client = _client(coordinator)
    client.get(url)  # the session and caches warm

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url)
        assert page.status_code == 200 and page.content.decode().count(f" · {_('from a proposal')}") == 1
        return len(captured)

    with_two = queries()
    for n in range(3):
        agreement.refresh_from_db()
        agreement_rewrite(agreement=agreement, user=coordinator, text=f"Herschreven {n}.")
    assert agreement.versions.count() == 5
    assert queries() == with_two
