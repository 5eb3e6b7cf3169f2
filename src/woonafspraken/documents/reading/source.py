"""The common result of the readers and the choice of reader by the file's content."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SourceKind(StrEnum):
    TEXT = "text"
    DOCX = "docx"
    PDF = "pdf"


@dataclass(frozen=True)
class SourceText:
    text: str  # the document in the text format
    kind: SourceKind
    places: tuple[str, ...] = ()  # per line of ``text`` (index line - 1): where it is in the file

    def place(self, line: int) -> str:
        """Where line ``line`` (1-based) of the text stood in the file, in Dutch ("regel 12",
        "pagina 3"); for the text format that is the line itself."""
        if 1 <= line <= len(self.places):
            return self.places[line - 1]
        return f"regel {line}"


class SourceReadError(ValueError):
    """The file cannot be read at all (damaged, no text, not a document). Dutch, for users;
    ``place`` says where ("pagina 2") or is "" for the file as a whole."""

    def __init__(self, message: str, place: str = "") -> None:
        super().__init__(f"{place[:1].upper()}{place[1:]}: {message}" if place else message)
        self.message = message
        self.place = place


def read_text(data: bytes) -> SourceText:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceReadError(
            f"Het bestand is geen UTF-8-tekst (byte {error.start}). "
            "Sla het op als platte tekst (UTF-8), of lever het als Word- of PDF-bestand."
        ) from error
    return SourceText(text=text, kind=SourceKind.TEXT)


def read_source(filename: str, data: bytes) -> SourceText:
    """Read a text, Word (.docx) or PDF file, recognised by its content, not its name."""
    if data.startswith(b"%PDF"):
        from .pdf import read_pdf

        return read_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        from .docx import read_docx  # checks that the zip is a Word document

        return read_docx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        from .docx import read_compound_file  # an old .doc, or a password-protected .docx

        return read_compound_file(data)
    if filename.lower().endswith((".docx", ".pdf", ".doc")):
        raise SourceReadError(
            "Dit is geen geldig Word- (.docx) of PDF-bestand; het is misschien beschadigd. "
            "Een ouder Word-bestand (.doc) eerst opslaan als .docx."
        )
    return read_text(data)
