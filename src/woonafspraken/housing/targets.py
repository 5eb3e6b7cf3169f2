"""Targets of the agreements and plain-Dutch verdicts on plan and realisation (pure: no Django).

Targets are data: ``find_targets`` recognises them in the agreement texts and theme ambitions of an
imported document (so they are stored linked to their agreement), and the verdict functions compare the
stored pipeline with them. Every verdict says in one sentence what a bestuurder needs to know, e.g.
"1.1.2: 483 gepland over vijf jaar is 96,6 per jaar tegen 80 afgesproken".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from woonafspraken.core.formatting import format_number
from woonafspraken.housing.domain import names_in_words

__all__ = [
    "FoundTarget",
    "ShareFigures",
    "TargetKind",
    "Verdict",
    "VerdictLine",
    "YearFigures",
    "figure_text",
    "find_targets",
    "plan_verdict",
    "realised_verdict",
    "share_verdict",
    "total_plan_verdict",
    "years_in_words",
    "years_text",
]

# "unknown": a standard without a figure for its period ("geen gegevens"); "info": shown, never judging.
Verdict = Literal["on_track", "behind", "attention", "done", "unknown", "info"]


class TargetKind(StrEnum):
    SOCIAL_NEW_BUILD = "social_new_build_per_year"  # homes a year, social rent by the corporations
    TOTAL_NEW_BUILD = "total_new_build_per_year"  # homes a year, all new build in the municipality
    CHEAP_SHARE = "cheap_share"  # % of all new build: cheap owner-occupied and rent
    SOCIAL_SHARE_OF_CHEAP = "social_share_of_cheap"  # % of the cheap new build that is social rent
    MIDDLE_SHARE = "middle_share"  # % mid-priced
    EXPENSIVE_SHARE = "expensive_share"  # % expensive
    SOCIAL_SHARE_AREA = "social_share_area_development"  # % social rent in area development


TARGET_LABELS: dict[TargetKind, str] = {
    TargetKind.SOCIAL_NEW_BUILD: "Nieuwbouw sociale huurwoningen door de corporaties (gemiddeld per jaar)",
    TargetKind.TOTAL_NEW_BUILD: "Nieuwbouw in totaal (gemiddeld per jaar)",
    TargetKind.CHEAP_SHARE: "Aandeel goedkoop (koop en huur) in de nieuwbouw",
    TargetKind.SOCIAL_SHARE_OF_CHEAP: "Aandeel sociale huur binnen het goedkope deel",
    TargetKind.MIDDLE_SHARE: "Aandeel betaalbaar (middelduur) in de nieuwbouw",
    TargetKind.EXPENSIVE_SHARE: "Aandeel duur in de nieuwbouw",
    TargetKind.SOCIAL_SHARE_AREA: "Aandeel sociale huur bij gebiedsontwikkeling",
}
PER_YEAR_KINDS = frozenset({TargetKind.SOCIAL_NEW_BUILD, TargetKind.TOTAL_NEW_BUILD})

_NUMBER_WORDS = {1: "één", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht"}


def figure_text(value: float | Decimal | int) -> str:
    """A figure in a verdict: at most one decimal, none for a whole number (96,6; 80; 1.036)."""
    return format_number(value, 1, trim=True)


def years_in_words(count: int) -> str:
    word = _NUMBER_WORDS.get(count, str(count))
    return f"{word} jaar"


# -- recognising targets in the document ---------------------------------------------------------------
@dataclass(frozen=True)
class FoundTarget:
    kind: TargetKind
    value: Decimal
    agreement: str  # the agreement number it belongs to
    quote: str  # the words it was read from


_PER_YEAR = re.compile(
    r"gemiddeld\s+(\d[\d.]*)\s+(?:nieuwe\s+)?(sociale\s+huur)?(?:woningen|huurwoningen)\s+per\s+jaar",
    re.IGNORECASE,
)
_CHEAP = re.compile(r"(\d+(?:[.,]\d+)?)\s*%\s+goedkope", re.IGNORECASE)
_FRACTION_SOCIAL = re.compile(r"(\d)\s*/\s*(\d)\s+sociale\s+huur", re.IGNORECASE)
_SPLIT = re.compile(
    r"(\d+)\s*%\s*[-–]\s*(\d+)\s*%\s*[-–]\s*(\d+)\s*%",
)
_SOCIAL_SHARE = re.compile(r"(\d+(?:[.,]\d+)?)\s*%\s+sociale\s+huur", re.IGNORECASE)


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", ".")) if "," in text else Decimal(text.replace(".", ""))


def find_targets(
    agreements: Sequence[tuple[str, int, str]], ambitions: Sequence[tuple[int, str]]
) -> list[FoundTarget]:
    """Targets in (number, theme, text) of the agreements and (theme, text) of the theme ambitions.

    Only the first find of each kind counts. The 30-40-30 split, which documents often state in a
    theme's ambition, is linked to the agreement of that theme that holds the total new-build target.
    """
    found: dict[TargetKind, FoundTarget] = {}

    def add(kind: TargetKind, value: Decimal, agreement: str, quote: str) -> None:
        if kind not in found:
            found[kind] = FoundTarget(kind, value, agreement, " ".join(quote.split()))

    for number, _theme, text in agreements:
        for match in _PER_YEAR.finditer(text):
            before = text[max(0, match.start() - 80) : match.start()].lower()
            social = bool(match.group(2)) or "sociale huur" in before
            kind = TargetKind.SOCIAL_NEW_BUILD if social else TargetKind.TOTAL_NEW_BUILD
            add(kind, _decimal(match.group(1)), number, match.group(0))
        cheap = _CHEAP.search(text)
        if cheap:
            add(TargetKind.CHEAP_SHARE, _decimal(cheap.group(1)), number, cheap.group(0))
        fraction = _FRACTION_SOCIAL.search(text)
        if fraction and int(fraction.group(2)):
            share = (Decimal(fraction.group(1)) / Decimal(fraction.group(2)) * 100).quantize(Decimal("0.01"))
            add(TargetKind.SOCIAL_SHARE_OF_CHEAP, share, number, fraction.group(0))
        if "gebiedsontwikkeling" in text.lower():
            social_share = _SOCIAL_SHARE.search(text)
            if social_share:
                add(
                    TargetKind.SOCIAL_SHARE_AREA,
                    _decimal(social_share.group(1)),
                    number,
                    social_share.group(0),
                )
        split = _SPLIT.search(text)
        if split:
            _add_split(add, split, number)
    total = found.get(TargetKind.TOTAL_NEW_BUILD)
    if total is not None:
        theme_of_total = next((theme for number, theme, _ in agreements if number == total.agreement), None)
        for theme, text in ambitions:
            split = _SPLIT.search(text)
            if split and theme == theme_of_total:
                _add_split(add, split, total.agreement)
    order = list(TargetKind)
    return sorted(found.values(), key=lambda target: order.index(target.kind))


def _add_split(
    add: Callable[[TargetKind, Decimal, str, str], None], split: re.Match[str], number: str
) -> None:
    values = [Decimal(split.group(index)) for index in (1, 2, 3)]
    if sum(values) != 100:
        return
    quote = split.group(0)
    add(TargetKind.CHEAP_SHARE, values[0], number, quote)
    add(TargetKind.MIDDLE_SHARE, values[1], number, quote)
    add(TargetKind.EXPENSIVE_SHARE, values[2], number, quote)


# -- verdicts ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class YearFigures:
    year: int
    planned: int
    realised: int | None  # None: not known (yet), never zero
    missing: tuple[str, ...] = ()  # who had homes planned that year but delivered no realised figure
    is_demo: bool = False  # the realised figure rests on fictitious example figures


@dataclass(frozen=True)
class VerdictLine:
    agreement: str | None
    verdict: Verdict
    text: str  # the sentence users read


def _prefix(agreement: str | None) -> str:
    return f"{agreement}: " if agreement else ""


def plan_verdict(
    *, target_per_year: Decimal | float, years: Sequence[YearFigures], agreement: str | None, what: str = ""
) -> VerdictLine:
    """The plan over the covenant's years against an average per year."""
    target = float(target_per_year)
    if not years:
        return VerdictLine(agreement, "unknown", f"{_prefix(agreement)}geen planning vastgelegd.")
    planned = sum(year.planned for year in years)
    average = planned / len(years)
    subject = f"{what} " if what else ""
    text = (
        f"{_prefix(agreement)}{figure_text(planned)} {subject}gepland over {years_in_words(len(years))} "
        f"is {figure_text(average)} per jaar tegen {figure_text(target)} afgesproken"
    )
    if average >= target:
        return VerdictLine(agreement, "on_track", text)
    short = target * len(years) - planned
    return VerdictLine(agreement, "behind", f"{text}: {figure_text(short)} te weinig gepland")


def years_text(years: Sequence[int]) -> str:
    """2022 t/m 2024 for a run of years, "2022, 2023 en 2025" when one is missing."""
    if len(years) == 1:
        return str(years[0])
    if years[-1] - years[0] == len(years) - 1:
        return f"{years[0]} t/m {years[-1]}"
    return names_in_words([str(year) for year in years])


def realised_verdict(
    *,
    target_per_year: Decimal | float,
    years: Sequence[YearFigures],
    agreement: str | None,
    until_year: int,
    what: str = "woningen",
) -> VerdictLine:
    """What has been realised in the years up to and including ``until_year`` that have realised figures.

    Years without figures are left out, never counted as zero. Below the agreed average is "behind" (the
    document names no margin); when every year of ``years`` has a figure the target's period is over:
    met is "done".
    """
    target = float(target_per_year)
    done = [year for year in years if year.year <= until_year and year.realised is not None]
    if not done:
        return VerdictLine(
            agreement, "unknown", f"{_prefix(agreement)}nog geen gerealiseerde aantallen ingevoerd"
        )
    realised = sum(year.realised or 0 for year in done)
    expected = target * len(done)
    average = realised / len(done)
    period = years_text([year.year for year in done])
    unit = f" {what}" if what else ""
    text = (
        f"{_prefix(agreement)}gerealiseerd in {period}: {figure_text(realised)}{unit}, "
        f"{figure_text(average)}{unit} per jaar tegen {figure_text(target)} afgesproken"
    )
    finished = len(done) == len(years) and bool(years) and until_year >= years[-1].year
    if realised >= expected:
        return VerdictLine(agreement, "done" if finished else "on_track", text)
    # Below the agreed average is behind: the document names no margin, so none is invented.
    gap = f" ({figure_text(expected - realised)} minder dan {figure_text(expected)})"
    return VerdictLine(agreement, "behind", text + gap)


def total_plan_verdict(
    *,
    target_per_year: Decimal | float,
    years: Sequence[YearFigures],
    agreement: str | None,
    complete: bool,
) -> VerdictLine:
    """All new build against e.g. 400 a year; only meaningful when market projects are recorded too."""
    if not complete:
        return VerdictLine(
            agreement,
            "unknown",
            f"{_prefix(agreement)}doel {figure_text(float(target_per_year))} woningen per jaar in totaal: "
            "alleen de projecten van de corporaties zijn vastgelegd, dus het totaal is niet te beoordelen",
        )
    return plan_verdict(target_per_year=target_per_year, years=years, agreement=agreement, what="woningen")


@dataclass(frozen=True)
class ShareFigures:
    part: int  # homes in the segment(s) the target is about
    whole: int  # homes the share is taken of


def share_verdict(
    *,
    target_percent: Decimal | float,
    figures: ShareFigures,
    agreement: str | None,
    label: str,
    complete: bool,
    tolerance: float = 5.0,
    basis: str = "gepland",
) -> VerdictLine:
    """A share of the new build (e.g. 40 % mid-priced) within ``tolerance`` percentage points.

    ``basis``: "gepland" (a plan: for comparison only) or "gerealiseerd"."""
    target = float(target_percent)
    if not complete or figures.whole == 0:
        return VerdictLine(
            agreement,
            "unknown",
            f"{_prefix(agreement)}{label}: doel {figure_text(target)}%, niet te beoordelen zolang niet alle "
            "nieuwbouwprojecten in de gemeente zijn vastgelegd",
        )
    share = figures.part / figures.whole * 100
    text = (
        f"{_prefix(agreement)}{label}: {figure_text(share)}% {basis} ({figure_text(figures.part)} van "
        f"{figure_text(figures.whole)}) tegen {figure_text(target)}% afgesproken"
    )
    verdict: Verdict = "on_track" if abs(share - target) <= tolerance else "attention"
    return VerdictLine(agreement, verdict, text)
