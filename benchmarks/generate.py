"""N synthetic covenants from the Kampen document, for the scale benchmarks (issues 16 and 20).

Covenant 1 is Kampen itself, imported and filled by every demo filler (``core.demo.fillers``). Covenants
2..N are Kampen's text with the parties renamed, imported through ``document_import`` (so every covenant
has the real shape: themes, agreements, projects, parties), after which the example figures are copied
from Kampen in bulk (filling each covenant through the services takes some 14 s; copying well under one):

- a fictitious municipality per covenant, with a real-looking Dutch name ("Gemeente Eemsdijk");
- a local corporation of its own ("Woonstichting Eemsdijk") and a tenant organisation of its own;
- a regional corporation shared by ``SHARED`` neighbouring covenants (the first region is Kampen's
  deltaWonen, so its users see several covenants), with its tenants' council shared likewise;
- the jaarschijven with their activities (and their owners), the meetings, the indicator figures (each
  covenant's own jitter, within the indicator's bounds) and the housing figures (realised new build and
  withdrawals by the housing filler, the stock scaled to a municipality size of its own).

Every copied figure keeps its example flag (``is_demo`` / ``realised_is_demo``), so each covenant's pages
and reports carry the "voorbeeld" banner; the names are made up. ``examples="last"`` clears the flags
everywhere but in the last covenant instead (issue 20: many covenants of real-looking data and one with
example data, which the others' pages must not show).

    python benchmarks/generate.py 340          # into the database of DATABASE_URL (migrated first)
    generate(340)                               # from code with Django set up; returns the figures
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable, set Django up
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "woonafspraken.conf.dev")
    import django

    django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import models, transaction  # noqa: E402

from woonafspraken.accounts.models import Organisation  # noqa: E402
from woonafspraken.agreements.models import Agreement, Covenant  # noqa: E402
from woonafspraken.annual_plans.models import Activity, AnnualPlan  # noqa: E402
from woonafspraken.core.demo import fillers  # noqa: E402
from woonafspraken.documents.services import document_import  # noqa: E402
from woonafspraken.housing.models import ProjectYear, StockCount, Withdrawal  # noqa: E402
from woonafspraken.indicators.models import Indicator, Observation  # noqa: E402
from woonafspraken.indicators.services import indicators_seed  # noqa: E402
from woonafspraken.meetings.models import Meeting, MeetingType  # noqa: E402

DOCUMENT = (
    Path(__file__).resolve().parent.parent
    / "src/woonafspraken/documents/data/prestatieafspraken-kampen-2022-2026.txt"
)
SHARED = 4  # covenants per regional corporation

# Kampen's parties as the document names them, and what each generated covenant calls them.
KAMPEN_MUNICIPALITY = "Kampen"
KAMPEN_LOCAL = "Beter Wonen IJsselmuiden"
KAMPEN_LOCAL_TENANTS = ("Huurlers Vereniging groot IJsselmuiden", "Huurders Vereniging groot IJsselmuiden")
KAMPEN_REGIONAL = "deltaWonen"

# Fictitious, real-looking place names: a stem and an ending (no real municipality is meant).
_STEMS = (
    "Eems", "Lin", "Wester", "Hoog", "Mark", "Brede", "Zand", "Dal", "Vlie", "Ber", "Hol", "Rijs", "Grave",
    "Haak", "Ommel", "Aal", "Dron", "Sneek", "Wold", "Geld", "Oster", "Bever", "Lee", "Maas", "Wier",
    "Heer", "Ravens", "Zuider", "Noorder", "Elsen", "Lochem", "Dinkel", "Vecht", "Reest", "Berkel",
    "Hunze", "Lauwer", "Linge", "Merwe", "Roer", "Swalm", "Geul", "Donge", "Aa", "Dommel",
)  # fmt: skip
_ENDINGS = (
    "dijk",
    "veen",
    "wijk",
    "horst",
    "broek",
    "loo",
    "hoven",
    "berg",
    "sloot",
    "werd",
    "huizen",
    "rode",
)
_REGIONS = (
    "Wonen Delta", "Woonzorg Oost", "Woonstede Midden", "Stichting Rivierwonen", "Woongroep Noord",
    "Wooncorporatie Kustland", "Woonbron West", "Heuvelwonen", "Woonkracht Zuid", "Veenwonen",
    "Stichting Polderhuis", "Woonplus Vallei", "IJsselwonen", "Wooncombinatie Gouw",
)  # fmt: skip


@dataclass(frozen=True)
class Parties:
    municipality: str  # the place, as in "Gemeente Eemsdijk"
    local: str  # the covenant's own corporation
    local_tenants: str
    regional: str  # a corporation shared with neighbouring covenants

    def renames(self) -> dict[str, str]:
        """Kampen's organisation names -> this covenant's."""
        return {
            f"Gemeente {KAMPEN_MUNICIPALITY}": f"Gemeente {self.municipality}",
            KAMPEN_LOCAL: self.local,
            KAMPEN_LOCAL_TENANTS[0]: self.local_tenants,
            KAMPEN_LOCAL_TENANTS[1]: self.local_tenants,
            KAMPEN_REGIONAL: self.regional,
            f"Centrale Bewonersraad {KAMPEN_REGIONAL}": f"Centrale Bewonersraad {self.regional}",
        }

    def text(self, kampen: str) -> str:
        text = kampen.replace(KAMPEN_LOCAL, self.local)
        for tenants in KAMPEN_LOCAL_TENANTS:
            text = text.replace(tenants, self.local_tenants)
        text = text.replace("IJsselmuiden", f"{self.municipality}-Noord")  # Kampen's village
        text = text.replace(KAMPEN_REGIONAL, self.regional)
        return text.replace(KAMPEN_MUNICIPALITY, self.municipality)


def place_names(count: int) -> list[str]:
    """``count`` distinct fictitious place names, the same ones every run."""
    names = [stem + ending for ending in _ENDINGS for stem in _STEMS]
    random.Random(16).shuffle(names)  # noqa: S311  (example data)
    if count > len(names):
        raise ValueError(f"at most {len(names)} generated covenants")
    return names[:count]


def parties(number: int, place: str) -> Parties:
    """The parties of generated covenant ``number`` (2, 3, ...); a region spans SHARED covenants."""
    region = (number - 1) // SHARED
    regional = KAMPEN_REGIONAL if region == 0 else _REGIONS[region % len(_REGIONS)]
    if region >= len(_REGIONS):  # more regions than names: number them
        regional = f"{regional} {region // len(_REGIONS) + 1}"
    return Parties(
        municipality=place,
        local=f"Woonstichting {place}",
        local_tenants=f"Huurdersvereniging {place}",
        regional=regional,
    )


def _values(row: models.Model, **changes: Any) -> dict[str, Any]:
    values = {
        f.attname: getattr(row, f.attname) for f in type(row)._meta.concrete_fields if not f.primary_key
    }
    values.update(changes)
    return values


@dataclass
class _Kampen:
    """Kampen's example rows, read once and copied into every generated covenant."""

    covenant: Covenant
    organisations: dict[int, str]  # pk -> name
    plans: list[AnnualPlan]
    activities: list[Activity]
    activity_owners: dict[int, list[int]]  # activity pk -> owner organisation pks
    meetings: list[Meeting]
    observations: list[Observation]

    @classmethod
    def read(cls, covenant: Covenant) -> _Kampen:
        activities = list(
            Activity.objects.filter(plan__covenant=covenant)
            .select_related("agreement", "plan")
            .order_by("pk")
        )
        owners: dict[int, list[int]] = {}
        for activity_id, organisation_id in Activity.owners.through.objects.filter(
            activity__in=activities
        ).values_list("activity_id", "organisation_id"):
            owners.setdefault(activity_id, []).append(organisation_id)
        return cls(
            covenant=covenant,
            organisations=dict(Organisation.objects.values_list("pk", "name")),
            plans=list(AnnualPlan.objects.filter(covenant=covenant).order_by("year")),
            activities=activities,
            activity_owners=owners,
            meetings=list(Meeting.objects.filter(covenant=covenant).select_related("meeting_type")),
            observations=list(
                Observation.objects.filter(indicator__covenant=covenant).select_related("indicator")
            ),
        )


def _organisation_map(kampen: _Kampen, renames: dict[str, str]) -> Callable[[int | None], int | None]:
    by_name = dict(Organisation.objects.filter(name__in=renames.values()).values_list("name", "pk"))

    def organisation(pk: int | None) -> int | None:
        if pk is None:
            return None
        name = kampen.organisations[pk]
        return by_name[renames[name]] if name in renames else pk

    return organisation


def _jitter(observation: Observation, rng: random.Random) -> Decimal:
    indicator = observation.indicator
    value = float(observation.value) * rng.uniform(0.85, 1.15)
    if indicator.minimum is not None:
        value = max(value, float(indicator.minimum))
    if indicator.maximum is not None:
        value = min(value, float(indicator.maximum))
    return round(Decimal(value), indicator.decimals)


def _copy(kampen: _Kampen, covenant: Covenant, renames: dict[str, str], rng: random.Random) -> None:
    organisation = _organisation_map(kampen, renames)
    types = dict(MeetingType.objects.filter(covenant=covenant).values_list("key", "pk"))
    indicators = dict(Indicator.objects.filter(covenant=covenant).values_list("code", "pk"))
    agreements = dict(Agreement.objects.filter(covenant=covenant).values_list("number", "pk"))

    plans = AnnualPlan.objects.bulk_create(
        AnnualPlan(**_values(plan, covenant_id=covenant.pk, owner_id=organisation(plan.owner_id)))
        for plan in kampen.plans
    )
    plan_of_year = {plan.year: plan.pk for plan in plans}
    activities = Activity.objects.bulk_create(
        [
            Activity(
                **_values(
                    activity,
                    plan_id=plan_of_year[activity.plan.year],
                    agreement_id=agreements[activity.agreement.number],
                    owner_id=organisation(activity.owner_id),
                    carried_from_id=None,
                )
            )
            for activity in kampen.activities
        ],
        batch_size=500,
    )
    new_pk = {old.pk: new.pk for old, new in zip(kampen.activities, activities, strict=True)}
    carried = [
        Activity(pk=new_pk[old.pk], carried_from_id=new_pk[old.carried_from_id])
        for old in kampen.activities
        if old.carried_from_id is not None
    ]
    Activity.objects.bulk_update(carried, ["carried_from"], batch_size=500)
    Activity.owners.through.objects.bulk_create(
        [
            Activity.owners.through(activity_id=new_pk[old], organisation_id=organisation(owner))
            for old, owners in kampen.activity_owners.items()
            for owner in owners
        ],
        batch_size=1000,
    )
    Meeting.objects.bulk_create(
        [
            Meeting(
                **_values(
                    meeting,
                    covenant_id=covenant.pk,
                    meeting_type_id=types[meeting.meeting_type.key],
                    owner_id=organisation(meeting.owner_id),
                    location=meeting.location.replace(KAMPEN_MUNICIPALITY, covenant.municipality),
                )
            )
            for meeting in kampen.meetings
        ],
        batch_size=500,
    )
    Observation.objects.bulk_create(
        [
            Observation(
                **_values(
                    observation,
                    indicator_id=indicators[observation.indicator.code],
                    owner_id=organisation(observation.owner_id),
                    organisation_id=organisation(observation.organisation_id),
                    value=_jitter(observation, rng),
                )
            )
            for observation in kampen.observations
            if observation.indicator.code in indicators
        ],
        batch_size=1000,
    )
    fillers["housing"].fill(covenant)  # realised new build and withdrawals of its own projects, a stock
    size = rng.uniform(0.3, 3.0)  # the municipality's size relative to Kampen
    stock = list(StockCount.objects.filter(covenant=covenant))
    for count in stock:
        count.count = max(0, round(count.count * size))
    StockCount.objects.bulk_update(stock, ["count"], batch_size=1000)


def _unflag_all_but(last: Covenant) -> None:
    for model, flag, scope in [
        (Meeting, "is_demo", "covenant"),
        (AnnualPlan, "is_demo", "covenant"),
        (Activity, "is_demo", "plan__covenant"),
        (StockCount, "is_demo", "covenant"),
        (Observation, "is_demo", "indicator__covenant"),
        (ProjectYear, "realised_is_demo", "project__covenant"),
        (Withdrawal, "realised_is_demo", "covenant"),
    ]:
        model.objects.exclude(**{scope: last}).update(**{flag: False})


def generate(
    covenants: int,
    *,
    examples: str = "all",
    document: Path = DOCUMENT,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Kampen (filled with example data) plus ``covenants - 1`` generated covenants; see the module.

    ``examples``: "all" keeps every generated figure flagged as example data, "last" only the last
    covenant's. Returns Kampen's pk, the counts written and the time taken."""
    if examples not in {"all", "last"}:
        raise ValueError("examples is 'all' or 'last'")
    say = progress or (lambda _line: None)
    started = time.perf_counter()
    text = document.read_text(encoding="utf-8")
    kampen_covenant = document_import(text=text, filename=document.name).covenant
    for filler in fillers:
        filler.fill(kampen_covenant)
    kampen = _Kampen.read(kampen_covenant)
    kampen_s = time.perf_counter() - started
    last = kampen_covenant
    for number, place in enumerate(place_names(covenants - 1), start=2):
        named = parties(number, place)
        with transaction.atomic():
            covenant = document_import(text=named.text(text), filename=f"{place}.txt").covenant
            indicators_seed(covenant=covenant)
            _copy(kampen, covenant, named.renames(), random.Random(f"{number}/{place}"))  # noqa: S311
        last = covenant
        if number % 20 == 0:
            say(f"{number} covenants ({time.perf_counter() - started:.0f} s)")
    if examples == "last":
        _unflag_all_but(last)
    elapsed = time.perf_counter() - started
    return {
        "kampen": kampen_covenant.pk,
        "covenants": Covenant.objects.count(),
        "organisations": Organisation.objects.count(),
        "activities": Activity.objects.count(),
        "observations": Observation.objects.count(),
        "meetings": Meeting.objects.count(),
        "kampen_s": round(kampen_s, 1),
        "generate_s": round(elapsed, 1),
        "per_generated_covenant_s": round((elapsed - kampen_s) / max(1, covenants - 1), 2),
    }


def _reject_filled(names: Iterable[str]) -> None:
    if Covenant.objects.exists():
        raise SystemExit(f"The database holds covenants already ({', '.join(names)}); use an empty one.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("covenants", type=int, help="N, Kampen included (the Netherlands has some 340)")
    parser.add_argument("--examples", choices=["all", "last"], default="all")
    args = parser.parse_args(argv)
    call_command("migrate", verbosity=0)
    _reject_filled(Covenant.objects.values_list("municipality", flat=True)[:5])
    figures = generate(
        args.covenants, examples=args.examples, progress=lambda line: print(line, file=sys.stderr)
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
