"""Kampen's indicators of theme 4, sustainability: CO2, heat demand, energy labels, solar panels."""

from __future__ import annotations

from woonafspraken.indicators.seeds.base import AgreementRef, IndicatorSeed, TargetSeed

VERDUURZAMING = AgreementRef("4.1.3", "warmtevraag")

SUSTAINABILITY: tuple[IndicatorSeed, ...] = (
    # -- 4 Duurzaamheid ---------------------------------------------------------------------------
    IndicatorSeed(
        code="duurzaamheid.co2-reductie",
        name="CO2-reductie ten opzichte van 1990",
        definition=(
            "Hoeveel procent minder CO2 de woningvoorraad van de corporatie uitstoot dan in 1990. De ambitie "
            "van thema 4 is 80-95 % minder in 2050; een tussendoel voor de jaren daarvoor is niet afgesproken. "
            "Jaarlijks gezamenlijk gemonitord (afspraak 4.1.3)."
        ),
        unit="percent",
        period="year",
        direction="higher_is_better",
        agreements=(VERDUURZAMING,),
        delivered_by="corporations",
        per_organisation=True,
        roll_up="last",
        default_source="Energie-index / CO2-monitor corporatie",
        decimals=1,
        minimum=-100,
        maximum=100,
        targets=(
            TargetSeed(
                "band",
                80,
                "4.1.3",
                "Ambitie thema 4 (Duurzame wijken en woningen): 'De ambitie is een CO₂-reductie van 80-95% in "
                "2050, ten opzichte van 1990.' Afspraak 4.1.3: 'Gezamenlijke monitoring vindt jaarlijks plaats "
                "op basis van de mate van CO₂-reductie en de warmtevraag per m².' Een tussendoel voor de jaren "
                "tot 2050 is niet afgesproken.",
                upper=95,
                baseline_year=1990,
                goal_year=2050,
                applies_to="each",
            ),
        ),
    ),
    IndicatorSeed(
        code="duurzaamheid.warmtevraag",
        name="Gemiddelde warmtevraag",
        definition=(
            "Gemiddelde warmtevraag van de woningen van de corporatie in kWh per m2 gebruiksoppervlak per "
            "jaar (afspraak 4.1.3). Er is geen streefwaarde afgesproken; lager is beter."
        ),
        unit="kWh/m2",
        period="year",
        direction="lower_is_better",
        agreements=(VERDUURZAMING,),
        delivered_by="corporations",
        per_organisation=True,
        roll_up="last",
        default_source="Energie-index / CO2-monitor corporatie",
        decimals=0,
        maximum=1000,
    ),
    IndicatorSeed(
        code="duurzaamheid.energielabels",
        name="Woningen per energielabel",
        definition="Aantal woningen van de corporatie per energielabel (NTA 8800) op 31 december.",
        unit="homes",
        period="year",
        direction="higher_is_better",
        agreements=(VERDUURZAMING,),
        delivered_by="corporations",
        per_organisation=True,
        dimension="energy_label",
        roll_up="last",
        combine="sum",
        default_source="Energielabelregistratie corporatie",
    ),
    IndicatorSeed(
        code="duurzaamheid.labels-efg",
        name="Woningen met label E, F of G",
        definition=(
            "Aantal woningen met energielabel E, F of G op 31 december, opgeteld uit de woningen per "
            "energielabel. Ter vergelijking: volgens de Nationale prestatieafspraken (2022) heeft na 2028 geen "
            "corporatiewoning nog label E, F of G; de Kampense afspraken noemen dat niet."
        ),
        unit="homes",
        period="year",
        direction="lower_is_better",
        agreements=(VERDUURZAMING,),
        delivered_by="corporations",
        per_organisation=True,
        roll_up="last",
        combine="sum",
        source_kind="derived",
        formula="sum_of_dimensions",
        inputs={"source": "duurzaamheid.energielabels", "dimensions": ["E", "F", "G"]},
        default_source="Berekend",
        targets=(
            TargetSeed(
                "per_period",
                0,
                "4.1.3",
                "Nationale prestatieafspraken (30 juni 2022; Rijk, Aedes, Woonbond en VNG): na 2028 geen "
                "corporatiewoningen meer met energielabel E, F of G. De Kampense prestatieafspraken noemen dit "
                "niet.",
                source_kind="reference",
                first_year=2029,
            ),
        ),
    ),
    IndicatorSeed(
        code="duurzaamheid.zonnepanelen",
        name="Woningen met zonnepanelen",
        definition="Aantal woningen van de corporatie met zonnepanelen op 31 december (afspraak 4.1.3).",
        unit="homes",
        period="year",
        direction="higher_is_better",
        agreements=(VERDUURZAMING,),
        delivered_by="corporations",
        per_organisation=True,
        roll_up="last",
        combine="sum",
        default_source="Vastgoedadministratie corporatie",
    ),
    IndicatorSeed(
        code="duurzaamheid.geisoleerd",
        name="Woningen geïsoleerd in het jaar",
        definition=(
            "Aantal woningen van de corporatie dat in het jaar is geïsoleerd of energetische maatregelen "
            "kreeg (afspraak 4.1.3)."
        ),
        unit="homes",
        period="year",
        direction="higher_is_better",
        agreements=(VERDUURZAMING,),
        delivered_by="corporations",
        per_organisation=True,
        combine="sum",
        default_source="Projectadministratie corporatie",
    ),
)
