from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from woonafspraken.agreements.models import Agreement, Covenant  # noqa: F401  (used in string generics)


class CovenantQuerySet(models.QuerySet["Covenant"]):
    def signed(self) -> Self:
        """Signed by every party (every imported covenant); a draft is not."""
        return self.filter(stage="signed")

    def drafts(self) -> Self:
        return self.filter(stage="draft")

    def in_force_on(self, day: dt.date) -> Self:
        return self.filter(start_date__lte=day, end_date__gte=day)

    def of_organisation(self, organisation_id: int | None) -> Self:
        """The covenants this organisation is party to (none for no organisation)."""
        if organisation_id is None:
            return self.none()
        return self.filter(party_links__organisation_id=organisation_id).distinct()

    def in_national_comparison(self) -> Self:
        """The covenants whose parties opted in to the national comparison (``docs/national.md``)."""
        return self.filter(in_national_comparison=True)


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def with_relations(self) -> Self:
        return self.select_related("theme", "section").prefetch_related("parties", "leads")

    def with_open_concern(self) -> Self:
        """Agreements with an open knelpunt, dispute or proposal (meetings.Concern: a concern is open until
        it is closed, and only a closed one has ``closed_on``, by its constraint). Part of the list's query."""
        return self.filter(concerns__isnull=False, concerns__closed_on__isnull=True)

    def search(self, query: str) -> Self:
        result = self
        for word in query.split():
            result = result.filter(Q(subject__icontains=word) | Q(text__icontains=word) | Q(number=word))
        return result
