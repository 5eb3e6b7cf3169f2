"""Reading a PDF exported from Word or LibreOffice with pdfplumber: text, and tables across pages.

A PDF has no paragraphs, only glyphs at positions. The reader rebuilds the text format from them:

One module a step: ``glyphs`` (characters and lines), ``paragraphs`` (lines into paragraphs, list
items and cell markup), ``pages`` (tables, headers and footers, footnotes per page) and ``document``
(the pages in reading order, tables joined over page breaks, the text with a place per line).

- glyphs become lines (grouped by height), lines become paragraphs and list items, decided from
  the layout: a list marker at the start, a change of font (headings), a larger vertical gap than
  between the lines of a paragraph, and whether the line was full (a line wraps because the next
  word did not fit, so a line that ends with room for the next word ended its paragraph);
- tables are found by their drawn borders; a table that goes on over a page break is one table
  again (the header row repeated on the next page dropped, a row split by the break joined);
- page headers and footers (text repeated at the same place on most pages, lone page numbers)
  are dropped; footnotes at the bottom of a page become "¹ text" lines after the paragraph or
  table row that refers to them.
"""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from ..source import SourceKind, SourceReadError, SourceText
from .document import render
from .pages import UnreadableError, drop_headers_and_footers, read_pages, take_footnotes

__all__ = ["read_pdf"]


_DAMAGED = (
    "De PDF is beschadigd en kan niet worden gelezen. Exporteer het document opnieuw als PDF, "
    "of lever het Word-bestand."
)
_NO_TEXT = (
    "De PDF bevat geen tekst; is het een scan? Lever het document aan als Word-bestand of als PDF die "
    "uit Word of LibreOffice is geëxporteerd, of laat er eerst tekstherkenning (OCR) op los."
)


def _open(data: bytes) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer fails in many ways on a damaged file
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise SourceReadError(
                "De PDF is beveiligd met een wachtwoord. Lever een PDF zonder wachtwoord aan, "
                "of het Word-bestand."
            ) from error
        raise SourceReadError(_DAMAGED) from error


def read_pdf(data: bytes) -> SourceText:
    """The PDF in the text format, with "pagina N" as the place of every line."""
    pdf = _open(data)
    try:
        pages = read_pages(pdf)
    except UnreadableError as error:
        raise SourceReadError(_DAMAGED, str(error)) from error
    except Exception as error:  # the page tree itself is damaged
        raise SourceReadError(_DAMAGED) from error
    finally:
        with contextlib.suppress(Exception):  # closing walks the (damaged) page tree again
            pdf.close()
    if not pages:
        raise SourceReadError("De PDF heeft geen pagina's.")
    if not any(page.items for page in pages):
        raise SourceReadError(_NO_TEXT)
    drop_headers_and_footers(pages)
    take_footnotes(pages)
    lines, places = render(pages)
    while lines and not lines[-1]:
        lines.pop()
        places.pop()
    if not lines:  # only page numbers and headers
        raise SourceReadError(_NO_TEXT)
    return SourceText(text="\n".join(lines), kind=SourceKind.PDF, places=tuple(places))
