"""Covenants for tests that do not need the real Kampen text (that one is imported once per test
database: ask for the ``kampen`` fixture).

``CovenantFactory(small=True)`` is a complete small covenant: one gemeente, two corporations and one
tenant organisation as parties, one theme with a section and three agreements between them.
``CovenantFactory(parties=[...])`` makes the given organisations its parties (the municipality first).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import factory

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.accounts.tests.factories import OrganisationFactory
from woonafspraken.agreements.models import Agreement, Covenant, CovenantParty, Section, Theme


class CovenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Covenant
        skip_postgeneration_save = True

    municipality = factory.Sequence(lambda n: f"Voorbeeldstad{n}")
    title = factory.LazyAttribute(lambda covenant: f"Prestatieafspraken {covenant.municipality} 2025-2028")
    start_date = datetime.date(2025, 1, 1)
    end_date = datetime.date(2028, 12, 31)
    owner = factory.SubFactory(
        OrganisationFactory,
        municipality=True,
        name=factory.LazyAttribute(
            lambda organisation: f"Gemeente {organisation.factory_parent.municipality}"
        ),
    )
    world = None  # replaced by the ``small`` trait

    class Params:
        small = factory.Trait(
            world=factory.PostGeneration(lambda covenant, create, extracted, **kwargs: _small_world(covenant))
        )

    @factory.post_generation
    def parties(  # factory_boy passes the object made, not the factory
        covenant: Covenant,  # noqa: N805
        create: bool,
        extracted: Sequence[Organisation] | None,
        **kwargs: Any,
    ) -> None:
        if create and extracted:
            _link(covenant, extracted)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    covenant = factory.SubFactory(CovenantFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Thema {n + 1}")
    ambition = "Voldoende betaalbare woningen voor iedereen."


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    theme = factory.SubFactory(ThemeFactory)
    number = factory.LazyAttribute(lambda section: f"{section.theme.number}.1")
    title = "Nieuwbouw"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    theme = factory.SubFactory(ThemeFactory)
    covenant = factory.SelfAttribute("theme.covenant")
    owner = factory.SelfAttribute("covenant.owner")
    number = factory.Sequence(lambda n: f"1.1.{n + 1}")
    order = factory.Sequence(lambda n: n)
    subject = "Nieuwbouw sociale huur"
    text = "De corporaties bouwen gemiddeld 40 sociale huurwoningen per jaar."
    parties_raw = "Alle partijen"
    leads_raw = "Gemeente"

    @factory.post_generation
    def parties(
        agreement: Agreement,  # noqa: N805
        create: bool,
        extracted: Sequence[Organisation] | None,
        **kwargs: Any,
    ) -> None:
        if create and extracted:
            agreement.parties.set(extracted)

    @factory.post_generation
    def leads(
        agreement: Agreement,  # noqa: N805
        create: bool,
        extracted: Sequence[Organisation] | None,
        **kwargs: Any,
    ) -> None:
        if create and extracted:
            agreement.leads.set(extracted)


def _link(covenant: Covenant, organisations: Sequence[Organisation]) -> None:
    start = covenant.party_links.count()
    CovenantParty.objects.bulk_create(
        CovenantParty(covenant=covenant, organisation=organisation, order=start + index)
        for index, organisation in enumerate(organisations)
    )


def _small_world(covenant: Covenant) -> None:
    town = covenant.municipality
    corporations = [
        OrganisationFactory(name=f"Woonstichting {town}", kind=OrganisationKind.CORPORATION),
        OrganisationFactory(name=f"Wooncorporatie {town}-Oost", kind=OrganisationKind.CORPORATION),
    ]
    tenants = OrganisationFactory(
        name=f"Huurdersvereniging {town}", kind=OrganisationKind.TENANT_ORGANISATION
    )
    everyone = [covenant.owner, *corporations, tenants]
    _link(covenant, everyone)
    theme = ThemeFactory(covenant=covenant, number=1, title="Voldoende sociale huurwoningen")
    section = SectionFactory(theme=theme, number="1.1")
    for index, (subject, parties, leads) in enumerate(
        [
            ("Nieuwbouw sociale huur", [covenant.owner, *corporations], [covenant.owner]),
            ("Woonruimteverdeling", everyone, corporations),
            ("Huurdersparticipatie", [*corporations, tenants], [tenants]),
        ],
        start=1,
    ):
        AgreementFactory(
            theme=theme,
            section=section,
            number=f"1.1.{index}",
            order=index,
            subject=subject,
            parties=parties,
            leads=leads,
        )
