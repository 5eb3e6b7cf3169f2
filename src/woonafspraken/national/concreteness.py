"""How concrete an agreement is written: does it name a number, a date or period, a trekker?

In the spirit of the national rating "Prestatieafspraken op de kaart", which asks of every agreement
whether it is measurable (a quantity), time-bound (a moment or a rhythm) and has someone who acts on it
(a trekker). The score is the number of these three an agreement names: 0 (none) to 3 (all three).
Every finding carries the words that matched, so a reader sees why (``docs/national.md`` has examples).

Pure: a text, the lead organisations' names and the due text in; a ``Concreteness`` out. No Django.

What counts (lower-case, after removing any HTML markup):

- **number**: a percentage ("15 %", "20%", "30%-40%-30%"), an amount of money ("€ 225.000"), a fraction
  ("2/3"), a figure that is not a year, a date or a reference ("40 woningen", "2,4 jaar"; not "afspraak
  1.3.1", "bijlage 2", a list marker "1.", a kind such as "1-persoonskamers", a count of the parties
  such as "de drie partijen"), or a number word from two up ("twee maal", "vijf jaar");
- **time**: a year named as a moment ("uiterlijk 2024", "in 2023", "start medio 2022", "2022-2026", "in
  de periode 2022 tot en met 2026"; not a bare year in a name such as "Huurakkoord 2018"), a date ("1
  juli 2021", "1-7-2024"), a month as a moment ("in januari"), a quarter ("Q1 2022", "K2", "per
  kwartaal"), a rhythm ("jaarlijks", "per jaar", "elk jaar", "twee keer per jaar") or a term ("binnen
  drie maanden"); in the text or in the due moment;
- **lead**: a trekker recorded for the agreement (its lead organisations), or named in the text
  ("Gemeente, trekker", "trekker: de gemeente", "neemt het initiatief", "is verantwoordelijk voor",
  "draagt zorg voor", "penvoerder").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Criterion(StrEnum):
    NUMBER = "number"  # measurable: names a quantity
    TIME = "time"  # time-bound: names a date, a period or a rhythm
    LEAD = "lead"  # names who acts: a trekker


CRITERIA = (Criterion.NUMBER, Criterion.TIME, Criterion.LEAD)
MAX_SCORE = len(CRITERIA)
MAX_EVIDENCE = 5  # matched phrases kept per criterion


@dataclass(frozen=True)
class Finding:
    criterion: Criterion
    evidence: tuple[str, ...]  # the words that matched, each once, in the order found


@dataclass(frozen=True)
class Concreteness:
    score: int  # 0..3: how many criteria the agreement meets
    findings: tuple[Finding, ...]  # one per criterion met, in the order of ``CRITERIA``

    def meets(self, criterion: Criterion) -> bool:
        return any(finding.criterion is criterion for finding in self.findings)

    def evidence(self, criterion: Criterion) -> tuple[str, ...]:
        return next((f.evidence for f in self.findings if f.criterion is criterion), ())

    @property
    def missing(self) -> tuple[Criterion, ...]:
        return tuple(criterion for criterion in CRITERIA if not self.meets(criterion))


MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
NUMBER_WORDS = (
    "twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|vijftien|twintig|dertig|veertig|vijftig"
    "|zestig|zeventig|tachtig|negentig|honderd|duizend|tweemaal|driemaal|viermaal|tweehonderd|driehonderd"
)
YEAR = r"(?:19|20)\d{2}"
# Words after which a figure is a reference, not a quantity: "afspraak 1.3.1", "bijlage 2".
REFERENCE_WORDS = (
    "afspraak|afspraken|bijlage|bijlagen|artikel|paragraaf|hoofdstuk|lid|thema|fase|stap|nr|nummer|pagina|"
    "module|versie|niveau|label|labels|categorie|zone"
)

_TAGS = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")

_PERCENT = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|procent\b)")
_MONEY = re.compile(r"(?:€|eur\b|euro\b)\s*\d[\d.,]*|\d[\d.,]*\s*(?:euro\b|miljoen\b|mln\b)")
_FRACTION = re.compile(r"\b\d+/\d+\b")
_NUMBER_WORD = re.compile(rf"\b(?:{NUMBER_WORDS})\b(?:\s+(?:maal|keer)\b)?")
_DIGITS = re.compile(r"(?<![\w.,/-])\d+(?:[.,]\d+)*(?![\w/])(?!-[^\W\d_])")  # not "1-persoonskamers"
# Counting the parties is no quantity to check: "de drie partijen", "beide corporaties".
_NOT_QUANTITIES = re.compile(
    r"(?:partijen|corporaties|woningcorporaties|gemeenten|huurdersorganisaties|organisaties|modules|partners)\b"
)

_TIME_PATTERNS = (
    # a date: "1 juli 2021", "15 december", "1-7-2024"
    re.compile(rf"\b\d{{1,2}}\s+(?:{MONTHS})\b(?:\s+{YEAR}\b)?"),
    re.compile(rf"\b\d{{1,2}}-\d{{1,2}}-{YEAR}\b"),
    # a range of years: "2022-2026", "2022 – 2026", "2022 t/m 2026", "2022 tot en met 2026"
    re.compile(rf"\b{YEAR}\s*(?:-|–|t/m|tot en met|tot)\s*{YEAR}\b"),
    # a year as a moment: "uiterlijk 2024", "in 2023", "start medio 2022", "in de periode 2022"
    re.compile(
        r"\b(?:uiterlijk|in|vóór|voor|per|medio|eind|einde|begin|start|vanaf|tot en met|t/m|tot|na|sinds"
        r"|gereed|klaar)\s+(?:(?:de|het|periode|jaar|loop|van|eerste|tweede|derde|vierde|kwartaal|helft"
        rf"|begin|eind|medio)\s+){{0,3}}{YEAR}\b"
    ),
    # a month as a moment: "in januari", "vóór juli"
    re.compile(rf"\b(?:in|vóór|voor|uiterlijk|eind|begin|medio|per)\s+(?:{MONTHS})\b"),
    # a quarter or half year: "Q1 2022", "K2", "eerste kwartaal", "tweede helft van 2024"
    re.compile(rf"\b[qk][1-4]\b(?:\s+{YEAR}\b)?"),
    re.compile(r"\b(?:eerste|tweede|derde|vierde)\s+(?:kwartaal|helft|halfjaar)\b"),
    # a rhythm: "jaarlijks", "halfjaarlijks", "per jaar", "elk jaar", "twee keer per jaar"
    re.compile(r"\b(?:half|twee|drie|vier|vijf)?(?:jaarlijks|maandelijks|wekelijks|driemaandelijks)e?\b"),
    re.compile(r"\b(?:per|elk|elke|ieder|iedere)\s+(?:half\s+)?(?:jaar|kwartaal|maand|week|halfjaar)\b"),
    # a term: "binnen drie maanden", "binnen 6 weken"
    re.compile(
        rf"\bbinnen\s+(?:\d+|{NUMBER_WORDS}|een|één)\s+(?:dagen|weken|maanden|jaar|jaren|week|maand)\b"
    ),
)

_LEAD_PATTERNS = (
    # "Gemeente, trekker", "Corporaties (trekker)", "trekker: de gemeente", "is trekker"
    re.compile(r"[\w'’-]+(?:\s+[\w'’-]+)?\s*[,(]\s*trekker\b\)?"),
    re.compile(r"\btrekker\s*[:=]\s*(?:de\s+)?[\w'’-]+"),
    re.compile(r"\b(?:is|zijn|als)\s+(?:de\s+)?trekker\b"),
    re.compile(r"\bneem(?:t|en) het initiatief\b"),
    re.compile(r"\b(?:is|zijn)\s+(?:formeel\s+)?verantwoordelijk\s+voor\b"),
    re.compile(r"\bdra(?:agt|gen)\s+zorg\s+voor\b"),
    re.compile(r"\bpenvoerder\b"),
)


def concreteness(text: str, *, leads: Sequence[str] = (), due: str = "") -> Concreteness:
    """How concrete one agreement is: its text, the names of its lead organisations (trekkers) and its
    due moment as written (may be empty). See the module's docstring for what counts."""
    body = _plain(text)
    moment = _plain(due)
    findings: list[Finding] = []
    numbers = _numbers(body)
    if numbers:
        findings.append(Finding(Criterion.NUMBER, numbers))
    times = _unique(
        match for pattern in _TIME_PATTERNS for part in (body, moment) for match in _all(pattern, part)
    )
    if times:
        findings.append(Finding(Criterion.TIME, times))
    named_leads = _unique(name.strip() for name in leads if name.strip())
    lead_words = named_leads or _unique(match for pattern in _LEAD_PATTERNS for match in _all(pattern, body))
    if lead_words:
        findings.append(Finding(Criterion.LEAD, lead_words))
    return Concreteness(score=len(findings), findings=tuple(findings))


def _plain(text: str) -> str:
    return _SPACE.sub(" ", _TAGS.sub(" ", text or "")).strip().lower()


def _all(pattern: re.Pattern[str], text: str) -> list[str]:
    return [match.group(0).strip() for match in pattern.finditer(text)]


def _unique(found: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in found:
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)[:MAX_EVIDENCE]


def _numbers(text: str) -> tuple[str, ...]:
    """Quantities in ``text``: percentages, money, fractions, number words and bare figures, leaving out
    what is a year, a date, a reference ("afspraak 1.3.1") or a list marker ("1. Bij nieuwbouw")."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_PERCENT, _MONEY, _FRACTION):
        for match in pattern.finditer(text):
            found.append((match.start(), match.group(0).strip()))
            taken.append(match.span())
    for pattern in _TIME_PATTERNS:  # figures inside a date or a term are time, not quantity
        for match in pattern.finditer(text):
            taken.append(match.span())
    for match in _DIGITS.finditer(text):
        start, end = match.span()
        figure = match.group(0)
        if any(a <= start < b for a, b in taken):
            continue
        if re.fullmatch(YEAR, figure) or re.fullmatch(r"\d{1,2}(?:\.\d{1,2})+", figure):
            continue  # a year, or a reference such as 1.3.1 / 5.6 (225.000 is a quantity)
        if text[end : end + 2] in (". ", ".") and (
            not text[:start].strip() or text[:start].rstrip()[-1] in ".:;•"
        ):
            continue  # a list marker: "1. Bij de toewijzing", "…achterlaten; 2. Te onderzoeken"
        preceding = text[:start].split()[-1:] if start else []
        if preceding and re.fullmatch(rf"(?:{REFERENCE_WORDS})", preceding[0].strip("(")):
            continue
        if _counts_parties(text, end):
            continue
        following = text[end:].split()[:1]
        word = following[0].strip(".,;:()") if following else ""
        phrase = f"{figure} {word}" if word[:1].isalpha() else figure
        found.append((start, phrase.strip()))
    for match in _NUMBER_WORD.finditer(text):
        if not any(a <= match.start() < b for a, b in taken) and not _counts_parties(text, match.end()):
            found.append((match.start(), match.group(0)))
    return _unique(phrase for _start, phrase in sorted(found))


def _counts_parties(text: str, end: int) -> bool:
    """Whether the figure ending at ``end`` counts parties ("drie partijen"), skipping one adjective."""
    words = text[end:].split()[:2]
    return any(_NOT_QUANTITIES.match(word) for word in words)
