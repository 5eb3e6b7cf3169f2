"""Fictitious jaarschijven 2022-2026 for `woonafspraken init --demo`, flagged ``is_demo`` everywhere.

The activities are plausible for Kampen's agreements but invented; progress texts say "(voorbeeld)".
Each plan and its activities are dated before the plan's adoption, as if recorded then, so the state on
31 December of an example year holds them.
Nothing is written for a covenant that already has a real jaarschijf: real data never mixes with these.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans.constants import OPEN_STATUSES, ActivityKind, ActivityStatus
from woonafspraken.annual_plans.models import Activity, AnnualPlan
from woonafspraken.annual_plans.services import (
    activity_create,
    annual_plan_adopt,
    annual_plan_close,
    annual_plan_create,
    comment_add,
    progress_record,
)
from woonafspraken.core.demo import DemoFiller, register_demo

YEARS = range(2022, 2027)


@dataclass(frozen=True)
class Template:
    number: str
    title: str
    owners: tuple[str, ...]  # "gemeente", "corporaties", "corporatie1", "corporatie2", "huurders"
    quarter: int | None = None
    years: tuple[int, ...] = tuple(YEARS)
    target: int | None = None
    unit: str = ""
    description: str = ""


CATALOGUE: tuple[Template, ...] = (
    Template("1.1.4", "Locatieoverleg woningbouwprogrammering {year}", ("gemeente", "corporaties"), 1),
    Template("1.1.2", "Monitor nieuwbouw en aandeel sociale huur {year}", ("gemeente",), 2,
             description="De gemeente stelt de monitor op en bespreekt die met de huurdersorganisaties."),
    Template("1.1.5", "Gesprek over factoren in de grondprijs sociale huur", ("corporaties", "gemeente"), 4, (2022, 2023)),
    Template("1.2.1", "Voorraad naar huurprijsklasse, terug- en vooruitblik", ("corporaties",), 3),
    Template("1.2.4", "Gezamenlijke analyse doelgroep woonwagenbewoners", ("gemeente", "corporaties"), 2, (2022, 2023)),
    Template("1.2.4", "Locatiekeuze extra woonwagenstandplaatsen", ("gemeente",), 4, (2024, 2025, 2026), 4, "standplaatsen"),
    Template("1.3.1", "Wachttijd wensmodule in beeld tegen het ijkpunt van 2,4 jaar", ("corporaties",), 1),
    Template("1.3.2", "Seniorencoach voor doorstroming", ("corporatie2",), 3, target=25, unit="gesprekken"),
    Template("1.3.2", "Voorrang bij nieuwbouw voor wie een sociale huurwoning achterlaat", ("corporatie1",), 4),
    Template("1.3.5", "Taakstelling statushouders eerste halfjaar {year}", ("gemeente", "corporaties"), 2, target=28, unit="personen"),
    Template("1.3.5", "Taakstelling statushouders tweede halfjaar {year}", ("gemeente", "corporaties"), 4, target=30, unit="personen"),
    Template("2.2.2", "Monitoring convenant Vroeg Eropaf {year}", ("gemeente", "corporaties"), 3),
    Template("3.1.1", "Wijkvisie Brunnepe", ("gemeente", "corporaties", "huurders"), 4, (2022, 2023)),
    Template("3.1.1", "Wijkvisie Flevowijk", ("gemeente", "corporaties", "huurders"), 4, (2024, 2025)),
    Template("3.1.1", "Wijkvisie Binnenstad", ("gemeente", "corporaties", "huurders"), 4, (2026,)),
    Template("3.2.1", "Operationeel wijkoverleg Brunnepe, Flevowijk en Binnenstad (2x)", ("gemeente", "corporaties"), 4),
    Template("3.3.3", "Werkgroep bijzondere doelgroepen: uitstroom beschermd wonen", ("gemeente", "corporaties"), 3, (2023, 2024, 2025, 2026), 12, "woningen"),
    Template("4.1.3", "Na-isolatie en ventilatie eengezinswoningen", ("corporatie2",), 4, target=60, unit="woningen isoleren"),
    Template("4.1.3", "Zonnepanelen op huurwoningen", ("corporatie1",), 3, target=40, unit="woningen"),
    Template("4.1.4", "Pilot circulaire renovatie met materialenpaspoort", ("corporaties", "gemeente"), 4, (2023, 2024, 2025)),
    Template("4.1.6", "Energiecoaches en energiecafé voor huurders", ("huurders",), 4, target=4, unit="bijeenkomsten"),
    Template("4.2.2", "Informatieavond tuin, regenwater en hittestress", ("huurders",), 2),
    Template("5.1", "Bestuurlijk overleg voorjaar en najaar {year}", ("gemeente",), 4),
)  # fmt: skip

UPDATE_TEXTS = {
    ActivityStatus.RUNNING: "Gestart; eerste overleg gevoerd en planning gedeeld (voorbeeld).",
    ActivityStatus.DONE: "Afgerond en besproken in de kerngroep (voorbeeld).",
    ActivityStatus.DELAYED: "Vertraagd: wacht op capaciteit en besluitvorming bij een van de partijen (voorbeeld).",
    ActivityStatus.CANCELLED: "Vervallen: opgegaan in een ander traject (voorbeeld).",
}
COMMENTS = (
    ("4.1.6", "Wij zien graag dat de energiecoaches ook in de Flevowijk langskomen (voorbeeld)."),
    ("1.3.2", "Huurders vragen om duidelijke informatie over voorrang bij verhuizen (voorbeeld)."),
    ("3.1.1", "Betrek de bewonerscommissies vroeg bij de wijkvisie (voorbeeld)."),
    ("1.3.5", "Let bij de huisvesting van statushouders op spreiding over de wijken (voorbeeld)."),
)


def _parties(covenant: Covenant) -> dict[str, list[Organisation]]:
    organisations = list(covenant.parties.order_by("name"))
    by_kind = {
        kind: [org for org in organisations if org.kind == kind]
        for kind in (
            OrganisationKind.MUNICIPALITY,
            OrganisationKind.CORPORATION,
            OrganisationKind.TENANT_ORGANISATION,
        )
    }
    corporations = by_kind[OrganisationKind.CORPORATION]
    return {
        "gemeente": by_kind[OrganisationKind.MUNICIPALITY][:1],
        "corporaties": corporations,
        "corporatie1": corporations[:1],
        "corporatie2": corporations[1:2] or corporations[:1],
        "huurders": by_kind[OrganisationKind.TENANT_ORGANISATION],
    }


def _outcome(rng: random.Random, year: int, quarter: int | None, today: dt.date) -> str:
    """A plausible status: past years mostly done, this year depending on the quarter."""
    if year < today.year:
        return rng.choices(
            [ActivityStatus.DONE, ActivityStatus.DELAYED, ActivityStatus.RUNNING, ActivityStatus.CANCELLED],
            weights=[78, 10, 8, 4],
        )[0]
    due = dt.date(year, (quarter or 4) * 3, 28)
    if due < today:
        return rng.choices(
            [ActivityStatus.DONE, ActivityStatus.DELAYED, ActivityStatus.RUNNING], weights=[75, 15, 10]
        )[0]
    return rng.choices(
        [ActivityStatus.RUNNING, ActivityStatus.PLANNED, ActivityStatus.DELAYED], weights=[60, 30, 10]
    )[0]


def _record(
    activity: Activity, status: str, year: int, quarter: int | None, today: dt.date, rng: random.Random
) -> int:
    written = 0
    start = dt.date(year, max(1, ((quarter or 4) - 1) * 3), 15)
    if status == ActivityStatus.PLANNED or start > today:
        return 0
    progress_record(
        activity=activity,
        user=None,
        date=start,
        status=ActivityStatus.RUNNING,
        text=UPDATE_TEXTS[ActivityStatus.RUNNING],
        progress_percent=rng.choice([20, 30, 40]),
        is_demo=True,
    )
    written += 1
    if status != ActivityStatus.RUNNING:
        end = min(dt.date(year, (quarter or 4) * 3, 25) + dt.timedelta(days=rng.randint(0, 20)), today)
        quantity = None
        if activity.target_quantity is not None and status == ActivityStatus.DONE:
            # Done is 100%: the whole number or more, never 90% of it (four choices keep the random sequence).
            quantity = (activity.target_quantity * Decimal(rng.choice([100, 100, 100, 110])) / 100).quantize(
                Decimal(1)
            )
        progress_record(
            activity=activity,
            user=None,
            date=max(end, start),
            status=status,
            text=UPDATE_TEXTS[ActivityStatus(status)],
            progress_percent=100 if status == ActivityStatus.DONE else rng.choice([40, 50, 60]),
            quantity=quantity,
            is_demo=True,
        )
        written += 1
    return written


def _decide(decision: Activity, year: int, today: dt.date, rng: random.Random) -> int:
    """The yearly 2.1.1 decision: taken (or not) in one go, in a made-up autumn meeting of its year."""
    day = dt.date(year, 11, rng.randint(10, 28))
    if day > today or rng.random() < 0.15:
        return 0  # not taken (yet)
    progress_record(
        activity=decision,
        user=None,
        date=day,
        status=ActivityStatus.DONE,
        text="Besloten: de huursom stijgt niet boven inflatie; geen inkomensafhankelijke huurverhoging (voorbeeld).",
        progress_percent=100,
        is_demo=True,
    )
    return 1


def _backdate(plan: AnnualPlan, day: dt.date) -> None:
    """Example plans are written today but stand for years gone by: they were made before their adoption.

    Without this, the state on 31 December of an example year (which counts only what existed then)
    would hold none of its activities.
    """
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    AnnualPlan.objects.filter(pk=plan.pk).update(created_at=moment)
    Activity.objects.filter(plan=plan).update(created_at=moment)


def fill(covenant: Covenant) -> int:
    if AnnualPlan.objects.filter(covenant=covenant).exists():
        return 0  # example plans are there already, or real ones: never mix
    today = timezone.localdate()
    rng = random.Random(f"woonafspraken-demo-{covenant.pk}")  # noqa: S311  (example data, not security)
    parties = _parties(covenant)
    agreements = {a.number: a for a in Agreement.objects.filter(covenant=covenant)}
    written = 0
    previous: AnnualPlan | None = None
    for year in YEARS:
        if year > today.year:
            break
        carry = list(previous.activities.filter(status__in=OPEN_STATUSES)) if previous else []
        plan = annual_plan_create(covenant=covenant, year=year, user=None, carry_over=carry, is_demo=True)
        written += 1 + len(carry)
        for carried in plan.activities.filter(carried_from__isnull=False):
            written += _record(carried, _outcome(rng, year, 2, today), year, 2, today, rng)
        for decision in plan.activities.filter(kind=ActivityKind.DECISION, carried_from__isnull=True):
            written += 1 + _decide(decision, year, today, rng)
        for template in CATALOGUE:
            agreement = agreements.get(template.number)
            owners = [org for key in template.owners for org in parties[key]]
            if agreement is None or not owners or year not in template.years:
                continue
            activity = activity_create(
                plan=plan,
                user=None,
                agreement=agreement,
                title=template.title.format(year=year),
                owners=owners,
                description=template.description,
                planned_quarter=template.quarter,
                target_quantity=Decimal(template.target) if template.target else None,
                target_unit=template.unit,
                is_demo=True,
            )
            written += 1
            status = _outcome(rng, year, template.quarter, today)
            written += _record(activity, status, year, template.quarter, today, rng)
        plan = annual_plan_adopt(
            plan=plan,
            user=None,
            adopted_on=dt.date(year - 1, 11, 24),
            meeting=f"Bestuurlijk overleg najaar {year - 1} (voorbeeld)",
        )
        _backdate(plan, dt.date(year - 1, 11, 1))
        if previous is not None and dt.date(year, 4, 20) <= today:
            annual_plan_close(plan=previous, user=None, closed_on=dt.date(year, 4, 20))
        previous = plan
    for number, text in COMMENTS:
        agreement = agreements.get(number)
        tenants = parties["huurders"]
        if agreement is not None and tenants:
            comment_add(
                agreement=agreement,
                user=None,
                organisation=tenants[len(text) % len(tenants)],
                text=text,
                is_demo=True,
            )
            written += 1
    return written


def present(covenant: Covenant) -> bool:
    return AnnualPlan.objects.filter(covenant=covenant, is_demo=True).exists()


register_demo(
    DemoFiller(
        name="annual_plans",
        description="jaarschijven 2022-2026 met activiteiten, voortgang en reacties",
        fill=fill,
        present=present,
        order=30,
    )
)
