"""Existing installations: link tenant organisations to their corporation the way an import does now,
by reading each covenant's last imported text again (documents.parsing.parties.tenant_landlords). A
link already set is kept; a text that no longer parses is skipped (the administrator sets the link)."""

from django.db import migrations

from woonafspraken.documents.parsing.model import DocumentParseError
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.parsing.parties import tenant_landlords


def link_tenant_organisations(apps, schema_editor):
    organisations = apps.get_model("accounts", "Organisation").objects
    sources = apps.get_model("documents", "SourceDocument").objects.order_by("covenant_id", "-imported_at")
    seen = set()
    for source in sources:
        if source.covenant_id in seen:
            continue
        seen.add(source.covenant_id)
        try:
            document = parse_document(source.text)
        except DocumentParseError:
            continue
        for tenant, landlord in tenant_landlords(document.parties, document.signatories).items():
            corporation = organisations.filter(name=landlord, kind="corporatie").first()
            if corporation is not None:
                organisations.filter(
                    name=tenant, kind="huurdersorganisatie", represents_tenants_of__isnull=True
                ).update(represents_tenants_of=corporation)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("accounts", "0002_organisation_represents_tenants_of"),
    ]

    operations = [migrations.RunPython(link_tenant_organisations, migrations.RunPython.noop)]
