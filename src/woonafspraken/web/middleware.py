"""Covenant pages are for the covenant's parties: one check for every URL with a covenant in it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from woonafspraken.accounts.permissions import can_read_covenant
from woonafspraken.agreements.models import Covenant


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
        request.covenant = covenant  # type: ignore[attr-defined]
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        """An error page (a refusal, a missing item) is no page of the covenant: it shows no covenant menu."""
        vars(request).pop("covenant", None)
        return None
