"""The request of a covenant page, as its views see it."""

from __future__ import annotations

from django.http import HttpRequest

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant


class CovenantRequest(HttpRequest):
    """A request for a page under ``/convenanten/<covenant_id>/``.

    ``web.middleware.CovenantAccessMiddleware`` has checked that the logged-in user may read the
    covenant and put it on the request, so a view uses ``request.covenant`` instead of loading it
    again. A type for the views' ``request`` argument only: Django still passes its own request.
    """

    user: User
    covenant: Covenant
