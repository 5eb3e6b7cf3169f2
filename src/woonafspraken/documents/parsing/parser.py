"""Read a "prestatieafspraken" covenant (signed PDF converted to text) into plain values.

The document is read in two passes. The first finds the regions: title page, introduction,
body (themes and agreement tables), signing and appendices. The second reads them, parties
first, because party columns can only be read once the parties and their kinds are known,
and the preferred spelling of party names is in the signature blocks at the end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .dates import MONTHS, find_term, find_year_term
from .kinds import with_municipality_doubt, with_pairing_doubts
from .markup import blocks_from_lines, clean_heading, collapse, plain_text, render
from .model import (
    Agreement,
    Appendix,
    Corrections,
    Document,
    DocumentParseError,
    Footnote,
    ParseWarning,
    Party,
    PartyKind,
)
from .parties import (
    KVK_PATTERN,
    PartyResolver,
    TitleName,
    apply_corrections,
    build_parties,
    read_lead_cell,
    tenant_landlords,
)
from .signatures import namens_names, parse_signatures
from .tables import (
    AMBITION_RE,
    FOOTNOTE_RE,
    HEADING_MAX,
    SECTION_RE,
    THEME_RE,
    AgreementDraft,
    BodyParser,
    looks_like_row,
)

__all__ = ["parse_document"]

_INTRO_HEADING_RE = re.compile(
    r"^(?:over\s+(?:deze|dit|de)\b|inleiding\b|introductie\b|voorwoord\b|aanleiding\b)", re.IGNORECASE
)
_STATUS_RE = re.compile(
    rf"\b(?:19|20)\d{{2}}\b|\b(?:concept|versie|definitief|definitieve|vastgesteld|ondertekend|status|datum"
    rf"|{'|'.join(MONTHS)})\b",
    re.IGNORECASE,
)
_SIGNED_RE = re.compile(r"^(?:aldus\s+)?(?:overeengekomen|ondertekend|getekend)\b", re.IGNORECASE)
_SUBTITLE_RE = re.compile(r"^[\w\s'’-]{0,40}?(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}$")
_SIGNED_MAX = 160  # "Overeengekomen te Kampen op ...": a short line, not a paragraph that starts so
_SIGNED_PLACE_RE = re.compile(r"\bte\s+(.+?)(?=\s+op\b|\s+d\.d\.|\s*,|\s+\d|\s*$)", re.IGNORECASE)
# "Bijlage 1: titel", "Bijlage 2 - titel", "Bijlage A Titel"; not "Bijlage 2 bevat ...".
_APPENDIX_RE = re.compile(
    r"^(?i:bijlage)\s+(\d{1,2}|[A-Za-z]|[IVX]{1,5})\b(?:\s*[:.\-–—]\s*(.*)|\s+([A-Z‘'\"(].*))?$"
)
_SIGNATURE_START_RE = re.compile(r"^(?:<p\b[^>]*>\s*)?namens\s+\S", re.IGNORECASE)
_OVERVIEW_RE = re.compile(r"^[-•]\s*(\d{1,2})\s*[-–—:]\s*(.+)$")
_TERM_SUBJECT_RE = re.compile(r"looptijd|duur|periode|termijn", re.IGNORECASE)
_KVK_RE = re.compile(r"[\s,;]*[(\[]?\s*" + KVK_PATTERN + r"\s*[)\]]?", re.IGNORECASE)
_LIST_MARK_RE = re.compile(r"^(?:[-•*–]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)")
# "Woonstichting Thuis, hierna te noemen: 'Thuis';" in a party block: what follows names no party.
_HIERNA_RE = re.compile(r"\s*[,(]\s*(?:hierna|verder)(?:\s+te\s+noemen)?\b.*$", re.IGNORECASE)
_MUNICIPALITY_ARTICLE_RE = re.compile(r"^(?:de\s+)?gemeente\s+", re.IGNORECASE)
_PARTY_LINE_MAX = 120  # a longer line on the title page is running text, not a party name


def _lines(text: str) -> list[str]:
    # Split on "\n" only (not str.splitlines) so line numbers match what an editor shows.
    lines = [line.removesuffix("\r") for line in text.removeprefix("\ufeff").split("\n")]
    return lines


def _is_signed_line(line: str) -> bool:
    text = line.strip()
    return (
        "\t" not in line
        and bool(_SIGNED_RE.match(text))
        and len(text) <= _SIGNED_MAX
        and (bool(re.search(r"\bte\s+\S", text)) or len(text) <= 60)
    )


def _is_signature_line(line: str) -> bool:
    """ "<p>Namens Gemeente X</p> ...": the first signature block ends the agreement tables."""
    return bool(_SIGNATURE_START_RE.match(line.split("\t", 1)[0].strip()))


def _is_sentence(text: str) -> bool:
    """Running text, not a party line: "Thuis U.A." and "2. X, hierna te noemen 'Thuis'." are names."""
    core = _HIERNA_RE.sub("", _LIST_MARK_RE.sub("", text))
    return core.endswith(".") and len(core.split()) > 6


def _title_party(text: str) -> tuple[str, str]:
    """A party line of the title page: its name and the Chamber of Commerce number it gives, if any.

    "1. Woonstichting Thuis (KvK 12345678)," -> ("Woonstichting Thuis", "12345678");
    "de gemeente Voorbeeldstad en" -> ("Gemeente Voorbeeldstad", "")."""
    kvk = ""
    match = _KVK_RE.search(text)
    if match:
        kvk = match.group("kvk")
        text = text[: match.start()] + text[match.end() :]
    text = _HIERNA_RE.sub("", _LIST_MARK_RE.sub("", text))
    name = re.sub(r"\s*(?:,|\ben|;)$", "", text.strip(" ,;")).strip()
    name = _MUNICIPALITY_ARTICLE_RE.sub("Gemeente ", name)
    return name, kvk


@dataclass
class _TitlePage:
    title: str
    title_line: int
    parties: list[TitleName]
    status_note: str
    end: int  # index of the first line after the title page


def _read_title_page(lines: Sequence[str]) -> _TitlePage:
    start = next((index for index, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise DocumentParseError(1, "Het document is leeg.")
    first = lines[start].strip()
    if (
        "\t" in lines[start]
        or THEME_RE.match(first)
        or SECTION_RE.match(first)
        or _INTRO_HEADING_RE.match(first)
    ):
        raise DocumentParseError(
            start + 1, "Geen titel gevonden: de eerste regel met tekst moet de titel zijn."
        )
    title = clean_heading(first)
    if not title:
        raise DocumentParseError(
            start + 1, "Geen titel gevonden: de eerste regel met tekst moet de titel zijn."
        )
    parties: list[TitleName] = []
    status = ""
    status_like_subtitle_seen = False
    index = start + 1
    while index < len(lines):
        line = lines[index]
        text = line.strip()
        if not text:
            index += 1
            continue
        if (
            "\t" in line
            or THEME_RE.match(text)
            or _INTRO_HEADING_RE.match(text)
            or len(text) > _PARTY_LINE_MAX
            or _is_sentence(text)
        ):
            break
        if _STATUS_RE.search(text):
            if not parties and not status_like_subtitle_seen and _SUBTITLE_RE.match(text):
                # "Prestatieafspraken" / "Kampen 2022-2026": a title on two lines.
                title = f"{title} {clean_heading(text)}"
                status_like_subtitle_seen = True
                index += 1
                continue
            status = collapse(text)
            index += 1
            break
        if not (text.endswith(":") or text.lower() in ("en", "tussen", "partijen")):
            name, kvk = _title_party(plain_text(text))
            if name:
                parties.append(TitleName(name, index + 1, kvk))
            elif kvk and parties:  # "KvK-nummer: 12345678" on a line of its own, under the name
                parties[-1] = replace(parties[-1], kvk=parties[-1].kvk or kvk)
        index += 1
    if not parties:
        raise DocumentParseError(
            min(start + 2, len(lines)), "Geen partijen gevonden: zet de namen van de partijen onder de titel."
        )
    return _TitlePage(title, start + 1, parties, status, index)


@dataclass
class _Regions:
    intro_heading: int | None  # index
    intro: range
    body: range  # from the first theme heading
    signing: range
    appendices: range


def _is_theme_heading(line: str) -> bool:
    text = line.strip()
    return (
        "\t" not in line
        and len(text) <= HEADING_MAX
        and not text.startswith(("-", "•"))
        and bool(THEME_RE.match(text))
    )


def _has_content(line: str) -> bool:
    """A line that only occurs inside a theme: ambition heading, section heading or table row."""
    text = line.strip()
    if "\t" in line:
        return looks_like_row(line.split("\t"))
    return len(text) <= HEADING_MAX and bool(SECTION_RE.match(text) or AMBITION_RE.match(text))


def _first_theme(lines: Sequence[str], start: int) -> int | None:
    """The first theme heading that is followed by theme content before the next heading, so an
    overview of the themes in the introduction ("1 - Wonen" / "2 - Zorg" ...) is not taken for it."""
    candidates = [index for index in range(start, len(lines)) if _is_theme_heading(lines[index])]
    for position, candidate in enumerate(candidates):
        end = candidates[position + 1] if position + 1 < len(candidates) else len(lines)
        if any(_has_content(lines[index]) for index in range(candidate + 1, end)):
            return candidate
    return candidates[0] if candidates else None


def _find_regions(lines: Sequence[str], page: _TitlePage) -> _Regions:
    first_theme = _first_theme(lines, page.end)
    intro_end = len(lines) if first_theme is None else first_theme
    intro_heading = next(
        (
            index
            for index in range(page.end, intro_end)
            if "\t" not in lines[index]
            and len(lines[index].strip()) <= 80
            and not lines[index].strip().endswith(".")
            and _INTRO_HEADING_RE.match(lines[index].strip())
        ),
        None,
    )
    intro_start = page.end if intro_heading is None else intro_heading + 1
    if first_theme is None:
        # No body: the introduction runs until the signing or an appendix, if any.
        stop = next(
            (
                index
                for index in range(intro_start, len(lines))
                if _is_signed_line(lines[index]) or _is_signature_line(lines[index])
            ),
            len(lines),
        )
        return _Regions(intro_heading, range(intro_start, stop), range(stop, stop), range(0), range(0))
    body_end = None
    appendix_start = len(lines)
    for position in range(first_theme, len(lines)):
        line = lines[position]
        if "\t" not in line and _APPENDIX_RE.match(line.strip()):
            appendix_start = position
            break
        if body_end is None and (_is_signed_line(line) or _is_signature_line(line)):
            body_end = position
    if body_end is None:
        body_end = appendix_start
    return _Regions(
        intro_heading,
        range(intro_start, first_theme),
        range(first_theme, body_end),
        range(body_end, appendix_start),
        range(appendix_start, len(lines)),
    )


def _read_introduction(lines: Sequence[str], region: range) -> tuple[str, list[Footnote], dict[int, str]]:
    text_lines: list[str] = []
    footnotes: list[Footnote] = []
    overview: dict[int, str] = {}
    for index in region:
        line = lines[index]
        stripped = line.strip()
        if "\t" in line and looks_like_row(line.split("\t")):
            raise DocumentParseError(
                index + 1,
                "Deze tabelregel staat niet onder een thema; "
                "er is nog geen themakop zoals '1 - Titel' gevonden.",
            )
        footnote = FOOTNOTE_RE.match(stripped)
        if footnote:
            footnotes.append(Footnote(footnote.group(1), plain_text(footnote.group(2)), index + 1))
            continue
        entry = _OVERVIEW_RE.match(stripped)
        if entry:
            overview[int(entry.group(1))] = clean_heading(entry.group(2))
        text_lines.append(line.replace("\t", " "))
    return render(blocks_from_lines(text_lines)), footnotes, overview


def _read_appendices(lines: Sequence[str], region: range) -> list[Appendix]:
    appendices: list[Appendix] = []
    heading: tuple[int, str, str] | None = None
    content: list[str] = []
    seen: dict[str, int] = {}
    for index in region:
        line = lines[index]
        match = _APPENDIX_RE.match(line.strip()) if "\t" not in line else None
        if match:
            number = match.group(1)
            if number in seen:
                raise DocumentParseError(
                    index + 1, f"Bijlage {number} staat er twee keer in (ook op regel {seen[number]})."
                )
            seen[number] = index + 1
            if heading is not None:
                appendices.append(Appendix(heading[1], heading[2], tuple(content), heading[0]))
            heading = (index + 1, match.group(1), clean_heading(match.group(2) or match.group(3) or ""))
            content = []
        else:
            content.append(line)
    if heading is not None:
        appendices.append(Appendix(heading[1], heading[2], tuple(content), heading[0]))
    return appendices


def _agreement(draft: AgreementDraft, resolver: PartyResolver) -> tuple[Agreement, list[ParseWarning]]:
    warnings: list[ParseWarning] = []
    parties = resolver.resolve(draft.parties_raw)
    if parties.unresolved:
        warnings.append(
            ParseWarning(
                draft.line,
                f"Afspraak {draft.number}: partij '{parties.unresolved}' is niet herkend; "
                "de tekst is bewaard.",
            )
        )
    elif not parties.names:
        warnings.append(ParseWarning(draft.line, f"Afspraak {draft.number} noemt geen partijen."))
    if not draft.text:
        warnings.append(ParseWarning(draft.line, f"Afspraak {draft.number} heeft geen tekst."))
    lead, lead_warnings = read_lead_cell(draft.leads_raw, resolver, draft.line, draft.number)
    warnings.extend(lead_warnings)
    agreement = Agreement(
        number=draft.number,
        theme=draft.theme,
        section=draft.section,
        subject=draft.subject,
        subject_inherited=draft.subject_inherited,
        text=draft.text,
        parties_raw=draft.parties_raw,
        parties=parties.names,
        leads_raw=draft.leads_raw,
        leads=lead.leads,
        due_raw=lead.due_raw,
        due=lead.due,
        line=draft.line,
        continuation_lines=tuple(draft.continuation_lines),
    )
    return agreement, warnings


def _municipality(
    parties: Sequence[Party], introduction: str, warnings: list[ParseWarning], line: int
) -> str:
    for party in parties:
        if party.kind is PartyKind.MUNICIPALITY:
            return re.sub(r"^gemeente\s+", "", party.name, flags=re.IGNORECASE)
    match = re.search(r"\bgemeente\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)", introduction)
    warnings.append(ParseWarning(line, "Geen gemeente gevonden onder de partijen op het titelblad."))
    return match.group(1) if match else ""


def parse_document(text: str, corrections: Corrections | None = None) -> Document:
    """Parse the text of a covenant; raises DocumentParseError (with a 1-based line) when it
    cannot be read. Problems that do not stop the import are returned as warnings.

    ``corrections`` (from the review step) replace what was read about a party's kind and short
    names before the party columns are read, so "Corporaties" means the corrected set."""
    lines = _lines(text)
    if not any(line.strip() for line in lines):
        raise DocumentParseError(1, "Het document is leeg.")
    for number, line in enumerate(lines, 1):
        if "\x00" in line:  # no text file has one, and PostgreSQL cannot store it
            raise DocumentParseError(
                number, "Deze regel bevat een nulteken; dit is geen gewoon tekstbestand."
            )
    warnings: list[ParseWarning] = []
    page = _read_title_page(lines)
    regions = _find_regions(lines, page)
    introduction, footnotes, overview = _read_introduction(lines, regions.intro)
    if not regions.body:
        at = regions.intro.stop + 1 if regions.intro.stop < len(lines) else len(lines)
        raise DocumentParseError(
            at, "Geen thema's gevonden: er is geen themakop zoals '1 - Voldoende sociale huurwoningen'."
        )

    signing_lines = [lines[index] for index in regions.signing]
    context = "\n".join([page.title, introduction])
    parties, party_warnings = build_parties(page.parties, introduction, namens_names(signing_lines), context)
    warnings.extend(party_warnings)
    if corrections:
        parties = apply_corrections(parties, corrections)
    resolver = PartyResolver(parties)

    body = BodyParser()
    for index in regions.body:
        body.feed(index + 1, lines[index])
    warnings.extend(body.warnings)
    footnotes.extend(body.footnotes)
    if not body.drafts:
        raise DocumentParseError(
            regions.body.start + 1,
            "Geen afspraken gevonden: er staan geen tabelregels met een afspraaknummer.",
        )
    agreements: list[Agreement] = []
    for draft in body.drafts:
        agreement, agreement_warnings = _agreement(draft, resolver)
        agreements.append(agreement)
        warnings.extend(agreement_warnings)
    themes = tuple(theme.build() for theme in body.themes)
    numbered = {theme.number for theme in themes}
    for number, title in overview.items():
        if number not in numbered:
            warnings.append(
                ParseWarning(
                    regions.body.start + 1, f"Thema {number} ('{title}') uit het overzicht is niet gevonden."
                )
            )
    for theme in themes:
        if not any(agreement.theme == theme.number for agreement in agreements):
            warnings.append(ParseWarning(theme.line, f"Thema {theme.number} heeft geen afspraken."))

    intro_line = (regions.intro_heading if regions.intro_heading is not None else regions.intro.start) + 1
    term = find_term(introduction)
    term_source = [agreement for agreement in agreements if _TERM_SUBJECT_RE.search(agreement.subject)]
    from_agreements = next(
        (found for agreement in term_source if (found := find_term(agreement.text)) is not None), None
    )
    if term is None:
        term = from_agreements or find_year_term(introduction)
    if term is None:
        term = next((found for item in term_source if (found := find_year_term(item.text)) is not None), None)
    elif from_agreements is not None and from_agreements != term:
        warnings.append(
            ParseWarning(
                intro_line, "De looptijd in de inleiding verschilt van die in de afspraak over de looptijd."
            )
        )
    if term is None:
        raise DocumentParseError(
            intro_line,
            "Geen looptijd gevonden: de inleiding noemt geen periode zoals "
            "'1 januari 2022 tot en met 31 december 2026'.",
        )

    signed_place: str | None = None
    signed_text: str | None = None
    signature_lines: list[tuple[int, str]] = []
    for index in regions.signing:
        signing_line = lines[index]
        stripped = signing_line.strip()
        if signed_text is None and _is_signed_line(signing_line):
            signed_text = collapse(stripped)
            place = _SIGNED_PLACE_RE.search(signed_text)
            signed_place = place.group(1).strip() if place else None
        else:
            signature_lines.append((index + 1, signing_line))
    signatories, signature_warnings = parse_signatures(signature_lines, resolver.organisation)
    warnings.extend(signature_warnings)
    if signed_text is not None and not signatories:
        warnings.append(
            ParseWarning(
                regions.signing.start + 1, "Geen ondertekenaars gevonden (regels die beginnen met 'Namens')."
            )
        )

    municipality = _municipality(parties, introduction, warnings, page.title_line)
    landlords = tenant_landlords(parties, signatories)
    if corrections:
        landlords.update(
            {
                name: correction.landlord
                for name, correction in corrections.parties.items()
                if correction.landlord
            }
        )
    parties = with_pairing_doubts(with_municipality_doubt(parties), landlords)
    return Document(
        title=page.title,
        municipality=municipality,
        parties=parties,
        start=term[0],
        end=term[1],
        status_note=page.status_note,
        introduction=introduction,
        themes=themes,
        agreements=tuple(agreements),
        footnotes=tuple(footnotes),
        signatories=tuple(signatories),
        signed_place=signed_place,
        signed_text=signed_text,
        appendices=tuple(_read_appendices(lines, regions.appendices)),
        warnings=tuple(sorted(warnings, key=lambda warning: warning.line)),
    )
