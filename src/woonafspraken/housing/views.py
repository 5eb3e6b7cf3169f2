from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import is_administrator
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.formatting import format_date
from woonafspraken.core.forms import call_service
from woonafspraken.core.locking import TOKEN_FIELD, edit_token
from woonafspraken.core.tabular import TabularImportError
from woonafspraken.core.writers import CONTENT_TYPES
from woonafspraken.housing import permissions, presentation, selectors, services
from woonafspraken.housing.constants import ReferenceKind
from woonafspraken.housing.domain import latest_complete, newer_partial
from woonafspraken.housing.evidence import ended_until
from woonafspraken.housing.forms import (
    AssumptionsForm,
    PipelineTemplateForm,
    RealisedChoiceForm,
    RealisedForm,
    StockTemplateForm,
    UploadForm,
)
from woonafspraken.housing.lookahead import resolve_assumptions
from woonafspraken.housing.models import LookAheadAssumption, Project, ProjectYear, ReferenceValue, Withdrawal
from woonafspraken.housing.sheets import pipeline_template, stock_info, stock_template


def overview(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    return _housing_page(request, request.covenant, None)


def corporation(request: CovenantRequest, covenant_id: int, organisation_id: int) -> HttpResponse:
    covenant = request.covenant
    organisation = next(
        (org for org in selectors.covenant_builders(covenant) if org.pk == organisation_id), None
    )
    if organisation is None:
        raise Http404(_("This organisation has no figures in this covenant."))
    return _housing_page(request, covenant, organisation)


def _chosen_date(request: CovenantRequest, dates: list[dt.date], default: dt.date | None) -> dt.date | None:
    wanted = request.GET.get("peildatum")
    if wanted:
        try:
            day = dt.date.fromisoformat(wanted)
        except ValueError:
            messages.error(request, _("'%(value)s' is not a date (use YYYY-MM-DD).") % {"value": wanted})
        else:
            if day in dates:
                return day
            messages.error(
                request, _("There are no stock figures for %(date)s.") % {"date": format_date(day)}
            )
    return default or (dates[0] if dates else None)


def _housing_page(
    request: CovenantRequest, covenant: Covenant, organisation: Organisation | None
) -> HttpResponse:
    today = timezone.localdate()
    organisation_id = organisation.pk if organisation else None
    limits = selectors.reference_limits()
    dates = selectors.stock_dates(covenant, organisation_id)
    # The municipal picture: the last reference date on which every corporation delivered, and the
    # newer dates that still wait for someone.
    deliveries = selectors.stock_deliveries(covenant) if organisation is None else []
    complete = latest_complete(deliveries)
    waiting = newer_partial(deliveries)
    date = _chosen_date(request, dates, complete.date if complete else None)
    stock = (
        selectors.stock_table(covenant, date, corporation_id=organisation_id, limits=limits) if date else None
    )
    pipeline = selectors.pipeline_table(covenant, organisation_id)
    figures = selectors.new_build_figures(covenant)
    if organisation is not None:
        years = figures.social_by_corporation.get(organisation.name, [])
        target_value = None  # the target is for the corporations together
    else:
        years = figures.social
        target_value = selectors.social_target_value(covenant)
    if organisation is None:
        # The total starts from the last reference date on which every corporation delivered; it names
        # a corporation whose outlook cannot be computed (its own look-ahead is on its page).
        views = selectors.lookahead(covenant, until=complete.date if complete else None)[-1:]
    else:
        views = selectors.lookahead(covenant, organisation_id)
    builders = selectors.covenant_builders(covenant)
    corporations = [org for org in builders if org.kind == "corporatie"]
    editable = permissions.editable_organisations(request.user, covenant, builders)
    charts: dict[str, Any] = {}
    if stock and stock.blocks:
        charts["stock"] = presentation.stock_chart(stock, stock.blocks[-1])
    until_year = ended_until(today.year, today.month, today.day)
    if years:
        title = _("New social rented homes per year") + (f", {organisation.name}" if organisation else "")
        charts["new_build"] = presentation.new_build_chart(
            years, target_value, title=title, until_year=until_year
        )
        charts["cumulative"] = presentation.cumulative_chart(years, target_value)
    lookahead_charts = [
        (view, presentation.lookahead_chart(view, slug=f"vooruitblik-{view.organisation_id or 'totaal'}"))
        for view in views
        if view.rows
    ]
    return render(
        request,
        "housing/overview.html",
        {
            "organisation": organisation,
            "stock": stock,
            "dates": dates,
            "complete": complete,
            "waiting": waiting,
            "pipeline": pipeline,
            "agreements": selectors.housing_agreements(covenant, today) if organisation is None else [],
            "charts": charts,
            "lookahead_charts": lookahead_charts,
            "lookahead_problems": [view for view in views if view.problem and not view.rows],
            "corporations": corporations,
            "builders": [
                org
                for org in builders
                if org.kind == "corporatie" or org.pk in {block.organisation_id for block in pipeline.blocks}
            ],
            "checks": selectors.appendix_checks(covenant) if organisation is None else [],
            "can_deliver": bool(editable),
            "can_edit_assumptions": permissions.can_edit_assumptions(request.user, covenant),
            "realised_form": RealisedChoiceForm(
                organisations=[org for org in builders if org.pk in editable],
                years=[y for y in pipeline.years if y <= today.year],
            )
            if editable
            else None,
            "any_demo": (stock.is_demo if stock else False) or pipeline.any_demo,
            "default_new_build_class": selectors.DEFAULT_NEW_BUILD_CLASS,
            "basis_labels": presentation.BASIS_LABELS,
        },
    )


# -- delivering figures --------------------------------------------------------------------------------
def _deliverable(
    request: CovenantRequest, covenant: Covenant
) -> tuple[list[Organisation], list[Organisation]]:
    """(corporations, corporations and municipality) whose figures this user may deliver."""
    builders = selectors.covenant_builders(covenant)
    editable = set(permissions.editable_organisations(request.user, covenant, builders))
    if not editable:
        raise PermissionDenied(
            _("Only the corporations, the coordinators and administrators deliver figures.")
        )
    allowed = [org for org in builders if org.pk in editable]
    return [org for org in allowed if org.kind == "corporatie"], allowed


def deliver(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    corporations, organisations = _deliverable(request, covenant)
    return _deliver_page(request, covenant, corporations, organisations)


def _deliver_page(
    request: CovenantRequest,
    covenant: Covenant,
    corporations: list[Organisation],
    organisations: list[Organisation],
    *,
    stock_upload: UploadForm | None = None,
    pipeline_upload: UploadForm | None = None,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    default_date = (
        dt.date(today.year, 7, 1) if today >= dt.date(today.year, 7, 1) else dt.date(today.year - 1, 7, 1)
    )
    return render(
        request,
        "housing/deliver.html",
        {
            "stock_template_form": StockTemplateForm(
                corporations=corporations, initial={"date": default_date, "format": "xlsx"}
            ),
            "pipeline_template_form": PipelineTemplateForm(
                organisations=organisations, initial={"format": "xlsx"}
            ),
            "stock_upload": stock_upload or UploadForm(prefix="stock"),
            "pipeline_upload": pipeline_upload or UploadForm(prefix="pipeline"),
            "errors": errors or {},
        },
        status=status,
    )


def stock_template_download(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    corporations, organisations = _deliverable(request, covenant)
    form = StockTemplateForm(request.GET, corporations=corporations)
    if not form.is_valid():
        return _deliver_page(request, covenant, corporations, organisations, status=400)
    corporation_obj: Organisation = form.cleaned_data["corporation"]
    date: dt.date = form.cleaned_data["date"]
    fmt: str = form.cleaned_data["format"]
    limits = selectors.reference_limits().get(date.year, {})
    info = stock_info(
        covenant_title=covenant.title, corporation=corporation_obj.name, date=date, limits=limits
    )
    content = stock_template(
        fmt=fmt, info=info, rows=selectors.stock_template_rows(covenant, corporation_obj, date)
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    filename = f"woningvoorraad-{corporation_obj.name}-{date.isoformat()}.{fmt}".replace(" ", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pipeline_template_download(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    corporations, organisations = _deliverable(request, covenant)
    form = PipelineTemplateForm(request.GET, organisations=organisations)
    if not form.is_valid():
        return _deliver_page(request, covenant, corporations, organisations, status=400)
    chosen: Organisation | None = form.cleaned_data["organisation"]
    fmt: str = form.cleaned_data["format"]
    ids = [chosen.pk] if chosen else [org.pk for org in organisations]
    info = [("Convenant", covenant.title), ("Gedownload op", format_date(timezone.localdate()))]
    content = pipeline_template(fmt=fmt, info=info, rows=selectors.pipeline_template_rows(covenant, ids))
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = chosen.name.replace(" ", "-") if chosen else "alle"
    response["Content-Disposition"] = f'attachment; filename="nieuwbouw-{name}.{fmt}"'
    return response


def stock_upload(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    return _upload(request, covenant_id, "stock")


def pipeline_upload(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    return _upload(request, covenant_id, "pipeline")


def _upload(request: CovenantRequest, covenant_id: int, what: str) -> HttpResponse:
    covenant = request.covenant
    corporations, organisations = _deliverable(request, covenant)
    if request.method != "POST":
        return redirect("housing:deliver", covenant.pk)
    form = UploadForm(request.POST, request.FILES, prefix=what)
    if form.is_valid():
        filename, content = form.cleaned_data["file"]
        service = services.stock_upload if what == "stock" else services.pipeline_upload
        user = request.user
        assert isinstance(user, User)
        try:
            result = service(covenant=covenant, user=user, content=content, filename=filename)
        except TabularImportError as error:
            return _deliver_page(
                request,
                covenant,
                corporations,
                organisations,
                stock_upload=form if what == "stock" else None,
                pipeline_upload=form if what == "pipeline" else None,
                errors={what: [str(e) for e in error.errors]},
                status=400,
            )
        if result.changed == 0:
            messages.info(
                request, _("The file has been read; all figures were already stored, nothing changed.")
            )
        else:
            messages.success(
                request,
                _(
                    "The file has been read: %(created)s new and %(updated)s changed figures, %(unchanged)s unchanged."
                )
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
        for note in result.notes:
            messages.info(request, note)
        return redirect("housing:overview", covenant.pk)
    return _deliver_page(
        request,
        covenant,
        corporations,
        organisations,
        stock_upload=form if what == "stock" else None,
        pipeline_upload=form if what == "pipeline" else None,
        status=400,
    )


def realised_choose(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    _corporations, organisations = _deliverable(request, covenant)
    try:
        organisation_id = int(request.GET.get("organisation", ""))
        year = int(request.GET.get("year", ""))
    except ValueError:
        return redirect("housing:overview", covenant.pk)
    if organisation_id not in {org.pk for org in organisations}:
        raise PermissionDenied(_("You cannot enter figures for this organisation."))
    return redirect("housing:realised", covenant.pk, organisation_id, year)


def realised(request: CovenantRequest, covenant_id: int, organisation_id: int, year: int) -> HttpResponse:
    covenant = request.covenant
    organisation = next(
        (org for org in selectors.covenant_builders(covenant) if org.pk == organisation_id), None
    )
    if organisation is None:
        raise Http404(_("This organisation has no figures in this covenant."))
    if not permissions.can_edit_figures(request.user, covenant, organisation.pk):
        raise PermissionDenied(_("You cannot enter figures for this organisation."))
    projects = list(Project.objects.filter(covenant=covenant, organisation=organisation).order_by("name"))
    rows = {row.project_id: row for row in ProjectYear.objects.filter(project__in=projects, year=year)}
    withdrawals = {
        row.kind: row
        for row in Withdrawal.objects.filter(covenant=covenant, corporation=organisation, year=year)
    }
    form = RealisedForm(
        request.POST or None,
        projects=projects,
        initial_projects={pk: row.realised for pk, row in rows.items()},
        initial_withdrawals={kind: row.realised for kind, row in withdrawals.items()},
        initial={
            TOKEN_FIELD: edit_token(
                *services.realised_rows(covenant, organisation, year, [p.pk for p in projects])
            )
        },
    )
    if request.method == "POST" and form.is_valid():
        changes = call_service(
            form,
            services.realised_update,
            covenant=covenant,
            user=request.user,
            organisation=organisation,
            year=year,
            projects=form.projects(),
            withdrawals=form.withdrawals() if organisation.kind == "corporatie" else {},
            expected=form.seen,
        )
        if changes is not None:
            messages.success(
                request,
                _("Realised figures of %(organisation)s for %(year)s saved (%(count)s changed).")
                % {"organisation": organisation.name, "year": year, "count": changes},
            )
            return redirect("housing:corporation", covenant.pk, organisation.pk)
    planned = {pk: row.planned for pk, row in rows.items()}
    demo = {pk for pk, row in rows.items() if row.realised_is_demo} | {
        kind for kind, row in withdrawals.items() if row.realised_is_demo
    }
    project_rows = [
        (field, planned.get(project.pk), project.pk in demo)
        for project, field in zip(projects, form.project_fields(), strict=True)
    ]
    withdrawal_rows = [
        (field, withdrawals[kind].planned if kind in withdrawals else None, kind in demo)
        for kind, field in zip(
            (f.removeprefix("withdrawal_") for f in form.fields if f.startswith("withdrawal_")),
            form.withdrawal_fields(),
            strict=True,
        )
    ]
    return render(
        request,
        "housing/realised.html",
        {
            "organisation": organisation,
            "year": year,
            "form": form,
            "project_rows": project_rows,
            "withdrawal_rows": withdrawal_rows if organisation.kind == "corporatie" else [],
        },
    )


def assumptions(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    if not permissions.can_edit_assumptions(request.user, covenant):
        raise PermissionDenied(_("Only coordinators and the corporations' editors change the look-ahead."))
    dates = selectors.stock_dates(covenant)
    start_year = (dates[0] if dates else timezone.localdate()).year
    years = list(range(start_year + 1, start_year + selectors.LOOKAHEAD_YEARS + 1))
    stored = {
        row.year: (row.rent_increase, row.limit_indexation)
        for row in LookAheadAssumption.objects.filter(covenant=covenant)
    }
    form = AssumptionsForm(
        request.POST or None,
        years=years,
        initial_values=stored,
        initial={TOKEN_FIELD: edit_token(services.assumption_rows(covenant, years))},
    )
    if request.method == "POST" and form.is_valid():
        changed = call_service(
            form,
            services.lookahead_assumptions_save,
            covenant=covenant,
            user=request.user,
            values=form.values(),
            expected=form.seen,
        )
        if changed is not None:
            messages.success(
                request, _("Look-ahead assumptions saved (%(count)s years changed).") % {"count": changed}
            )
            return redirect(reverse("housing:overview", args=[covenant.pk]) + "#vooruitblik")
    try:
        _limits, resolved = resolve_assumptions(
            start_year=start_year,
            horizon=selectors.LOOKAHEAD_YEARS,
            limits=selectors.reference_limits(),
            rent_increases=selectors.reference_rent_increases(),
            entered={},
        )
    except ValueError:
        resolved = []
    return render(
        request,
        "housing/assumptions.html",
        {
            "form": form,
            "defaults": {item.year: item for item in resolved},
            "basis_labels": presentation.BASIS_LABELS,
        },
    )


def reference(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    values = list(ReferenceValue.objects.order_by("kind", "year"))
    years = sorted({value.year for value in values})
    by_kind: dict[str, dict[int, ReferenceValue]] = {}
    for value in values:
        by_kind.setdefault(value.kind, {})[value.year] = value
    rows = [
        (label, [by_kind.get(kind, {}).get(year) for year in years])
        for kind, label in ReferenceKind.choices
        if kind in by_kind
    ]
    return render(
        request,
        "housing/reference.html",
        {
            "years": years,
            "rows": rows,
            "values": values,
            "is_administrator": is_administrator(request.user),
        },
    )
