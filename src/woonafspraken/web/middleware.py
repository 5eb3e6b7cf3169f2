"""Middleware of the page shell: covenant pages only for the covenant's parties; a database that stays
busy beyond its timeout gets a Dutch page (503), not a server error (ADR 0006)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.utils import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from woonafspraken.accounts.permissions import can_read_covenant
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.verdicts import start_reading

logger = logging.getLogger(__name__)

# SQLite's messages for a write lock it waited for in vain ("table" under a shared cache, as in tests).
BUSY_MESSAGES = ("database is locked", "database table is locked")
RETRY_AFTER_SECONDS = 5


def is_database_busy(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and any(text in str(error).lower() for text in BUSY_MESSAGES)


def _resubmittable(request: HttpRequest) -> list[tuple[str, str]]:
    """The posted fields, to send again from the page with a fresh CSRF token. Not for a form with a
    password (the page would hold it) or a file (a page cannot hold one): the back button serves those."""
    if request.method != "POST" or request.FILES or any("password" in name.lower() for name in request.POST):
        return []
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]


class DatabaseBusyMiddleware:
    """Turn a view's "database is locked" into the page ``web/database_busy.html`` with status 503.

    The write's transaction has been rolled back, so nothing is half-stored. The page needs no database
    (no context processors): it is rendered while the database is busy. It offers to send the same
    input again; the browser's back button also returns to the form with the input still in it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_busy(exception):
            return None
        logger.warning(
            "Database busy beyond its timeout: %s %s (%s)", request.method, request.path, exception
        )
        fields = _resubmittable(request)
        context = {
            "posted": request.method == "POST",
            "fields": fields,
            "had_files": bool(request.FILES),
            "action": request.get_full_path(),
            "csrf_token": get_token(request) if fields else "",
        }
        response = HttpResponse(render_to_string("web/database_busy.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class CovenantAccessMiddleware:
    """Refuse every page under ``/convenanten/<covenant_id>/`` to people who are not party to it.

    It runs before the view, so a new page of a covenant is covered without doing anything; views
    still check what the user may change (in the services). The covenant it loaded is put on the
    request (``request.covenant``, see ``agreements.http.CovenantRequest``), so views and the
    ``covenant`` context processor do not load it again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        covenant_id = view_kwargs.get("covenant_id")
        if covenant_id is None or not request.user.is_authenticated:
            return None  # anonymous visitors are sent to the login page by LoginRequiredMiddleware
        covenant = Covenant.objects.filter(pk=covenant_id).first()
        if covenant is None:
            raise Http404(_("This covenant does not exist."))
        if not can_read_covenant(request.user, covenant):
            raise PermissionDenied(_("Only the parties to this covenant can see its pages."))
        # This covenant object lives for this request only: its verdicts are worked out once, however many
        # parts of the page ask (the home page's summary and panels, a report's sections).
        start_reading(covenant)
        request.covenant = covenant  # type: ignore[attr-defined]
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        """An error page (a refusal, a missing item) is no page of the covenant: it shows no covenant menu."""
        vars(request).pop("covenant", None)
        return None
