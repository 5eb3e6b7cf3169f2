"""The body of the covenant: theme headings, ambitions, section headings and agreement tables.

Rows are tab-separated: onderwerp, nr., afspraak, partij(en), trekker / datum. A row without
subject and number continues the previous agreement after a page break.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from .markup import (
    Block,
    append_continuation,
    blocks_from_lines,
    clean_heading,
    collapse,
    parse_blocks,
    plain_text,
    render,
)
from .model import DocumentParseError, Footnote, ParseWarning, Section, Theme

__all__ = [
    "AMBITION_RE",
    "FOOTNOTE_RE",
    "HEADING_MAX",
    "SECTION_RE",
    "THEME_RE",
    "AgreementDraft",
    "BodyParser",
    "is_table_header",
    "looks_like_row",
]

THEME_RE = re.compile(r"^(?:thema\s+)?(\d{1,2})\s*[-–—:]\s*(\S.*)$", re.IGNORECASE)
SECTION_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s*[-–—:]\s*(\S.*)$")
_LOOSE_SECTION_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})(?!\d)\.?\s+(\S.*)$")
AMBITION_RE = re.compile(r"^(?:onze\s+|de\s+)?ambities?\b", re.IGNORECASE)
FOOTNOTE_RE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(\S.*)$")
_NUMBER_LIKE_RE = re.compile(r"^\d\S{0,14}$")
_NUMBER_RE = re.compile(r"^\d{1,2}(?:\.\d{1,3}){1,3}$")
_DASHES_RE = re.compile(r"^[-–—_=]{2,}$")
# Words of the table header, per column role. "Trekker / datum" is one column: lead and due.
_COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "subject": ("onderwerp", "onderwerpen"),
    "number": ("nr", "nummer", "no"),
    "text": ("afspraak", "afspraken", "omschrijving"),
    "parties": ("partij", "partijen", "betrokkenen"),
    "leads": ("trekker", "trekkers", "eigenaar"),
    "due": ("datum", "planning", "termijn", "wanneer"),
}
_HEADER_WORDS = frozenset(word for words in _COLUMN_WORDS.values() for word in words)
HEADING_MAX = 150  # longer lines are text, even when they start like a heading
# The documented column order; a header with the same words in another order overrides it.
_DEFAULT_COLUMNS = {"subject": 0, "number": 1, "text": 2, "parties": 3, "leads": 4}


def is_table_header(cells: list[str]) -> bool:
    """ "Onderwerp	Nr.	Afspraak	Partij(en)	Trekker / datum", or any header with these words."""
    hits = 0
    for cell in cells:
        words = re.findall(r"[a-z]+", cell.lower())
        if words and len(words) <= 4 and any(word in _HEADER_WORDS for word in words):
            hits += 1
    return hits >= 3


def _columns(cells: list[str]) -> dict[str, int]:
    """Column index per role, read from a header; the documented order when it is unclear."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        words = re.findall(r"[a-z]+", cell.lower())
        for role, role_words in _COLUMN_WORDS.items():
            if role not in columns and any(word in role_words for word in words):
                columns[role] = index
                break
    if not {"number", "text"} <= columns.keys():
        return dict(_DEFAULT_COLUMNS)
    return columns


def looks_like_row(cells: list[str]) -> bool:
    """A table row (or header) in a place where no table may be."""
    cells = [cell.strip() for cell in cells]
    return is_table_header(cells) or (len(cells) > 1 and bool(_NUMBER_LIKE_RE.match(cells[1])))


def _is_marker_line(cells: list[str]) -> bool:
    """Empty rows and the "--	---	--	--" column markers of the conversion."""
    return all(not cell or _DASHES_RE.match(cell) for cell in cells)


def _out_of_order(previous: str, number: str) -> bool:
    group, _, position = number.rpartition(".")
    previous_group, _, previous_position = previous.rpartition(".")
    return group == previous_group and int(position) <= int(previous_position)


def _quote(text: str, limit: int = 60) -> str:
    text = collapse(text)
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


@dataclass
class AgreementDraft:
    number: str
    theme: int
    section: str | None
    subject: str
    subject_inherited: bool
    blocks: list[Block]
    parties_raw: str
    leads_raw: str
    line: int
    continuation_lines: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return render(self.blocks)


@dataclass
class _ThemeDraft:
    number: int
    title: str
    line: int
    ambition_heading: str = ""
    ambition_lines: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def build(self) -> Theme:
        ambition = render(blocks_from_lines(self.ambition_lines))
        return Theme(
            self.number, self.title, self.ambition_heading, ambition, tuple(self.sections), self.line
        )


class _Mode(enum.Enum):
    THEME_START = "theme_start"  # after a theme heading: ambition heading and text may follow
    SECTION_START = "section_start"  # after a section heading, before its table
    TABLE = "table"


class BodyParser:
    """Feed the body lines in order; collects themes, agreement drafts, footnotes, warnings."""

    def __init__(self) -> None:
        self.themes: list[_ThemeDraft] = []
        self.drafts: list[AgreementDraft] = []
        self.footnotes: list[Footnote] = []
        self.warnings: list[ParseWarning] = []
        self._numbers: dict[str, AgreementDraft] = {}
        self._sections: set[str] = set()
        self._section: Section | None = None
        self._mode = _Mode.THEME_START
        self._last: AgreementDraft | None = None
        self._last_subject: str | None = None
        self._columns = dict(_DEFAULT_COLUMNS)
        self._footnote_line = 0  # last line of the latest footnote: a next line may continue it

    @property
    def _theme(self) -> _ThemeDraft | None:
        return self.themes[-1] if self.themes else None

    def feed(self, line: int, raw: str) -> None:
        stripped = raw.strip()
        if not stripped:
            if self._mode is _Mode.THEME_START and self._theme is not None:
                self._theme.ambition_lines.append("")
            return
        footnote = FOOTNOTE_RE.match(stripped)
        if footnote:
            self.footnotes.append(Footnote(footnote.group(1), plain_text(footnote.group(2)), line))
            self._footnote_line = line
            return
        if "\t" in raw:
            self._row(line, raw)
            return
        if _DASHES_RE.match(stripped.replace(" ", "")):
            return
        if self._heading(line, stripped):
            return
        if line == self._footnote_line + 1 and self.footnotes:
            # A footnote wrapped onto the next line.
            last = self.footnotes[-1]
            self.footnotes[-1] = Footnote(last.marker, f"{last.text} {plain_text(stripped)}", last.line)
            self._footnote_line = line
            return
        theme = self._theme
        if theme is None:
            raise DocumentParseError(line, f"Tekst vóór het eerste thema: {_quote(stripped)}.")
        if self._mode is _Mode.THEME_START:
            if not theme.ambition_heading and AMBITION_RE.match(stripped) and len(stripped) <= 80:
                theme.ambition_heading = clean_heading(stripped)
            else:
                theme.ambition_lines.append(raw)
            return
        if self._mode is _Mode.TABLE:
            raise DocumentParseError(
                line,
                f"Deze tekst past niet in de tabel {self._where()}: {_quote(stripped)}. "
                "Een tabelregel heeft kolommen gescheiden door tabs.",
            )
        where = f"paragraaf {self._section.number}" if self._section else f"thema {theme.number}"
        self.warnings.append(
            ParseWarning(line, f"Tekst bij {where} buiten de tabel overgeslagen: {_quote(stripped)}.")
        )

    # Headings ---------------------------------------------------------------------------

    def _heading(self, line: int, text: str) -> bool:
        if len(text) > HEADING_MAX or text.startswith(("-", "•")):
            return False
        section = SECTION_RE.match(text)
        if section:
            return self._section_heading(
                line, text, int(section.group(1)), int(section.group(2)), section.group(3)
            )
        theme = THEME_RE.match(text)
        if theme:
            return self._theme_heading(line, text, int(theme.group(1)), theme.group(2))
        loose = _LOOSE_SECTION_RE.match(text)
        if (
            loose
            and self._theme is not None
            and int(loose.group(1)) == self._theme.number
            and loose.group(3)[0].isupper()
            and not text.endswith(".")
            and len(text) <= 100
        ):
            # "1.2 Netto omvang" without the dash: only when it fits the current theme.
            return self._section_heading(line, text, int(loose.group(1)), int(loose.group(2)), loose.group(3))
        return False

    def _theme_heading(self, line: int, text: str, number: int, title: str) -> bool:
        previous = self._theme
        if previous is not None and number != previous.number + 1:
            if text.endswith("."):
                return False  # a sentence that starts with a number, not a heading
            raise DocumentParseError(
                line,
                f"Thema {number} volgt op thema {previous.number}; verwacht thema {previous.number + 1}.",
            )
        self.themes.append(_ThemeDraft(number, clean_heading(title), line))
        self._section = None
        self._mode = _Mode.THEME_START
        self._last = None
        self._last_subject = None
        return True

    def _section_heading(self, line: int, text: str, theme_number: int, number: int, title: str) -> bool:
        theme = self._theme
        code = f"{theme_number}.{number}"
        if theme is None:
            raise DocumentParseError(line, f"Paragraaf {code} staat niet onder een thema.")
        if theme_number != theme.number:
            if text.endswith("."):
                return False
            raise DocumentParseError(
                line,
                f"Paragraaf {code} staat onder thema {theme.number}; "
                f"verwacht een nummer dat begint met {theme.number}.",
            )
        if code in self._sections:
            raise DocumentParseError(line, f"Paragraaf {code} komt twee keer voor.")
        self._sections.add(code)
        section = Section(code, clean_heading(title), line)
        theme.sections.append(section)
        self._section = section
        self._mode = _Mode.SECTION_START
        self._last = None
        self._last_subject = None
        return True

    # Rows -------------------------------------------------------------------------------

    def _where(self) -> str:
        if self._section is not None:
            return f"van paragraaf {self._section.number}"
        return f"van thema {self._theme.number}" if self._theme else ""

    def _row(self, line: int, raw: str) -> None:
        cells = [cell.strip() for cell in raw.split("\t")]
        if _is_marker_line(cells):
            return
        if is_table_header(cells):
            if self._theme is None:
                raise DocumentParseError(line, "Deze tabel staat niet onder een thema.")
            self._columns = _columns(cells)
            self._mode = _Mode.TABLE
            return
        if self._theme is None:
            raise DocumentParseError(line, f"Deze tabelregel staat niet onder een thema: {_quote(raw)}.")
        subject, number, text, parties, leads = self._cells(line, cells)
        self._mode = _Mode.TABLE
        if _NUMBER_LIKE_RE.match(number):
            self._agreement(line, subject, number, text, parties, leads)
        elif number and text:
            raise DocumentParseError(
                line, f"Onverwachte inhoud in de kolom 'Nr.': {_quote(number)}; verwacht een afspraaknummer."
            )
        elif not subject and (text or number or parties or leads):
            # Continuation after a page break; the text may sit in the second column.
            self._continuation(line, text or number, parties, leads)
        elif subject and self._last is None:
            raise DocumentParseError(
                line,
                f"Tabelregel met onderwerp {_quote(subject)} maar zonder afspraaknummer in de kolom 'Nr.'.",
            )
        elif subject:
            self._shifted_continuation(line, subject, text, parties, leads)

    def _cells(self, line: int, cells: list[str]) -> tuple[str, str, str, str, str]:
        """Onderwerp, nr., afspraak, partij(en), trekker / datum; missing trailing cells are empty."""
        columns = self._columns

        def cell(role: str) -> str:
            index = columns.get(role)
            return cells[index] if index is not None and index < len(cells) else ""

        lead = cell("leads")
        if "due" in columns and columns["due"] != columns.get("leads") and cell("due"):
            lead = f"{lead} / {cell('due')}" if lead else cell("due")  # separate "Datum" column
        used = set(columns.values())
        extra = [text for index, text in enumerate(cells) if index not in used and text]
        if extra:
            self.warnings.append(
                ParseWarning(line, f"Extra kolommen genegeerd: {_quote(' / '.join(extra))}.")
            )
        return cell("subject"), cell("number"), cell("text"), cell("parties"), lead

    def _check_number(self, line: int, number: str) -> None:
        theme = self._theme
        assert theme is not None
        parts = number.split(".")
        section = self._section
        if section is None and len(parts) == 3 and parts[0] == str(theme.number):
            raise DocumentParseError(
                line,
                f"Afspraak {number} hoort bij paragraaf {parts[0]}.{parts[1]}, "
                f"maar die paragraafkop (zoals '{parts[0]}.{parts[1]} - Titel') ontbreekt.",
            )
        prefix = section.number if section else str(theme.number)
        where = f"paragraaf {section.number}" if section else f"thema {theme.number}"
        expected_parts = len(prefix.split(".")) + 1
        if not number.startswith(prefix + ".") or len(parts) != expected_parts:
            raise DocumentParseError(
                line, f"Afspraak {number} staat onder {where}; verwacht een nummer dat begint met {prefix}."
            )
        earlier = self._numbers.get(number)
        if earlier is not None:
            raise DocumentParseError(
                line, f"Afspraak {number} komt twee keer voor (eerder op regel {earlier.line})."
            )

    def _agreement(
        self, line: int, subject_cell: str, number_cell: str, text: str, parties: str, leads: str
    ) -> None:
        number = number_cell.rstrip(".")
        if not _NUMBER_RE.match(number):
            raise DocumentParseError(
                line, f"Ongeldig afspraaknummer {_quote(number_cell)}; verwacht bijvoorbeeld 1.2.3."
            )
        self._check_number(line, number)
        theme = self._theme
        assert theme is not None
        previous = self._last
        if previous is not None and _out_of_order(previous.number, number):
            self.warnings.append(
                ParseWarning(line, f"Afspraak {number} staat na afspraak {previous.number}.")
            )
        subject = plain_text(subject_cell)
        inherited = False
        if not subject:
            if self._last_subject is None:
                self.warnings.append(ParseWarning(line, f"Afspraak {number} heeft geen onderwerp."))
            else:
                subject, inherited = self._last_subject, True
        else:
            self._last_subject = subject
        draft = AgreementDraft(
            number=number,
            theme=theme.number,
            section=self._section.number if self._section else None,
            subject=subject,
            subject_inherited=inherited,
            blocks=parse_blocks(text),
            parties_raw=plain_text(parties),
            leads_raw=plain_text(leads),
            line=line,
        )
        self.drafts.append(draft)
        self._numbers[number] = draft
        self._last = draft

    def _shifted_continuation(self, line: int, subject: str, text: str, parties: str, leads: str) -> None:
        """A row without number but with a subject cell, after an agreement: either the subject
        went on over the page break ("Daklozenopvang De Herberg" / "Zwolle"), or the text slid
        into the first column. A guess, so it is reported."""
        draft = self._last
        assert draft is not None
        running_text = not (text or parties or leads) and (
            # Subjects are short labels; sentences are text.
            len(subject) > 60 or subject[0].islower() or bool(re.search(r"[.;:!?](?:\s|$)", subject))
        )
        if running_text:
            self._continuation(line, subject, "", "")
            message = f"Regel zonder afspraaknummer gelezen als vervolgtekst van afspraak {draft.number}."
        else:
            if not draft.subject_inherited:
                draft.subject = collapse(f"{draft.subject} {plain_text(subject)}")
                self._last_subject = draft.subject
            self._continuation(line, text, parties, leads)
            message = (
                f"Regel zonder afspraaknummer gelezen als vervolg van afspraak {draft.number} "
                f"(onderwerp nu {_quote(draft.subject)})."
            )
        self.warnings.append(ParseWarning(line, message))

    def _continuation(self, line: int, text: str, parties: str, leads: str) -> None:
        draft = self._last
        if draft is None:
            raise DocumentParseError(
                line,
                f"Vervolgtekst zonder afspraak ervoor {self._where()}: {_quote(text or parties or leads)}.",
            )
        append_continuation(draft.blocks, parse_blocks(text))
        # Party and lead cells split over the page break belong together.
        if parties:
            draft.parties_raw = collapse(f"{draft.parties_raw} {plain_text(parties)}")
        if leads:
            draft.leads_raw = collapse(f"{draft.leads_raw} {plain_text(leads)}")
        draft.continuation_lines.append(line)
