"""The national comparison page, its download, and a covenant's opt-in form."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.core.forms import call_service
from woonafspraken.core.verdicts import STATUS_CSS, STATUS_LABELS, STATUS_ORDER
from woonafspraken.core.writers import CONTENT_TYPES
from woonafspraken.national.concreteness import CRITERIA, MAX_SCORE
from woonafspraken.national.forms import ComparisonOptInForm
from woonafspraken.national.permissions import can_opt_in, can_read_comparison
from woonafspraken.national.presentation import FORMATS, comparison_file, file_name
from woonafspraken.national.selectors import compared_covenants, comparison
from woonafspraken.national.services import covenant_comparison_set


def comparison_page(request: HttpRequest) -> HttpResponse:
    """Per theme, the covenants that opted in side by side: agreements per status and how concrete they
    are. ``?convenant=<id>`` adds that covenant's agreements one by one with the words that scored."""
    require(
        can_read_comparison(request.user),
        _(
            "Only national readers and the coordinators of covenants that take part see the national comparison."
        ),
    )
    covenants = compared_covenants()
    result = comparison(timezone.localdate(), covenants=covenants)
    detail = None
    detail_rows = []
    chosen = request.GET.get("convenant", "")
    if chosen:
        detail = next((covenant for covenant in covenants if str(covenant.pk) == chosen), None)
        if detail is None:
            raise Http404(_("This covenant takes no part in the national comparison."))
        detail_rows = [row for row in result.agreements if row.covenant.pk == detail.pk]
    return render(
        request,
        "national/comparison.html",
        {
            "result": result,
            "total": result.total,
            "detail": detail,
            "detail_rows": detail_rows,
            "columns": [(status, str(STATUS_LABELS[status]), STATUS_CSS[status]) for status in STATUS_ORDER],
            "criteria": CRITERIA,
            "max_score": MAX_SCORE,
            "formats": FORMATS,
        },
    )


def comparison_download(request: HttpRequest, fmt: str) -> HttpResponse:
    require(
        can_read_comparison(request.user),
        _(
            "Only national readers and the coordinators of covenants that take part see the national comparison."
        ),
    )
    if fmt not in FORMATS:
        raise Http404(_("Unknown format."))
    result = comparison(timezone.localdate())
    response = HttpResponse(comparison_file(result, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name(result, fmt)}"'
    return response


def comparison_opt_in(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """The coordinator's choice whether this covenant takes part in the national comparison."""
    covenant = request.covenant
    require(
        can_opt_in(request.user, covenant),
        _("Only the coordinator of the covenant decides whether it takes part in the national comparison."),
    )
    form = ComparisonOptInForm(
        request.POST if request.method == "POST" else None,
        initial={"in_comparison": covenant.in_national_comparison},
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            covenant_comparison_set,
            covenant=covenant,
            user=request.user,
            in_comparison=form.cleaned_data["in_comparison"],
        )
        if saved is not None:
            messages.success(
                request,
                _("This covenant now takes part in the national comparison.")
                if saved.in_national_comparison
                else _("This covenant no longer takes part in the national comparison."),
            )
            return redirect("agreements:covenant", covenant.pk)
    return render(request, "national/opt_in.html", {"form": form})
