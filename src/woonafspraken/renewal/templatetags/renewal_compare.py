"""A redline as HTML: removed text struck through (``<del>``), added text underlined (``<ins>``), each
with a visually hidden word for screen readers, so the change is never told by colour alone."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from woonafspraken.renewal.comparison import spaced
from woonafspraken.renewal.redline import Change, Segment

register = template.Library()


@register.filter
def redline_html(segments: tuple[Segment, ...]) -> SafeString:
    removed, added = _("removed:"), _("added:")
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<del><span class="app-visually-hidden">{} </span>{}</del>', removed, s.text)
                if s.change is Change.REMOVED
                else format_html('<ins><span class="app-visually-hidden">{} </span>{}</ins>', added, s.text)
                if s.change is Change.ADDED
                else s.text,
            )
            for s in spaced(segments)
        ),
    )
