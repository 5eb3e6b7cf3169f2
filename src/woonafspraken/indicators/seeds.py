"""The Kampen indicator registry as plain data: what the agreements of 2022-2026 ask to watch.

Each indicator names the agreement(s) it belongs to by number *and* a word that must occur in that
agreement, so a document with other numbering never gets an indicator linked to the wrong promise
(ADR 0030). Targets quote where they come from. Names and definitions are Dutch: they are data that
users read, like the agreement texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class AgreementRef:
    number: str
    keyword: str  # must occur (case-insensitive) in the agreement's subject or text


@dataclass(frozen=True)
class TargetSeed:
    kind: str
    value: float
    agreement: str
    source: str
    upper: float | None = None
    period: str = ""
    first_year: int | None = None
    last_year: int | None = None
    baseline_year: int | None = None
    goal_year: int | None = None
    applies_to: str = "total"


@dataclass(frozen=True)
class IndicatorSeed:
    code: str
    name: str
    definition: str
    unit: str
    period: str
    direction: str
    agreements: tuple[AgreementRef, ...]
    delivered_by: str  # "corporations" or "municipality"
    per_organisation: bool = False
    dimension: str = ""
    roll_up: str = "sum"
    combine: str = "none"
    weight_code: str = ""
    weight_dimension: str = ""
    source_kind: str = "entered"
    formula: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    series_key: str = ""
    default_source: str = ""
    decimals: int = 0
    minimum: float | None = 0
    maximum: float | None = None
    allow_future: bool = False
    targets: tuple[TargetSeed, ...] = ()


WONINGZOEKER = "Kwartaalrapportage Woningzoeker"
SLAAGKANS = AgreementRef("1.3.1", "slaagkans")
DOORSTROMING = AgreementRef("1.3.2", "doorstroming")
VRIJE_RUIMTE = AgreementRef("1.3.3", "vrije toewijzingsruimte")
STATUSHOUDERS = AgreementRef("1.3.5", "statushouders")
VERDUURZAMING = AgreementRef("4.1.3", "warmtevraag")
HUURBELEID = AgreementRef("2.1.1", "huurverhoging")
VROEG_EROPAF = AgreementRef("2.2.2", "Vroeg Eropaf")
NIEUWBOUW = AgreementRef("1.1.2", "80 woningen per jaar")

# Allowed rent increases for social rent (docs: shared/reference/nl-housing-facts.md). 2024 is reported
# differently by sources, so no maximum is seeded for it: the coordinator enters it with its source.
RENT_MAXIMA = [
    (2022, 2.3, "Huurverhoging sociale huur 2022: maximaal 2,3 % (Rijksoverheid)."),
    (2023, 2.6, "Huurverhoging sociale huur 2023: gemiddeld 2,6 % toegestaan."),
    (2025, 4.5, "Huurverhoging sociale huur 2025: gemiddeld 4,5 % (maximaal 5,0 % per woning)."),
    (2026, 4.1, "Huurverhoging sociale huur per 1 juli 2026: maximaal 4,1 %."),
]

KAMPEN: tuple[IndicatorSeed, ...] = (
    # -- 1.1 Nieuwbouw: computed by the housing figures, not entered twice ---------------------------
    IndicatorSeed(
        code="nieuwbouw.sociale-huur",
        name="Nieuwgebouwde sociale huurwoningen",
        definition=(
            "Aantal sociale huurwoningen dat de corporaties in het jaar nieuw opleveren, uit de "
            "woningbouwcijfers (gepland en gerealiseerd). Afgesproken is gemiddeld 80 per jaar: over de "
            "jaren samen moet het aantal dus bijblijven bij 80 maal het aantal jaren."
        ),
        unit="homes",
        period="year",
        direction="higher_is_better",
        agreements=(NIEUWBOUW,),
        delivered_by="corporations",
        source_kind="external",
        series_key="housing.social_new_build",
        default_source="Woningbouwcijfers (pagina Woningen)",
        targets=(
            TargetSeed(
                "cumulative",
                80,
                "1.1.2",
                "Afspraak 1.1.2: 'in totaal gemiddeld 80 woningen per jaar, te realiseren door Beter Wonen "
                "IJsselmuiden en deltaWonen'.",
                first_year=2022,
                last_year=2026,
            ),
        ),
    ),
    # -- 1.3 Woonruimteverdeling ----------------------------------------------------------------------
    IndicatorSeed(
        code="toewijzing.inschrijvingen",
        name="Inschrijvingen",
        definition=(
            "Aantal ingeschreven woningzoekenden voor Kampen in de Woningzoeker aan het eind van het "
            "kwartaal, per module. Een inschrijving zegt nog niet dat iemand actief zoekt."
        ),
        unit="count",
        period="quarter",
        direction="lower_is_better",
        agreements=(SLAAGKANS,),
        delivered_by="corporations",
        dimension="allocation_module",
        roll_up="last",
        default_source=WONINGZOEKER,
    ),
    IndicatorSeed(
        code="toewijzing.actief-woningzoekenden",
        name="Actief woningzoekenden",
        definition=(
            "Aantal woningzoekenden dat in het kwartaal minstens één keer op een woning in Kampen heeft "
            "gereageerd, per module."
        ),
        unit="count",
        period="quarter",
        direction="lower_is_better",
        agreements=(SLAAGKANS,),
        delivered_by="corporations",
        dimension="allocation_module",
        roll_up="mean",
        default_source=WONINGZOEKER,
    ),
    IndicatorSeed(
        code="toewijzing.toewijzingen",
        name="Toewijzingen",
        definition="Aantal sociale huurwoningen in Kampen dat in het kwartaal is toegewezen, per module.",
        unit="count",
        period="quarter",
        direction="higher_is_better",
        agreements=(SLAAGKANS,),
        delivered_by="corporations",
        dimension="allocation_module",
        combine="sum",
        default_source=WONINGZOEKER,
    ),
    IndicatorSeed(
        code="toewijzing.slaagkans",
        name="Slaagkans",
        definition=(
            "Toewijzingen per 100 actief woningzoekenden in het kwartaal, per module: toewijzingen gedeeld "
            "door actief woningzoekenden, maal 100 %. Berekend uit die twee indicatoren, niet apart "
            "ingevoerd. De afspraak noemt geen streefwaarde: partijen bespreken de verdeling over de modules."
        ),
        unit="percent",
        period="quarter",
        direction="higher_is_better",
        agreements=(SLAAGKANS,),
        delivered_by="corporations",
        dimension="allocation_module",
        roll_up="mean",
        source_kind="derived",
        formula="success_rate",
        inputs={"numerator": "toewijzing.toewijzingen", "denominator": "toewijzing.actief-woningzoekenden"},
        default_source="Berekend",
        decimals=1,
    ),
    IndicatorSeed(
        code="toewijzing.wachttijd-wens",
        name="Wachttijd wensmodule",
        definition=(
            "Gemiddelde tijd in jaren vanaf de datum van de eerste reactie tot het ondertekenen van de "
            "huurovereenkomst, voor woningen die in het kwartaal via de wensmodule zijn verhuurd (afspraak "
            "1.3.1). Dit is niet de inschrijfduur: die begint bij de inschrijving en is jaren langer. Het "
            "jaarcijfer is het gemiddelde van de kwartalen, gewogen naar het aantal toewijzingen in de "
            "wensmodule."
        ),
        unit="years",
        period="quarter",
        direction="lower_is_better",
        agreements=(SLAAGKANS,),
        delivered_by="corporations",
        roll_up="weighted_mean",
        weight_code="toewijzing.toewijzingen",
        weight_dimension="wens",
        default_source=WONINGZOEKER,
        decimals=1,
        maximum=50,
        targets=(
            TargetSeed(
                "benchmark",
                2.4,
                "1.3.1",
                "Afspraak 1.3.1: de gemiddelde wachttijd in de wensmodule 'is als ijkpunt gesteld op 2,4 jaar'. "
                "Jaarlijks brengen de corporaties de werkelijke wachttijd en het verschil met het ijkpunt in beeld.",
                period="year",
            ),
        ),
    ),
    IndicatorSeed(
        code="toewijzing.wachttijd-spoed",
        name="Wachttijd spoedmodule",
        definition=(
            "Gemiddelde tijd in jaren vanaf de eerste reactie tot het ondertekenen van de huurovereenkomst "
            "voor woningen die in het kwartaal via de spoedmodule zijn verhuurd. Afspraak 1.3.1 vraagt de "
            "relatie met de wachttijd in de wensmodule te bespreken; er is geen streefwaarde."
        ),
        unit="years",
        period="quarter",
        direction="lower_is_better",
        agreements=(SLAAGKANS,),
        delivered_by="corporations",
        roll_up="weighted_mean",
        weight_code="toewijzing.toewijzingen",
        weight_dimension="spoed",
        default_source=WONINGZOEKER,
        decimals=2,
        maximum=50,
    ),
    IndicatorSeed(
        code="toewijzing.inschrijfduur-wens",
        name="Inschrijfduur bij toewijzing (wensmodule)",
        definition=(
            "Gemiddelde tijd in jaren vanaf de inschrijving tot de toewijzing, voor woningen die in het "
            "kwartaal via de wensmodule zijn verhuurd. Apart gehouden van de wachttijd: de inschrijfduur "
            "was in 2021 ruim 10 jaar, de wachttijd (vanaf de eerste reactie) is het ijkpunt van 2,4 jaar."
        ),
        unit="years",
        period="quarter",
        direction="lower_is_better",
        agreements=(SLAAGKANS,),
        delivered_by="corporations",
        roll_up="weighted_mean",
        weight_code="toewijzing.toewijzingen",
        weight_dimension="wens",
        default_source=WONINGZOEKER,
        decimals=1,
        maximum=50,
    ),
    IndicatorSeed(
        code="toewijzing.vrije-toewijzingsruimte",
        name="Aandeel vrij toegewezen",
        definition=(
            "Deel van de toewijzingen van DAEB-woningen in het jaar dat binnen de vrije toewijzingsruimte "
            "viel (aan huishoudens boven de inkomensgrens), per corporatie, in procenten."
        ),
        unit="percent",
        period="year",
        direction="lower_is_better",
        agreements=(VRIJE_RUIMTE,),
        delivered_by="corporations",
        per_organisation=True,
        roll_up="last",
        default_source="Verantwoording toewijzingen corporatie",
        decimals=1,
        maximum=100,
        targets=(
            TargetSeed(
                "per_period",
                15,
                "1.3.3",
                "Afspraak 1.3.3: de vrije toewijzingsruimte is per 1 januari 2022 'maximaal 15%'.",
                first_year=2022,
                applies_to="each",
            ),
        ),
    ),
    IndicatorSeed(
        code="toewijzing.passend",
        name="Aandeel passend toegewezen",
        definition=(
            "Deel van de huishoudens met recht op huurtoeslag dat in het jaar een woning kreeg met een huur "
            "tot de aftoppingsgrens voor hun huishoudgrootte (passend toewijzen), per corporatie, in procenten."
        ),
        unit="percent",
        period="year",
        direction="higher_is_better",
        agreements=(DOORSTROMING,),
        delivered_by="corporations",
        per_organisation=True,
        roll_up="last",
        default_source="Verantwoording toewijzingen corporatie",
        decimals=1,
        maximum=100,
        targets=(
            TargetSeed(
                "per_period",
                95,
                "1.3.2",
                "Passend toewijzen (Woningwet): ieder jaar minstens 95 %; afspraak 1.3.2 heeft als doel "
                "'zoveel mogelijk mensen passend te laten wonen'.",
                first_year=2022,
                applies_to="each",
            ),
        ),
    ),
    IndicatorSeed(
        code="toewijzing.doorstroming-nieuwbouw",
        name="Nieuwbouw met voorrang voor doorstromers",
        definition=(
            "Aantal nieuwbouwhuurwoningen dat in het jaar met voorrang is toegewezen aan mensen die een "
            "sociale huurwoning in het werkgebied van de Woningzoeker achterlaten (afspraak 1.3.2, punt 1)."
        ),
        unit="homes",
        period="year",
        direction="higher_is_better",
        agreements=(DOORSTROMING,),
        delivered_by="corporations",
        per_organisation=True,
        combine="sum",
        default_source="Verhuuradministratie corporatie",
    ),
    # -- 1.3.5 Statushouders -----------------------------------------------------------------------
    IndicatorSeed(
        code="statushouders.taakstelling",
        name="Taakstelling statushouders",
        definition=(
            "Aantal statushouders dat de gemeente in het halfjaar moet huisvesten volgens de taakstelling "
            "van het Rijk. De gemeente levert de meest recente cijfers aan (afspraak 1.3.5)."
        ),
        unit="persons",
        period="half_year",
        direction="higher_is_better",
        agreements=(STATUSHOUDERS,),
        delivered_by="municipality",
        default_source="Taakstelling COA / provincie",
        allow_future=True,
    ),
    IndicatorSeed(
        code="statushouders.gehuisvest",
        name="Gehuisveste statushouders",
        definition=(
            "Aantal statushouders dat in het kwartaal een woning van de corporatie kreeg, per corporatie. "
            "Gemeente en corporaties volgen dit per kwartaal (afspraak 1.3.5)."
        ),
        unit="persons",
        period="quarter",
        direction="higher_is_better",
        agreements=(STATUSHOUDERS,),
        delivered_by="corporations",
        per_organisation=True,
        combine="sum",
        default_source="Verhuuradministratie corporatie",
    ),
    IndicatorSeed(
        code="statushouders.achterstand",
        name="Achterstand taakstelling statushouders",
        definition=(
            "Taakstelling van het halfjaar plus de achterstand (of min de voorsprong) uit het vorige "
            "halfjaar, min het aantal gehuisveste statushouders. Wat aan het eind van het halfjaar overblijft "
            "gaat mee naar het volgende halfjaar. Op koers: in de loop van het halfjaar is minstens het "
            "verstreken deel gehuisvest; aan het eind is er geen achterstand."
        ),
        unit="persons",
        period="half_year",
        direction="lower_is_better",
        agreements=(STATUSHOUDERS,),
        delivered_by="municipality",
        source_kind="derived",
        formula="statushouder_backlog",
        inputs={"quota": "statushouders.taakstelling", "housed": "statushouders.gehuisvest"},
        default_source="Berekend",
        minimum=None,
        targets=(
            TargetSeed(
                "backlog",
                0,
                "1.3.5",
                "Afspraak 1.3.5: 'Gemeente en corporaties monitoren per kwartaal de voortgang van de "
                "huisvesting van statushouders en ondernemen actie daarop indien nodig.'",
            ),
        ),
    ),
    # -- 2 Betaalbaarheid --------------------------------------------------------------------------
    IndicatorSeed(
        code="betaalbaarheid.huurverhoging",
        name="Gemiddelde huurverhoging",
        definition=(
            "Gemiddelde jaarlijkse huurverhoging van de sociale huurwoningen van de corporatie, in procenten, "
            "tegen de toegestane maximale (gemiddelde) huurverhoging van dat jaar (afspraak 2.1.1)."
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
                "per_period", value, "2.1.1", source, first_year=year, last_year=year, applies_to="each"
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
    # -- 4 Duurzaamheid ---------------------------------------------------------------------------
    IndicatorSeed(
        code="duurzaamheid.co2-reductie",
        name="CO2-reductie ten opzichte van 1990",
        definition=(
            "Hoeveel procent minder CO2 de woningvoorraad van de corporatie uitstoot dan in 1990. De ambitie "
            "van thema 4 is 80-95 % minder in 2050; het pad daarheen loopt gelijkmatig vanaf 1990. Jaarlijks "
            "gezamenlijk gemonitord (afspraak 4.1.3)."
        ),
        unit="percent",
        period="year",
        direction="band",
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
                "Ambitie thema 4: 'een CO2-reductie van 80-95% in 2050, ten opzichte van 1990'; afspraak 4.1.3: "
                "'Gezamenlijke monitoring vindt jaarlijks plaats op basis van de mate van CO2-reductie en de "
                "warmtevraag per m2.'",
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
            "energielabel. Volgens de Nationale prestatieafspraken (2022) heeft na 2028 geen corporatiewoning "
            "nog label E, F of G."
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
                "Nationale prestatieafspraken (30 juni 2022): na 2028 geen corporatiewoningen meer met label "
                "E, F of G; uitgewerkt onder afspraak 4.1.3 (verduurzaming van de woningvoorraad).",
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
