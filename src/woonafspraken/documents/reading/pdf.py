"""Reading a PDF exported from Word or LibreOffice with pdfplumber: text, and tables across pages."""

from __future__ import annotations

from .source import SourceReadError, SourceText


def read_pdf(data: bytes) -> SourceText:
    raise SourceReadError("PDF-bestanden kunnen nog niet worden gelezen.")
