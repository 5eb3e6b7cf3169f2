"""The meetings app's evidence for an agreement's verdict (``core.verdicts``), registered in ``panels.py``.

- ``meetings``: every meeting type read from an agreement (active, with a cadence), its year on the date
  against the cadence as written: a named moment passed without a meeting, or the yearly count not reached
  when the year is over (or no longer reachable), is behind; otherwise on track.
- ``concerns``: every knelpunt or dispute on an agreement that is open on the date needs attention, with
  where it stood (reported, escalated to the bestuurlijk overleg); an open proposal to change the agreement
  (5.8) is shown for comparison. Closed ones are not evidence.

Both use only what happened on or before the date (meeting dates, the date a concern was raised, its
discussions and the date it was closed) and do a constant number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.urls import reverse

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.verdicts import Evidence, Kind, Outcome
from woonafspraken.meetings.cadence import assess
from woonafspraken.meetings.cadence_text import due_moment, frequency_phrase, read_frequency
from woonafspraken.meetings.cadence_words import cadence_sentence, cadence_source, rule_words
from woonafspraken.meetings.constants import ConcernKind, MeetingStatus
from woonafspraken.meetings.escalation import KIND_WORDS, Level, StepTaken, concern_sentence
from woonafspraken.meetings.models import Concern, ConcernStep, Meeting, MeetingType
from woonafspraken.meetings.selectors import cadence_outcome, recorded_types, rule_of, term_of


def _source(meeting_type: MeetingType) -> str:
    """The agreement's phrase the cadence was read from, and the coordinator's rule where it differs."""
    agreement = meeting_type.agreement
    assert agreement is not None
    rule = (meeting_type.min_per_year, tuple(meeting_type.windows))
    if not meeting_type.source_text:
        return cadence_source(agreement.number, rule_words(*rule))
    sentence, due = meeting_type.source_text, agreement.due_raw
    as_read = read_frequency(sentence, due)
    changed = meeting_type.edited and as_read is not None and as_read != rule
    return cadence_source(
        agreement.number,
        frequency_phrase(sentence),
        due=due_moment(sentence, due),
        set_by_coordinator=rule_words(*rule) if changed else "",
    )


def meeting_evidence(covenant: Covenant, on: dt.date) -> list[Evidence]:
    """The prescribed meetings of the year of ``on``, held by the end of ``on`` (four queries); "geen
    gegevens" for a type of which no meeting was ever recorded."""
    types = list(
        MeetingType.objects.filter(
            covenant=covenant, is_active=True, from_document=True, agreement__isnull=False
        )
        .select_related("agreement")
        .order_by("agreement__order", "name")
    )
    if not types:
        return []
    held: dict[int, list[dt.date]] = defaultdict(list)
    demo: set[int] = set()
    meetings = Meeting.objects.filter(
        covenant=covenant, status=MeetingStatus.HELD, date__gte=dt.date(on.year, 1, 1), date__lte=on
    ).values_list("meeting_type_id", "date", "is_demo")
    for type_id, day, is_demo in meetings:
        held[type_id].append(day)
        if is_demo:
            demo.add(type_id)
    # A type of which the system holds no meeting at all (held or planned, up to the date) has no
    # evidence yet: without records, a missing meeting cannot be told from an unrecorded one.
    recorded = recorded_types(covenant, on)
    active_from, active_until = term_of(covenant)
    index = reverse("meetings:index", args=[covenant.pk])
    evidence = []
    for meeting_type in types:
        assessment = assess(
            rule_of(meeting_type),
            year=on.year,
            held=held[meeting_type.pk],
            on=on,
            active_from=active_from,
            active_until=active_until,
        )
        outcome = cadence_outcome(assessment, recorded=meeting_type.pk in recorded)
        if outcome is None:  # on demand, or a year outside the term: nothing prescribed
            continue
        assert meeting_type.agreement is not None
        if outcome is Outcome.NO_DATA:
            evidence.append(
                Evidence(
                    agreement=meeting_type.agreement.number,
                    kind=Kind.MEETING,
                    outcome=Outcome.NO_DATA,
                    text=f"{meeting_type.name}: geen gegevens; er is nog geen overleg van dit soort vastgelegd.",
                    source=_source(meeting_type),
                    url=f"{index}?jaar={on.year}#cadans-{meeting_type.pk}",
                )
            )
            continue
        evidence.append(
            Evidence(
                agreement=meeting_type.agreement.number,
                kind=Kind.MEETING,
                outcome=outcome,
                text=cadence_sentence(meeting_type.name, assessment),
                source=_source(meeting_type),
                url=f"{index}?jaar={on.year}#cadans-{meeting_type.pk}",
                is_demo=meeting_type.pk in demo,
            )
        )
    return evidence


def concern_evidence(covenant: Covenant, on: dt.date) -> list[Evidence]:
    """Every knelpunt, dispute and proposal on an agreement open at the end of ``on`` (two queries)."""
    concerns = list(
        Concern.objects.filter(covenant=covenant, agreement__isnull=False)
        .open_on(on)
        .select_related("agreement", "owner")
        .order_by("raised_on", "pk")
    )
    if not concerns:
        return []
    steps: dict[int, list[StepTaken]] = defaultdict(list)
    for concern_id, level, day, resolved in (
        ConcernStep.objects.filter(concern__covenant=covenant, date__lte=on)
        .order_by("date", "pk")
        .values_list("concern_id", "level", "date", "resolved")
    ):
        steps[concern_id].append(StepTaken(Level(level), day, resolved))
    evidence = []
    for concern in concerns:
        assert concern.agreement is not None
        evidence.append(
            Evidence(
                agreement=concern.agreement.number,
                kind=Kind.CONCERN,
                # An open knelpunt or dispute asks attention, escalated or not; a proposal to change the
                # agreement (5.8) says nothing about keeping it.
                outcome=Outcome.INFO if concern.kind == ConcernKind.PROPOSAL else Outcome.ATTENTION,
                text=concern_sentence(
                    kind=concern.kind,
                    title=concern.title,
                    owner=concern.owner.name,
                    raised_on=concern.raised_on,
                    steps=steps[concern.pk],
                ),
                source=f"{KIND_WORDS.get(concern.kind, 'Knelpunt')} gemeld door {concern.owner.name}",
                url=reverse("meetings:concern", args=[covenant.pk, concern.pk]),
                is_demo=concern.is_demo,
            )
        )
    return evidence
