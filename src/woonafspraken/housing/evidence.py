"""What each housing target says on a date, as plain evidence lines (pure: no Django).

``selectors.evidence`` turns these lines into ``core.verdicts.Evidence``. Only realised figures judge; a
plan is information; an ended year without figures is "geen gegevens", never zero; a target read from a
theme's ambition rather than from the agreement itself is information, not a promise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from woonafspraken.core.formatting import format_date
from woonafspraken.housing.domain import StockDelivery, names_in_words
from woonafspraken.housing.newbuild import SOCIAL_RENT, NewBuildFigures
from woonafspraken.housing.targets import (
    PER_YEAR_KINDS,
    TARGET_LABELS,
    ShareFigures,
    TargetKind,
    Verdict,
    YearFigures,
    figure_text,
    plan_verdict,
    realised_verdict,
    share_verdict,
    years_text,
)


# -- where a target comes from -------------------------------------------------------------------------
def quote_in_text(quote: str, text: str) -> bool:
    """Whether the words a target was read from are in the agreement's own text (not a theme's ambition)."""
    return " ".join(quote.split()).casefold() in " ".join(text.split()).casefold()


_STOCK_PHRASE = re.compile(r"[^.]*vooruitblik[^.]*\.", re.IGNORECASE)


def stock_agreement(agreements: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """(number, phrase) of the agreement that asks for the stock per rent class looking back and ahead
    (Kampen 1.2.1), from (number, text) of the agreements; None when no agreement says so."""
    for number, text in agreements:
        match = _STOCK_PHRASE.search(text)
        if match and "voorraad" in match.group(0).lower():
            return number, " ".join(match.group(0).split())
    return None


# -- evidence: what each target says on a date -------------------------------------------------------
@dataclass(frozen=True)
class TargetFacts:
    """A stored target as plain values, with where it was read from."""

    kind: TargetKind
    value: Decimal
    start_year: int
    end_year: int
    agreement: str
    quote: str
    in_agreement: bool  # the quote is in the agreement's own text (not only in a theme's ambition)
    theme: int | None = None


@dataclass(frozen=True)
class EvidenceLine:
    """One piece of evidence on one target, as the verdict rule reads it (``verdict`` "unknown" is
    "geen gegevens", "info" is for comparison only)."""

    agreement: str
    verdict: Verdict
    text: str
    source: str
    is_demo: bool = False


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


def target_source(target: TargetFacts) -> str:
    if target.in_agreement:
        return f"Afspraak {target.agreement}: ‘{target.quote}’"
    theme = f" thema {target.theme}" if target.theme else ""
    return f"Ambitie{theme} (geen afspraak): ‘{target.quote}’"


def ended_until(on_year: int, on_month: int, on_day: int) -> int:
    """The last year that has ended on a date: the year itself on 31 December, else the one before."""
    return on_year if (on_month, on_day) == (12, 31) else on_year - 1


def _missing_years(
    agreement: str, years: Sequence[YearFigures], until_year: int, source: str, subject: str
) -> list[EvidenceLine]:
    lines = []
    for year in years:
        if year.year > until_year or year.realised is not None:
            continue
        why = f"; nog niet aangeleverd door {names_in_words(list(year.missing))}" if year.missing else ""
        lines.append(
            EvidenceLine(agreement, "unknown", f"{subject} in {year.year}: geen gegevens{why}.", source)
        )
    return lines


def target_evidence(target: TargetFacts, figures: NewBuildFigures, *, until_year: int) -> list[EvidenceLine]:
    """The evidence on one target from the realised figures of the years ended by ``until_year``.

    Only realised figures judge; a plan is "info"; an ended year without figures is "unknown" (geen
    gegevens), never zero. A target read from a theme's ambition rather than the agreement is "info".
    """
    number, source = target.agreement, target_source(target)
    label = TARGET_LABELS[target.kind]
    agreed = figure_text(target.value) if target.kind in PER_YEAR_KINDS else f"{figure_text(target.value)}%"
    if not target.in_agreement:
        return [
            EvidenceLine(
                number,
                "info",
                _sentence(f"{label}: richtlijn {agreed}, ter vergelijking; niet als afspraak vastgelegd"),
                source,
            )
        ]
    if target.kind is TargetKind.SOCIAL_SHARE_AREA:
        return [
            EvidenceLine(
                number,
                "unknown",
                _sentence(
                    f"{label}: {agreed} afgesproken; geen gegevens, het aandeel per gebiedsontwikkeling wordt niet vastgelegd"
                ),
                source,
            )
        ]
    if target.kind in PER_YEAR_KINDS:
        social = target.kind is TargetKind.SOCIAL_NEW_BUILD
        series = figures.social if social else figures.all_segments
        years = [year for year in series if target.start_year <= year.year <= target.end_year]
        if not social and not figures.complete:
            return [
                EvidenceLine(
                    number,
                    "unknown",
                    _sentence(
                        f"{label}: {agreed} afgesproken; geen gegevens, alleen de nieuwbouw van de corporaties wordt vastgelegd"
                    ),
                    source,
                )
            ]
        lines: list[EvidenceLine] = []
        realised = realised_verdict(
            target_per_year=target.value,
            years=years,
            agreement=None,
            until_year=until_year,
            what="woningen" if social else "woningen in totaal",
        )
        due = [year for year in years if year.year <= until_year]
        if realised.verdict != "unknown":
            demo = any(year.is_demo for year in due if year.realised is not None)
            lines.append(EvidenceLine(number, realised.verdict, _sentence(realised.text), source, demo))
        elif not due:
            lines.append(
                EvidenceLine(
                    number,
                    "unknown",
                    _sentence(
                        f"{label}: {agreed} afgesproken; nog geen jaar afgesloten sinds {target.start_year}"
                    ),
                    source,
                )
            )
        subject = "Gerealiseerde nieuwbouw" if social else "Gerealiseerde nieuwbouw in totaal"
        lines.extend(_missing_years(number, years, until_year, source, subject))
        planned = plan_verdict(target_per_year=target.value, years=years, agreement=None)
        if any(year.planned for year in years):
            lines.append(
                EvidenceLine(number, "info", _sentence(f"Planning, geen realisatie: {planned.text}"), source)
            )
        if social:
            lines.extend(_per_corporation(number, figures, target, until_year, source))
        return lines
    return [_share_evidence(target, figures, label, agreed, source)]


def _per_corporation(
    number: str, figures: NewBuildFigures, target: TargetFacts, until_year: int, source: str
) -> list[EvidenceLine]:
    """Each corporation's part of a joint target, for comparison (the target is for them together), and
    which one is furthest behind its own plan."""
    lines = []
    shares: list[tuple[float, str, int, int]] = []
    for name, years in figures.social_by_corporation.items():
        done = [
            year
            for year in years
            if target.start_year <= year.year <= min(target.end_year, until_year)
            and year.realised is not None
        ]
        if not done:
            continue
        realised = sum(year.realised or 0 for year in done)
        planned = sum(year.planned for year in done)
        period = years_text([year.year for year in done])
        lines.append(
            EvidenceLine(
                number,
                "info",
                f"{name}: {figure_text(realised)} woningen gerealiseerd in {period} (gepland {figure_text(planned)}).",
                source,
                any(year.is_demo for year in done),
            )
        )
        if planned:
            shares.append((realised / planned, name, realised, planned))
    if len(shares) > 1:
        share, name, realised, planned = min(shares)
        if share < 1:
            lines.append(
                EvidenceLine(
                    number,
                    "info",
                    f"Verst achter op de eigen planning: {name}, {figure_text(share * 100)}% van de geplande "
                    f"woningen gerealiseerd ({figure_text(realised)} van {figure_text(planned)}).",
                    source,
                    any(line.is_demo for line in lines),
                )
            )
    return lines


_SHARE_PARTS: dict[TargetKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # (segments in the part, segments in the whole)
    TargetKind.CHEAP_SHARE: (
        (SOCIAL_RENT, "cheap_owner_occupied"),
        (SOCIAL_RENT, "cheap_owner_occupied", "middle_rent", "other"),
    ),
    TargetKind.SOCIAL_SHARE_OF_CHEAP: ((SOCIAL_RENT,), (SOCIAL_RENT, "cheap_owner_occupied")),
    TargetKind.MIDDLE_SHARE: (
        ("middle_rent",),
        (SOCIAL_RENT, "cheap_owner_occupied", "middle_rent", "other"),
    ),
    TargetKind.EXPENSIVE_SHARE: (("other",), (SOCIAL_RENT, "cheap_owner_occupied", "middle_rent", "other")),
}


def _share_evidence(
    target: TargetFacts, figures: NewBuildFigures, label: str, agreed: str, source: str
) -> EvidenceLine:
    realised = figures.realised_by_segment or {}
    part_segments, whole_segments = _SHARE_PARTS[target.kind]
    part = sum(realised.get(segment, 0) for segment in part_segments)
    whole = sum(realised.get(segment, 0) for segment in whole_segments)
    if not figures.complete or not whole:
        return EvidenceLine(
            target.agreement,
            "unknown",
            _sentence(
                f"{label}: {agreed} afgesproken; geen gegevens over de gerealiseerde nieuwbouw van alle partijen"
            ),
            source,
        )
    line = share_verdict(
        target_percent=target.value,
        figures=ShareFigures(part, whole),
        agreement=None,
        label=label,
        complete=True,
        basis="gerealiseerd",
    )
    return EvidenceLine(target.agreement, line.verdict, _sentence(line.text), source)


def stock_evidence(number: str, phrase: str, deliveries: Sequence[StockDelivery]) -> list[EvidenceLine]:
    """For the agreement that asks for the stock per rent class (Kampen 1.2.1): what has been delivered.

    It names no number to reach, so this is information, never a judgement."""
    source = f"Afspraak {number}: ‘{phrase}’"
    complete = next((delivery for delivery in deliveries if delivery.complete), None)
    lines = []
    for delivery in deliveries:
        if delivery is complete:
            break
        lines.append(
            EvidenceLine(
                number,
                "info",
                f"Woningvoorraad per {format_date(delivery.date)}: nog niet aangeleverd door {delivery.missing_text}.",
                source,
                delivery.is_demo,
            )
        )
    if complete is not None:
        parts = ", ".join(f"{name} {figure_text(homes)}" for name, homes in complete.totals.items())
        lines.insert(
            0,
            EvidenceLine(
                number,
                "info",
                f"Woningvoorraad per {format_date(complete.date)} van alle corporaties: {figure_text(complete.total)} "
                f"woningen ({parts}).",
                source,
                complete.is_demo,
            ),
        )
    elif not deliveries:
        lines.append(EvidenceLine(number, "info", "Nog geen woningvoorraad vastgelegd.", source))
    return lines
