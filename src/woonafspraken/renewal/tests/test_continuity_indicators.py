"""Indicators and targets follow their agreement into the successor; a changed agreement's target waits."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.indicators.continuity import targets_to_confirm
from woonafspraken.indicators.models import Indicator, Observation, Target
from woonafspraken.indicators.services import indicators_carry_over, target_create
from woonafspraken.renewal.services.draft import covenant_draft

pytestmark = pytest.mark.django_db

TITLE = "Prestatieafspraken Kampen 2027 – 2030"


@pytest.fixture
def new(kampen: Covenant) -> Covenant:
    """The successor: 1.3.1 rewritten, 1.3.3 dropped, the rest as it was."""
    draft = covenant_draft(source=kampen, title=TITLE, start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31))
    draft.agreements.filter(number="1.3.1").update(text="Nieuwe tekst over de wachttijd: hoogstens 2 jaar.")
    draft.agreements.get(number="1.3.3").delete()
    return draft


def test_the_indicators_follow_their_agreements_and_only_unchanged_targets_come_along(
    kampen: Covenant, new: Covenant, coordinator: User
):
    old_codes = set(kampen.indicators.values_list("code", flat=True))
    assert old_codes, "the Kampen import seeds indicators"
    observations = Observation.objects.count()

    result = indicators_carry_over(covenant=new, user=coordinator)

    assert "toewijzing.vrije-toewijzingsruimte" in result.lapsed  # only on 1.3.3, which is dropped
    assert set(result.created) == old_codes - set(result.lapsed)
    waiting = Indicator.objects.get(covenant=new, code="toewijzing.wachttijd-wens")
    assert [a.number for a in waiting.agreements.all()] == ["1.3.1"]
    assert waiting.agreements.get().covenant == new
    assert waiting.definition == kampen.indicators.get(code=waiting.code).definition
    assert not waiting.targets.exists()  # 1.3.1 changed: its benchmark is not copied
    assert "toewijzing.wachttijd-wens: 1.3.1" in result.to_confirm
    new_build = Indicator.objects.get(covenant=new, code="nieuwbouw.sociale-huur")
    copied = new_build.targets.get()
    assert copied.agreement.covenant == new and copied.agreement.number == "1.1.2"  # 1.1.2 unchanged
    references = Target.objects.filter(indicator__covenant=new, source_kind="reference")
    assert (
        references.count()
        == Target.objects.filter(
            indicator__covenant=kampen, source_kind="reference", indicator__code__in=result.created
        ).count()
    )
    assert Observation.objects.count() == observations  # the figures stay with the old covenant
    assert not Observation.objects.filter(indicator__covenant=new).exists()

    again = indicators_carry_over(covenant=new, user=coordinator)
    assert again.created == () and set(again.existing) == set(result.created)


def test_a_target_to_confirm_is_listed_until_the_coordinator_records_one(
    kampen: Covenant, new: Covenant, coordinator: User
):
    indicators_carry_over(covenant=new, user=coordinator)
    agreement = new.agreements.get(number="1.3.1")
    listed = targets_to_confirm(new, agreement=agreement)
    assert [(item.code, item.previous_agreement) for item in listed] == [
        ("toewijzing.wachttijd-wens", "1.3.1")
    ]
    assert "2,4" in listed[0].text or "2.4" in listed[0].text
    assert targets_to_confirm(new, agreement=new.agreements.get(number="1.1.2")) == []

    waiting = Indicator.objects.get(covenant=new, code="toewijzing.wachttijd-wens")
    target_create(
        indicator=waiting,
        user=coordinator,
        agreement=agreement,
        kind="benchmark",
        value=Decimal(2),
        source="Afspraak 1.3.1: ‘hoogstens 2 jaar’",
    )
    assert targets_to_confirm(new, agreement=agreement) == []


def test_only_the_coordinator_and_only_for_a_successor(kampen: Covenant, new: Covenant):
    reader = UserFactory(organisation=kampen.owner, role=Role.READER)
    with pytest.raises(PermissionDenied):
        indicators_carry_over(covenant=new, user=reader)
    with pytest.raises(ValidationError) as refused:
        indicators_carry_over(covenant=kampen)
    assert refused.value.error_list[0].code == "no_predecessor"
    assert not Indicator.objects.filter(covenant=new).exists()


def test_the_command(new: Covenant):
    out = io.StringIO()
    call_command("carry_over_indicators", "--covenant", str(new.pk), stdout=out)
    assert Indicator.objects.filter(covenant=new).exists()
    assert "1.3.1" in out.getvalue()
