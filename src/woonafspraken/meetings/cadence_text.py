"""Reading meeting types and their cadence from agreement texts. Pure: no Django.

Works on the wording in general form, not on Kampen's numbers: a sentence that holds a meeting
("vindt ... overleg plaats", "overleggen", "bespreken", "monitoren") and a frequency ("minimaal twee
maal per jaar", "jaarlijks", "per kwartaal", "in het voorjaar en het najaar", "in januari") makes a
meeting type; "Voor de wijken A, B en C" makes one per wijk; a list after "wordt besproken" or
"bespreken ... gezamenlijk:" gives the standing agenda items; "als vast agenda-onderdeel" in the
"reguliere gezamenlijke overleggen" adds an item to the regular meetings of all kinds of parties.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from woonafspraken.core.formatting import MONTH_NAMES
from woonafspraken.meetings.cadence import HALVES, MONTHS, QUARTERS

MUNICIPALITY, CORPORATION, TENANTS = "gemeente", "corporatie", "huurdersorganisatie"
ALL_KINDS = (MUNICIPALITY, CORPORATION, TENANTS)

_NUMBERS = {
    "een": 1, "één": 1, "eenmaal": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "acht": 8, "tien": 10, "twaalf": 12,
}  # fmt: skip
_NUMBER = r"(\d{1,2}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
_TIMES = r"(?:maal|keer)"
_COUNT_RES = (
    re.compile(rf"\b{_NUMBER}\s+{_TIMES}\s+(?:per|in\s+het|elk|ieder)\s+jaar\b", re.IGNORECASE),
    re.compile(
        rf"\bjaarlijks\s+(?:minimaal\s+|ten\s+minste\s+|tenminste\s+|minstens\s+)?{_NUMBER}\s+{_TIMES}\b",
        re.IGNORECASE,
    ),
)
_YEARLY_RE = re.compile(
    r"\b(?:jaarlijks|elk\s+jaar|ieder\s+jaar|eens\s+per\s+jaar|per\s+jaar)\b", re.IGNORECASE
)
_QUARTERLY_RE = re.compile(
    r"\b(?:per|elk|ieder|eens\s+per)\s+kwartaal\b|\bkwartaalsgewijs\b|\bdriemaandelijks\b", re.IGNORECASE
)
_HALF_YEARLY_RE = re.compile(r"\bhalfjaarlijks\b|\b(?:per|elk|ieder)\s+half\s*jaar\b", re.IGNORECASE)
_MONTHLY_RE = re.compile(r"\bmaandelijks\b|\b(?:elke|iedere)\s+maand\b", re.IGNORECASE)
_SEASON_WORDS = {"voorjaar": "spring", "zomer": "summer", "najaar": "autumn", "winter": "winter"}
_SEASON_RE = re.compile(r"\b(voorjaar|zomer|najaar|winter)\b", re.IGNORECASE)
_MONTH_NAMES = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
_IN_MONTH_RE = re.compile(
    r"\b(?:in|elke|iedere)\s+(" + "|".join(_MONTH_NAMES) + r")\b(?!\s+\d{4})", re.IGNORECASE
)

# A sentence that holds a meeting: "vindt ... overleg plaats", or an active verb of the parties.
_TAKES_PLACE_RE = re.compile(r"\b(?:vindt|vinden)\b.*\bplaats\b", re.IGNORECASE)
_MEETING_NOUN_RE = re.compile(r"\w*(?:overleg|bijeenkomst|vergadering)\w*", re.IGNORECASE)
_ACTIVE_RE = re.compile(
    r"\b(?:overleggen|overlegt|bespreken|bespreekt|monitoren|monitort|vergaderen|vergadert)\b", re.IGNORECASE
)
_ON_DEMAND_RE = re.compile(
    r"\b(?:indien|als|wanneer|zodra)\b[^.]*\b(?:functioneel|nodig|wenselijk|gewenst|nuttig)\b", re.IGNORECASE
)
_WIJKEN_RE = re.compile(
    r"\bwijken\s+((?:[A-Z][\w'-]*)(?:\s*,\s*[A-Z][\w'-]*)*(?:\s+en\s+[A-Z][\w'-]*))", re.UNICODE
)
_DISCUSSED_LIST_RE = re.compile(
    r"(?:wordt|worden)\s+(?:ten\s+minste\s+|tenminste\s+|in\s+elk\s+geval\s+)?besproken|"
    r"\bbespreken\b[^:]*:\s*$|\bgezamenlijk:\s*$|\bagenda\b[^:]*:\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_STANDING_ITEM_RE = re.compile(r"\bvast(?:e)?\s+agenda-?(?:onderdeel|punt|item)\b", re.IGNORECASE)
_REGULAR_JOINT_RE = re.compile(r"\breguliere\s+gezamenlijke\s+overleg", re.IGNORECASE)
_STEERING_RE = re.compile(r"\bbestuurlijk\w*\s+overleg", re.IGNORECASE)
_LIST_ITEM_RE = re.compile(r"^\s*(?:-|\d+\.)\s+(.*)$")
_KIND_WORDS = (
    (MUNICIPALITY, re.compile(r"\bgemeenten?\b", re.IGNORECASE)),
    (CORPORATION, re.compile(r"\bcorporaties?\b|\bwoningcorporaties?\b", re.IGNORECASE)),
    (TENANTS, re.compile(r"\bhuurdersorganisaties?\b|\bhuurders\b", re.IGNORECASE)),
)
_ALL_PARTIES_RE = re.compile(r"\balle\s+partijen\b", re.IGNORECASE)


@dataclass(frozen=True)
class AgreementText:
    number: str
    subject: str
    text: str  # plain text, list items on their own lines ("- item")
    due: str = ""  # the due part of the "Trekker / datum" column ("in januari")


@dataclass(frozen=True)
class MeetingTypeSpec:
    key: str  # stable per covenant: the agreement number, with the wijk for a per-wijk meeting
    name: str
    agreement: str  # number of the agreement it comes from
    min_per_year: int
    windows: tuple[str, ...]
    participant_kinds: tuple[str, ...]  # () means: the agreement's parties
    standing_items: tuple[str, ...]
    wijk: str
    is_steering: bool  # a bestuurlijk overleg: escalated knelpunten go on its agenda (afspraak 5.9)
    source: str  # the sentence the cadence was read from


def _sentences(text: str) -> list[str]:
    """Sentences of the running text; list items stay with the sentence that introduces them."""
    prose = " ".join(line.strip() for line in text.splitlines() if not _LIST_ITEM_RE.match(line))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", prose) if s.strip()]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _frequency(sentence: str, due: str) -> tuple[int, tuple[str, ...]] | None:
    """(at least N a year, windows) from a sentence and the due column, or None without a frequency."""
    count = 0
    for pattern in _COUNT_RES:
        match = pattern.search(sentence)
        if match:
            count = max(count, _number(match.group(1)))
    windows: list[str] = []
    if _QUARTERLY_RE.search(sentence):
        windows.extend(QUARTERS)
    elif _HALF_YEARLY_RE.search(sentence):
        windows.extend(HALVES)
    elif _MONTHLY_RE.search(sentence):
        windows.extend(MONTHS)
    for match in _SEASON_RE.finditer(sentence):
        code = _SEASON_WORDS[match.group(1).lower()]
        if code not in windows:
            windows.append(code)
    for match in [*_IN_MONTH_RE.finditer(sentence), *_IN_MONTH_RE.finditer(due)]:
        code = f"m{_MONTH_NAMES[match.group(1).lower()]}"
        if code not in windows:
            windows.append(code)
    if not count and (windows or _YEARLY_RE.search(sentence)):
        count = 1 if not windows else len(windows)
    if not count and not windows:
        return None
    return max(count, len(windows)), tuple(windows)


def read_frequency(sentence: str, due: str = "") -> tuple[int, tuple[str, ...]] | None:
    """(at least N a year, named moments) as the sentence and the due column state them."""
    return _frequency(sentence, due)


_AT_LEAST_BEFORE_RE = re.compile(r"(?:minimaal|ten\s+minste|tenminste|minstens)\s+$", re.IGNORECASE)
_PHRASE_RES = (
    *_COUNT_RES, _YEARLY_RE, _QUARTERLY_RE, _HALF_YEARLY_RE, _MONTHLY_RE, _SEASON_RE, _IN_MONTH_RE,
)  # fmt: skip
_PHRASE_MAX = 90  # longer than this, the parts of the frequency are quoted apart


def frequency_phrase(sentence: str) -> str:
    """The words of ``sentence`` that state how often ("minimaal vier maal per jaar"; "Minimaal twee maal
    per jaar, in het voorjaar en het najaar"); the sentence itself when it states no frequency."""
    spans: list[tuple[int, int]] = []
    for pattern in _PHRASE_RES:
        for match in pattern.finditer(sentence):
            start = match.start()
            before = _AT_LEAST_BEFORE_RE.search(sentence[:start])
            spans.append((before.start() if before else start, match.end()))
    if not spans:
        phrase = sentence.strip().rstrip(".")
    elif max(end for _, end in spans) - min(start for start, _ in spans) <= _PHRASE_MAX:
        phrase = sentence[min(start for start, _ in spans) : max(end for _, end in spans)]
    else:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        phrase = " … ".join(sentence[start:end] for start, end in merged)
    return phrase


def due_moment(sentence: str, due: str) -> str:
    """The month the due column adds to the sentence ("in januari" for 1.1.4), or ''."""
    month = _IN_MONTH_RE.search(due)
    return month.group(0) if month and not _IN_MONTH_RE.search(sentence) else ""


def _is_meeting(sentence: str) -> bool:
    held = _TAKES_PLACE_RE.search(sentence) and _MEETING_NOUN_RE.search(sentence)
    return bool(held or _ACTIVE_RE.search(sentence))


def _participant_kinds(sentence: str) -> tuple[str, ...]:
    if _ALL_PARTIES_RE.search(sentence):
        return ALL_KINDS
    return tuple(kind for kind, pattern in _KIND_WORDS if pattern.search(sentence))


def _wijken(sentence: str) -> list[str]:
    match = _WIJKEN_RE.search(sentence)
    if not match:
        return []
    return [name.strip() for name in re.split(r"\s*,\s*|\s+en\s+", match.group(1)) if name.strip()]


def _first_sentence(item: str) -> str:
    first = re.split(r"(?<=[.;])\s+(?=[A-Z])", item.strip(), maxsplit=1)[0].strip().rstrip(".;,")
    return first[:1].upper() + first[1:]


def _listed_items(text: str) -> tuple[str, ...]:
    """The list after "wordt (ten minste) besproken" / "bespreken ... :" (a standing agenda)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if _LIST_ITEM_RE.match(line) or not _DISCUSSED_LIST_RE.search(line):
            continue
        items: list[str] = []
        for following in lines[index + 1 :]:
            item = _LIST_ITEM_RE.match(following)
            if not item:
                if items:
                    break
                continue
            items.append(_first_sentence(item.group(1)))
        if items:
            return tuple(items)
    return ()


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _types_of(agreement: AgreementText) -> list[MeetingTypeSpec]:
    sentences = [s for s in _sentences(agreement.text) if _is_meeting(s)]
    chosen: tuple[str, int, tuple[str, ...]] | None = None
    for sentence in sentences:
        frequency = _frequency(sentence, agreement.due)
        if frequency is not None:
            chosen = (sentence, *frequency)
            break
    if chosen is None:
        on_demand = next((s for s in sentences if _ON_DEMAND_RE.search(s)), None)
        if on_demand is None:
            return []
        chosen = (on_demand, 0, ())
    sentence, count, windows = chosen
    base = MeetingTypeSpec(
        key=agreement.number,
        name=agreement.subject.strip() or f"Overleg {agreement.number}",
        agreement=agreement.number,
        min_per_year=count,
        windows=windows,
        participant_kinds=_participant_kinds(sentence),
        standing_items=_listed_items(agreement.text),
        wijk="",
        is_steering=bool(_STEERING_RE.search(sentence)),
        source=sentence,
    )
    wijken = _wijken(sentence)
    if not wijken:
        return [base]
    return [
        replace(base, key=f"{agreement.number}-{slug(wijk)}", name=f"{base.name} {wijk}", wijk=wijk)
        for wijk in wijken
    ]


def _standing_item_for_regular_meetings(agreement: AgreementText) -> str | None:
    for sentence in _sentences(agreement.text):
        if _STANDING_ITEM_RE.search(sentence) and _REGULAR_JOINT_RE.search(sentence):
            return f"Terugkoppeling: {agreement.subject.strip()} (afspraak {agreement.number})"
    return None


def parse_meeting_types(
    agreements: Sequence[AgreementText], agreement_kinds: dict[str, tuple[str, ...]] | None = None
) -> list[MeetingTypeSpec]:
    """Every meeting type the agreements ask for, in document order.

    ``agreement_kinds`` gives the kinds of parties of each agreement (number -> kinds); a standing
    item for "the regular joint meetings" goes to types held at least twice a year with every kind of
    party taking part.
    """
    kinds = agreement_kinds or {}
    specs: list[MeetingTypeSpec] = []
    for spec in (spec for agreement in agreements for spec in _types_of(agreement)):
        if all(existing.key != spec.key for existing in specs):  # a wijk named twice gives one type
            specs.append(spec)
    for agreement in agreements:
        item = _standing_item_for_regular_meetings(agreement)
        if item is None:
            continue
        for index, spec in enumerate(specs):
            taking_part = set(spec.participant_kinds or kinds.get(spec.agreement, ()))
            if spec.min_per_year >= 2 and taking_part >= set(ALL_KINDS) and item not in spec.standing_items:
                specs[index] = replace(spec, standing_items=(*spec.standing_items, item))
    return specs
