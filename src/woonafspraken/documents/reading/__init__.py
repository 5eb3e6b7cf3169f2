"""Reading an uploaded file (text, Word or PDF) into the text format that ``parse_document`` reads.

Every reader returns a :class:`SourceText`: the document in the text format of the Kampen document
(one paragraph per line, table rows as tab-separated cells) and, per line of that text, where it
stood in the file ("regel 12", "pagina 3", "tabel 2, rij 4"), so warnings and errors point at the
place a user can find in their own file. One parse model, one parser, three readers.
"""

from __future__ import annotations

from .source import SourceReadError, SourceText, read_source

__all__ = ["SourceReadError", "SourceText", "read_source"]
