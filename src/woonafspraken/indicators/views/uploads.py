"""Figures by file: upload a filled-in template, download one per organisation and period."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.tabular import TabularImportError, write_csv, write_xlsx
from woonafspraken.core.writers import CONTENT_TYPES
from woonafspraken.indicators import arithmetic as ar
from woonafspraken.indicators.forms import FiguresUploadForm, TemplateForm
from woonafspraken.indicators.permissions import can_enter_anything
from woonafspraken.indicators.selectors import template_rows
from woonafspraken.indicators.services import figures_sheet, observations_import


def _template_organisations(user: User, covenant: Covenant) -> list[Organisation]:
    parties = [org for org in covenant.parties.all() if org.kind != OrganisationKind.TENANT_ORGANISATION]
    if user.is_superuser or user.role in ("administrator", "coordinator"):
        return parties
    return [org for org in parties if org.pk == user.organisation_id]


def figures_import(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """Upload a period's figures from a filled-in template; download templates per organisation and period."""
    covenant = request.covenant
    if not can_enter_anything(request.user):
        raise PermissionDenied(_("You may not enter figures."))
    user = request.user
    upload = FiguresUploadForm(request.POST or None, request.FILES or None)
    template_form = TemplateForm(
        request.GET if "periode" in request.GET else None,
        organisations=_template_organisations(user, covenant),
        initial={
            "period": ar.Period.containing(ar.PeriodKind.QUARTER, timezone.localdate()).key,
            "format": "xlsx",
        },
        prefix="sjabloon",
    )
    errors: list[str] = []
    if request.method == "POST" and upload.is_valid():
        file = upload.cleaned_data["file"]
        try:
            result = observations_import(
                covenant=covenant, user=user, content=file.read(), filename=file.name
            )
        except TabularImportError as error:
            errors = [str(item) for item in error.errors[:100]]
            if len(error.errors) > 100:
                errors.append(_("… and %(n)s more problems.") % {"n": len(error.errors) - 100})
        else:
            messages.success(
                request,
                _("%(rows)s figures read: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
                % {
                    "rows": result.rows,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("indicators:index", covenant.pk)
    return render(
        request,
        "indicators/import.html",
        {
            "upload": upload,
            "template_form": template_form,
            "errors": errors,
        },
    )


def figures_template(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    if not can_enter_anything(request.user):
        raise PermissionDenied(_("You may not enter figures."))
    user = request.user
    form = TemplateForm(request.GET, organisations=_template_organisations(user, covenant), prefix="sjabloon")
    if not form.is_valid():
        return render(
            request,
            "indicators/import.html",
            {
                "upload": FiguresUploadForm(),
                "template_form": form,
                "errors": [],
            },
        )
    organisation: Organisation = form.cleaned_data["organisation"]
    period: ar.Period = form.cleaned_data["period"]
    fmt = form.cleaned_data["format"]
    sheet = figures_sheet(
        info=[
            ("Convenant", covenant.title),
            ("Organisatie", organisation.name),
            ("Periode", period.key),
            (
                _("Please note"),
                _("Fill in the column Waarde; empty values are skipped. Do not change Code and Periode."),
            ),
        ]
    )
    rows = template_rows(covenant, organisation=organisation, period=period)
    content = write_xlsx(sheet, rows) if fmt == "xlsx" else write_csv(sheet, rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    safe_name = "".join(char if char.isalnum() else "-" for char in organisation.name)
    response["Content-Disposition"] = f'attachment; filename="indicatoren-{safe_name}-{period.key}.{fmt}"'
    return response
