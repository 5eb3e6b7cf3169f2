from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.documents.forms import DocumentImportForm, ReviewForm
from woonafspraken.documents.models import ImportReview, ReviewState
from woonafspraken.documents.parsing.model import DocumentParseError
from woonafspraken.documents.permissions import can_import, can_review
from woonafspraken.documents.reading.source import SourceKind, SourceReadError, SourceText, read_source
from woonafspraken.documents.selectors import review_preview
from woonafspraken.documents.services import (
    ImportRefusedError,
    import_review_correct,
    import_review_create,
    import_review_discard,
    import_review_store,
)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware: no anonymous visitor gets here
    return user


def _parse_error(error: DocumentParseError, source: SourceText | None) -> str:
    place = source.place(error.line) if source is not None else f"regel {error.line}"
    return _("%(message)s Nothing has been stored.") % {
        "message": f"{place[:1].upper()}{place[1:]}: {error.message}"
    }


def import_document(request: HttpRequest) -> HttpResponse:
    """Upload a document; once it is read, the review page shows what would be stored."""
    if not can_import(request.user):
        raise PermissionDenied(
            _("Only a coordinator of a municipality or an administrator can import documents.")
        )
    form = DocumentImportForm(request.POST or None, request.FILES or None)
    error_line = None
    if request.method == "POST" and form.is_valid():
        filename, data = form.cleaned_data["document"]
        source = None
        try:
            source = read_source(filename, data)
            review, _preview = import_review_create(
                filename=filename, data=data, source=source, user=_user(request)
            )
        except SourceReadError as error:
            form.add_error("document", _("%(message)s Nothing has been stored.") % {"message": error})
        except DocumentParseError as error:
            if source is not None and source.kind is SourceKind.TEXT:
                error_line = error.line  # the page marks the line of a text file
            form.add_error("document", _parse_error(error, source))
        except (ImportRefusedError, PermissionDenied) as error:
            form.add_error("document", _("%(message)s Nothing has been stored.") % {"message": error})
        else:
            return redirect("documents:review", review.pk)
    return render(request, "documents/import.html", {"form": form, "error_line": error_line})


ACTIONS = ("check", "store", "discard")


def review_import(request: HttpRequest, review_id: int) -> HttpResponse:
    """The review step: what the importer read, the coordinator's corrections, store or discard."""
    review = get_object_or_404(ImportReview.objects.select_related("covenant"), pk=review_id)
    if not can_review(request.user, review):
        raise PermissionDenied(
            _("Only the person who uploaded this document, or an administrator, can see it.")
        )
    if review.state == ReviewState.STORED and review.covenant is not None:
        return redirect("agreements:covenant", review.covenant.pk)
    if review.state != ReviewState.REVIEW:
        messages.info(request, _("This import was discarded; upload the document again."))
        return redirect("documents:import")
    user = _user(request)
    try:
        preview = review_preview(review=review, user=user)
    except DocumentParseError as error:  # read before; only a changed parser can get here
        messages.error(request, _parse_error(error, None))
        return redirect("documents:import")
    action = request.POST.get("action") if request.method == "POST" else None
    form = ReviewForm(request.POST if action in ("check", "store") else None, preview=preview)
    problem = ""
    if action == "discard":
        try:
            import_review_discard(review=review, user=user)
        except ImportRefusedError as error:  # stored or discarded meanwhile (another tab)
            messages.error(request, str(error))
            return redirect("documents:import")
        messages.info(request, _("The import was cancelled; nothing has been stored."))
        return redirect("documents:import")
    if action in ("check", "store") and form.is_valid():
        corrections = form.corrections()
        if corrections != preview.corrections:
            try:
                import_review_correct(review=review, corrections=corrections, user=user)
            except ImportRefusedError as error:
                messages.error(request, str(error))
                return redirect("documents:import")
            if action == "store":
                messages.warning(
                    request,
                    _(
                        "Your corrections have been applied, nothing has been stored yet. Check the result "
                        "and choose Store again."
                    ),
                )
            return redirect("documents:review", review.pk)
        if action == "check":
            return redirect("documents:review", review.pk)
        try:
            result = import_review_store(review=review, user=user)
        except DocumentParseError as error:
            problem = _parse_error(error, preview.source)
        except (ImportRefusedError, PermissionDenied) as error:
            problem = _("%(message)s Nothing has been stored.") % {"message": error}
        else:
            _report(request, result.covenant.title, result.agreements, result.changes, result.messages)
            return redirect("agreements:covenant", result.covenant.pk)
    elif action is None and request.method == "POST":
        return redirect("documents:review", review.pk)
    return render(
        request,
        "documents/review.html",
        {"review": review, "preview": preview, "form": form, "problem": problem},
    )


def _report(request: HttpRequest, title: str, agreements: int, changes: int, notes: tuple[str, ...]) -> None:
    if changes == 0:
        messages.info(request, _("This document had been imported before; nothing changed."))
    else:
        messages.success(
            request, _("%(title)s imported: %(count)s agreements.") % {"title": title, "count": agreements}
        )
    for note in notes:
        messages.info(request, note)
