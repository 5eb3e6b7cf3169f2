"""Reading a Word file (.docx) with python-docx: headings, paragraphs, lists, footnotes and tables."""

from __future__ import annotations

from .source import SourceReadError, SourceText


def read_docx(data: bytes) -> SourceText:
    raise SourceReadError("Word-bestanden kunnen nog niet worden gelezen.")
