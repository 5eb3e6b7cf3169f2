from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.reporting import ReportKind
from woonafspraken.reports.document import build_report
from woonafspraken.reports.formats import formats_for, get_format
from woonafspraken.reports.formats import render as render_report
from woonafspraken.reports.models import ReportJob
from woonafspraken.reports.scoreboard import scoreboard_pdf as render_scoreboard

KINDS: dict[str, ReportKind] = {"monitor": "monitor", "jaarschijf": "jaarschijf", "dashboard": "dashboard"}


def _year(request: HttpRequest, default: int) -> int:
    try:
        return int(request.GET.get("jaar", default))
    except ValueError:
        return default


def _years(covenant: Covenant) -> list[int]:
    return list(range(covenant.start_date.year, covenant.end_date.year + 2))


def report_index(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    today = timezone.localdate()
    years = _years(covenant)
    default = max(min(today.year - 1, years[-1]), years[0])
    year = _year(request, default)
    return render(
        request,
        "reports/index.html",
        {
            "years": years,
            "monitor_year": year,
            "plan_year": year if "jaar" in request.GET else min(today.year + 1, years[-1]),
            "monitor_formats": formats_for("monitor"),
            "jaarschijf_formats": formats_for("jaarschijf"),
            "recent_jobs": ReportJob.objects.filter(covenant=covenant)[:8],
        },
    )


def report_download(request: CovenantRequest, covenant_id: int, kind: str) -> HttpResponse:
    covenant = request.covenant
    report_kind = KINDS.get(kind)
    if report_kind is None:
        raise Http404(_("This report does not exist."))
    year = _year(request, timezone.localdate().year)
    if year not in _years(covenant):
        raise Http404(_("This covenant has no year %(year)s.") % {"year": year})
    try:
        fmt = get_format(request.GET.get("formaat", "pdf"), report_kind)
    except KeyError as error:
        raise Http404(str(error)) from error
    report = build_report(covenant, year, report_kind)
    response = HttpResponse(render_report(report, fmt.name), content_type=fmt.content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.filename_stem}.{fmt.extension}"'
    return response


def dashboard(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """The administrators' one page is the covenant's scoreboard (its start page); old links lead there."""
    return redirect("agreements:covenant", request.covenant.pk)


def scoreboard_pdf(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """The scoreboard as one A4 (status per theme, what needs attention now, the date, the example mark)."""
    covenant = request.covenant
    today = timezone.localdate()
    response = HttpResponse(render_scoreboard(covenant, today), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="scorebord-{covenant.pk}-{today.isoformat()}.pdf"'
    )
    return response
