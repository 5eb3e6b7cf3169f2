"""Kampen's indicators of theme 2, affordability: the rent increase and Vroeg Eropaf."""

from __future__ import annotations

from woonafspraken.indicators.seeds.base import AgreementRef, IndicatorSeed, TargetSeed

HUURBELEID = AgreementRef("2.1.1", "huurverhoging")
VROEG_EROPAF = AgreementRef("2.2.2", "Vroeg Eropaf")

# The national maximum rent increases for social rent (docs: shared/reference/nl-housing-facts.md). Afspraak
# 2.1.1 states none of them: it names the Sociaal Huurakkoord 2018 as the frame and lets the three parties
# decide every year whether the huursom may rise above inflation. So they are references, shown "for
# comparison"; the coordinator can adopt one as the target of a jaarschijf. 2024 is reported differently by
# sources, so no reference is seeded for it.
RENT_MAXIMA = [
    (2022, 2.3, "Rijksoverheid: maximale huurverhoging sociale huur 2022: 2,3 %."),
    (2023, 2.6, "Rijksoverheid: toegestane gemiddelde huurverhoging sociale huur 2023: 2,6 %."),
    (
        2025,
        4.5,
        "Rijksoverheid: toegestane gemiddelde huurverhoging sociale huur 2025: 4,5 % (maximaal 5,0 % per woning).",
    ),
    (2026, 4.1, "Rijksoverheid: maximale huurverhoging sociale huur per 1 juli 2026: 4,1 %."),
]

AFFORDABILITY: tuple[IndicatorSeed, ...] = (
    # -- 2 Betaalbaarheid --------------------------------------------------------------------------
    IndicatorSeed(
        code="betaalbaarheid.huurverhoging",
        name="Gemiddelde huurverhoging",
        definition=(
            "Gemiddelde jaarlijkse huurverhoging van de sociale huurwoningen van de corporatie, in procenten, "
            "ter vergelijking naast de landelijk toegestane huurverhoging van dat jaar (afspraak 2.1.1)."
        ),
        unit="percent",
        period="year",
        direction="lower_is_better",
        agreements=(HUURBELEID,),
        delivered_by="corporations",
        per_organisation=True,
        roll_up="last",
        default_source="Huurbeleid corporatie",
        decimals=1,
        minimum=-100,
        maximum=100,
        targets=tuple(
            TargetSeed(
                "per_period",
                value,
                "2.1.1",
                source,
                source_kind="reference",
                first_year=year,
                last_year=year,
                applies_to="each",
            )
            for year, value, source in RENT_MAXIMA
        ),
    ),
    IndicatorSeed(
        code="betaalbaarheid.vroegsignalen",
        name="Vroegsignalen (Vroeg Eropaf)",
        definition=(
            "Aantal signalen van betalingsachterstand (huur, energie, water, zorgverzekering) dat in het "
            "jaar binnenkwam bij Vroeg Eropaf (afspraak 2.2.2)."
        ),
        unit="count",
        period="year",
        direction="higher_is_better",
        agreements=(VROEG_EROPAF,),
        delivered_by="municipality",
        default_source="Monitor Vroeg Eropaf",
    ),
    IndicatorSeed(
        code="betaalbaarheid.uitzettingen-voorkomen",
        name="Voorkomen huisuitzettingen",
        definition=(
            "Aantal huishoudens met een huurachterstand bij wie een dreigende huisuitzetting in het jaar "
            "is voorkomen dankzij Vroeg Eropaf (afspraak 2.2.2)."
        ),
        unit="count",
        period="year",
        direction="higher_is_better",
        agreements=(VROEG_EROPAF,),
        delivered_by="municipality",
        default_source="Monitor Vroeg Eropaf",
    ),
)
