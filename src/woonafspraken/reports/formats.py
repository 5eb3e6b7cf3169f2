"""The report formats: a small registry, one plug-in per format in ``contrib/<name>/``.

A format turns a ``Report`` into bytes. ``contrib`` registers PDF (WeasyPrint), Word (python-docx) and
Excel (openpyxl); another format (say ODT) is one more module that calls ``register_format``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from woonafspraken.core.registry import Registry
from woonafspraken.core.reporting import ReportKind
from woonafspraken.core.writers import xml_safe
from woonafspraken.reports.document import Report

Renderer = Callable[[Report, Callable[[str], None]], bytes]


@dataclass(frozen=True)
class ReportFormat:
    name: str  # "pdf"
    label: str  # "PDF"
    extension: str
    content_type: str
    kinds: frozenset[ReportKind]
    render: Renderer


formats = Registry[ReportFormat]("Report format", key=lambda fmt: fmt.name)
register_format = formats.register


def formats_for(kind: ReportKind) -> list[ReportFormat]:
    return [fmt for fmt in formats if kind in fmt.kinds]


def get_format(name: str, kind: ReportKind) -> ReportFormat:
    fmt = formats.get(name)
    if fmt is None or kind not in fmt.kinds:
        choices = ", ".join(f.name for f in formats_for(kind))
        raise KeyError(
            _("The format %(name)r does not exist for this report; choose from %(choices)s.")
            % {"name": name, "choices": choices}
        )
    return fmt


def render(report: Report, name: str, progress: Callable[[str], None] | None = None) -> bytes:
    # Word and Excel are XML: a control character in stored text would make the format fail.
    return get_format(name, report.kind).render(xml_safe(report), progress or (lambda _label: None))
