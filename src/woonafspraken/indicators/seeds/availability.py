"""Kampen's indicators of theme 1, enough social rented homes: new build, allocation, statushouders."""

from __future__ import annotations

from woonafspraken.indicators.seeds.base import AgreementRef, IndicatorSeed, TargetSeed

WONINGZOEKER = "Kwartaalrapportage Woningzoeker"
SLAAGKANS = AgreementRef("1.3.1", "slaagkans")
DOORSTROMING = AgreementRef("1.3.2", "doorstroming")
VRIJE_RUIMTE = AgreementRef("1.3.3", "vrije toewijzingsruimte")
STATUSHOUDERS = AgreementRef("1.3.5", "statushouders")
NIEUWBOUW = AgreementRef("1.1.2", "80 woningen per jaar")

AVAILABILITY: tuple[IndicatorSeed, ...] = (
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
                "Afspraak 1.1.2: 'De gemeente streeft de komende vijf jaar naar de realisatie van gemiddeld 400 "
                "woningen per jaar, waarvan 30% goedkope woningbouw (koop en huur). Van de 30% goedkope "
                "woningbouw is 2/3 sociale huur, in totaal gemiddeld 80 woningen per jaar, te realiseren door "
                "Beter Wonen IJsselmuiden en deltaWonen.'",
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
                "Afspraak 1.3.1: de gemiddelde wachttijd in de wensmodule (tijd vanaf de eerste reactie tot het "
                "ondertekenen van de huurovereenkomst) 'is als ijkpunt gesteld op 2,4 jaar. Jaarlijks brengen de "
                "corporaties de werkelijke wachttijd in het afgelopen jaar en het verschil met het ijkpunt in "
                "beeld.'",
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
                "Afspraak 1.3.3: 'De vrije toewijzingsruimte wordt per 1 januari 2022 aangepast van maximaal "
                "10% naar maximaal 15%, zodat de corporaties meer ruimte krijgen om lokaal maatwerk toe te "
                "passen.'",
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
                "Landelijke norm passend toewijzen (Woningwet): ieder jaar krijgt minstens 95 % van de "
                "huishoudens met recht op huurtoeslag een woning met een huur tot de aftoppingsgrens. De "
                "prestatieafspraken noemen geen percentage; afspraak 1.3.2 heeft als doel 'zoveel mogelijk "
                "mensen passend te laten wonen'.",
                source_kind="reference",
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
                "Afspraak 1.3.5: 'De gemeente is formeel verantwoordelijk voor de uitvoering van de taakstelling "
                "van de huisvesting van statushouders (...). De gemeenten, de corporaties en de "
                "huurdersorganisaties voelen zich daarom samen verantwoordelijk om invulling te geven aan de "
                "huisvesting van deze groep. (...) De taakstelling wordt jaarlijks opgenomen in de jaarschijf. "
                "Gemeente en corporaties monitoren per kwartaal de voortgang van de huisvesting van "
                "statushouders en ondernemen actie daarop indien nodig.'",
            ),
        ),
    ),
)
