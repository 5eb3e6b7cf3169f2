"""Fictitious meetings 2022-2026 for `woonafspraken init --demo`, flagged ``is_demo`` and shown as
"voorbeeld": meetings per type with decisions and actions, a knelpunt on its way to the bestuurlijk
overleg, works that meet in place and time, and a tenant advice on the rent proposal."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.demo import DemoFiller, register_demo
from woonafspraken.meetings.constants import (
    ActionStatus,
    AdviceInitiative,
    ConcernKind,
    ConcernStage,
    MeetingStatus,
    StepLevel,
    WorkKind,
)
from woonafspraken.meetings.models import (
    ActionItem,
    AdviceAnswer,
    AdviceRequest,
    AgendaItem,
    Concern,
    ConcernStep,
    Decision,
    Meeting,
    MeetingType,
    Work,
)

# (type key, month, day) per year. In 2026 the Binnenstad wijkoverleg skips its spring meeting (one of
# its two a year is still to come) and the spring bestuurlijk overleg moves to July: two held by the
# autumn, but the spring moment (afspraak 5.1) was missed, so the home page shows a type that is behind.
_SCHEDULE = [
    ("5.2", 2, 8), ("5.2", 5, 10), ("5.2", 9, 13), ("5.2", 11, 22),
    ("5.1", 4, 19), ("5.1", 11, 8),
    ("1.1.4", 1, 24),
    ("1.3.5", 2, 1), ("1.3.5", 5, 3), ("1.3.5", 8, 30), ("1.3.5", 11, 1),
    ("1.3.1", 3, 15),
    ("4.1.2", 3, 22), ("4.1.2", 10, 4),
    ("3.2.1-brunnepe", 3, 29), ("3.2.1-brunnepe", 10, 11),
    ("3.2.1-flevowijk", 4, 5), ("3.2.1-flevowijk", 10, 18),
    ("3.2.1-binnenstad", 4, 12), ("3.2.1-binnenstad", 10, 25),
]  # fmt: skip


def _present(covenant: Covenant) -> bool:
    return Meeting.objects.filter(covenant=covenant, is_demo=True).exists()


def _weekday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _fill(covenant: Covenant) -> int:
    if Meeting.objects.filter(covenant=covenant, is_demo=True).exists():
        return 0
    types = {t.key: t for t in MeetingType.objects.filter(covenant=covenant).prefetch_related("participants")}
    if "5.2" not in types:
        return 0  # not Kampen's wording: nothing sensible to invent
    today = timezone.localdate()
    municipality = covenant.parties.filter(kind=OrganisationKind.MUNICIPALITY).first() or covenant.owner
    corporations = list(covenant.parties.filter(kind=OrganisationKind.CORPORATION).order_by("name"))
    tenants = list(covenant.parties.filter(kind=OrganisationKind.TENANT_ORGANISATION).order_by("name"))
    agreements = {a.number: a for a in Agreement.objects.filter(covenant=covenant)}
    written = 0
    with transaction.atomic():
        meetings: list[Meeting] = []
        for year in range(max(covenant.start_date.year, 2022), min(covenant.end_date.year, 2026) + 1):
            for key, month, day in _SCHEDULE:
                if key not in types or (year == 2026 and key == "3.2.1-binnenstad" and month == 4):
                    continue
                if year == 2026 and key == "5.1" and month == 4:
                    month, day = 7, 6  # postponed out of the spring
                date = _weekday(dt.date(year, month, day))
                meeting = Meeting(
                    covenant=covenant, meeting_type=types[key], date=date, start_time=dt.time(10), end_time=dt.time(12),
                    location="Stadhuis Kampen (voorbeeld)", owner=municipality, is_demo=True,
                    status=MeetingStatus.HELD if date < today else MeetingStatus.PLANNED,
                    minutes="Voorbeeldverslag: verzonnen gegevens om het systeem te verkennen." if date < today else "",
                )  # fmt: skip
                meeting.full_clean()
                meeting.save()
                meeting.attendees.set(types[key].participants.all())
                meetings.append(meeting)
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                position=position,
                key=f"vast:{title}"[:100],
                title=title[:300],
                owner=municipality,
                is_demo=True,
            )  # fmt: skip
            for meeting in meetings
            for position, title in enumerate(meeting.meeting_type.standing_items, start=1)
        )
        written += len(meetings)
        held_kerngroep = [
            m for m in meetings if m.meeting_type.key == "5.2" and m.status == MeetingStatus.HELD
        ]
        written += _decisions(covenant, held_kerngroep[-3:], agreements, corporations, municipality)
        written += _concern(covenant, agreements, tenants, municipality, meetings)
        written += _works(covenant, corporations, municipality)
        written += _advice(covenant, agreements, corporations, tenants, municipality)
    return written


def _decisions(
    covenant: Covenant,
    meetings: list[Meeting],
    agreements: dict[str, Agreement],
    corporations: list[Organisation],
    municipality: Organisation,
) -> int:
    plans = [
        ("1.3.5", "Extra inzet op de taakstelling statushouders dit halfjaar.", "Vijf woningen extra aanbieden voor statushouders", corporations[-1] if corporations else municipality),
        ("1.3.1", "De wachttijd in de wensmodule wordt per kwartaal gevolgd.", "Kwartaalrapportage Woningzoeker aanleveren", corporations[0] if corporations else municipality),
        ("4.1.2", "Koppelkansen in Brunnepe samen uitwerken.", "Planning riolering en renovatie naast elkaar leggen", municipality),
    ]  # fmt: skip
    written = 0
    for meeting, (number, text, action, owner) in zip(meetings, plans, strict=False):
        agreement = agreements.get(number)
        decision = Decision(meeting=meeting, agreement=agreement, text=text, owner=municipality, is_demo=True)
        decision.full_clean()
        decision.save()
        done = meeting is not meetings[-1]
        item = ActionItem(
            covenant=covenant, meeting=meeting, decision=decision, agreement=agreement, description=action, owner=owner,
            due_date=meeting.date + dt.timedelta(days=60), is_demo=True,
            status=ActionStatus.DONE if done else ActionStatus.OPEN,
            done_on=meeting.date + dt.timedelta(days=45) if done else None,
        )  # fmt: skip
        item.full_clean()
        item.save()
        written += 2
    return written


def _concern(
    covenant: Covenant,
    agreements: dict[str, Agreement],
    tenants: list[Organisation],
    municipality: Organisation,
    meetings: list[Meeting],
) -> int:
    raiser = tenants[0] if tenants else municipality
    official = next(
        (m for m in reversed(meetings) if m.meeting_type.key == "5.2" and m.status == MeetingStatus.HELD),
        None,
    )
    concern = Concern(
        covenant=covenant, agreement=agreements.get("1.3.1"), kind=ConcernKind.BOTTLENECK, owner=raiser, is_demo=True,
        title="Wachttijd wensmodule ruim boven het ijkpunt (voorbeeld)",
        description="Verzonnen voorbeeld: de wachttijd loopt op tot ruim drie jaar; huurders vragen om bijsturing.",
        raised_on=(official.date - dt.timedelta(days=30)) if official else covenant.start_date,
        stage=ConcernStage.STEERING if official else ConcernStage.RAISED,
    )  # fmt: skip
    concern.full_clean()
    concern.save()
    if official is None:
        return 1
    step = ConcernStep(
        concern=concern, level=StepLevel.OFFICIAL, date=official.date, meeting=official, resolved=False,
        outcome="Ambtelijk geen overeenstemming over extra maatregelen; door naar het bestuurlijk overleg.",
    )  # fmt: skip
    step.full_clean()
    step.save()
    return 2


def _works(covenant: Covenant, corporations: list[Organisation], municipality: Organisation) -> int:
    corporation = corporations[-1] if corporations else municipality
    works = [
        Work(covenant=covenant, owner=corporation, kind=WorkKind.SUSTAINABILITY, title="Isoleren 48 woningen (voorbeeld)",
             wijk="Brunnepe", streets=["Christinastraat", "Vloeddijk"], start_date=dt.date(2026, 9, 1), end_date=dt.date(2027, 3, 31), is_demo=True),
        Work(covenant=covenant, owner=municipality, kind=WorkKind.SEWER, title="Vervangen riolering (voorbeeld)",
             wijk="Brunnepe", streets=["Vloeddijk"], start_date=dt.date(2027, 1, 15), end_date=dt.date(2027, 6, 30), is_demo=True),
        Work(covenant=covenant, owner=municipality, kind=WorkKind.PUBLIC_SPACE, title="Herinrichting speelplein (voorbeeld)",
             wijk="Flevowijk", streets=["Rozenstraat"], start_date=dt.date(2027, 4, 1), end_date=dt.date(2027, 5, 31), is_demo=True),
    ]  # fmt: skip
    for work in works:
        work.full_clean()
        work.save()
    return len(works)


def _advice(
    covenant: Covenant,
    agreements: dict[str, Agreement],
    corporations: list[Organisation],
    tenants: list[Organisation],
    municipality: Organisation,
) -> int:
    if not corporations or not tenants:
        return 0
    # A corporation asks its own tenant organisation (the one linked to it on import).
    landlord = corporations[-1]
    own = next((t for t in tenants if t.represents_tenants_of_id == landlord.pk), tenants[-1])
    request = AdviceRequest(
        covenant=covenant, agreement=agreements.get("2.1.1"), owner=landlord, tenant_organisation=own,
        subject="Huurvoorstel 1 juli 2026 (voorbeeld)", question="Verzonnen voorbeeld: advies over de jaarlijkse huurverhoging.",
        requested_on=dt.date(2026, 3, 2), due_date=dt.date(2026, 4, 13), advice="Houd de verhoging zo laag mogelijk.",
        advice_on=dt.date(2026, 3, 25), response="Het advies is grotendeels overgenomen.", response_on=dt.date(2026, 4, 10),
        is_demo=True,
    )  # fmt: skip
    request.full_clean()
    request.save()
    # Unasked advice of the other tenant organisation: the gemeente answered, its corporation not yet.
    advising = next((t for t in tenants if t.pk != own.pk), own)
    addressees = [municipality] + [c for c in corporations if c.pk == advising.represents_tenants_of_id]
    unasked = AdviceRequest(
        covenant=covenant, initiative=AdviceInitiative.OWN, agreement=agreements.get("4.1.3"), owner=advising,
        tenant_organisation=advising, subject="Isolatie vóór zonnepanelen (voorbeeld)", requested_on=dt.date(2026, 9, 15),
        advice="Verzonnen voorbeeld: isoleer eerst de oudste woningen, dan dalen de woonlasten het meest.",
        advice_on=dt.date(2026, 9, 15), is_demo=True,
    )  # fmt: skip
    unasked.full_clean()
    unasked.save()
    unasked.addressees.set(addressees)
    answer = AdviceAnswer(
        advice=unasked, organisation=municipality, answered_on=dt.date(2026, 10, 6),
        text="Verzonnen voorbeeld: we nemen het mee in de wijkaanpak aardgasvrij.",
    )  # fmt: skip
    answer.full_clean()
    answer.save()
    return 3


register_demo(
    DemoFiller(
        name="meetings",
        description="overleg 2022-2026 met besluiten, acties, een knelpunt, werkzaamheden en een advies",
        fill=_fill,
        present=_present,
        order=60,
    )
)
