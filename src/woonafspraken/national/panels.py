"""How the national comparison shows on a covenant's home page: whether the covenant takes part, and for
its coordinator the link to change that."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.registry import Panel, register_panel
from woonafspraken.national.permissions import can_opt_in


def home_context(request: HttpRequest, covenant: Covenant) -> dict[str, Any] | None:
    if covenant.stage == "draft":
        return None  # a draft is not judged, so it is not compared either
    return {
        "covenant": covenant,
        "in_comparison": covenant.in_national_comparison,
        "can_change": can_opt_in(request.user, covenant),
    }


register_panel(Panel(name="national", template="national/_panel_home.html", order=90, context=home_context))
