from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def due_raw_from_agreements(apps, schema_editor):
    """The versions stored so far take their agreement's due moment: outside a draft it only changes by a
    corrected import (which rewrites version 1), so it is the best known value for the earlier ones too."""
    Agreement = apps.get_model("agreements", "Agreement")
    AgreementVersion = apps.get_model("agreements", "AgreementVersion")
    AgreementVersion.objects.update(
        due_raw=Subquery(Agreement.objects.filter(pk=OuterRef("agreement_id")).values("due_raw")[:1])
    )


class Migration(migrations.Migration):

    dependencies = [
        ("agreements", "0002_covenant_stage_and_lineage"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreementversion",
            name="due_raw",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="due moment as written"),
        ),
        migrations.RunPython(due_raw_from_agreements, migrations.RunPython.noop),
    ]
