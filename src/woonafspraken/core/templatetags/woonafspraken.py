"""Template helpers: safe Markdown for user and document text, Dutch numbers and dates."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import markdown as markdown_lib
import nh3
from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from woonafspraken.core import formatting
from woonafspraken.core.formatting import format_number

register = template.Library()

_LIST_ITEM = re.compile(r"^(?:[-*] |\d+\. )")
_ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "br", "a", "blockquote", "code"}


def _blank_line_before_lists(text: str) -> str:
    """Python-Markdown needs a blank line between a paragraph and a list; documents don't have one."""
    lines = text.splitlines()
    result: list[str] = []
    for line in lines:
        if _LIST_ITEM.match(line) and result and result[-1].strip() and not _LIST_ITEM.match(result[-1]):
            result.append("")
        result.append(line)
    return "\n".join(result)


def render_markdown(text: str) -> SafeString:
    html = markdown_lib.markdown(_blank_line_before_lists(text or ""), output_format="html")
    cleaned = nh3.clean(html, tags=_ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener noreferrer")
    return mark_safe(cleaned)  # noqa: S308  (sanitised by nh3 just above)


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


@register.filter
def nl_number(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' (Dutch notation, rounded half up; see core.formatting)."""
    if value is None:
        return "–"
    return format_number(value, decimals)


@register.filter
def nl_auto(value: float | int | Decimal | None) -> str:
    """A number in Dutch notation with as many decimals as it needs (at most two)."""
    if value is None:
        return "–"
    return format_number(value, 2, trim=True)


@register.filter
def is_number(value: object) -> bool:
    return formatting.is_number(value)


@register.filter
def nl_date(value: dt.date | None) -> str:
    """A date the one way the system writes dates: '4 december 2026' (``core.formatting.format_date``).

    A moment (datetime) shows its day in the site's time zone; ``nl_datetime`` adds the time.
    """
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return formatting.format_date(value.date())
    return formatting.format_date(value)


@register.filter
def nl_datetime(value: dt.datetime | None) -> str:
    """A moment as '4 december 2026 om 14:05' in the site's time zone (``core.formatting``)."""
    if value is None or value == "":
        return "–"
    if not isinstance(value, dt.datetime):
        return formatting.format_date(value)
    return formatting.format_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template (a verdict by agreement number, findings by status); None if absent."""
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
