"""Writes of the meeting types: read from the covenant's agreements (the import hook) or set by the coordinator."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.locking import Rows, ensure_unchanged
from woonafspraken.core.models import save_attributed
from woonafspraken.meetings import permissions
from woonafspraken.meetings.cadence import WINDOW_MONTHS
from woonafspraken.meetings.cadence_text import AgreementText, MeetingTypeSpec, parse_meeting_types
from woonafspraken.meetings.models import MeetingType
from woonafspraken.meetings.services.common import _check_agreement, _municipality

logger = logging.getLogger(__name__)

# What the edit form writes: someone else's change to one of these fields since the user opened the
# form refuses the save (``expected``, ADR 0005).
TYPE_FIELDS = (
    "name",
    "agreement",
    "participants",
    "min_per_year",
    "windows",
    "standing_items",
    "wijk",
    "is_steering",
    "is_active",
)


def _specs_for(covenant: Covenant) -> tuple[list[MeetingTypeSpec], dict[str, Agreement]]:
    agreements = list(
        Agreement.objects.filter(covenant=covenant).prefetch_related("parties").order_by("order")
    )
    kinds = {a.number: tuple(sorted({org.kind for org in a.parties.all()})) for a in agreements}
    texts = [AgreementText(a.number, a.subject, a.text, a.due_raw) for a in agreements]
    try:
        specs = parse_meeting_types(texts, kinds)
    except Exception:  # reading meetings is a bonus of an import; it must never refuse the document
        logger.exception("Reading meeting types from covenant %s failed", covenant.pk)
        return [], {}
    return specs, {a.number: a for a in agreements}


def _participants(
    spec: MeetingTypeSpec, agreement: Agreement, covenant_parties: list[Organisation]
) -> set[int]:
    own = list(agreement.parties.all())
    if not spec.participant_kinds:
        return {org.pk for org in own}
    chosen = {org.pk for org in own if org.kind in spec.participant_kinds}
    for kind in spec.participant_kinds:  # a kind the sentence names but the party column leaves out
        if not any(org.kind == kind for org in own):
            chosen |= {org.pk for org in covenant_parties if org.kind == kind}
    return chosen


def meeting_types_seed(*, covenant: Covenant, user: User | None = None) -> list[str]:
    """Read the meeting types from the covenant's agreements (the import hook). Idempotent: a type is
    created once per key, follows a corrected document while nobody edited it, and is left alone
    once the coordinator has edited it. Never fails an import: a document without meetings gives none."""
    specs, agreements = _specs_for(covenant)
    if not specs:
        return []
    covenant_parties = list(covenant.parties.all())
    owner = _municipality(covenant)
    existing = {
        t.key: t for t in MeetingType.objects.filter(covenant=covenant).prefetch_related("participants")
    }
    created = updated = 0
    with transaction.atomic():
        for spec in specs:
            agreement = agreements[spec.agreement]
            values = {
                "name": spec.name[:200],
                "agreement": agreement,
                "min_per_year": spec.min_per_year,
                "windows": list(spec.windows),
                "standing_items": list(spec.standing_items),
                "wijk": spec.wijk,
                "is_steering": spec.is_steering,
                "source_text": spec.source,
            }
            participants = _participants(spec, agreement, covenant_parties)
            meeting_type = existing.get(spec.key[:100])
            if meeting_type is None:
                meeting_type = MeetingType(
                    covenant=covenant,
                    key=spec.key[:100],
                    owner=owner,
                    created_by=user,
                    from_document=True,
                    **values,
                )
                save_attributed(meeting_type, user)
                meeting_type.participants.set(participants)
                created += 1
                continue
            if meeting_type.edited:
                continue
            changed = [name for name, value in values.items() if getattr(meeting_type, name) != value]
            for name in changed:
                setattr(meeting_type, name, values[name])
            if changed:
                save_attributed(meeting_type, user)
            if {org.pk for org in meeting_type.participants.all()} != participants:
                meeting_type.participants.set(participants)
                changed.append("participants")
            updated += bool(changed)
    messages = []
    if created:
        messages.append(
            _("Meetings: %(count)s kinds of meeting read from the agreements.") % {"count": created}
        )
    if updated:
        messages.append(
            _("Meetings: %(count)s kinds of meeting updated to the document.") % {"count": updated}
        )
    return messages


def _clean_type_values(
    *, covenant: Covenant, name: str, min_per_year: int, windows: Sequence[str], agreement: Agreement | None
) -> dict[str, ValidationError]:
    errors: dict[str, ValidationError] = {}
    if not name.strip():
        errors["name"] = ValidationError(_("Give the meeting a name."), code="required")
    if min_per_year < 0 or min_per_year > 52:
        errors["min_per_year"] = ValidationError(
            _("Choose a number from 0 up to and including 52 a year."), code="out_of_range"
        )
    unknown = [w for w in windows if w not in WINDOW_MONTHS]
    if unknown:
        errors["windows"] = ValidationError(
            _("Unknown period: %(periods)s.") % {"periods": ", ".join(unknown)}, code="unknown_period"
        )
    _check_agreement(covenant, agreement, errors)
    return errors


def meeting_type_save(
    *,
    covenant: Covenant,
    user: User,
    meeting_type: MeetingType | None = None,
    name: str,
    agreement: Agreement | None,
    participants: Iterable[Organisation],
    min_per_year: int,
    windows: Sequence[str],
    standing_items: Sequence[str],
    wijk: str = "",
    is_steering: bool = False,
    is_active: bool = True,
    expected: str | None = None,
) -> MeetingType:
    """Create a meeting type, or change one (then a new import leaves it as the coordinator set it).

    ``expected``: the edit token of the type as the user saw it; a change since refuses the save.
    """
    require(
        permissions.can_manage_meetings(user, covenant),
        _("Only the coordinator manages the kinds of meeting."),
    )
    errors = _clean_type_values(
        covenant=covenant, name=name, min_per_year=min_per_year, windows=windows, agreement=agreement
    )
    party_ids = set(covenant.parties.values_list("pk", flat=True))
    chosen = list(participants)
    if any(org.pk not in party_ids for org in chosen):
        errors["participants"] = ValidationError(
            _("Only parties of this covenant can take part."), code="not_a_party"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if meeting_type is None:
            base = f"eigen-{name.strip().lower().replace(' ', '-')[:80]}"
            key, suffix = base, 1
            while MeetingType.objects.filter(covenant=covenant, key=key).exists():
                suffix += 1
                key = f"{base}-{suffix}"
            meeting_type = MeetingType(
                covenant=covenant, key=key, owner=_municipality(covenant), created_by=user
            )
        else:
            meeting_type = MeetingType.objects.select_for_update().get(pk=meeting_type.pk, covenant=covenant)
            ensure_unchanged(Rows.of(meeting_type, TYPE_FIELDS), expected=expected, current=meeting_type)
            meeting_type.edited = True
        meeting_type.name = name.strip()
        meeting_type.agreement = agreement
        meeting_type.min_per_year = min_per_year
        meeting_type.windows = [w for w in WINDOW_MONTHS if w in set(windows)]
        meeting_type.standing_items = [item.strip() for item in standing_items if item.strip()]
        meeting_type.wijk = wijk.strip()
        meeting_type.is_steering = is_steering
        meeting_type.is_active = is_active
        save_attributed(meeting_type, user)
        meeting_type.participants.set(chosen)
    return meeting_type
