"""The covenant's parties: names, kinds, short names, and reading party / lead columns.

Names come from the title page, corrected with the spelling of the signature blocks or the
introduction; kinds from the introduction ("de woningcorporaties A en B") or keywords.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .dates import looks_like_due, parse_due
from .kinds import name_sign, read_kind
from .markup import collapse
from .model import Corrections, DueMoment, KindBasis, ParseWarning, Party, PartyKind, Signatory

__all__ = [
    "KVK_PATTERN",
    "LeadCell",
    "apply_corrections",
    "PartyResolver",
    "build_parties",
    "read_lead_cell",
    "similarity",
    "tenant_landlords",
]

SIMILAR = 0.85  # difflib ratio above which two spellings name the same organisation
# "KvK 12345678", "KvK-nummer: 12345678", "Kamer van Koophandel nr. 12345678" (group "kvk": the number).
KVK_PATTERN = (
    r"(?:kvk|k\.v\.k\.?|kamer\s+van\s+koophandel)(?:[\s-]*(?:nummer|nr\.?))?\s*[:.]?\s*(?P<kvk>\d{8})(?!\d)"
)

_MUNICIPALITY_PREFIX_RE = re.compile(r"^gemeente\s+", re.IGNORECASE)
# Collective words in the introduction after which the names of that kind follow.
_KIND_MARKERS: tuple[tuple[PartyKind, re.Pattern[str]], ...] = (
    (PartyKind.MUNICIPALITY, re.compile(r"\bgemeenten?\b", re.IGNORECASE)),
    (
        PartyKind.CORPORATION,
        re.compile(
            r"\b(?:woning(?:bouw)?)?corporaties?\b|\btoegelaten\s+instellingen?\b|\bwoonstichtingen\b"
            r"|\bwoningstichtingen\b|\bwoningbouwvereniging(?:en)?\b",
            re.IGNORECASE,
        ),
    ),
    (
        PartyKind.TENANT_ORGANISATION,
        re.compile(
            r"\b(?:huurders?|bewoners)(?:organisaties?|vereniging(?:en)?|belangenvereniging(?:en)?|raden|raad|platforms?"
            r"|koepels?|commissies?|vertegenwoordiging(?:en)?|vertegenwoordigers)\b",
            re.IGNORECASE,
        ),
    ),
)
# "... de woningcorporaties A en B en de Huurdersraad X": an article after "en" or a comma starts a
# name that introduces itself; the collective word before it is not about it.
_OWN_ARTICLE_RE = re.compile(r"(?:,|\ben)\s+(?:de|het)\s*$", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[.!?]\s+[A-Z]")

# Words that say what kind of organisation a name is, not which one.
_GENERIC_WORDS = frozenset(
    {
        "gemeente",
        "woningcorporatie",
        "corporatie",
        "woonstichting",
        "woningstichting",
        "stichting",
        "vereniging",
        "huurdersvereniging",
        "huurdersverenigingen",
        "huurders",
        "huurder",
        "bewoners",
        "bewonersraad",
        "huurdersraad",
        "huurdersorganisatie",
        "bewonersorganisatie",
        "huurdersbelangenvereniging",
        "belangenvereniging",
        "woningbouwvereniging",
        "woningbouwcorporatie",
        "woningbouwstichting",
        "wooncorporatie",
        "woonbedrijf",
        "woningbedrijf",
        "huurdersplatform",
        "bewonersplatform",
        "huurderskoepel",
        "huurdersbond",
        "huurdersfederatie",
        "bewonerscommissie",
        "bewonersvereniging",
        "huurdersbelang",
        "huurdersbelangen",
        "hbv",
        "centrale",
        "coöperatie",
        "cooperatie",
        "organisatie",
        "wonen",
        "de",
        "het",
        "van",
        "en",
        "voor",
        "groot",
        "regio",
    }
)
_LEADING_GENERIC = _GENERIC_WORDS - {"wonen", "van", "en", "voor", "groot", "regio"}

# Words in party columns that stand for groups of parties.
_GROUP_PATTERNS: tuple[tuple[str, str], ...] = (
    ("all", r"alle\s+partijen|partijen|allen"),
    ("municipality", r"gemeenten?|gem\."),
    ("corporation", r"(?:woning)?corporaties?(?:\(s\))?|toegelaten\s+instellingen?|verhuurders?|woco'?s"),
    (
        "tenant",
        r"huurders?(?:organisaties?|vereniging(?:en)?|belangenvereniging(?:en)?|raden|raad|platforms?|koepels?"
        r"|vertegenwoordigers?)?(?:\(s\))?|bewoners(?:organisaties?|raden|raad|commissies?)(?:\(s\))?|hbo'?s",
    ),
)
# Words that join or qualify party names without naming one ("Ondertekenaars waaronder ...").
_FILLER_RE = re.compile(
    r"(?<!\w)(?:ondertekenaars?|waaronder|en/of|en|of|de|het|alle|beide|betrokken|overige|andere|samen|met"
    r"|plus|i\.?s\.?m\.?|in\s+overleg|c\.q\.|evt\.?|eventueel|zijn|namens|per|elk|iedere?)(?!\w)",
    re.IGNORECASE,
)
_SEPARATORS_RE = re.compile(r"[/,;&+()\-–—:.]")
_CAMEL_WORD_RE = re.compile(r"^[^\W\d_]*[a-z][A-Z]\w*$")
# Slash between digits is part of a date ("1/7/2023"), anywhere else it separates parts.
_LEAD_SPLIT_RE = re.compile(r"\s+/\s*|\s*/\s+|(?<!\d)/|/(?!\d)")


def similarity(first: str, second: str) -> float:
    return difflib.SequenceMatcher(None, first.lower(), second.lower()).ratio()


def _words_pattern(phrase: str, flags: int = 0) -> re.Pattern[str]:
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", flags)


def _contains_phrase(text: str, phrase: str) -> bool:
    return bool(phrase.strip()) and bool(_words_pattern(phrase, re.IGNORECASE).search(text))


@dataclass(frozen=True)
class TitleName:
    name: str
    line: int
    kvk: str = ""  # the Chamber of Commerce number the title page gives with the name


def _closest(name: str, candidates: Sequence[str], extensions: bool = True) -> str | None:
    """The candidate spelled nearly like ``name`` (but not identically), if any.

    Without ``extensions`` a candidate that only adds or drops an ending ("Rentree's") is not a
    better spelling but another word form.
    """
    best, best_ratio = None, SIMILAR
    for candidate in candidates:
        lower, other = name.lower(), candidate.lower()
        if lower == other:
            return None
        if not extensions and (lower.startswith(other) or other.startswith(lower)):
            continue
        matcher = difflib.SequenceMatcher(None, lower, other)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue  # cheap upper bounds first: the introduction gives many candidates
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return best


def _intro_windows(introduction: str, size: int) -> list[str]:
    words = introduction.split()
    windows = []
    for start in range(0, max(0, len(words) - size + 1)):
        window = " ".join(words[start : start + size]).strip(",.;:()'\"‘’“”*")
        if window:
            windows.append(window)
    return windows


def _reconcile(
    title_names: Sequence[TitleName], introduction: str, signature_names: Sequence[str]
) -> tuple[list[TitleName], list[ParseWarning]]:
    names: list[TitleName] = []
    warnings: list[ParseWarning] = []
    for entry in title_names:
        name = entry.name
        better = _closest(name, signature_names)
        source = "bij de ondertekening"
        if better is None and len(name.split()) > 1:
            # Running text bends single words ("Rentree's"); only multi-word names are compared.
            better = _closest(name, _intro_windows(introduction, len(name.split())), extensions=False)
            source = "in de inleiding"
        if better is not None:
            warnings.append(
                ParseWarning(
                    entry.line,
                    f"De partijnaam '{name}' op het titelblad is gelezen als '{better}', zoals {source}.",
                )
            )
            name = better
        if name.lower() not in (existing.name.lower() for existing in names):
            names.append(replace(entry, name=name))
    return names, warnings


def _mask(text: str, phrase: str) -> str:
    return _words_pattern(phrase, re.IGNORECASE).sub(lambda match: "\0" * len(match.group(0)), text)


def _kinds_from_introduction(
    names: Sequence[str], introduction: str, places: set[str]
) -> dict[str, PartyKind]:
    """ "... de woningcorporaties A en B en de huurdersorganisaties C en D ...": the kind of each
    name is the collective word before it in the same sentence. A name that says what it is and
    follows "en de" ("... en de Huurdersraad X") introduces itself: the word before it is not about it."""
    # A name may appear in short form ("SWZ" for "Woonstichting SWZ") unless another name has it too.
    forms = {
        name: [name]
        + [
            candidate
            for candidate in _candidates(name, places)
            if not any(other != name and _contains_phrase(other, candidate) for other in names)
        ]
        for name in names
    }
    kinds: dict[str, PartyKind] = {}
    for paragraph in introduction.split("\n"):
        # Longest forms first, masked once found, so "deltaWonen" is not found inside
        # "Centrale Bewonersraad deltaWonen" and no collective word is found inside a name.
        masked = paragraph
        found: list[tuple[int, str]] = []
        for name, form in sorted(
            ((name, form) for name, name_forms in forms.items() for form in name_forms),
            key=lambda pair: len(pair[1]),
            reverse=True,
        ):
            match = _words_pattern(form, re.IGNORECASE).search(masked)
            if match is None:
                continue
            masked = _mask(masked, form)
            found.append((match.start(), name))
        markers = sorted(
            (match.end(), kind) for kind, pattern in _KIND_MARKERS for match in pattern.finditer(masked)
        )
        for start, name in sorted(found):
            before = [(end, kind) for end, kind in markers if end <= start]
            if name in kinds or not before:
                continue
            end, kind = before[-1]
            if _SENTENCE_END_RE.search(paragraph[end : start + 1]):
                continue
            sign = name_sign(name)
            if sign is not None and sign.strong and _OWN_ARTICLE_RE.search(masked[end:start]):
                kind = sign.kind
            kinds[name] = kind
    return kinds


def _place_words(names: Sequence[str], municipalities: Sequence[str], context: str) -> set[str]:
    """Words that are (probably) place names: the municipality, words of the title, places after
    "in"/"te" in the introduction, and a last word shared by several party names."""
    places = {municipality.lower() for municipality in municipalities}
    places.update(
        match.group(1).lower() for match in re.finditer(r"\b(?:in|te|regio|gemeente)\s+([A-Z]\w+)", context)
    )
    # Not a word that is all a name has besides kind words: "Thuis" in "Woonstichting Thuis" and
    # "Huurdersplatform Thuis" is the corporation's name, which its tenants' organisation carries.
    last_words = [
        name.split()[-1].lower()
        for name in names
        if len(name.split()) > 1 and not all(word.lower() in _LEADING_GENERIC for word in name.split()[:-1])
    ]
    places.update(word for word in last_words if last_words.count(word) > 1)
    return places


def _is_place(word: str, places: set[str]) -> bool:
    return word.lower() in places


def _distinctive(candidate: str, places: set[str]) -> bool:
    words = candidate.split()
    return len(candidate) >= 3 and any(
        word.lower() not in _GENERIC_WORDS and not _is_place(word, places) and not word.islower()
        for word in words
    )


def _candidates(name: str, places: set[str]) -> list[str]:
    words = name.split()
    variants: list[list[str]] = [words]
    # Without a trailing place name: "Beter Wonen IJsselmuiden" -> "Beter Wonen".
    if len(words) >= 3 and _is_place(words[-1], places) and not _CAMEL_WORD_RE.match(words[-1]):
        shorter = words[:-1]
        while shorter and shorter[-1].islower():
            shorter = shorter[:-1]  # "groot IJsselmuiden", "regio Zwolle"
        if shorter:
            variants.append(shorter)
    candidates: list[str] = []
    for variant in variants:
        if variant is not words:
            candidates.append(" ".join(variant))
        # Without leading kind words: "Woonstichting Thuis" -> "Thuis".
        rest = list(variant)
        while len(rest) > 1 and rest[0].lower() in _LEADING_GENERIC:
            rest = rest[1:]
            candidates.append(" ".join(rest))
    candidates.extend(word for word in words if _CAMEL_WORD_RE.match(word))  # brand names: "deltaWonen"
    unique: list[str] = []
    for candidate in candidates:
        if candidate not in unique and _distinctive(candidate, places):
            unique.append(candidate)
    return unique


def _short_names(
    names: Sequence[str], kinds: dict[str, PartyKind], places: set[str]
) -> dict[str, tuple[str, ...]]:
    candidates = {name: _candidates(name, places) for name in names}
    result: dict[str, tuple[str, ...]] = {}
    for name in names:
        kept = []
        for candidate in candidates[name]:
            conflict = False
            for other in names:
                if other == name or not _contains_phrase(other, candidate):
                    continue
                # A brand shared with a tenant organisation ("Bewonersraad deltaWonen") belongs to
                # the corporation that carries it, or to the party that is called exactly that.
                own = candidate.lower() == name.lower()
                corporation_brand = (
                    kinds[name] is PartyKind.CORPORATION and kinds[other] is not PartyKind.CORPORATION
                )
                if not (own or corporation_brand):
                    conflict = True
            if not conflict:
                kept.append(candidate)
        result[name] = tuple(kept)
    return result


def _kvk_in_text(name: str, text: str) -> str:
    """ "Woonstichting Thuis (KvK 12345678)" or "Woonstichting Thuis, KvK-nummer 12345678" in running text."""
    pattern = re.compile(
        _words_pattern(name, re.IGNORECASE).pattern + r"\s*[,(]?\s*" + KVK_PATTERN, re.IGNORECASE
    )
    match = pattern.search(text)
    return match.group("kvk") if match else ""


def build_parties(
    title_names: Sequence[TitleName], introduction: str, signature_names: Sequence[str], context: str
) -> tuple[tuple[Party, ...], list[ParseWarning]]:
    """Parties in title-page order, with reconciled names, kinds (with what they were read from and
    any doubt), short names and Chamber of Commerce numbers."""
    entries, warnings = _reconcile(title_names, introduction, signature_names)
    names = [entry.name for entry in entries]
    municipalities = [
        _MUNICIPALITY_PREFIX_RE.sub("", name) for name in names if _MUNICIPALITY_PREFIX_RE.match(name)
    ]
    places = _place_words(names, municipalities, context)
    from_introduction = _kinds_from_introduction(names, introduction, places)
    readings = {name: read_kind(name, from_introduction.get(name)) for name in names}
    short = _short_names(names, {name: reading.kind for name, reading in readings.items()}, places)
    parties = tuple(
        Party(
            entry.name,
            readings[entry.name].kind,
            short[entry.name],
            kind_basis=readings[entry.name].basis,
            doubt=readings[entry.name].doubt,
            kvk=entry.kvk or _kvk_in_text(entry.name, introduction),
            line=entry.line,
        )
        for entry in entries
    )
    return parties, warnings


def apply_corrections(parties: Sequence[Party], corrections: Corrections) -> tuple[Party, ...]:
    """The parties with the review step's corrections of kind and short names applied."""
    corrected: list[Party] = []
    for party in parties:
        correction = corrections.parties.get(party.name)
        if correction is None:
            corrected.append(party)
            continue
        changes: dict[str, object] = {}
        if correction.kind is not None:
            changes.update(kind=correction.kind, kind_basis=KindBasis.CORRECTED, doubt="")
        if correction.short_names is not None:
            changes["short_names"] = correction.short_names
        corrected.append(replace(party, **changes))  # type: ignore[arg-type]
    return tuple(corrected)


@dataclass(frozen=True)
class Resolution:
    names: tuple[str, ...]  # full names in covenant order
    unresolved: str  # text that named no party ("" when everything was understood)


class PartyResolver:
    """Reads party columns ("Gemeente / corporaties", "Beter Wonen") into full names.

    All names, short names and group words are matched at once and the longest match wins,
    so "Centrale Bewonersraad deltaWonen" is never read as "deltaWonen".
    """

    def __init__(self, parties: Sequence[Party]) -> None:
        self.parties = tuple(parties)
        groups: dict[str, tuple[str, ...]] = {
            "all": tuple(party.name for party in parties),
            "municipality": self._of_kind(PartyKind.MUNICIPALITY),
            "corporation": self._of_kind(PartyKind.CORPORATION),
            "tenant": self._of_kind(PartyKind.TENANT_ORGANISATION),
        }
        self._patterns: list[tuple[re.Pattern[str], tuple[str, ...]]] = []
        for party in parties:
            self._patterns.append((_words_pattern(party.name, re.IGNORECASE), (party.name,)))
            for short_name in party.short_names:
                self._patterns.append((_words_pattern(short_name), (party.name,)))
        for group, pattern in _GROUP_PATTERNS:
            if groups[group]:  # a group without members names nobody: leave it unresolved
                self._patterns.append(
                    (re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE), groups[group])
                )

    def _of_kind(self, kind: PartyKind) -> tuple[str, ...]:
        return tuple(party.name for party in self.parties if party.kind is kind)

    def resolve(self, text: str) -> Resolution:
        spans: list[tuple[int, int, tuple[str, ...]]] = []
        for pattern, names in self._patterns:
            spans.extend((match.start(), match.end(), names) for match in pattern.finditer(text))
        spans.sort(key=lambda span: (span[0] - span[1], span[0]))
        taken: list[tuple[int, int]] = []
        found: set[str] = set()
        for start, end, names in spans:
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            found.update(names)
        leftover = list(text)
        for start, end in taken:
            leftover[start:end] = " " * (end - start)
        rest = _FILLER_RE.sub(" ", "".join(leftover))
        rest = collapse(_SEPARATORS_RE.sub(" ", rest))
        return Resolution(tuple(party.name for party in self.parties if party.name in found), rest)

    def organisation(self, text: str) -> str | None:
        """The full party name for an organisation as written elsewhere ("Namens X")."""
        text = collapse(text).strip(" ,.:;")
        for party in self.parties:
            if party.name.lower() == text.lower():
                return party.name
        best = max(self.parties, key=lambda party: similarity(party.name, text), default=None)
        if best is not None and similarity(best.name, text) >= SIMILAR:
            return best.name
        resolution = self.resolve(text)
        if len(resolution.names) == 1 and not resolution.unresolved:
            return resolution.names[0]
        return None


@dataclass(frozen=True)
class LeadCell:
    leads: tuple[str, ...]
    due_raw: str | None
    due: tuple[DueMoment, ...]


def _split_lead_cell(raw: str) -> list[str]:
    protected = re.sub(r"\bt/m\b", "t\0m", raw, flags=re.IGNORECASE)  # "2022 t/m 2024" is one part
    return [part.replace("\0", "/").strip() for part in _LEAD_SPLIT_RE.split(protected) if part.strip()]


def read_lead_cell(
    raw: str, resolver: PartyResolver, line: int, number: str
) -> tuple[LeadCell, list[ParseWarning]]:
    """ "Gemeente / in januari", "Corporaties / Start medio 2022", "Gemeente en corporaties"."""
    leads: list[str] = []
    due_parts: list[str] = []
    unknown: list[str] = []
    for part in _split_lead_cell(raw):
        resolution = resolver.resolve(part)
        if resolution.names and not resolution.unresolved:
            leads.extend(resolution.names)
        elif looks_like_due(part):
            # "Gemeente in 2023": a party in front of the moment.
            words = part.split()
            for size in range(len(words) - 1, 0, -1):
                prefix = resolver.resolve(" ".join(words[:size]))
                rest = " ".join(words[size:])
                if prefix.names and not prefix.unresolved and looks_like_due(rest):
                    leads.extend(prefix.names)
                    due_parts.append(rest)
                    break
            else:
                due_parts.append(part)
        else:
            leads.extend(resolution.names)
            unknown.append(resolution.unresolved or part)
    warnings = [
        ParseWarning(
            line, f"Afspraak {number}: trekker '{text}' is geen bekende partij; de tekst is bewaard."
        )
        for text in unknown
    ]
    due_raw = " / ".join(due_parts) if due_parts else None
    parsed = [parse_due(part) for part in due_parts]
    moments = tuple(moment for result in parsed for moment in result.moments)
    unreadable_parts = [text for result in parsed for text in result.unreadable]
    if unreadable_parts:
        unreadable = "', '".join(unreadable_parts)
        warnings.append(
            ParseWarning(
                line,
                f"Afspraak {number}: datum '{unreadable}' is niet als moment te lezen; bewaard als tekst.",
            )
        )
    ordered = tuple(party.name for party in resolver.parties if party.name in leads)
    return LeadCell(ordered, due_raw, moments), warnings


def tenant_landlords(parties: Sequence[Party], signatories: Sequence[Signatory]) -> dict[str, str]:
    """Which corporation each tenant organisation represents, where the document shows it.

    Two signs, the first that names exactly one corporation wins:
    1. the tenant organisation's name carries the corporation's name or short name ("Centrale
       Bewonersraad deltaWonen"): the name itself says it, whatever the layout;
    2. it signs on the same line as exactly one corporation (Kampen: "Namens Beter Wonen IJsselmuiden"
       beside "Namens Huurders Vereniging groot IJsselmuiden"): signature blocks pair a landlord with
       its tenants.
    The order of the title page is not used: many documents list all corporations first, so the party
    after a corporation need not be its tenants. Where neither sign is clear the link stays empty and the
    administrator sets it.
    """
    corporations = [party for party in parties if party.kind is PartyKind.CORPORATION]
    line_of: dict[str, set[int]] = {}
    for signatory in signatories:
        line_of.setdefault(signatory.organisation, set()).add(signatory.line)
    links: dict[str, str] = {}
    for tenant in (party for party in parties if party.kind is PartyKind.TENANT_ORGANISATION):
        by_name = [
            corporation.name
            for corporation in corporations
            if any(
                _contains_phrase(tenant.name, form) for form in (corporation.name, *corporation.short_names)
            )
        ]
        lines = line_of.get(tenant.name, set())
        by_signature = [
            corporation.name for corporation in corporations if line_of.get(corporation.name, set()) & lines
        ]
        for found in (by_name, by_signature):
            if len(found) == 1:
                links[tenant.name] = found[0]
                break
    return links
