"""The renewal's "mijn werk" lines over several covenants at once say the same as per covenant."""

from __future__ import annotations

import datetime as dt

import pytest

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.scoreboard import work_across
from woonafspraken.agreements.tests.factories import CovenantFactory
from woonafspraken.renewal.models import BodItemKind
from woonafspraken.renewal.panels_draft import proposals_awaiting_outcome, proposals_awaiting_outcome_across
from woonafspraken.renewal.plugins.bod import (
    bod_to_bring_out,
    bods_to_bring_out_across,
    bods_to_respond_to,
    bods_to_respond_to_across,
)
from woonafspraken.renewal.services.bod import bod_create, bod_item_add, bod_submit
from woonafspraken.renewal.services.negotiation import proposal_submit

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 6, 2)


def test_bods_across_covenants(kampen: Covenant, corporation_editor: User, tenant_editor: User):
    delta = corporation_editor.organisation
    assert delta is not None
    elsewhere = CovenantFactory(small=True, parties=[delta])
    # deltaWonen has a bod to bring out in both covenants until it submits one.
    across = bods_to_bring_out_across([kampen, elsewhere], delta, dt.date(2026, 5, 1))
    assert across is not None
    assert [(item.covenant_id, item.line.text) for item in across.lines] == [
        (kampen.pk, "Bod 2027"),
        (elsewhere.pk, "Bod 2027"),
    ]
    assert across.lines[0].line == bod_to_bring_out(kampen, delta, dt.date(2026, 5, 1)).lines[0]  # type: ignore[union-attr]
    bod = bod_create(covenant=kampen, user=corporation_editor, corporation=delta, year=2027, summary="Bod")
    bod_item_add(
        bod=bod, user=corporation_editor, kind=BodItemKind.OTHER, text="x", theme=kampen.themes.first()
    )
    bod_submit(bod=bod, user=corporation_editor, on=dt.date(2026, 6, 1))
    after = bods_to_bring_out_across([kampen, elsewhere], delta, dt.date(2026, 6, 1))
    assert [item.covenant_id for item in after.lines] == [elsewhere.pk]  # type: ignore[union-attr]
    assert bods_to_bring_out_across([kampen], delta, dt.date(2026, 7, 2)).lines == ()  # type: ignore[union-attr]
    # The tenant organisation of deltaWonen now responds to it: the same line as on Kampen's board.
    tenants = tenant_editor.organisation
    respond = bods_to_respond_to_across([kampen, elsewhere], tenants, ON)
    assert respond is not None
    assert [item.line for item in respond.lines] == list(bods_to_respond_to(kampen, tenants, ON).lines)  # type: ignore[union-attr]
    assert [item.covenant_id for item in respond.lines] == [kampen.pk]
    assert bods_to_respond_to_across([kampen], delta, ON) is None
    assert bods_to_bring_out_across([kampen], tenants, ON) is None


def test_proposals_on_a_draft_show_under_the_covenant_it_follows(
    draft: Covenant, kampen: Covenant, coordinator: User
):
    tenants = UserFactory(
        organisation=Organisation.objects.get(name="Centrale Bewonersraad deltaWonen"), role=Role.EDITOR
    )
    proposal_submit(agreement=draft.agreements.get(number="1.3.1"), user=tenants, text="Anders.")
    owner = kampen.owner
    across = proposals_awaiting_outcome_across([kampen], owner, ON)
    assert across is not None
    assert [item.covenant_id for item in across.lines] == [kampen.pk]
    assert [item.line for item in across.lines] == list(proposals_awaiting_outcome(kampen, owner, ON).lines)  # type: ignore[union-attr]
    assert proposals_awaiting_outcome_across([kampen], tenants.organisation, ON) is None
    # On the start page of the gemeente, whose organisation is party to both: once, under Kampen.
    groups = work_across([kampen, draft], owner, ON)
    (proposals,) = [group for group in groups if group.heading == str(across.heading)]
    assert [(line.covenant, line.line.text) for line in proposals.lines] == [
        (kampen, "1.3.1 " + draft.agreements.get(number="1.3.1").subject)
    ]
