"""Reads of covenants and agreements that are more than a QuerySet method."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import (
    Agreement,
    AgreementVersion,
    Covenant,
    CovenantParty,
    CovenantStage,
)
from woonafspraken.agreements.term import CovenantStatus, Successor, covenant_status
from woonafspraken.core.formatting import format_date
from woonafspraken.core.verdicts import STATUS_ORDER, CovenantVerdicts


class CovenantNotFoundError(LookupError):
    pass


def _normal(text: str) -> str:
    """For comparing what someone typed: case, spacing and the kind of dash do not matter."""
    return " ".join(text.replace("–", "-").replace("—", "-").split()).casefold()


def _ambiguous(identifier: str, covenants: Sequence[Covenant]) -> CovenantNotFoundError:
    lines = [
        _("%(id)s: %(title)s (%(municipality)s, %(start)s to %(end)s)")
        % {
            "id": covenant.pk,
            "title": covenant.title,
            "municipality": covenant.municipality,
            "start": format_date(covenant.start_date),
            "end": format_date(covenant.end_date),
        }
        for covenant in sorted(covenants, key=lambda item: (item.municipality, item.start_date, item.pk))
    ]
    heading = _("Several covenants match %(identifier)s; give the id of one of them:") % {
        "identifier": repr(identifier)
    }
    return CovenantNotFoundError("\n".join([heading, *(f"  {line}" for line in lines)]))


def covenant_resolve(identifier: str | None, *, today: dt.date | None = None) -> Covenant:
    """The covenant named by id, title, municipality or a part of the title (in that order: the first
    that names exactly one wins; several named the same way are listed in the error); without an
    identifier, the only stored one, else the signed one in force today (a draft is never in force)."""
    covenants = Covenant.objects.all()
    if identifier and identifier.strip():
        if identifier.strip().isdigit():
            by_id = covenants.filter(pk=int(identifier)).first()
            if by_id is not None:
                return by_id
        wanted = _normal(identifier)
        stored = list(covenants.order_by("municipality", "start_date", "pk"))
        for matches in (
            [covenant for covenant in stored if _normal(covenant.title) == wanted],
            [covenant for covenant in stored if _normal(covenant.municipality) == wanted],
            [covenant for covenant in stored if wanted in _normal(covenant.title)],
        ):
            if len(matches) == 1:
                return matches[0]
            if matches:
                raise _ambiguous(identifier, matches)
        raise CovenantNotFoundError(
            _("No covenant found with id, title, municipality or part of the title %(identifier)s.")
            % {"identifier": repr(identifier)}
        )
    all_covenants = list(covenants[:2])
    if not all_covenants:
        raise CovenantNotFoundError(_("No covenant has been stored yet. Import a document first."))
    if len(all_covenants) == 1:
        return all_covenants[0]
    day = today or timezone.localdate()
    in_force = covenants.signed().in_force_on(day).order_by("-start_date").first()
    if in_force is None:
        raise CovenantNotFoundError(
            _("There are several covenants and none of them runs on %(date)s; choose one.")
            % {"date": format_date(day)}
        )
    return in_force


def covenant_successor_of(covenant: Covenant) -> Covenant | None:
    """The covenant that follows ``covenant`` up: among those made as its successor (``predecessor``),
    the earliest-starting signed one, else the earliest draft; when none names it as predecessor (two
    imported covenants), the old rule: the next covenant of the same municipality by start date. One
    query."""
    candidates = list(
        Covenant.objects.filter(
            Q(predecessor=covenant)
            | Q(
                municipality=covenant.municipality,
                start_date__gt=covenant.start_date,
                predecessor__isnull=True,
            )
        )
    )
    named = [item for item in candidates if item.predecessor_id == covenant.pk]
    if named:
        return min(named, key=lambda item: (item.stage != CovenantStage.SIGNED, item.start_date, item.pk))
    return min(candidates, key=lambda item: (item.start_date, item.pk), default=None)


def covenant_successor(covenant: Covenant) -> Successor | None:
    """The successor as the term rule sees it: a draft counts as not signed, whatever its dates."""
    nxt = covenant_successor_of(covenant)
    if nxt is None:
        return None
    signed = nxt.stage == CovenantStage.SIGNED
    return Successor(start=nxt.start_date, signed_on=nxt.signed_on if signed else None)


def covenant_status_on(covenant: Covenant, on: dt.date) -> CovenantStatus:
    return covenant_status(
        start_date=covenant.start_date,
        end_date=covenant.end_date,
        on=on,
        extension_months=covenant.automatic_extension_months,
        successor=covenant_successor(covenant),
        signed=covenant.stage == CovenantStage.SIGNED,
    )


def covenant_parties(covenant: Covenant) -> list[Organisation]:
    links = CovenantParty.objects.filter(covenant=covenant).select_related("organisation").order_by("order")
    return [link.organisation for link in links]


def party_order(covenant: Covenant) -> dict[int, int]:
    return dict(CovenantParty.objects.filter(covenant=covenant).values_list("organisation_id", "order"))


def sort_by_party_order(organisations: Sequence[Organisation], order: dict[int, int]) -> list[Organisation]:
    return sorted(organisations, key=lambda org: (order.get(org.pk, 999), org.name))


@dataclass(frozen=True)
class AgreementFilter:
    theme: int | None = None
    party: int | None = None
    lead: int | None = None
    query: str = ""
    has_concern: bool = False  # only agreements with an open knelpunt, dispute or proposal (meetings)


def agreement_list(covenant: Covenant, filters: AgreementFilter | None = None) -> QuerySet[Agreement]:
    """The covenant's agreements with everything a list needs, in a constant number of queries."""
    agreements = Agreement.objects.filter(covenant=covenant).with_relations()
    if filters is None:
        return agreements
    if filters.theme is not None:
        agreements = agreements.filter(theme__number=filters.theme)
    if filters.party is not None:
        agreements = agreements.filter(parties=filters.party)
    if filters.lead is not None:
        agreements = agreements.filter(leads=filters.lead)
    if filters.query.strip():
        agreements = agreements.search(filters.query)
    if filters.has_concern:
        agreements = agreements.with_open_concern()
    return agreements.distinct()


SORTS = ("number", "status", "theme", "lead")  # ``?sort=``; "number" (the covenant's order) is the default


def agreements_sorted(agreements: list[Agreement], sort: str, verdicts: CovenantVerdicts) -> list[Agreement]:
    """The agreements in the order the list asks for, the covenant's order within equal keys: by status
    (the worst first, ``STATUS_ORDER``), by theme, or by lead (the first lead's name; none last). Expects
    ``with_relations`` (leads prefetched); no queries."""
    if sort == "status":
        rank = {status: index for index, status in enumerate(STATUS_ORDER)}
        return sorted(agreements, key=lambda a: (rank[verdicts[a.number].status], a.order))
    if sort == "theme":
        return sorted(agreements, key=lambda a: (a.theme.number, a.order))
    if sort == "lead":
        return sorted(
            agreements,
            key=lambda a: (not a.leads.all(), min((org.name for org in a.leads.all()), default=""), a.order),
        )
    return sorted(agreements, key=lambda a: a.order)


def agreement_detail(covenant: Covenant, number: str) -> Agreement:
    return (
        Agreement.objects.filter(covenant=covenant, number=number)
        .with_relations()
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=AgreementVersion.objects.select_related("created_by").order_by("-version"),
            )
        )
        .get()
    )


def agreement_version_on(agreement: Agreement, day: dt.date) -> AgreementVersion | None:
    """The wording that was valid on ``day`` (the latest version valid from on or before it)."""
    return agreement.versions.filter(valid_from__lte=day).order_by("-valid_from", "-version").first()
