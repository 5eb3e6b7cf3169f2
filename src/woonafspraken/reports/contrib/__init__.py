"""Report format plug-ins; importing this package registers them."""

from woonafspraken.reports.contrib import docx, pdf, xlsx

__all__ = ["docx", "pdf", "xlsx"]
