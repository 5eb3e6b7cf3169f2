"""Recognising a party as an organisation that is already stored (one organisation across covenants).

A corporation that works in several municipalities is party to several covenants and must be one
organisation, so its users see all of them. Certain: the same KvK number, or the same name (ignoring
case and spacing). Possible, for the review step to ask: a stored organisation of the same kind whose
name is nearly the same once kind words are left out ("Woonstichting Thuis" / "Stichting Thuis"), or
that shares a distinctive short name.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q

from woonafspraken.accounts.models import Organisation
from woonafspraken.documents.parsing.model import Party

__all__ = ["NEARLY_THE_SAME", "OrganisationMatch", "match_organisation", "match_organisations"]

NEARLY_THE_SAME = 0.85  # difflib ratio of the names without kind words

# Words that say what kind of organisation a name is, not which one; left out before comparing.
_KIND_WORDS = frozenset(
    {
        "stichting",
        "vereniging",
        "woonstichting",
        "woningstichting",
        "woningcorporatie",
        "wooncorporatie",
        "woningbouwvereniging",
        "woningbouwstichting",
        "corporatie",
        "gemeente",
        "de",
        "het",
        "u.a.",
        "ua",
        "b.v.",
        "bv",
        "n.v.",
    }
)


@dataclass(frozen=True)
class OrganisationMatch:
    """``found``: the stored organisation this party certainly is (same name, or same KvK number);
    ``similar``: stored organisations it may be, for the review step to ask about; ``reason``: why,
    in Dutch ("" when nothing stored resembles the party)."""

    found: Organisation | None = None
    similar: tuple[Organisation, ...] = field(default=())
    reason: str = ""

    @property
    def doubt(self) -> bool:
        return self.found is None and bool(self.similar)


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _core(name: str) -> str:
    """The name without kind words: "Woonstichting  Thuis" -> "thuis"."""
    words = [word for word in _normal(name).split() if word not in _KIND_WORDS]
    return " ".join(words) or _normal(name)


def _short_forms(names: Iterable[str]) -> set[str]:
    return {_normal(name) for name in names if len(name.strip()) >= 3}


def _match(party: Party, stored: Sequence[Organisation]) -> OrganisationMatch:
    if party.kvk:
        same_number = next((org for org in stored if org.kvk_number == party.kvk), None)
        if same_number is not None:
            return OrganisationMatch(found=same_number, reason=f"Zelfde KvK-nummer ({party.kvk}).")
    name = _normal(party.name)
    same_name = next((org for org in stored if _normal(org.name) == name), None)
    if same_name is not None:
        reason = "Zelfde naam."
        if party.kvk and same_name.kvk_number and same_name.kvk_number != party.kvk:
            reason = (
                f"Zelfde naam, maar een ander KvK-nummer: {same_name.kvk_number} in het register, "
                f"{party.kvk} in het document."
            )
        return OrganisationMatch(found=same_name, reason=reason)
    core = _core(party.name)
    shorts = _short_forms(party.short_names) | {core}
    similar: list[tuple[float, Organisation, str]] = []
    for org in stored:
        if org.kind != party.kind.value:
            continue
        ratio = difflib.SequenceMatcher(None, core, _core(org.name)).ratio()
        shared = sorted(shorts & (_short_forms(org.short_names or []) | {_core(org.name)}))
        if ratio >= NEARLY_THE_SAME:
            similar.append((ratio, org, f"{org.name} (naam bijna gelijk)"))
        elif shared:
            similar.append((ratio, org, f"{org.name} (zelfde korte naam '{shared[0]}')"))
    if not similar:
        return OrganisationMatch()
    similar.sort(key=lambda item: (-item[0], item[1].name))
    return OrganisationMatch(
        similar=tuple(org for _, org, _ in similar),
        reason="Lijkt op: " + "; ".join(text for _, _, text in similar) + ".",
    )


def match_organisations(parties: Sequence[Party]) -> dict[str, OrganisationMatch]:
    """The match of every party, by party name; the candidates are loaded in one query."""
    if not parties:
        return {}
    wanted = Q(kind__in={party.kind.value for party in parties})
    numbers = {party.kvk for party in parties if party.kvk}
    if numbers:
        wanted |= Q(kvk_number__in=numbers)
    for party in parties:  # the same name under another kind: found, so the import can say so
        wanted |= Q(name__iexact=" ".join(party.name.split()))
    stored = list(Organisation.objects.filter(wanted).order_by("name"))
    return {party.name: _match(party, stored) for party in parties}


def match_organisation(party: Party) -> OrganisationMatch:
    """The stored organisation this party is, or the ones it may be (one query)."""
    return match_organisations([party])[party.name]
