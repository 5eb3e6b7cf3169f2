from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from woonafspraken.accounts.permissions import can_manage_covenant
from woonafspraken.documents.forms import DocumentImportForm
from woonafspraken.documents.parsing.model import DocumentParseError
from woonafspraken.documents.services import ImportRefusedError, document_import


def import_document(request: HttpRequest) -> HttpResponse:
    if not can_manage_covenant(request.user, None):
        raise PermissionDenied(
            _("Only a coordinator of a municipality or an administrator can import documents.")
        )
    form = DocumentImportForm(request.POST or None, request.FILES or None)
    error_line = None
    if request.method == "POST" and form.is_valid():
        filename, text = form.cleaned_data["document"]
        try:
            result = document_import(text=text, filename=filename, user=request.user)  # type: ignore[arg-type]
        except DocumentParseError as error:
            error_line = error.line
            form.add_error(
                "document",
                _("Line %(line)s: %(message)s Nothing has been stored.")
                % {"line": error.line, "message": error.message},
            )
        except (ImportRefusedError, PermissionDenied) as error:
            form.add_error("document", _("%(message)s Nothing has been stored.") % {"message": error})
        else:
            if result.changes == 0:
                messages.info(request, _("This document had been imported before; nothing changed."))
            else:
                messages.success(
                    request,
                    _("%(title)s imported: %(count)s agreements.")
                    % {"title": result.covenant.title, "count": result.agreements},
                )
            for message in result.messages:
                messages.info(request, message)
            for warning in result.warnings:
                messages.warning(
                    request,
                    _("Line %(line)s: %(message)s") % {"line": warning.line, "message": warning.message},
                )
            return redirect("agreements:covenant", result.covenant.pk)
    return render(request, "documents/import.html", {"form": form, "error_line": error_line})
