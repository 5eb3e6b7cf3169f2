"""What kind of organisation a party is: from its own name first, then from the introduction.

A name that says what it is ("Huurdersraad X", "Woonstichting Y", "Gemeente Z") wins over the
collective word before it in the introduction; a weaker sign in the name ("deltaWonen") only decides
when the introduction says nothing. Every reading that is not certain gets a Dutch doubt for the
review step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from .model import KindBasis, Party, PartyKind

__all__ = [
    "KindReading",
    "NameSign",
    "name_sign",
    "read_kind",
    "with_doubt",
    "with_municipality_doubt",
    "with_pairing_doubts",
]

# Words that make a name say it is a tenant organisation. Checked before the corporation words:
# "Huurdersraad Woonstichting Thuis" represents the tenants of Woonstichting Thuis.
_TENANT_WORD_RE = re.compile(
    r"(?<![^\W\d_])(?:huurders|bewoners)[\s-]?(?:belangen[\s-]?)?"
    r"(?:raad|raden|vereniging|verenigingen|organisatie|organisaties|platform|koepel|commissie|federatie"
    r"|overleg|bond|collectief|vertegenwoordiging|belang|belangen)(?![^\W\d_])"
    r"|(?<!\w)HBV(?!\w)",
    re.IGNORECASE,
)
_CORPORATION_WORD_RE = re.compile(
    r"(?<![^\W\d_])(?:woonstichting|woningstichting|woningbouwvereniging|woningbouwstichting"
    r"|woningbouwcorporatie|wooncorporatie|woningcorporatie|woonbedrijf|woningbedrijf|woonvereniging"
    r"|volkshuisvesting|woongoed)(?![^\W\d_])",
    re.IGNORECASE,
)
_MUNICIPALITY_WORD_RE = re.compile(r"^(?:de\s+)?gemeente\s+\S", re.IGNORECASE)
# Weak signs: a corporation's brand ("deltaWonen", "Woonwaard", "De Goede Woning"); "huurder" or
# "bewoner" anywhere ("Huurdershuis" may be a corporation's name; the introduction says so).
_WEAK_CORPORATION_RE = re.compile(r"wonen(?![^\W\d_])|(?<![^\W\d_])wo(?:on|ning)[^\W\d_]*", re.IGNORECASE)
_WEAK_TENANT_RE = re.compile(r"huurder|bewoner", re.IGNORECASE)

_KIND_LABEL = {
    PartyKind.MUNICIPALITY: "gemeente",
    PartyKind.CORPORATION: "corporatie",
    PartyKind.TENANT_ORGANISATION: "huurdersorganisatie",
}
_KIND_GROUP = {
    PartyKind.MUNICIPALITY: "de gemeente",
    PartyKind.CORPORATION: "de corporaties",
    PartyKind.TENANT_ORGANISATION: "de huurdersorganisaties",
}


@dataclass(frozen=True)
class NameSign:
    kind: PartyKind
    word: str  # the word in the name that says it ("Huurdersraad", "Wonen")
    strong: bool  # a kind word (the name says what it is) rather than a brand's part


def name_sign(name: str) -> NameSign | None:
    """What the name itself says about the kind, strongest sign first."""
    if _MUNICIPALITY_WORD_RE.match(name):
        return NameSign(PartyKind.MUNICIPALITY, "Gemeente", strong=True)
    for kind, pattern in (
        (PartyKind.TENANT_ORGANISATION, _TENANT_WORD_RE),
        (PartyKind.CORPORATION, _CORPORATION_WORD_RE),
    ):
        match = pattern.search(name)
        if match:
            return NameSign(kind, match.group(0), strong=True)
    for kind, pattern in (
        (PartyKind.TENANT_ORGANISATION, _WEAK_TENANT_RE),
        (PartyKind.CORPORATION, _WEAK_CORPORATION_RE),
    ):
        match = pattern.search(name)
        if match:
            return NameSign(kind, match.group(0), strong=False)
    return None


@dataclass(frozen=True)
class KindReading:
    kind: PartyKind
    basis: KindBasis
    doubt: str  # Dutch, "" when the reading is certain


def read_kind(name: str, from_introduction: PartyKind | None) -> KindReading:
    """The kind of a party from its name and from the collective word the introduction puts before it.

    The introduction's "de gemeente" is only trusted for a name that says "Gemeente": a list such as
    "de gemeente, Thuis en Samen" puts the corporation right after it.
    """
    sign = name_sign(name)
    if from_introduction is PartyKind.MUNICIPALITY and (
        sign is None or sign.kind is not PartyKind.MUNICIPALITY
    ):
        from_introduction = None
    if sign is not None and sign.strong:
        if from_introduction is None or from_introduction is sign.kind:
            return KindReading(sign.kind, KindBasis.NAME, "")
        return KindReading(
            sign.kind,
            KindBasis.NAME,
            f"De naam zegt {_KIND_LABEL[sign.kind]} ('{sign.word}'), maar de inleiding noemt deze partij bij "
            f"{_KIND_GROUP[from_introduction]}; gelezen als {_KIND_LABEL[sign.kind]}, zoals de naam zegt.",
        )
    if from_introduction is not None:
        return KindReading(from_introduction, KindBasis.INTRODUCTION, "")
    if sign is not None:
        return KindReading(
            sign.kind,
            KindBasis.GUESS,
            f"Soort niet zeker: alleen '{sign.word}' in de naam wijst op een {_KIND_LABEL[sign.kind]}; de "
            "inleiding noemt deze partij niet bij de corporaties of de huurdersorganisaties.",
        )
    return KindReading(
        PartyKind.CORPORATION,
        KindBasis.GUESS,
        "Soort niet zeker: de naam zegt niet wat voor organisatie dit is en de inleiding noemt deze partij "
        "niet bij de corporaties of de huurdersorganisaties; gelezen als corporatie.",
    )


def with_doubt(party: Party, doubt: str) -> Party:
    """The party with one more doubt (a doubt already there is kept)."""
    if not doubt or doubt in party.doubt:
        return party
    return replace(party, doubt=f"{party.doubt} {doubt}".strip())


def with_municipality_doubt(parties: Sequence[Party]) -> tuple[Party, ...]:
    """No party reads as the municipality: the first party (where title pages put it) says so."""
    if not parties or any(party.kind is PartyKind.MUNICIPALITY for party in parties):
        return tuple(parties)
    doubt = (
        "Geen van de partijen is als gemeente gelezen (zoals 'Gemeente Voorbeeldstad'); "
        "geef aan welke partij de gemeente is."
    )
    return (with_doubt(parties[0], doubt), *parties[1:])


def with_pairing_doubts(parties: Sequence[Party], landlords: Mapping[str, str]) -> tuple[Party, ...]:
    """With several corporations, a tenant organisation whose corporation the document does not show."""
    corporations = [party for party in parties if party.kind is PartyKind.CORPORATION]
    if len(corporations) < 2:
        return tuple(parties)
    doubt = (
        "Niet te zien voor de huurders van welke corporatie deze huurdersorganisatie optreedt "
        f"({', '.join(party.name for party in corporations)}); geef de corporatie aan."
    )
    return tuple(
        with_doubt(party, doubt)
        if party.kind is PartyKind.TENANT_ORGANISATION and party.name not in landlords
        else party
        for party in parties
    )
