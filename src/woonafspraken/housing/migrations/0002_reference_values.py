"""Seed the national reference figures from data/nl-housing-facts.md (a copy of the project's reference).

Every value carries its source; a value the reference marks "not verified" or does not give stays empty
(NULL) until an administrator enters it with a source. Re-running changes nothing.
"""

from django.db import migrations

FILE = "nl-housing-facts.md"
KAMPEN = "Prestatieafspraken Kampen 2022-2026, bijlage 1 (huurgrenzen per 1 juli 2021)"
RENT_TABLE = f"{FILE}, tabel huurgrenzen (per 1 januari)"
NOT_VERIFIED = "Niet geverifieerd in de referentie; vul in met een bron."
NOT_GIVEN = "De referentie geeft dit bedrag niet; vul in met een bron."

LIMITS = {
    # year: (kwaliteitskortingsgrens, lage aftoppingsgrens, hoge aftoppingsgrens, huurtoeslaggrens)
    2021: ("442.46", "633.25", "678.66", "752.33"),
    2022: ("442.46", "633.25", "678.66", "763.47"),
    2023: ("452.20", "647.19", "693.60", "808.06"),
    2024: ("454.47", "650.43", "697.07", "879.66"),
    2025: ("477.20", "682.96", "731.93", "900.07"),
    2026: ("498.20", None, None, "932.93"),
}
LIMIT_SOURCES = {
    2021: KAMPEN,
    2022: f"{RENT_TABLE}; de referentie noemt voor 2022 geen afzonderlijke bron",
    2023: f"{RENT_TABLE}; woonbond.nl 'aftoppingsgrens' en 'normen en grenzen huurtoeslag'",
    2024: f"{RENT_TABLE}; woonbond.nl 'aftoppingsgrens' en 'normen en grenzen huurtoeslag'",
    2025: f"{RENT_TABLE}; huurstunt.nl (aftoppingsgrenzen 2025)",
    2026: f"{RENT_TABLE}; rijksoverheid.nl en toeslagen, aankondigingen november 2025",
}
LIMIT_NOTES = {
    (2026, "kwaliteitskortingsgrens"): "Vanaf 2026 alleen voor 18- tot en met 20-jarigen.",
    (2026, "huurtoeslaggrens"): "Vanaf 2026 geen maximale huur voor huurtoeslag meer; tot dit bedrag wordt toeslag berekend.",
}
LIMIT_KINDS = ("kwaliteitskortingsgrens", "lage_aftoppingsgrens", "hoge_aftoppingsgrens", "huurtoeslaggrens")

INCOME_SOURCE = f"{FILE}, inkomensgrenzen"
DAEB = {
    2021: ("40024", "40024"),
    2022: ("40765", "45014"),
    2023: ("44035", "48625"),
    2024: ("47699", "52671"),
    2025: ("49669", "54847"),
    2026: ("51537", "56910"),
}
FIT = {  # passend toewijzen: 1 p, more p, 1 p AOW, more p AOW
    2021: (None, None, None, None),
    2022: ("24075", "32675", "23975", "32550"),
    2023: ("25475", "34575", "25075", "33800"),
    2024: (None, None, None, None),
    2025: ("28375", "38500", "27775", "37350"),
    2026: ("29400", "39925", "28775", "38650"),
}
MIDDLE_RENT = {2024: None, 2025: "1184.82", 2026: "1228.07"}
RENT_INCREASES = {
    2021: (None, NOT_GIVEN),
    2022: ("2.3", "2,3 %."),
    2023: ("2.6", "Gemiddeld 2,6 % toegestaan."),
    2024: (
        None,
        "Bronnen verschillen (5,8 % maximum per woning, 5,3 % wettelijk gemiddelde): "
        "vul de waarde in die u wilt gebruiken, met de bron.",
    ),
    2025: ("4.5", "5,0 % maximum, 4,5 % gemiddeld; de vooruitblik gebruikt het gemiddelde."),
    2026: ("4.1", "4,1 % vanaf 1 juli."),
}
RENT_SOURCE = f"{FILE}, toegestane huurverhogingen sociale huur"


def rows():
    for year, values in LIMITS.items():
        for kind, value in zip(LIMIT_KINDS, values):
            note = LIMIT_NOTES.get((year, kind), "" if value else NOT_VERIFIED)
            yield kind, year, value, LIMIT_SOURCES[year] if value else "", note
    for year, (single, multi) in DAEB.items():
        note = "In 2021 gold één grens voor alle huishoudens." if year == 2021 else ""
        yield "daeb_inkomensgrens_1p", year, single, INCOME_SOURCE, note
        yield "daeb_inkomensgrens_mp", year, multi, INCOME_SOURCE, note
    for year, values in FIT.items():
        for kind, value in zip(("passend_1p", "passend_mp", "passend_1p_aow", "passend_mp_aow"), values):
            yield kind, year, value, INCOME_SOURCE if value else "", "" if value else NOT_GIVEN
    for year, value in MIDDLE_RENT.items():
        note = "Wet betaalbare huur, vanaf 1 juli 2024: 144-186 WWS-punten." if value else NOT_GIVEN
        yield "middenhuur_bovengrens", year, value, f"{FILE}, middenhuur" if value else "", note
    for year, (value, note) in RENT_INCREASES.items():
        yield "huurverhoging", year, value, RENT_SOURCE if value else "", note


def seed(apps, schema_editor):
    ReferenceValue = apps.get_model("housing", "ReferenceValue")
    for kind, year, value, source, note in rows():
        ReferenceValue.objects.get_or_create(
            kind=kind, year=year, defaults={"value": value, "source": source, "note": note}
        )


class Migration(migrations.Migration):
    dependencies = [("housing", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
