"""How a prescribed meeting's year reads in Dutch: the text and the source of its evidence for the
agreement's verdict, and the short "why behind" of the cadence table. Pure: no Django."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from woonafspraken.core.formatting import MONTH_NAMES, format_date
from woonafspraken.meetings.cadence import Assessment

# "geen overleg in het voorjaar 2025", "nog te houden in januari"
WINDOW_WORDS: dict[str, str] = {
    "winter": "de winter",
    "spring": "het voorjaar",
    "summer": "de zomer",
    "autumn": "het najaar",
    "q1": "het eerste kwartaal",
    "q2": "het tweede kwartaal",
    "q3": "het derde kwartaal",
    "q4": "het vierde kwartaal",
    "h1": "het eerste halfjaar",
    "h2": "het tweede halfjaar",
    **{f"m{month}": name for month, name in enumerate(MONTH_NAMES, start=1)},
}


def join_words(items: Iterable[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} en {words[-1]}"


def _moments(windows: Sequence[str]) -> str:
    return join_words(WINDOW_WORDS[code] for code in windows)


def _count(assessment: Assessment) -> str:
    noun = "overleg" if assessment.required == 1 else "overleggen"
    return f"{assessment.held} van minimaal {assessment.required} {noun} in {assessment.year} gehouden"


def _year_ended(assessment: Assessment) -> str:
    last = assessment.last_day
    if last is None or (last.month, last.day) == (12, 31):
        return "het jaar is voorbij"
    return f"de looptijd eindigde op {format_date(last)}"


def _problems(assessment: Assessment) -> tuple[str, str]:
    """(a missed moment, the count not reached or no longer reachable): what makes the year behind."""
    moments = (
        f"geen overleg in {_moments(assessment.missed_windows)} {assessment.year}"
        if assessment.missed_windows
        else ""
    )
    if assessment.short:
        count = _year_ended(assessment)
    elif not assessment.reachable and assessment.last_day is not None:
        count = (
            f"nog {assessment.still_needed} nodig en dat past niet meer in de dagen tot en met "
            f"{format_date(assessment.last_day)}"
        )
    else:
        count = ""
    return moments, count


def cadence_detail(assessment: Assessment) -> str:
    """'2 van minimaal 4 overleggen in 2025 gehouden; het jaar loopt nog',
    'geen overleg in het voorjaar 2025; 2 van minimaal 2 overleggen in 2025 gehouden'."""
    moments, count = _problems(assessment)
    parts = [moments] if moments else []
    parts.append(_count(assessment))
    if count:
        parts.append(count)
    elif assessment.still_needed:
        if assessment.open_windows:
            parts.append(f"nog te houden in {_moments(assessment.open_windows)}")
        if assessment.still_needed > len(assessment.open_windows):
            parts.append("het jaar loopt nog")
    return "; ".join(parts)


def cadence_sentence(name: str, assessment: Assessment) -> str:
    return f"{name}: {cadence_detail(assessment)}."


def cadence_problem(assessment: Assessment) -> str:
    """Why the year is behind, without the count the table shows beside it ('' when it is not)."""
    return "; ".join(part for part in _problems(assessment) if part)


def rule_words(min_per_year: int, windows: Sequence[str]) -> str:
    """'minimaal 6 maal per jaar', 'minimaal 2 maal per jaar: het voorjaar en het najaar'."""
    text = f"minimaal {min_per_year} maal per jaar"
    return f"{text}: {_moments(windows)}" if windows else text


def cadence_source(number: str, phrase: str, *, due: str = "", set_by_coordinator: str = "") -> str:
    """'Afspraak 5.2: ‘minimaal vier maal per jaar’', 'Afspraak 1.1.4: ‘Jaarlijks’ (datum: in januari)',
    with the coordinator's rule when it differs."""
    source = f"Afspraak {number}: ‘{phrase}’"
    if due:
        source += f" (datum: {due})"
    if set_by_coordinator:
        source += f"; de coördinator stelde in: {set_by_coordinator}"
    return source
