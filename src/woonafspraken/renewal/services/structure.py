"""The draft successor's structure: add, rewrite, merge, split, renumber and drop agreements.

Only the coordinator changes the structure, and only while the covenant is a draft whose text is not
frozen. Each change is one transaction and keeps the lineage (``Agreement.predecessors``) true: a
rewritten or renumbered agreement keeps its predecessor, a merged one gets the union of its parts', the
parts of a split share the original's, a new one has none, and a dropped one's predecessors are left
without successor in the draft ("vervalt"). Every text of the draft is an ``AgreementVersion``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import can_manage_covenant, require
from woonafspraken.agreements.models import (
    Agreement,
    AgreementVersion,
    Covenant,
    CovenantStage,
    Section,
    Theme,
)
from woonafspraken.core.models import StaleEditError, attribute_change, save_attributed
from woonafspraken.meetings.models import AdviceRequest
from woonafspraken.renewal.models import Proposal

__all__ = [
    "SplitPart",
    "agreement_add",
    "agreement_drop",
    "agreement_merge",
    "agreement_renumber",
    "agreement_rewrite",
    "agreement_split",
    "require_open_draft",
]

_NUMBER_RE = re.compile(r"^\d+(\.\d+)*[a-z]?$")


@dataclass(frozen=True)
class SplitPart:
    number: str
    subject: str
    text: str


def require_open_draft(covenant: Covenant) -> None:
    """Refuse a change to a covenant that is no draft, or whose text is frozen for signing."""
    if covenant.stage != CovenantStage.DRAFT:
        raise ValidationError(
            _("%(title)s is no draft: its text changes only by amendment.") % {"title": covenant.title},
            code="not_a_draft",
        )
    if covenant.frozen_at is not None:
        raise ValidationError(
            _("The text of %(title)s is frozen for signing; it no longer changes.")
            % {"title": covenant.title},
            code="frozen",
        )


def _require_coordinator(user: User, covenant: Covenant) -> None:
    require(can_manage_covenant(user, covenant), _("Only the coordinator changes the draft's structure."))


def lock_open_draft(covenant: Covenant) -> Covenant:
    """The covenant row locked for this transaction, checked to be an open draft as it is now: two
    changes of the draft run one after the other, and a freeze (which locks the same row) waits for a
    change under way or makes it wait and then refuse it."""
    locked = Covenant.objects.select_for_update().get(pk=covenant.pk)
    require_open_draft(locked)
    return locked


def _clean_number(number: str, field: str, errors: dict[str, ValidationError]) -> str:
    number = number.strip()
    if not number:
        errors[field] = ValidationError(_("Give the agreement a number."), code="required")
    elif not _NUMBER_RE.match(number):
        errors[field] = ValidationError(
            _("A number is written as 1.3.1 (digits with points, possibly a letter at the end)."),
            code="invalid",
        )
    return number


def _check_free(
    covenant: Covenant,
    numbers: Sequence[str],
    errors: dict[str, ValidationError],
    field: str,
    *,
    free: Sequence[int] = (),
) -> None:
    """Each number at most once among ``numbers`` and not used by another agreement of the draft
    (the agreements ``free`` give theirs up in this change)."""
    if len(set(numbers)) != len(numbers):
        errors[field] = ValidationError(_("Give each agreement its own number."), code="duplicate")
        return
    taken = sorted(
        covenant.agreements.filter(number__in=numbers).exclude(pk__in=free).values_list("number", flat=True)
    )
    if taken:
        errors[field] = ValidationError(
            _("Number %(number)s is already used in this draft.") % {"number": ", ".join(taken)},
            code="taken",
        )


def _number_key(number: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(digits), letter) for digits, letter in re.findall(r"(\d+)([a-z]?)", number))


def _reorder(covenant: Covenant) -> None:
    """The agreements in reading order: by theme, section and number (after a change of structure)."""
    agreements = list(covenant.agreements.select_related("theme", "section"))
    agreements.sort(
        key=lambda a: (a.theme.number, a.section.order if a.section else -1, _number_key(a.number), a.pk)
    )
    changed = []
    for order, agreement in enumerate(agreements, start=1):
        if agreement.order != order:
            agreement.order = order
            changed.append(agreement)
    Agreement.objects.bulk_update(changed, ["order"])


def _check_place(
    covenant: Covenant, theme: Theme, section: Section | None, errors: dict[str, ValidationError]
) -> None:
    if theme.covenant_id != covenant.pk:
        errors["theme"] = ValidationError(_("This theme belongs to another covenant."), code="other_covenant")
    elif section is not None and section.theme_id != theme.pk:
        errors["section"] = ValidationError(_("This section belongs to another theme."), code="other_theme")


def _first_version(agreement: Agreement, covenant: Covenant, user: User, reason: str) -> AgreementVersion:
    version = AgreementVersion(
        agreement=agreement,
        version=1,
        valid_from=covenant.start_date,
        subject=agreement.subject,
        text=agreement.text,
        parties_raw=agreement.parties_raw,
        leads_raw=agreement.leads_raw,
        due_raw=agreement.due_raw,
        reason=reason,
        created_by=user,
    )
    version.full_clean()
    version.save()
    return version


def new_version(
    agreement: Agreement,
    *,
    user: User,
    reason: str,
    text: str | None = None,
    subject: str | None = None,
    parties_raw: str | None = None,
    leads_raw: str | None = None,
    due_raw: str | None = None,
) -> AgreementVersion:
    """A new version of a draft agreement (locked by the caller): the given fields change, the others stay;
    the agreement carries the new text and version number."""
    for name, value in (
        ("text", text),
        ("subject", subject),
        ("parties_raw", parties_raw),
        ("leads_raw", leads_raw),
        ("due_raw", due_raw),
    ):
        if value is not None:
            setattr(agreement, name, value.strip())
    version = AgreementVersion(
        agreement=agreement,
        version=agreement.version + 1,
        valid_from=agreement.covenant.start_date,
        subject=agreement.subject,
        text=agreement.text,
        parties_raw=agreement.parties_raw,
        leads_raw=agreement.leads_raw,
        due_raw=agreement.due_raw,
        reason=reason,
        created_by=user,
    )
    version.full_clean()
    version.save()
    agreement.version = version.version
    save_attributed(agreement, user, validate_constraints=False)
    return version


def agreement_add(
    *,
    covenant: Covenant,
    user: User,
    theme: Theme,
    number: str,
    subject: str,
    text: str,
    section: Section | None = None,
    parties: Sequence[Organisation] = (),
    leads: Sequence[Organisation] = (),
    parties_raw: str = "",
    leads_raw: str = "",
    due_raw: str = "",
) -> Agreement:
    """A new agreement in the draft, without predecessor ("nieuw"); its text is version 1."""
    _require_coordinator(user, covenant)
    errors: dict[str, ValidationError] = {}
    number = _clean_number(number, "number", errors)
    subject, text = subject.strip(), text.strip()
    if not subject:
        errors["subject"] = ValidationError(_("Give the subject of the agreement."), code="required")
    if not text:
        errors["text"] = ValidationError(_("Fill in the text of the agreement."), code="required")
    _check_place(covenant, theme, section, errors)
    party_ids = set(covenant.party_links.values_list("organisation_id", flat=True))
    if any(organisation.pk not in party_ids for organisation in [*parties, *leads]):
        errors["parties"] = ValidationError(_("Choose parties of this covenant."), code="not_a_party")
    with transaction.atomic():
        locked = lock_open_draft(covenant)
        if "number" not in errors:
            _check_free(locked, [number], errors, "number")
        if errors:
            raise ValidationError(errors)
        agreement = Agreement(
            covenant=locked,
            theme=theme,
            section=section,
            number=number,
            subject=subject,
            text=text,
            parties_raw=parties_raw.strip() or ", ".join(organisation.name for organisation in parties),
            leads_raw=leads_raw.strip() or ", ".join(organisation.name for organisation in leads),
            due_raw=due_raw.strip(),
            owner=locked.owner,
            created_by=user,
        )
        save_attributed(agreement, user, validate_constraints=False)
        agreement.parties.set(parties)
        agreement.leads.set(leads)
        _first_version(agreement, locked, user, _("New in the draft"))
        _reorder(locked)
    return agreement


def agreement_rewrite(
    *,
    agreement: Agreement,
    user: User,
    text: str,
    subject: str | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> AgreementVersion:
    """A new text of a draft agreement (version + 1); the earlier texts stay as its versions."""
    _require_coordinator(user, agreement.covenant)
    text = text.strip()
    errors: dict[str, ValidationError] = {}
    if not text:
        errors["text"] = ValidationError(_("Fill in the new text of the agreement."), code="required")
    if subject is not None and not subject.strip():
        errors["subject"] = ValidationError(_("Give the subject of the agreement."), code="required")
    with transaction.atomic():
        lock_open_draft(agreement.covenant)
        locked = Agreement.objects.select_for_update().select_related("covenant").get(pk=agreement.pk)
        if expected_version is not None and locked.version != expected_version:
            raise StaleEditError(
                _(
                    "Agreement %(number)s has meanwhile been changed (now version %(version)s). Your change "
                    "has not been saved. Look at the new text and apply your change again if needed."
                )
                % {"number": locked.number, "version": locked.version},
                locked,
            )
        if errors:
            raise ValidationError(errors)
        if text == locked.text and (subject is None or subject.strip() == locked.subject):
            raise ValidationError({"text": ValidationError(_("The text is unchanged."), code="unchanged")})
        return new_version(
            locked,
            user=user,
            reason=reason.strip() or _("Rewritten in the draft"),
            text=text,
            subject=subject,
        )


def agreement_merge(
    *,
    covenant: Covenant,
    agreements: Sequence[Agreement],
    user: User,
    number: str,
    subject: str,
    text: str,
    reason: str = "",
) -> Agreement:
    """Two or more agreements of the draft become one: the first carries on (its versions, proposals and
    place) with the merged text as a new version; its predecessors become the union of all; the others
    are removed, their proposals (and tenant advice) move to the merged agreement."""
    _require_coordinator(user, covenant)
    if any(agreement.covenant_id != covenant.pk for agreement in agreements):
        raise ValidationError(
            {"agreements": ValidationError(_("Choose agreements of this draft."), code="other_covenant")}
        )
    errors: dict[str, ValidationError] = {}
    if len({agreement.pk for agreement in agreements}) < 2:
        errors["agreements"] = ValidationError(_("Choose at least two agreements to merge."), code="too_few")
    number = _clean_number(number, "number", errors)
    subject, text = subject.strip(), text.strip()
    if not subject:
        errors["subject"] = ValidationError(_("Give the subject of the agreement."), code="required")
    if not text:
        errors["text"] = ValidationError(_("Fill in the text of the agreement."), code="required")
    with transaction.atomic():
        locked_covenant = lock_open_draft(covenant)
        pks = list(dict.fromkeys(agreement.pk for agreement in agreements))
        locked = {
            a.pk: a
            for a in Agreement.objects.select_for_update().select_related("covenant").filter(pk__in=pks)
        }
        if "number" not in errors:
            _check_free(locked_covenant, [number], errors, "number", free=pks)
        if errors:
            raise ValidationError(errors)
        keep = locked[pks[0]]
        others = [locked[pk] for pk in pks[1:]]
        from_numbers = [keep.number, *(other.number for other in others)]
        predecessors = {p.pk for a in locked.values() for p in a.predecessors.all()}
        parties = {o.pk for a in locked.values() for o in a.parties.all()}
        leads = {o.pk for a in locked.values() for o in a.leads.all()}
        # Proposals stay with the merged agreement: the trail of the negotiation is kept.
        Proposal.objects.filter(agreement__in=others).update(agreement=keep)
        AdviceRequest.objects.filter(agreement__in=others).update(agreement=keep)
        for other in others:
            attribute_change(other, user)
            other.delete()
        keep.number = number
        keep.predecessors.set(predecessors)
        keep.parties.set(parties)
        keep.leads.set(leads)
        new_version(
            keep,
            user=user,
            reason=reason.strip() or _("Merged from %(numbers)s") % {"numbers": _join_numbers(from_numbers)},
            text=text,
            subject=subject,
        )
        _reorder(locked_covenant)
    return keep


def _join_numbers(numbers: Sequence[str]) -> str:
    if len(numbers) < 2:
        return "".join(numbers)
    return _("%(first)s and %(last)s") % {"first": ", ".join(numbers[:-1]), "last": numbers[-1]}


def agreement_split(
    *, agreement: Agreement, user: User, parts: Sequence[SplitPart], reason: str = ""
) -> list[Agreement]:
    """One agreement becomes two or more with the texts given: the first part carries on (a new version),
    the others are new agreements in the same place; every part keeps the original's predecessors."""
    covenant = agreement.covenant
    _require_coordinator(user, covenant)
    errors: dict[str, ValidationError] = {}
    if len(parts) < 2:
        errors["parts"] = ValidationError(_("Split an agreement into at least two parts."), code="too_few")
    numbers = []
    for index, part in enumerate(parts):
        numbers.append(_clean_number(part.number, "parts", errors))
        if not part.subject.strip() or not part.text.strip():
            errors["parts"] = ValidationError(
                _("Give part %(index)s a subject and a text.") % {"index": index + 1}, code="required"
            )
    with transaction.atomic():
        locked_covenant = lock_open_draft(covenant)
        locked = Agreement.objects.select_for_update().select_related("covenant").get(pk=agreement.pk)
        if "parts" not in errors:
            _check_free(locked_covenant, numbers, errors, "parts", free=[locked.pk])
        if errors:
            raise ValidationError(errors)
        predecessors = list(locked.predecessors.all())
        parties, leads = list(locked.parties.all()), list(locked.leads.all())
        was = locked.number
        split_reason = reason.strip() or _("Split from %(number)s") % {"number": was}
        first, *rest = parts
        locked.number = first.number.strip()
        new_version(locked, user=user, reason=split_reason, text=first.text, subject=first.subject)
        result = [locked]
        for part in rest:
            copy = Agreement(
                covenant=locked_covenant,
                theme_id=locked.theme_id,
                section_id=locked.section_id,
                number=part.number.strip(),
                subject=part.subject.strip(),
                text=part.text.strip(),
                parties_raw=locked.parties_raw,
                leads_raw=locked.leads_raw,
                due_raw=locked.due_raw,
                due_moments=locked.due_moments,
                owner=locked.owner,
                created_by=user,
            )
            save_attributed(copy, user, validate_constraints=False)
            copy.parties.set(parties)
            copy.leads.set(leads)
            copy.predecessors.set(predecessors)
            _first_version(copy, locked_covenant, user, split_reason)
            result.append(copy)
        _reorder(locked_covenant)
    return result


def agreement_renumber(
    *,
    agreement: Agreement,
    user: User,
    number: str,
    theme: Theme | None = None,
    section: Section | None = None,
) -> Agreement:
    """Another number for a draft agreement, possibly in another theme or section; its lineage stays."""
    covenant = agreement.covenant
    _require_coordinator(user, covenant)
    errors: dict[str, ValidationError] = {}
    number = _clean_number(number, "number", errors)
    target_theme = theme or agreement.theme
    if theme is not None and section is None:
        target_section = None
    else:
        target_section = section if section is not None else agreement.section
    _check_place(covenant, target_theme, target_section, errors)
    with transaction.atomic():
        locked_covenant = lock_open_draft(covenant)
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if "number" not in errors:
            _check_free(locked_covenant, [number], errors, "number", free=[locked.pk])
        if errors:
            raise ValidationError(errors)
        locked.number = number
        locked.theme = target_theme
        locked.section = target_section
        save_attributed(locked, user, validate_constraints=False)
        _reorder(locked_covenant)
    return locked


def agreement_drop(*, agreement: Agreement, user: User) -> None:
    """Remove an agreement from the draft; its predecessors are then without successor ("vervalt")."""
    covenant = agreement.covenant
    _require_coordinator(user, covenant)
    with transaction.atomic():
        lock_open_draft(covenant)
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        attribute_change(locked, user)
        locked.delete()
