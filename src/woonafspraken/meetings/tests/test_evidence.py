"""The meetings app's evidence for the agreements' verdicts, on the Kampen covenant: the prescribed meetings
against their cadence as written, and the knelpunten and disputes open on a date; constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.demo import fillers
from woonafspraken.core.verdicts import (
    Kind,
    Outcome,
    Status,
    covenant_verdicts,
    evidence_sources,
    monitor_day,
)
from woonafspraken.meetings import services
from woonafspraken.meetings.constants import ConcernKind, StepLevel
from woonafspraken.meetings.evidence import concern_evidence, meeting_evidence
from woonafspraken.meetings.models import Concern, MeetingType
from woonafspraken.meetings.selectors import cadence_for_year
from woonafspraken.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
D = dt.date


def by_agreement(evidence) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for item in evidence:
        grouped.setdefault(item.agreement, []).append(item)
    return grouped


def types(kampen: Covenant) -> dict[str, MeetingType]:
    return {t.key: t for t in MeetingType.objects.filter(covenant=kampen)}


def hold(meeting_type: MeetingType, *days: dt.date, **kwargs) -> None:
    for day in days:
        MeetingFactory(meeting_type=meeting_type, date=day, held=True, **kwargs)


def test_both_sources_are_registered():
    assert {"meetings", "concerns"} <= set(evidence_sources.names())


# -- the prescribed meetings ---------------------------------------------------------------------------


def test_every_agreement_that_prescribes_meetings_gets_evidence_and_on_demand_ones_none(kampen: Covenant):
    evidence = by_agreement(meeting_evidence(kampen, D(2025, 12, 31)))
    # No meeting recorded at all: no data, not "behind" (a missing meeting is not an unrecorded one).
    assert set(evidence) == {"1.1.4", "1.3.1", "1.3.5", "3.2.1", "4.1.2", "5.1", "5.2"}
    assert "1.1.3" not in evidence  # "Indien partijen dit als functioneel zien": on demand
    assert len(evidence["3.2.1"]) == 3  # one wijkoverleg per wijk
    assert all(item.outcome is Outcome.NO_DATA and "geen gegevens" in item.text
               for items in evidence.values() for item in items)  # fmt: skip
    # Once meetings of each type are recorded (here in 2024), nothing held in 2025 is behind on 31 December.
    for meeting_type in types(kampen).values():
        hold(meeting_type, D(2024, 11, 4))
    evidence = by_agreement(meeting_evidence(kampen, D(2025, 12, 31)))
    assert all(item.outcome is Outcome.BEHIND and item.kind is Kind.MEETING for items in evidence.values()
               for item in items)  # fmt: skip
    assert not any(item.is_demo for items in evidence.values() for item in items)


def test_four_kerngroep_meetings_in_a_year_are_on_track_with_the_phrase_of_the_agreement(kampen: Covenant):
    kerngroep = types(kampen)["5.2"]
    hold(kerngroep, D(2025, 4, 14), D(2025, 5, 19), D(2025, 6, 16), D(2025, 11, 10))
    [item] = by_agreement(meeting_evidence(kampen, D(2025, 12, 31)))["5.2"]
    assert item.outcome is Outcome.ON_TRACK
    assert item.text == "Kerngroep: 4 van minimaal 4 overleggen in 2025 gehouden."
    assert item.source == "Afspraak 5.2: ‘minimaal vier maal per jaar’"
    assert item.url == f"/convenanten/{kampen.pk}/overleg/?jaar=2025#cadans-{kerngroep.pk}"
    # In September, three held: on track, the year runs on.
    [september] = by_agreement(meeting_evidence(kampen, D(2025, 9, 1)))["5.2"]
    assert september.outcome is Outcome.ON_TRACK
    assert september.text == "Kerngroep: 3 van minimaal 4 overleggen in 2025 gehouden; het jaar loopt nog."


def test_a_missed_spring_steering_meeting_is_behind_although_the_autumn_reaches_two(kampen: Covenant):
    hold(types(kampen)["5.1"], D(2025, 10, 6), D(2025, 11, 17))
    [item] = by_agreement(meeting_evidence(kampen, D(2025, 12, 31)))["5.1"]
    assert item.outcome is Outcome.BEHIND
    assert item.text == (
        "Bestuurlijk overleg: geen overleg in het voorjaar 2025; 2 van minimaal 2 overleggen in 2025 gehouden."
    )
    assert item.source == "Afspraak 5.1: ‘Minimaal twee maal per jaar, in het voorjaar en het najaar’"
    verdict = covenant_verdicts(kampen, D(2025, 12, 31))["5.1"]
    assert verdict.status is Status.BEHIND and item in verdict.deciding


def test_the_quarterly_meeting_on_statushouders(kampen: Covenant):
    hold(types(kampen)["1.3.5"], D(2025, 2, 3), D(2025, 5, 5), D(2025, 11, 3), D(2025, 12, 1))
    [august] = by_agreement(meeting_evidence(kampen, D(2025, 8, 15)))["1.3.5"]
    assert august.outcome is Outcome.ON_TRACK
    [december] = by_agreement(meeting_evidence(kampen, D(2025, 12, 31)))["1.3.5"]
    assert december.outcome is Outcome.BEHIND and "geen overleg in het derde kwartaal 2025" in december.text
    assert december.source == "Afspraak 1.3.5: ‘per kwartaal’"


def test_only_meetings_held_by_the_date_count(kampen: Covenant):
    locatie = types(kampen)["1.1.4"]
    hold(locatie, D(2025, 1, 27))
    MeetingFactory(meeting_type=locatie, date=D(2024, 1, 22))  # planned, never marked held
    MeetingFactory(meeting_type=locatie, date=D(2024, 1, 29), cancelled=True)
    [before] = by_agreement(meeting_evidence(kampen, D(2025, 1, 26)))["1.1.4"]
    assert before.outcome is Outcome.ON_TRACK and before.text.startswith("Locatieoverleg: 0 van minimaal 1")
    [after] = by_agreement(meeting_evidence(kampen, D(2025, 2, 1)))["1.1.4"]
    assert after.outcome is Outcome.ON_TRACK
    assert after.source == "Afspraak 1.1.4: ‘Jaarlijks’ (datum: in januari)"
    [year_2024] = by_agreement(meeting_evidence(kampen, D(2024, 12, 31)))["1.1.4"]
    assert year_2024.outcome is Outcome.BEHIND  # a planned or cancelled meeting is not a held one


def test_example_meetings_mark_the_evidence(kampen: Covenant):
    hold(types(kampen)["5.2"], D(2025, 2, 3), is_demo=True)
    evidence = by_agreement(meeting_evidence(kampen, D(2025, 3, 1)))
    assert [item.is_demo for item in evidence["5.2"]] == [True]
    assert not any(item.is_demo for item in evidence["5.1"])


def test_types_the_agreements_do_not_prescribe_give_no_evidence(kampen: Covenant, coordinator: User):
    agreement = Agreement.objects.get(covenant=kampen, number="2.1.1")
    services.meeting_type_save(
        covenant=kampen, user=coordinator, name="Huuroverleg", agreement=agreement, participants=[],
        min_per_year=2, windows=[], standing_items=[],
    )  # fmt: skip
    wijk = types(kampen)["3.2.1-binnenstad"]
    services.meeting_type_save(
        covenant=kampen, user=coordinator, meeting_type=wijk, name=wijk.name, agreement=wijk.agreement,
        participants=wijk.participants.all(), min_per_year=2, windows=[], standing_items=[], is_active=False,
    )  # fmt: skip
    evidence = by_agreement(meeting_evidence(kampen, D(2025, 12, 31)))
    assert "2.1.1" not in evidence
    assert len(evidence["3.2.1"]) == 2


def test_a_cadence_changed_by_the_coordinator_says_so_in_its_source(kampen: Covenant, coordinator: User):
    kerngroep = types(kampen)["5.2"]
    services.meeting_type_save(
        covenant=kampen, user=coordinator, meeting_type=kerngroep, name=kerngroep.name,
        agreement=kerngroep.agreement, participants=kerngroep.participants.all(), min_per_year=6, windows=[],
        standing_items=[],
    )  # fmt: skip
    hold(kerngroep, D(2025, 3, 3))
    [item] = by_agreement(meeting_evidence(kampen, D(2025, 12, 31)))["5.2"]
    assert item.source == (
        "Afspraak 5.2: ‘minimaal vier maal per jaar’; de coördinator stelde in: minimaal 6 maal per jaar"
    )
    assert "van minimaal 6 overleggen" in item.text


def test_the_cadence_table_shows_the_same_outcome_as_the_evidence(
    client: Client, reader: User, kampen: Covenant
):
    kinds = types(kampen)
    hold(kinds["5.1"], D(2025, 10, 6), D(2025, 11, 17))
    hold(kinds["5.2"], D(2025, 4, 14), D(2025, 5, 19), D(2025, 6, 16), D(2025, 11, 10))
    on = D(2025, 12, 31)
    evidence = {item.url.rsplit("#cadans-", 1)[1]: item for item in meeting_evidence(kampen, on)}
    rows = cadence_for_year(kampen, 2025, today=on)
    for row in rows:
        item = evidence.get(str(row.meeting_type.pk))
        assert (item.outcome if item else None) == row.outcome, row.meeting_type.key
    client.force_login(reader)
    with freeze_time("2026-02-02"):
        html = client.get(f"/convenanten/{kampen.pk}/overleg/", {"jaar": 2025}).content.decode()
    steering_row = html.split(f'id="cadans-{kinds["5.1"].pk}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-outcome="behind"' in steering_row and "geen overleg in het voorjaar 2025" in steering_row
    kerngroep_row = html.split(f'id="cadans-{kinds["5.2"].pk}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-outcome="on_track"' in kerngroep_row and "app-verdict--behind" not in kerngroep_row


# -- knelpunten and disputes ---------------------------------------------------------------------------


def raise_concern(
    user: User, kampen: Covenant, number: str | None, title: str, on: dt.date, **kwargs
) -> Concern:
    agreement = Agreement.objects.get(covenant=kampen, number=number) if number else None
    return services.concern_raise(
        covenant=kampen, user=user, title=title, description="…", agreement=agreement, raised_on=on, **kwargs
    )


def test_an_escalated_knelpunt_needs_attention_and_says_where_it_stands(kampen: Covenant, coordinator: User):
    concern = raise_concern(coordinator, kampen, "1.3.1", "Wachttijd wensmodule loopt op", D(2025, 2, 10))
    services.concern_record_step(
        concern=concern, user=coordinator, level=StepLevel.OFFICIAL, date=D(2025, 4, 3),
        outcome="Geen overeenstemming.", resolved=False,
    )  # fmt: skip
    [raised] = concern_evidence(kampen, D(2025, 3, 1))
    assert (raised.agreement, raised.kind, raised.outcome) == ("1.3.1", Kind.CONCERN, Outcome.ATTENTION)
    assert raised.text == (
        "Knelpunt ‘Wachttijd wensmodule loopt op’ gemeld door Gemeente Kampen op 10 februari 2025; "
        "nog niet besproken."
    )
    [escalated] = concern_evidence(kampen, D(2025, 4, 3))
    assert escalated.outcome is Outcome.ATTENTION
    assert escalated.text == (
        "Knelpunt ‘Wachttijd wensmodule loopt op’ geëscaleerd naar het bestuurlijk overleg op 3 april 2025 "
        "(ambtelijk niet opgelost)."
    )
    assert escalated.url == f"/convenanten/{kampen.pk}/overleg/knelpunten/{concern.pk}/"
    assert escalated.source == "Knelpunt gemeld door Gemeente Kampen"
    services.concern_record_step(
        concern=concern, user=coordinator, level=StepLevel.STEERING, date=D(2025, 5, 20),
        outcome="Nader onderzoek.", resolved=False,
    )  # fmt: skip
    [discussed] = concern_evidence(kampen, D(2025, 6, 1))
    assert discussed.text.endswith(
        "geëscaleerd naar het bestuurlijk overleg op 3 april 2025; in het bestuurlijk overleg besproken op "
        "20 mei 2025, nog niet opgelost."
    )
    # The agreement is at least "aandacht nodig", whatever else the system holds on it.
    assert covenant_verdicts(kampen, D(2025, 6, 1))["1.3.1"].status in (Status.ATTENTION, Status.BEHIND)


def test_closed_concerns_and_concerns_raised_later_are_not_evidence(kampen: Covenant, coordinator: User):
    resolved = raise_concern(coordinator, kampen, "5.2", "Kerngroep te vol", D(2025, 1, 6))
    services.concern_record_step(
        concern=resolved, user=coordinator, level=StepLevel.OFFICIAL, date=D(2025, 3, 3),
        outcome="Opgelost met een extra overleg.", resolved=True,
    )  # fmt: skip
    withdrawn = raise_concern(coordinator, kampen, "4.1.2", "Planning ontbreekt", D(2025, 2, 1))
    services.concern_withdraw(concern=withdrawn, user=coordinator, on=D(2025, 2, 20))
    later = raise_concern(coordinator, kampen, "1.1.2", "Te weinig locaties", D(2025, 9, 1))
    raise_concern(coordinator, kampen, None, "Algemeen knelpunt", D(2025, 1, 2))  # on no agreement
    assert {item.agreement for item in concern_evidence(kampen, D(2025, 2, 10))} == {"5.2", "4.1.2"}
    assert {item.agreement for item in concern_evidence(kampen, D(2025, 3, 3))} == set()  # resolved that day
    assert [item.url for item in concern_evidence(kampen, D(2025, 9, 1))] == [
        f"/convenanten/{kampen.pk}/overleg/knelpunten/{later.pk}/"
    ]


def test_a_dispute_needs_attention_and_a_proposal_to_change_is_shown_for_comparison(
    kampen: Covenant, coordinator: User
):
    raise_concern(
        coordinator, kampen, "2.1.1", "Oneens over de huursom", D(2025, 5, 1), kind=ConcernKind.DISPUTE
    )
    raise_concern(coordinator, kampen, "1.3.3", "Ruimte naar 20%", D(2025, 5, 1), kind=ConcernKind.PROPOSAL)
    evidence = {item.agreement: item for item in concern_evidence(kampen, D(2025, 6, 1))}
    assert evidence["2.1.1"].outcome is Outcome.ATTENTION and evidence["2.1.1"].text.startswith("Geschil ‘")
    assert evidence["1.3.3"].outcome is Outcome.INFO and not evidence["1.3.3"].judges
    assert evidence["1.3.3"].text.startswith("Voorstel tot wijziging ‘Ruimte naar 20%’")


def test_example_concerns_mark_the_evidence(kampen: Covenant, coordinator: User):
    raise_concern(coordinator, kampen, "1.3.1", "Voorbeeld", D(2025, 5, 1), is_demo=True)
    assert [item.is_demo for item in concern_evidence(kampen, D(2025, 6, 1))] == [True]


# -- a constant number of queries ----------------------------------------------------------------------


def queries(collect, covenant: Covenant, on: dt.date) -> int:
    with CaptureQueriesContext(connection) as context:
        list(collect(covenant, on))
    return len(context.captured_queries)


def test_each_source_does_a_constant_number_of_queries(kampen: Covenant, coordinator: User):
    kinds = types(kampen)
    on = D(2025, 12, 31)
    hold(kinds["5.2"], D(2025, 2, 3))
    concern = raise_concern(coordinator, kampen, "1.3.1", "Eerste", D(2025, 2, 1))
    services.concern_record_step(
        concern=concern, user=coordinator, level=StepLevel.OFFICIAL, date=D(2025, 3, 1), outcome="Nee.",
        resolved=False,
    )  # fmt: skip
    few = (queries(meeting_evidence, kampen, on), queries(concern_evidence, kampen, on))
    for meeting_type in kinds.values():
        hold(meeting_type, D(2025, 4, 1), D(2025, 10, 1))
    for number in ("1.1.2", "2.1.1", "4.1.2", "5.1", "5.2"):
        more = raise_concern(coordinator, kampen, number, f"Knelpunt {number}", D(2025, 2, 1))
        services.concern_record_step(
            concern=more, user=coordinator, level=StepLevel.OFFICIAL, date=D(2025, 3, 1), outcome="Nee.",
            resolved=False,
        )  # fmt: skip
    many = (queries(meeting_evidence, kampen, on), queries(concern_evidence, kampen, on))
    assert few == many
    assert many[0] <= 4 and many[1] == 2


@freeze_time("2026-11-27")
def test_the_example_data_on_the_monitors_day_and_today(kampen: Covenant):
    fillers["meetings"].fill(kampen)
    year_2025 = by_agreement(meeting_evidence(kampen, monitor_day(2025)))
    assert {item.outcome for items in year_2025.values() for item in items} == {Outcome.ON_TRACK}
    assert all(item.is_demo for items in year_2025.values() for item in items)
    assert concern_evidence(kampen, monitor_day(2025)) == []  # the example knelpunt is raised in 2026
    today = by_agreement(meeting_evidence(kampen, D(2026, 11, 27)))
    assert [item.outcome for item in today["5.1"]] == [Outcome.BEHIND]  # the spring moved to July
    [concern] = concern_evidence(kampen, D(2026, 11, 27))
    assert (concern.agreement, concern.outcome, concern.is_demo) == ("1.3.1", Outcome.ATTENTION, True)
    assert "geëscaleerd naar het bestuurlijk overleg op" in concern.text
