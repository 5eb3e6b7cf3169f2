"""Every target says where it comes from: the agreement, an adopted jaarschijf, or a national reference.

Existing targets of the Kampen catalogue get the provenance of the corrected catalogue (the national
norms on 1.3.2, 2.1.1 and 4.1.3 become references; the CO2 ambition gets direction "higher is better",
as no interim path is invented any more). Other targets: "agreement" when their source quotes an agreement,
else "reference"; a target without any source gets one that says so, and never judges.
"""

from decimal import Decimal

from django.conf import settings
from django.db import migrations, models

from woonafspraken.indicators.seeds import KAMPEN

UNKNOWN = (
    "Herkomst onbekend: vastgelegd voordat de herkomst van doelen werd bijgehouden. Neem het over in een "
    "jaarschijf als de partijen het hebben afgesproken."
)


def provenance(apps, schema_editor):
    Target = apps.get_model("indicators", "Target")
    Indicator = apps.get_model("indicators", "Indicator")
    seeded = {
        (seed.code, target.kind, Decimal(str(target.value)), target.first_year, target.last_year): target
        for seed in KAMPEN
        for target in seed.targets
    }
    for target in Target.objects.select_related("indicator"):
        key = (
            target.indicator.code,
            target.kind,
            Decimal(target.value).normalize(),
            target.first_year,
            target.last_year,
        )
        match = next(
            (
                seed
                for (code, kind, value, first, last), seed in seeded.items()
                if (code, kind, value.normalize(), first, last) == key
            ),
            None,
        )
        if match is not None:
            target.source_kind = match.source_kind
            target.source = match.source
        elif not target.source.strip():
            target.source_kind = "reference"
            target.source = UNKNOWN
        else:
            target.source_kind = "agreement" if "fspraak" in target.source else "reference"
        target.save(update_fields=["source_kind", "source"])
    Indicator.objects.filter(code="duurzaamheid.co2-reductie", direction="band").update(
        direction="higher_is_better"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("agreements", "0001_initial"),
        ("indicators", "0002_demo_partial_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaltarget",
            name="source_kind",
            field=models.CharField(
                choices=[
                    ("agreement", "the agreement"),
                    ("annual_plan", "a jaarschijf adopted by the parties"),
                    ("reference", "a national reference (for comparison)"),
                ],
                default="agreement",
                help_text="Only targets from the agreement or an adopted jaarschijf judge; a reference is for comparison.",
                max_length=16,
                verbose_name="comes from",
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="source_kind",
            field=models.CharField(
                choices=[
                    ("agreement", "the agreement"),
                    ("annual_plan", "a jaarschijf adopted by the parties"),
                    ("reference", "a national reference (for comparison)"),
                ],
                default="agreement",
                help_text="Only targets from the agreement or an adopted jaarschijf judge; a reference is for comparison.",
                max_length=16,
                verbose_name="comes from",
            ),
        ),
        migrations.AlterField(
            model_name="historicaltarget",
            name="source",
            field=models.TextField(help_text="Where the target comes from, quoted.", verbose_name="source"),
        ),
        migrations.AlterField(
            model_name="target",
            name="source",
            field=models.TextField(help_text="Where the target comes from, quoted.", verbose_name="source"),
        ),
        migrations.RunPython(provenance, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="target",
            constraint=models.CheckConstraint(
                condition=models.Q(("source_kind__in", ["agreement", "annual_plan", "reference"])),
                name="target_source_kind_known",
            ),
        ),
        migrations.AddConstraint(
            model_name="target",
            constraint=models.CheckConstraint(
                condition=models.Q(("source", ""), _negated=True), name="target_has_source"
            ),
        ),
    ]
