"""The draft against the current covenant: side by side per theme, and as a Word redline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Covenant
from woonafspraken.renewal.compare_docx import DOCX_CONTENT_TYPE, comparison_docx
from woonafspraken.renewal.comparison import Comparison, Kind, Row
from woonafspraken.renewal.forms.compare import CompareFilterForm
from woonafspraken.renewal.permissions.compare import can_read_comparison
from woonafspraken.renewal.selectors.compare import (
    KIND_LABELS,
    PART_LABELS,
    compared_pair,
    covenant_comparison,
    row_label,
)


def _comparison(request: CovenantRequest) -> Comparison | None:
    pair = compared_pair(request.covenant)
    if pair is None:
        return None
    current, draft = pair
    if not can_read_comparison(request.user, current, draft):
        raise PermissionDenied(_("Only the parties to both covenants can compare them."))
    return covenant_comparison(current, draft)


def _row(row: Row) -> dict[str, Any]:
    return {
        "row": row,
        "label": row_label(row),
        "parts": [(PART_LABELS[part.part], part) for part in row.parts],
        "merged": Kind.MERGED in row.kinds,
    }


def compare_page(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    comparison = _comparison(request)
    if comparison is None:
        return render(request, "renewal/compare_none.html", {})
    form = CompareFilterForm(request.GET or None, themes=comparison.themes)
    shown = comparison
    if form.is_valid():
        shown = comparison.only(theme=form.cleaned_data["theme"], changes=form.cleaned_data["changes"])
    counts = comparison.counts()
    return render(
        request,
        "renewal/compare_page.html",
        {
            "comparison": shown,
            "form": form,
            "counts": [(KIND_LABELS[kind], counts[kind]) for kind in Kind if counts[kind]],
            "themes": [{"theme": theme, "rows": [_row(row) for row in theme.rows]} for theme in shown.themes],
            "docx_query": request.GET.urlencode(),
        },
    )


def compare_docx(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """The Word redline of the comparison (the page's filters apply); without a comparison, the page says why."""
    comparison = _comparison(request)
    if comparison is None:
        return redirect("renewal:compare", request.covenant.pk)
    form = CompareFilterForm(request.GET or None, themes=comparison.themes)
    if form.is_valid():
        comparison = comparison.only(theme=form.cleaned_data["theme"], changes=form.cleaned_data["changes"])
    today = timezone.localdate()
    response = HttpResponse(comparison_docx(comparison, today), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(request.covenant, today)}"'
    return response


def _filename(covenant: Covenant, today: dt.date) -> str:
    return f"vergelijking-{slugify(covenant.title)[:60]}-{today.isoformat()}.docx"
