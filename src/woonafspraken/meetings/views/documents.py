"""Pages of the shared documents: the list, share one, download, remove."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.core.forms import call_service
from woonafspraken.meetings import permissions, services
from woonafspraken.meetings.forms import DocumentForm
from woonafspraken.meetings.models import SharedDocument


def document_list(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    documents = list(
        SharedDocument.objects.filter(covenant=covenant)
        .select_related("owner", "meeting__meeting_type")
        .prefetch_related("agreements")
    )
    removable = permissions.removable_documents(user, covenant, documents)
    for document in documents:
        document.removable = document.pk in removable  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/document_list.html",
        {"documents": documents, "can_share": permissions.can_share_document(user, covenant)},
    )


def document_new(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    covenant = request.covenant
    user = request.user
    if not permissions.can_share_document(user, covenant):
        raise PermissionDenied(_("Only staff of a party share documents."))
    initial = {"meeting": request.GET["overleg"]} if request.GET.get("overleg", "").isdigit() else {}
    form = DocumentForm(request.POST or None, request.FILES or None, covenant=covenant, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = call_service(
            form, services.document_share,
            covenant=covenant, user=user, upload=data["file"], title=data["title"], kind=data["kind"],
            description=data["description"], agreements=data["agreements"], meeting=data["meeting"],
        )  # fmt: skip
        if document is not None:
            messages.success(request, _("Document shared."))
            return redirect("meetings:documents", covenant.pk)
    return render(request, "meetings/document_new.html", {"form": form})


def document_download(request: CovenantRequest, covenant_id: int, pk: int) -> FileResponse:
    document = get_object_or_404(SharedDocument, covenant_id=covenant_id, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is no longer stored.")) from error
    return FileResponse(handle, as_attachment=True, filename=document.filename)


@require_POST
def document_remove(request: CovenantRequest, covenant_id: int, pk: int) -> HttpResponse:
    document = get_object_or_404(
        SharedDocument.objects.select_related("covenant"), covenant_id=covenant_id, pk=pk
    )
    services.document_remove(document=document, user=request.user)
    messages.success(request, _("Document removed."))
    return redirect("meetings:documents", covenant_id)
