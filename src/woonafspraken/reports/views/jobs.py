"""Reports as jobs on the web: ask for one, follow its progress, download it when it is ready."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.accounts.permissions import can_read_covenant, require
from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.reports.constants import JobState
from woonafspraken.reports.formats import formats
from woonafspraken.reports.models import ReportJob
from woonafspraken.reports.services import report_job_request


def _job(request: CovenantRequest, pk: int) -> ReportJob:
    require(can_read_covenant(request.user, request.covenant))
    return get_object_or_404(
        ReportJob.objects.select_related("requested_by"), pk=pk, covenant=request.covenant
    )


@require_POST
def job_request(request: CovenantRequest, covenant_id: int, kind: str) -> HttpResponse:
    """The reports page's form: queue the report (or find it made already) and show its job."""
    index = reverse("reports:index", args=[request.covenant.pk])
    try:
        year = int(request.POST.get("jaar", ""))
    except ValueError:
        messages.error(request, _("Choose a year."))
        return redirect(index)
    try:
        job = report_job_request(
            covenant=request.covenant,
            kind=kind,
            year=year,
            fmt=request.POST.get("formaat", "pdf"),
            user=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(index)
    return redirect("reports:job", request.covenant.pk, job.pk)


def job_detail(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    """The job's page; htmx asks for its status part every second until the job is done or failed."""
    job = _job(request, pk)
    fmt = formats.get(job.format)
    context = {
        "job": job,
        "format_label": fmt.label if fmt else job.format,
        "events": list(job.events.all()),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "reports/_job_status.html", context | {"swap": True})
    return render(request, "reports/job.html", context)


def job_download(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponseBase:
    job = _job(request, pk)
    if job.state != JobState.DONE or not job.file:
        raise Http404(_("This report is not ready yet."))
    fmt = formats.get(job.format)
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:  # removed from the media folder, or a worker's folder not shared
        messages.error(request, _("The file of this report is no longer there; make the report again."))
        return redirect("reports:job", job.covenant_id, job.pk)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=job.filename,
        content_type=fmt.content_type if fmt else "application/octet-stream",
    )
