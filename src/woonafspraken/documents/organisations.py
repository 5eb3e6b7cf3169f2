"""Recognising a party as an organisation that is already stored (one organisation across covenants)."""

from __future__ import annotations

from dataclasses import dataclass, field

from woonafspraken.accounts.models import Organisation
from woonafspraken.documents.parsing.model import Party


@dataclass(frozen=True)
class OrganisationMatch:
    """``found``: the stored organisation this party certainly is (same name, or same KvK number);
    ``similar``: stored organisations it may be, for the review step to ask about."""

    found: Organisation | None = None
    similar: tuple[Organisation, ...] = field(default=())

    @property
    def doubt(self) -> bool:
        return self.found is None and bool(self.similar)


def match_organisation(party: Party) -> OrganisationMatch:
    return OrganisationMatch(found=Organisation.objects.filter(name=party.name).first())
