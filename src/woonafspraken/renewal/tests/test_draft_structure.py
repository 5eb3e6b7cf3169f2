"""The draft's structure: add, rewrite, merge, split, renumber, drop; the lineage through all of them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.renewal.selectors.draft import Lineage, LineageKind, draft_lineage, dropped_predecessors
from woonafspraken.renewal.services.structure import (
    SplitPart,
    agreement_add,
    agreement_drop,
    agreement_merge,
    agreement_renumber,
    agreement_rewrite,
    agreement_split,
)

pytestmark = pytest.mark.django_db


def _get(covenant: Covenant, number: str) -> Agreement:
    return covenant.agreements.get(number=number)


def _was(agreement: Agreement) -> set[str]:
    return set(agreement.predecessors.values_list("number", flat=True))


def test_a_new_agreement_has_no_predecessor_and_a_first_version(draft: Covenant, coordinator):
    theme = draft.themes.get(number=1)
    added = agreement_add(
        covenant=draft,
        user=coordinator,
        theme=theme,
        section=theme.sections.first(),
        number="1.3.9",
        subject="Tijdelijke woningen",
        text="Partijen onderzoeken tijdelijke woningen.",
        parties=list(draft.parties.all()[:2]),
    )
    assert not added.predecessors.exists()
    assert added.versions.get().version == 1
    assert draft_lineage(draft)[added.pk] == Lineage(LineageKind.NEW, ())
    assert added.history.first().history_user == coordinator
    with pytest.raises(ValidationError) as refused:
        agreement_add(covenant=draft, user=coordinator, theme=theme, number="1.3.9", subject="x", text="y")
    assert "number" in refused.value.message_dict


def test_rewrite_is_a_new_version_and_keeps_the_predecessor(draft: Covenant, kampen: Covenant, coordinator):
    agreement = _get(draft, "1.3.1")
    version = agreement_rewrite(
        agreement=agreement, user=coordinator, text="Nieuwe tekst.", reason="Scherper"
    )
    agreement.refresh_from_db()
    assert (version.version, agreement.version, agreement.text) == (2, 2, "Nieuwe tekst.")
    assert [v.text for v in agreement.versions.all()][0] == _get(kampen, "1.3.1").text
    assert _was(agreement) == {"1.3.1"}
    assert draft_lineage(draft)[agreement.pk] == Lineage(LineageKind.WAS, ("1.3.1",))


def test_lineage_through_split_renumber_and_merge_of_a_split_part(
    draft: Covenant, kampen: Covenant, coordinator
):
    one, two = agreement_split(
        agreement=_get(draft, "1.3.1"),
        user=coordinator,
        parts=[
            SplitPart("1.3.1", "Deel een", "Eerste deel."),
            SplitPart("1.3.1a", "Deel twee", "Tweede deel."),
        ],
    )
    assert _was(one) == _was(two) == {"1.3.1"}
    lineage = draft_lineage(draft)
    assert lineage[one.pk] == lineage[two.pk] == Lineage(LineageKind.PART, ("1.3.1",))
    assert two.versions.get().version == 1 and one.version == 2

    renumbered = agreement_renumber(agreement=two, user=coordinator, number="1.3.8")
    assert _was(renumbered) == {"1.3.1"} and renumbered.number == "1.3.8"

    other = _get(draft, "1.3.2")
    merged = agreement_merge(
        covenant=draft,
        agreements=[renumbered, other],
        user=coordinator,
        number="1.3.2",
        subject="Samen",
        text="Samengevoegde tekst.",
    )
    assert _was(merged) == {"1.3.1", "1.3.2"}
    assert draft_lineage(draft)[merged.pk] == Lineage(LineageKind.MERGED, ("1.3.1", "1.3.2"))
    assert merged.pk == renumbered.pk and not Agreement.objects.filter(pk=other.pk).exists()
    assert merged.versions.order_by("-version").first().text == "Samengevoegde tekst."
    # Every agreement of the old covenant still has a successor: nothing lapsed.
    assert not dropped_predecessors(draft).exists()
    original = _get(kampen, "1.3.1")
    assert set(original.successors.values_list("number", flat=True)) == {"1.3.1", "1.3.2"}


def test_renumber_into_another_theme_and_a_taken_number(draft: Covenant, coordinator):
    agreement = _get(draft, "1.3.1")
    theme = draft.themes.get(number=2)
    moved = agreement_renumber(agreement=agreement, user=coordinator, number="2.9.1", theme=theme)
    assert moved.theme == theme and moved.section is None and _was(moved) == {"1.3.1"}
    with pytest.raises(ValidationError) as taken:
        agreement_renumber(agreement=moved, user=coordinator, number="1.3.2")
    assert [error.code for error in taken.value.error_dict["number"]] == ["taken"]
    moved.refresh_from_db()
    assert moved.number == "2.9.1"


def test_a_dropped_agreement_lapses(draft: Covenant, coordinator):
    agreement_drop(agreement=_get(draft, "1.3.1"), user=coordinator)
    assert list(dropped_predecessors(draft).values_list("number", flat=True)) == ["1.3.1"]
    assert draft.agreements.count() == 42


def test_structure_changes_are_refused_to_others_and_when_frozen(
    draft: Covenant, kampen: Covenant, coordinator
):
    agreement = _get(draft, "1.3.1")
    delta = draft.parties.get(name="deltaWonen")
    corporation_editor = UserFactory(organisation=delta, role=Role.EDITOR)
    reader = UserFactory(organisation=draft.owner, role=Role.READER)
    for user in (corporation_editor, reader):
        with pytest.raises(PermissionDenied):
            agreement_rewrite(agreement=agreement, user=user, text="Anders.")
        with pytest.raises(PermissionDenied):
            agreement_drop(agreement=agreement, user=user)
    # "The coordinator" is every party's coordinator (can_manage_covenant; docs/permissions.md: c-c may
    # change the structure), as for amending a signed covenant: a corporation's coordinator rewrites too.
    corporation_coordinator = UserFactory(organisation=delta, role=Role.COORDINATOR)
    rewritten = agreement_rewrite(
        agreement=_get(draft, "1.3.2"), user=corporation_coordinator, text="Anders."
    )
    assert (rewritten.version, rewritten.created_by) == (2, corporation_coordinator)
    # The signed covenant itself is no draft: it changes by amendment only.
    with pytest.raises(ValidationError) as refused:
        agreement_rewrite(agreement=_get(kampen, "1.3.1"), user=coordinator, text="Anders.")
    assert refused.value.code == "not_a_draft"
    Covenant.objects.filter(pk=draft.pk).update(frozen_at=timezone.now())
    draft.refresh_from_db()
    agreement.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        agreement_rewrite(agreement=agreement, user=coordinator, text="Anders.")
    assert refused.value.code == "frozen"
    with pytest.raises(ValidationError) as refused:
        agreement_split(
            agreement=agreement,
            user=coordinator,
            parts=[SplitPart("1.3.1", "a", "a"), SplitPart("1.3.1a", "b", "b")],
        )
    assert refused.value.code == "frozen"
    assert _get(draft, "1.3.1").version == 1 and draft.agreements.count() == 43
