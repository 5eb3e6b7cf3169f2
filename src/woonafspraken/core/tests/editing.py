"""Helpers for the optimistic-locking tests: read the edit token a page gave the user."""

from __future__ import annotations

import html
import re

from django.http import HttpResponse


def seen_token(response: HttpResponse | str, name: str = "edit_token", index: int = 0) -> str:
    """The value of the hidden ``name`` input on the page, as the browser would post it back."""
    page = response if isinstance(response, str) else response.content.decode()
    found = re.findall(rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', page)
    assert found, f"no hidden {name} on the page"
    return html.unescape(found[index])


CONFLICT_HEADING = "Iemand anders heeft dit intussen gewijzigd"
NOT_SAVED = "Uw wijziging is niet opgeslagen."
