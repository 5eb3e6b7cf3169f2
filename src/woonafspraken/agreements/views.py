from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.permissions import can_manage_covenant
from woonafspraken.agreements.forms import AgreementAmendForm, AgreementFilterForm
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Agreement, CovenantStage, Theme
from woonafspraken.agreements.scoreboard import attention, my_work, scoreboard
from woonafspraken.agreements.selectors import (
    AgreementFilter,
    agreement_detail,
    agreement_list,
    agreement_version_on,
    agreements_sorted,
    covenant_parties,
    covenant_status_on,
    covenant_successor_of,
    party_order,
    sort_by_party_order,
)
from woonafspraken.agreements.services import agreement_amend
from woonafspraken.core import registry
from woonafspraken.core.forms import call_service
from woonafspraken.core.verdicts import CovenantVerdicts, covenant_verdicts
from woonafspraken.core.writers import CONTENT_TYPES, FORMATS
from woonafspraken.core.writers import render as render_export


def covenant_home(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """A draft covenant is not judged and nobody works on it yet: its home says so at the top, with no
    attention or work lists; a covenant its signed successor ended names that successor."""
    covenant = request.covenant
    today = timezone.localdate()
    status = covenant_status_on(covenant, today)
    is_draft = covenant.stage == CovenantStage.DRAFT
    themes = covenant.themes.annotate(agreement_count=Count("agreements")).prefetch_related("sections")
    panels = []
    for panel in registry.panels:
        panel_context = panel.context(request, covenant)
        if panel_context is not None:
            panels.append({"template": panel.template, "context": panel_context})
    return render(
        request,
        "agreements/covenant_home.html",
        {
            "board": scoreboard(covenant, today),
            "attention": [] if is_draft else attention(covenant, today),
            "organisation": request.user.organisation,
            "my_work": [] if is_draft else my_work(covenant, request.user.organisation, today),
            "is_draft": is_draft,
            "successor": covenant_successor_of(covenant) if status.ended_by_successor else None,
            "parties": covenant_parties(covenant),
            "signatories": covenant.signatories.select_related("organisation"),
            "status": status,
            "extension_years": _whole_years(covenant.automatic_extension_months),
            "today": today,
            "themes": themes,
            "agreement_count": covenant.agreements.count(),
            "panels": panels,
            "sources": covenant.source_documents.select_related("imported_by").only(
                "filename", "imported_at", "imported_by__username", "changes", "covenant_id"
            )[:5],
            "exports": [e for e in registry.exports if not e.needs_year],
        },
    )


def _whole_years(months: int | None) -> int | None:
    return months // 12 if months and months % 12 == 0 else None


def theme_detail(request: CovenantRequest, covenant_id: int, number: int) -> HttpResponse:
    covenant = request.covenant
    theme = get_object_or_404(Theme.objects.prefetch_related("sections"), covenant=covenant, number=number)
    agreements = _with_verdicts(
        list(agreement_list(covenant).filter(theme=theme)), covenant_verdicts(covenant, timezone.localdate())
    )
    order = party_order(covenant)
    groups: list[dict[str, Any]] = []
    for section in [None, *theme.sections.all()]:
        items = [a for a in agreements if a.section_id == (section.pk if section else None)]
        if items:
            groups.append({"section": section, "agreements": _with_sorted_parties(items, order)})
    siblings = list(covenant.themes.order_by("number").values_list("number", "title"))
    return render(
        request,
        "agreements/theme_detail.html",
        {
            "theme": theme,
            "groups": groups,
            "footnotes": covenant.footnotes.all(),
            "siblings": siblings,
        },
    )


def _with_verdicts(agreements: list[Agreement], verdicts: CovenantVerdicts) -> list[Agreement]:
    """Each agreement with its verdict (``core.verdicts``), for the status badge."""
    for agreement in agreements:
        agreement.verdict = verdicts[agreement.number]  # type: ignore[attr-defined]
    return agreements


def _with_sorted_parties(agreements: list[Agreement], order: dict[int, int]) -> list[Agreement]:
    for agreement in agreements:
        agreement.sorted_parties = sort_by_party_order(list(agreement.parties.all()), order)  # type: ignore[attr-defined]
        agreement.sorted_leads = sort_by_party_order(list(agreement.leads.all()), order)  # type: ignore[attr-defined]
    return agreements


def agreement_list_view(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """The agreements as a working table: every filter and the order in the URL (a GET form), so a list
    can be shared; htmx swaps the results and keeps the URL."""
    covenant = request.covenant
    themes = list(covenant.themes.order_by("number"))
    parties = covenant_parties(covenant)
    form = AgreementFilterForm(request.GET or None, themes=themes, parties=parties)
    filters = AgreementFilter()
    status = sort = ""
    if form.is_valid():
        data = form.cleaned_data
        filters = AgreementFilter(
            theme=data["theme"],
            party=data["party"].pk if data["party"] else None,
            lead=data["lead"].pk if data["lead"] else None,
            query=data["q"] or "",
            has_concern=data["concern"],
        )
        status, sort = data["status"], data["sort"]
    today = timezone.localdate()
    verdicts = covenant_verdicts(covenant, today)
    agreements = _with_verdicts(list(agreement_list(covenant, filters)), verdicts)
    if status:
        agreements = [agreement for agreement in agreements if agreement.verdict.status == status]  # type: ignore[attr-defined]
    agreements = _with_sorted_parties(agreements_sorted(agreements, sort, verdicts), party_order(covenant))
    context = {
        "form": form,
        "agreements": agreements,
        "total": len(verdicts),
        "today": today,
        "filtered": any(
            (filters.theme, filters.party, filters.lead, filters.query, filters.has_concern, status, sort)
        ),
    }
    template = "agreements/_agreement_results.html" if request.htmx else "agreements/agreement_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def agreement_detail_view(request: CovenantRequest, covenant_id: int, number: str) -> HttpResponse:
    covenant = request.covenant
    try:
        agreement = agreement_detail(covenant, number)
    except Agreement.DoesNotExist as error:
        raise Http404(_("There is no agreement %(number)s in this covenant.") % {"number": number}) from error
    order = party_order(covenant)
    _with_sorted_parties([agreement], order)
    versions = list(agreement.versions.all())
    as_of = request.GET.get("op")
    as_of_version = None
    status_day = timezone.localdate()
    if as_of:
        try:
            as_of_day = dt.date.fromisoformat(as_of)
        except ValueError:
            messages.error(request, _("'%(value)s' is not a date (use YYYY-MM-DD).") % {"value": as_of})
        else:
            as_of_version = agreement_version_on(agreement, as_of_day)
            status_day = as_of_day
    footnotes = [f for f in covenant.footnotes.all() if f.marker in agreement.text]
    panels = []
    for panel in registry.agreement_panels:
        panel_context = panel.context(request, agreement)
        if panel_context is not None:
            panels.append({"template": panel.template, "context": panel_context})
    neighbours = list(covenant.agreements.order_by("order").values_list("number", flat=True))
    index = neighbours.index(agreement.number)
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "verdict": covenant_verdicts(covenant, status_day)[agreement.number],
            "status_day": status_day,
            "versions": versions,
            "as_of": as_of,
            "as_of_version": as_of_version,
            "footnotes": footnotes,
            "panels": panels,
            "previous": neighbours[index - 1] if index > 0 else None,
            "next": neighbours[index + 1] if index + 1 < len(neighbours) else None,
        },
    )


def agreement_amend_view(request: CovenantRequest, covenant_id: int, number: str) -> HttpResponse:
    covenant = request.covenant
    agreement = get_object_or_404(Agreement, covenant=covenant, number=number)
    if not can_manage_covenant(request.user, covenant):
        raise PermissionDenied(_("Only the coordinator can amend an agreement."))
    form = AgreementAmendForm(
        request.POST or None,
        initial={
            "text": agreement.text,
            "valid_from": timezone.localdate(),
            "expected_version": agreement.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        version = call_service(
            form,
            agreement_amend,
            agreement=agreement,
            user=request.user,
            text=form.cleaned_data["text"],
            valid_from=form.cleaned_data["valid_from"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["expected_version"],
        )
        if version is not None:
            messages.success(
                request,
                _("Agreement %(number)s amended: version %(version)s applies from %(date)s.")
                % {"number": agreement.number, "version": version.version, "date": version.valid_from},
            )
            return redirect("agreements:detail", covenant.pk, agreement.number)
    return render(
        request,
        "agreements/agreement_amend.html",
        {"agreement": agreement, "form": form, "conflict": form.conflict},
    )


def export_download(request: CovenantRequest, covenant_id: int, kind: str, fmt: str) -> HttpResponse:
    covenant = request.covenant
    export = registry.exports.get(kind)
    if export is None or fmt not in FORMATS or export.needs_year:
        raise Http404(_("This export does not exist."))
    content = render_export(export.as_data(covenant), export.as_tables(covenant), fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{kind}-{covenant.pk}.{fmt}"'
    return response
