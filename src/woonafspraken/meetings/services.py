"""Writes of the meetings app: keyword-only, atomic, validated, permission-checked, audited."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans.models import Activity
from woonafspraken.core.locking import Rows, ensure_unchanged, lock_unchanged
from woonafspraken.core.models import attribute_change
from woonafspraken.meetings import permissions
from woonafspraken.meetings.cadence import WINDOW_MONTHS
from woonafspraken.meetings.cadence_text import AgreementText, MeetingTypeSpec, parse_meeting_types
from woonafspraken.meetings.constants import (
    ALLOWED_EXTENSIONS,
    CORPORATION_WORK_KINDS,
    MAX_UPLOAD_BYTES,
    MUNICIPALITY_WORK_KINDS,
    ActionStatus,
    ConcernKind,
    ConcernStage,
    DocumentKind,
    MeetingStatus,
    StepLevel,
    WorkKind,
)
from woonafspraken.meetings.escalation import EscalationError, Level, Stage, stage_after_step
from woonafspraken.meetings.models import (
    ActionItem,
    AdviceRequest,
    AgendaMailing,
    Comment,
    Concern,
    ConcernStep,
    Decision,
    Meeting,
    MeetingType,
    SharedDocument,
    Work,
)
from woonafspraken.meetings.uploads import upload_problem

logger = logging.getLogger(__name__)

# What each edit form writes: someone else's change to one of these fields since the user opened the
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
MEETING_FIELDS = (
    "date",
    "start_time",
    "end_time",
    "location",
    "status",
    "attendees",
    "attendee_names",
    "minutes",
)
AGENDA_FIELDS = ("agenda",)
ACTION_STATUS_FIELDS = ("status", "done_on")
WORK_FIELDS = ("kind", "title", "wijk", "streets", "start_date", "end_date", "description")
ADVICE_FIELDS = ("advice",)
RESPONSE_FIELDS = ("advice", "response")  # a response answers the advice as it was read


def _save(obj: object, user: User | None, *, constraints: bool = True) -> None:
    attribute_change(obj, user)  # type: ignore[arg-type]
    obj.full_clean(validate_constraints=constraints)  # type: ignore[attr-defined]
    obj.save()  # type: ignore[attr-defined]


def _municipality(covenant: Covenant) -> Organisation:
    organisation = covenant.parties.filter(kind=OrganisationKind.MUNICIPALITY).first()
    return organisation if organisation is not None else covenant.owner


def _check_agreement(covenant: Covenant, agreement: Agreement | None, errors: dict[str, str]) -> None:
    if agreement is not None and agreement.covenant_id != covenant.pk:
        errors["agreement"] = "Deze afspraak hoort niet bij dit convenant."


def _check_activity(
    covenant: Covenant, agreement: Agreement | None, activity: Activity | None, errors: dict[str, str]
) -> Agreement | None:
    """An activity must be of this covenant's jaarschijf and of the same agreement; it implies the agreement."""
    if activity is None:
        return agreement
    if activity.plan.covenant_id != covenant.pk:
        errors["activity"] = "Deze activiteit hoort niet bij dit convenant."
        return agreement
    if agreement is not None and activity.agreement_id != agreement.pk:
        errors["activity"] = (
            f"Deze activiteit hoort bij afspraak {activity.agreement.number}, niet bij afspraak {agreement.number}."
        )
        return agreement
    return activity.agreement


# -- meeting types ----------------------------------------------------------------------------------


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
                _save(meeting_type, user)
                meeting_type.participants.set(participants)
                created += 1
                continue
            if meeting_type.edited:
                continue
            changed = [name for name, value in values.items() if getattr(meeting_type, name) != value]
            for name in changed:
                setattr(meeting_type, name, values[name])
            if changed:
                _save(meeting_type, user)
            if {org.pk for org in meeting_type.participants.all()} != participants:
                meeting_type.participants.set(participants)
                changed.append("participants")
            updated += bool(changed)
    messages = []
    if created:
        messages.append(f"Overleg: {created} soorten overleg uit de afspraken gelezen.")
    if updated:
        messages.append(f"Overleg: {updated} soorten overleg bijgewerkt naar het document.")
    return messages


def _clean_type_values(
    *, covenant: Covenant, name: str, min_per_year: int, windows: Sequence[str], agreement: Agreement | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Geef het overleg een naam."
    if min_per_year < 0 or min_per_year > 52:
        errors["min_per_year"] = "Kies een aantal van 0 tot en met 52 per jaar."
    unknown = [w for w in windows if w not in WINDOW_MONTHS]
    if unknown:
        errors["windows"] = f"Onbekende periode: {', '.join(unknown)}."
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
        permissions.can_manage_meetings(user, covenant), "Alleen de coördinator beheert de soorten overleg."
    )
    errors = _clean_type_values(
        covenant=covenant, name=name, min_per_year=min_per_year, windows=windows, agreement=agreement
    )
    party_ids = set(covenant.parties.values_list("pk", flat=True))
    chosen = list(participants)
    if any(org.pk not in party_ids for org in chosen):
        errors["participants"] = "Alleen partijen van dit convenant kunnen deelnemen."
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
        _save(meeting_type, user)
        meeting_type.participants.set(chosen)
    return meeting_type


# -- meetings ---------------------------------------------------------------------------------------


def _clean_times(start_time: dt.time | None, end_time: dt.time | None, errors: dict[str, str]) -> None:
    if end_time is not None and start_time is None:
        errors["start_time"] = "Geef ook de begintijd."
    if start_time is not None and end_time is not None and end_time <= start_time:
        errors["end_time"] = "De eindtijd moet na de begintijd liggen."


def meeting_schedule(
    *,
    covenant: Covenant,
    user: User,
    meeting_type: MeetingType,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    location: str = "",
    attendees: Iterable[Organisation] | None = None,
    is_demo: bool = False,
) -> Meeting:
    require(permissions.can_manage_meetings(user, covenant), "Alleen de coördinator plant overleg.")
    errors: dict[str, str] = {}
    if meeting_type.covenant_id != covenant.pk:
        errors["meeting_type"] = "Deze soort overleg hoort niet bij dit convenant."
    _clean_times(start_time, end_time, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = Meeting(
            covenant=covenant,
            meeting_type=meeting_type,
            date=date,
            start_time=start_time,
            end_time=end_time,
            location=location.strip(),
            owner=_municipality(covenant),
            created_by=user,
            is_demo=is_demo,
            agenda="\n".join(f"- {item}" for item in meeting_type.standing_items),
        )
        _save(meeting, user)
        meeting.attendees.set(list(attendees) if attendees is not None else meeting_type.participants.all())
    return meeting


def meeting_update(
    *,
    meeting: Meeting,
    user: User,
    date: dt.date,
    start_time: dt.time | None,
    end_time: dt.time | None,
    location: str,
    status: str,
    attendees: Iterable[Organisation],
    attendee_names: str,
    minutes: str,
    expected: str | None = None,
) -> Meeting:
    """Move, cancel or record a meeting: who came, the minutes, and that it was held.

    ``expected``: the edit token of the meeting as the user saw it; a change since refuses the save.
    """
    require(
        permissions.can_manage_meetings(user, meeting.covenant), "Alleen de coördinator legt overleg vast."
    )
    errors: dict[str, str] = {}
    _clean_times(start_time, end_time, errors)
    if status not in MeetingStatus.values:
        errors["status"] = "Kies een geldige status."
    if status == MeetingStatus.HELD and date > timezone.localdate():
        errors["status"] = "Een overleg in de toekomst kan nog niet gehouden zijn."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = lock_unchanged(meeting, expected=expected, fields=MEETING_FIELDS)
        locked.date, locked.start_time, locked.end_time = date, start_time, end_time
        locked.location, locked.status = location.strip(), status
        locked.attendee_names, locked.minutes = attendee_names.strip(), minutes.strip()
        _save(locked, user)
        locked.attendees.set(list(attendees))
    return locked


def meeting_agenda_save(*, meeting: Meeting, user: User, agenda: str, expected: str | None = None) -> Meeting:
    require(
        permissions.can_manage_meetings(user, meeting.covenant), "Alleen de coördinator stelt de agenda op."
    )
    if not agenda.strip():
        raise ValidationError({"agenda": "De agenda is leeg."})
    with transaction.atomic():
        locked = lock_unchanged(meeting, expected=expected, fields=AGENDA_FIELDS)
        locked.agenda = agenda.strip()
        _save(locked, user)
    return locked


def agenda_recipients(meeting: Meeting) -> list[str]:
    """E-mail addresses of the active users of every organisation taking part in the meeting."""
    organisations = set(meeting.attendees.values_list("pk", flat=True)) | set(
        meeting.meeting_type.participants.values_list("pk", flat=True)
    )
    return sorted(
        set(
            User.objects.filter(organisation_id__in=organisations, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


@transaction.atomic
def meeting_agenda_send(
    *, meeting: Meeting, user: User, agenda: str, expected: str | None = None
) -> AgendaMailing:
    """Store the agenda, mail it to the participants (after the commit) and record that it was sent.

    All or nothing: an agenda that cannot be sent is not stored either, so the form shown again still
    matches what is stored (and its edit token stays valid for a plain save).
    """
    meeting = meeting_agenda_save(meeting=meeting, user=user, agenda=agenda, expected=expected)
    recipients = agenda_recipients(meeting)
    if not recipients:
        raise ValidationError(
            {
                "agenda": "Niemand van de deelnemende organisaties heeft een e-mailadres; de agenda is niet verstuurd en niet bewaard."
            }
        )
    when = meeting.date.strftime("%d-%m-%Y")
    subject = f"Agenda {meeting.meeting_type.name} {when}"
    body = "\n".join(
        [
            f"Agenda voor {meeting.meeting_type.name} op {when}"
            + (f", {meeting.start_time:%H:%M}" if meeting.start_time else "")
            + (f", {meeting.location}" if meeting.location else "")
            + ".",
            "",
            meeting.agenda,
            "",
            f"Verstuurd door {user.get_full_name() or user.username} via Woonafspraken.",
        ]
    )
    with transaction.atomic():
        mailing = AgendaMailing(
            meeting=meeting, sent_by=user, subject=subject, agenda=meeting.agenda, recipients=recipients
        )
        mailing.full_clean()
        mailing.save()
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
        )
    return mailing


# -- decisions and action items ---------------------------------------------------------------------


def decision_record(
    *,
    meeting: Meeting,
    user: User,
    text: str,
    agreement: Agreement | None,
    activity: Activity | None = None,
    is_demo: bool = False,
) -> Decision:
    require(
        permissions.can_manage_meetings(user, meeting.covenant), "Alleen de coördinator legt besluiten vast."
    )
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "Beschrijf het besluit."
    _check_agreement(meeting.covenant, agreement, errors)
    agreement = _check_activity(meeting.covenant, agreement, activity, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision = Decision(
            meeting=meeting,
            agreement=agreement,
            activity=activity,
            text=text.strip(),
            owner=meeting.owner,
            created_by=user,
            is_demo=is_demo,
        )
        _save(decision, user)
    return decision


def action_create(
    *,
    covenant: Covenant,
    user: User,
    description: str,
    responsible: Organisation,
    agreement: Agreement | None = None,
    activity: Activity | None = None,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
    assignee: str = "",
    due_date: dt.date | None = None,
    is_demo: bool = False,
) -> ActionItem:
    require(permissions.can_manage_meetings(user, covenant), "Alleen de coördinator legt acties vast.")
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = "Beschrijf de actie."
    if not covenant.party_links.filter(organisation=responsible).exists():
        errors["responsible"] = "De actiehouder moet een partij van dit convenant zijn."
    _check_agreement(covenant, agreement, errors)
    agreement = _check_activity(covenant, agreement, activity, errors)
    if meeting is not None and meeting.covenant_id != covenant.pk:
        errors["meeting"] = "Dit overleg hoort niet bij dit convenant."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = ActionItem(
            covenant=covenant,
            meeting=meeting,
            decision=decision,
            agreement=agreement,
            activity=activity,
            description=description.strip(),
            owner=responsible,
            assignee=assignee.strip(),
            due_date=due_date,
            created_by=user,
            is_demo=is_demo,
        )
        _save(action, user)
    return action


def action_set_status(
    *, action: ActionItem, user: User, status: str, on: dt.date | None = None, expected: str | None = None
) -> ActionItem:
    require(
        permissions.can_update_action(user, action),
        "Alleen de actiehouder of de coördinator kan de stand van deze actie bijwerken.",
    )
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Kies een geldige status."})
    with transaction.atomic():
        locked = lock_unchanged(action, expected=expected, fields=ACTION_STATUS_FIELDS)
        locked.status = status
        locked.done_on = (on or timezone.localdate()) if status == ActionStatus.DONE else None
        _save(locked, user)
    return locked


# -- knelpunten and disputes --------------------------------------------------------------------------


def concern_raise(
    *,
    covenant: Covenant,
    user: User,
    title: str,
    description: str,
    kind: str = ConcernKind.BOTTLENECK,
    agreement: Agreement | None = None,
    raised_on: dt.date | None = None,
    on_behalf_of: Organisation | None = None,
    is_demo: bool = False,
) -> Concern:
    """Any party raises a knelpunt, a proposal to change an agreement (5.8) or a dispute (5.9)."""
    require(
        permissions.can_raise_concern(user, covenant),
        "Alleen bewerkers en coördinatoren van een partij van dit convenant kunnen een knelpunt melden.",
    )
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Geef het knelpunt een korte titel."
    if not description.strip():
        errors["description"] = "Beschrijf het knelpunt."
    if kind not in ConcernKind.values:
        errors["kind"] = "Kies een geldige soort."
    if kind == ConcernKind.PROPOSAL and agreement is None:
        errors["agreement"] = "Een voorstel tot wijziging gaat over een afspraak; kies die afspraak."
    _check_agreement(covenant, agreement, errors)
    owner = on_behalf_of or user.organisation
    if owner is None:
        errors["title"] = "Een melding hoort bij een organisatie; uw account heeft er geen."
    if errors:
        raise ValidationError(errors)
    assert owner is not None
    with transaction.atomic():
        concern = Concern(
            covenant=covenant,
            agreement=agreement,
            kind=kind,
            title=title.strip(),
            description=description.strip(),
            raised_on=raised_on or timezone.localdate(),
            owner=owner,
            created_by=user,
            is_demo=is_demo,
        )
        _save(concern, user)
    return concern


def concern_rows(concern: Concern) -> tuple[Rows, Rows]:
    """What a discussion (or withdrawal) is decided on: the concern's stage and its discussions so far."""
    return (
        Rows.of(concern, ("stage", "closed_on")),
        Rows(ConcernStep, {"concern_id": concern.pk}, ("level", "date", "outcome", "resolved", "meeting")),
    )


def concern_record_step(
    *,
    concern: Concern,
    user: User,
    level: str,
    date: dt.date,
    outcome: str,
    resolved: bool,
    meeting: Meeting | None = None,
    expected: str | None = None,
) -> ConcernStep:
    """Record a discussion and move the concern on: resolved, or (after the ambtelijk round) to the next
    bestuurlijk overleg. ``expected``: the edit token of the concern and its discussions as the user saw
    them; a discussion or stage change recorded since refuses the save."""
    require(
        permissions.can_record_concern_step(user, concern),
        "Alleen de coördinator of de melder kan een bespreking vastleggen.",
    )
    errors: dict[str, str] = {}
    if level not in StepLevel.values:
        errors["level"] = "Kies ambtelijk of bestuurlijk overleg."
    if not outcome.strip():
        errors["outcome"] = "Beschrijf de uitkomst van het overleg."
    if date < concern.raised_on:
        errors["date"] = f"Het overleg kan niet vóór de melding ({concern.raised_on:%d-%m-%Y}) zijn."
    if meeting is not None and meeting.covenant_id != concern.covenant_id:
        errors["meeting"] = "Dit overleg hoort niet bij dit convenant."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Concern.objects.select_for_update().get(pk=concern.pk)
        ensure_unchanged(*concern_rows(locked), expected=expected, current=locked)
        last = locked.steps.order_by("-date").first()
        if last is not None and date < last.date:
            raise ValidationError(
                {"date": f"De vorige bespreking was op {last.date:%d-%m-%Y}; kies die datum of later."}
            )
        try:
            stage = stage_after_step(
                Stage(locked.stage),
                Level(level),
                resolved=resolved,
                had_official_step=locked.steps.filter(level=StepLevel.OFFICIAL).exists(),
            )
        except EscalationError as error:
            raise ValidationError({"level": str(error)}) from error
        step = ConcernStep(
            concern=locked, level=level, date=date, outcome=outcome.strip(), resolved=resolved,
            meeting=meeting, recorded_by=user,
        )  # fmt: skip
        _save(step, user)
        locked.stage = stage.value
        locked.closed_on = date if stage is Stage.RESOLVED else None
        _save(locked, user)
    return step


def concern_start_official(*, concern: Concern, user: User) -> Concern:
    """The coordinator puts a raised concern on the ambtelijk track."""
    require(
        permissions.can_record_concern_step(user, concern), "Alleen de coördinator of de melder kan dit doen."
    )
    with transaction.atomic():
        locked = Concern.objects.select_for_update().get(pk=concern.pk)
        if locked.stage == ConcernStage.RAISED:
            locked.stage = ConcernStage.OFFICIAL
            _save(locked, user)
    return locked


def concern_withdraw(
    *, concern: Concern, user: User, on: dt.date | None = None, expected: str | None = None
) -> Concern:
    require(
        permissions.can_record_concern_step(user, concern),
        "Alleen de coördinator of de melder kan een knelpunt intrekken.",
    )
    with transaction.atomic():
        locked = Concern.objects.select_for_update().get(pk=concern.pk)
        ensure_unchanged(*concern_rows(locked), expected=expected, current=locked)
        if locked.stage in (ConcernStage.RESOLVED, ConcernStage.WITHDRAWN):
            raise ValidationError("Dit knelpunt is al afgesloten.")
        locked.stage = ConcernStage.WITHDRAWN
        locked.closed_on = on or timezone.localdate()
        _save(locked, user)
    return locked


def comment_add(
    *, user: User, text: str, concern: Concern | None = None, meeting: Meeting | None = None
) -> Comment:
    target = concern or meeting
    if target is None or (concern is not None and meeting is not None):
        raise ValueError("A comment is on one concern or one meeting.")
    require(
        permissions.can_comment(user, target.covenant), "Alleen partijen van dit convenant kunnen reageren."
    )
    if not text.strip():
        raise ValidationError({"text": "Schrijf een reactie."})
    if user.organisation is None:
        raise ValidationError({"text": "Een reactie hoort bij een organisatie; uw account heeft er geen."})
    with transaction.atomic():
        comment = Comment(
            concern=concern, meeting=meeting, organisation=user.organisation, author=user, text=text.strip()
        )
        _save(comment, user)
    return comment


# -- shared planning of works (5.3) -------------------------------------------------------------------


def _clean_work(
    *, user: User, kind: str, title: str, wijk: str, start_date: dt.date, end_date: dt.date
) -> dict[str, str]:
    errors: dict[str, str] = {}
    organisation_kind = permissions.work_kinds_allowed(user)
    allowed = (
        CORPORATION_WORK_KINDS
        if organisation_kind == OrganisationKind.CORPORATION
        else MUNICIPALITY_WORK_KINDS
    )
    if kind not in WorkKind.values:
        errors["kind"] = "Kies een soort werk."
    elif kind not in allowed and not user.is_superuser:
        names = ", ".join(str(WorkKind(k).label) for k in allowed)
        errors["kind"] = f"Uw organisatie registreert alleen: {names}."
    if not title.strip():
        errors["title"] = "Geef het werk een titel."
    if not wijk.strip():
        errors["wijk"] = "Vul de wijk in."
    if end_date < start_date:
        errors["end_date"] = "Het einde ligt vóór het begin."
    return errors


def _streets(streets: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for street in streets:
        cleaned = " ".join(street.split())
        if cleaned and cleaned.casefold() not in {s.casefold() for s in seen}:
            seen.append(cleaned)
    return seen


def work_register(
    *,
    covenant: Covenant,
    user: User,
    kind: str,
    title: str,
    wijk: str,
    streets: Sequence[str],
    start_date: dt.date,
    end_date: dt.date,
    description: str = "",
    is_demo: bool = False,
    on_behalf_of: Organisation | None = None,
) -> Work:
    """A corporation registers its works, the gemeente its public-space and sewer works."""
    owner = on_behalf_of if (on_behalf_of is not None and user.is_superuser) else user.organisation
    require(
        permissions.can_register_work(user, covenant) or user.is_superuser,
        "Alleen medewerkers van de gemeente of een corporatie registreren werkzaamheden.",
    )
    errors = _clean_work(
        user=user, kind=kind, title=title, wijk=wijk, start_date=start_date, end_date=end_date
    )
    if errors:
        raise ValidationError(errors)
    assert owner is not None
    with transaction.atomic():
        work = Work(
            covenant=covenant, kind=kind, title=title.strip(), wijk=wijk.strip(), streets=_streets(streets),
            start_date=start_date, end_date=end_date, description=description.strip(), owner=owner,
            created_by=user, is_demo=is_demo,
        )  # fmt: skip
        _save(work, user)
    return work


def work_update(
    *,
    work: Work,
    user: User,
    kind: str,
    title: str,
    wijk: str,
    streets: Sequence[str],
    start_date: dt.date,
    end_date: dt.date,
    description: str = "",
    expected: str | None = None,
) -> Work:
    """Change a work. ``expected``: the edit token the user saw; a change since refuses the save."""
    require(
        permissions.can_edit_work(user, work),
        "Alleen de organisatie die dit werk uitvoert, kan het wijzigen.",
    )
    errors = _clean_work(
        user=user, kind=kind, title=title, wijk=wijk, start_date=start_date, end_date=end_date
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = lock_unchanged(work, expected=expected, fields=WORK_FIELDS)
        locked.kind, locked.title, locked.wijk = kind, title.strip(), wijk.strip()
        locked.streets, locked.start_date, locked.end_date = _streets(streets), start_date, end_date
        locked.description = description.strip()
        _save(locked, user)
    return locked


def work_delete(*, work: Work, user: User, expected: str | None = None) -> None:
    """Remove a work; with ``expected``, not when someone changed it after the user saw it."""
    require(
        permissions.can_edit_work(user, work),
        "Alleen de organisatie die dit werk uitvoert, kan het verwijderen.",
    )
    with transaction.atomic():
        locked = lock_unchanged(work, expected=expected, fields=WORK_FIELDS)
        attribute_change(locked, user)
        locked.delete()


# -- tenant advice (2.1.1, WOHV) ----------------------------------------------------------------------


def advice_request(
    *,
    covenant: Covenant,
    user: User,
    tenant_organisation: Organisation,
    subject: str,
    question: str,
    due_date: dt.date,
    agreement: Agreement | None = None,
    requested_on: dt.date | None = None,
    is_demo: bool = False,
    on_behalf_of: Organisation | None = None,
) -> AdviceRequest:
    require(
        permissions.can_request_advice(user, covenant), "Alleen een corporatie of de gemeente vraagt advies."
    )
    requested = requested_on or timezone.localdate()
    errors: dict[str, str] = {}
    if (
        tenant_organisation.kind != OrganisationKind.TENANT_ORGANISATION
        or not covenant.party_links.filter(organisation=tenant_organisation).exists()
    ):
        errors["tenant_organisation"] = "Kies een huurdersorganisatie die partij is bij dit convenant."
    if not subject.strip():
        errors["subject"] = "Geef het onderwerp van de adviesaanvraag."
    if not question.strip():
        errors["question"] = "Beschrijf waarover advies wordt gevraagd."
    if due_date < requested:
        errors["due_date"] = "De datum voor het advies ligt vóór de aanvraag."
    _check_agreement(covenant, agreement, errors)
    owner = on_behalf_of if (on_behalf_of is not None and user.is_superuser) else user.organisation
    if errors:
        raise ValidationError(errors)
    assert owner is not None
    with transaction.atomic():
        request = AdviceRequest(
            covenant=covenant, agreement=agreement, tenant_organisation=tenant_organisation,
            subject=subject.strip(), question=question.strip(), requested_on=requested, due_date=due_date,
            owner=owner, created_by=user, is_demo=is_demo,
        )  # fmt: skip
        _save(request, user)
    return request


def advice_give(
    *,
    request: AdviceRequest,
    user: User,
    advice: str,
    on: dt.date | None = None,
    expected: str | None = None,
) -> AdviceRequest:
    """The tenant organisation gives (or rewrites) its advice; ``expected``: the edit token it saw."""
    require(
        permissions.can_give_advice(user, request),
        "Alleen de gevraagde huurdersorganisatie geeft dit advies.",
    )
    if not advice.strip():
        raise ValidationError({"advice": "Schrijf het advies."})
    with transaction.atomic():
        locked = lock_unchanged(request, expected=expected, fields=ADVICE_FIELDS)
        if locked.response:
            raise ValidationError({"advice": "De corporatie heeft al gereageerd; het advies ligt vast."})
        locked.advice, locked.advice_on, locked.advice_by = advice.strip(), on or timezone.localdate(), user
        _save(locked, user)
    return locked


def advice_respond(
    *,
    request: AdviceRequest,
    user: User,
    response: str,
    on: dt.date | None = None,
    expected: str | None = None,
) -> AdviceRequest:
    """The requester responds to the advice; a changed advice or response since refuses the save."""
    require(
        permissions.can_respond_to_advice(user, request),
        "Alleen de organisatie die advies vroeg, reageert erop.",
    )
    with transaction.atomic():
        locked = lock_unchanged(request, expected=expected, fields=RESPONSE_FIELDS)
        if not locked.advice:
            raise ValidationError({"response": "Er is nog geen advies om op te reageren."})
        if not response.strip():
            raise ValidationError({"response": "Schrijf de reactie op het advies."})
        locked.response, locked.response_on = response.strip(), on or timezone.localdate()
        _save(locked, user)
    return locked


# -- shared documents (5.5) ---------------------------------------------------------------------------


def document_share(
    *,
    covenant: Covenant,
    user: User,
    upload: UploadedFile,
    title: str,
    kind: str = DocumentKind.POLICY,
    description: str = "",
    agreements: Iterable[Agreement] = (),
    meeting: Meeting | None = None,
    is_demo: bool = False,
) -> SharedDocument:
    require(
        permissions.can_share_document(user, covenant), "Alleen medewerkers van een partij delen documenten."
    )
    errors: dict[str, str] = {}
    name = (upload.name or "").rsplit("/", 1)[-1]
    size = upload.size or 0
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    problem = upload_problem(name, head, size, allowed=ALLOWED_EXTENSIONS, max_bytes=MAX_UPLOAD_BYTES)
    if problem:
        errors["file"] = problem
    if not title.strip():
        errors["title"] = "Geef het document een titel."
    if kind not in DocumentKind.values:
        errors["kind"] = "Kies een soort document."
    chosen = list(agreements)
    if any(a.covenant_id != covenant.pk for a in chosen):
        errors["agreements"] = "Kies afspraken van dit convenant."
    if meeting is not None and meeting.covenant_id != covenant.pk:
        errors["meeting"] = "Dit overleg hoort niet bij dit convenant."
    if errors:
        raise ValidationError(errors)
    assert user.organisation is not None or user.is_superuser
    owner = user.organisation or _municipality(covenant)
    with transaction.atomic():
        document = SharedDocument(
            covenant=covenant, title=title.strip(), kind=kind, description=description.strip(),
            filename=name[:200], size=size, meeting=meeting, owner=owner, created_by=user, is_demo=is_demo,
        )  # fmt: skip
        document.file.save(name, upload, save=False)
        try:
            _save(document, user)
            document.agreements.set(chosen)
        except Exception:
            document.file.delete(save=False)  # nothing half-stored: no orphan file either
            raise
    return document


def document_remove(*, document: SharedDocument, user: User) -> None:
    require(
        permissions.can_remove_document(user, document),
        "Alleen de organisatie die het deelde, kan het verwijderen.",
    )
    with transaction.atomic():
        attribute_change(document, user)
        stored = document.file
        document.delete()
        transaction.on_commit(lambda: stored.delete(save=False))
