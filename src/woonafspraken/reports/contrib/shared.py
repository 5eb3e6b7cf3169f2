"""What the three format plug-ins share: cell text, the rule for findings inside sections."""

from __future__ import annotations

from woonafspraken.core.reporting import ReportContent, ReportTable
from woonafspraken.reports import dutch
from woonafspraken.reports.document import VERDICT_LABELS


def table_cells(table: ReportTable) -> list[list[str]]:
    return [[dutch.cell(value) for value in row] for row in table.rows]


def _has_tables(content: ReportContent) -> bool:
    return bool(content.tables) or any(_has_tables(child) for child in content.subsections)


def show_findings_in_section(content: ReportContent) -> bool:
    """Findings always go to the summary; inside a section only when no table (in it or below) shows them."""
    return bool(content.findings) and not _has_tables(content)


def column_widths(columns: list[str], cells: list[list[str]]) -> list[float]:
    """Share of the page width per column (sums to 100), from how much text the column holds.

    The square root keeps a long text column from starving the short ones; every column is at least
    wide enough for its longest word (up to 14 letters).
    """
    if not columns:
        return []
    weights, minimums = [], []
    for index, column in enumerate(columns):
        texts = [column] + [row[index] for row in cells if index < len(row)]
        lengths = [len(text) for text in texts[1:]] or [0]
        typical = max(sum(lengths) / len(lengths), len(column) * 0.6, 3)
        weights.append(min(typical, 120) ** 0.5)
        longest_word = max((len(word) for text in texts for word in text.split()), default=3)
        minimums.append(max(6.0, min(longest_word, 14) * 0.85))  # a word should fit on one line
    total = sum(weights)
    shares = [max(minimum, 100 * weight / total) for weight, minimum in zip(weights, minimums, strict=True)]
    scale = 100 / sum(shares)
    return [round(share * scale, 1) for share in shares]


def verdict_label(verdict: str) -> str:
    return VERDICT_LABELS.get(verdict, verdict)
