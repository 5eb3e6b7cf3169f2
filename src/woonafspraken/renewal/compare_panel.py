"""The comparison on the covenant's home page: a draft links to its comparison with the current covenant,
the current covenant to its comparison with the draft successor (``core.registry`` panels)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.registry import Panel, register_panel


def compare_panel(request: HttpRequest, covenant: Covenant) -> dict[str, Any] | None:
    """One query: the other covenant of the comparison, or nothing to show."""
    if covenant.predecessor_id is not None:
        other = Covenant.objects.filter(pk=covenant.predecessor_id).values_list("title", flat=True).first()
        is_draft = True
    else:
        other = covenant.successors.order_by("-start_date", "-pk").values_list("title", flat=True).first()
        is_draft = False
    if other is None:
        return None
    return {
        "other": other,
        "is_draft": is_draft,
        "url": reverse("renewal:compare", args=[covenant.pk]),
        "docx_url": reverse("renewal:compare_docx", args=[covenant.pk]),
    }


def register_compare() -> None:
    register_panel(
        Panel(name="renewal.compare", template="renewal/compare_panel.html", order=5, context=compare_panel)
    )
