"""What the three format plug-ins share: cell text, the rule for findings inside sections."""

from __future__ import annotations

from typing import Any

from woonafspraken.core.demo import example_mark
from woonafspraken.core.formatting import format_cell
from woonafspraken.core.reporting import ReportContent, ReportTable


def marked_table(table: ReportTable) -> tuple[list[str], list[list[Any]]]:
    """The table's columns and rows; with example rows, a last column that marks each of them."""
    if not table.demo_rows:
        return list(table.columns), [list(row) for row in table.rows]
    mark = example_mark()
    columns = [*table.columns, mark.capitalize()]
    rows = [[*row, mark if index in table.demo_rows else ""] for index, row in enumerate(table.rows)]
    return columns, rows


def table_cells(table: ReportTable) -> list[list[str]]:
    return [[format_cell(value) for value in row] for row in marked_table(table)[1]]


def _has_tables(content: ReportContent) -> bool:
    return bool(content.tables) or any(_has_tables(child) for child in content.subsections)


def show_findings_in_section(content: ReportContent) -> bool:
    """Findings always go to the summary; inside a section only when no table (in it or below) shows them."""
    return bool(content.findings) and not _has_tables(content)


def column_widths(columns: list[str], cells: list[list[str]]) -> list[float]:
    """Share of the page width per column (sums to 100), from how much text the column holds.

    The square root keeps a long text column from starving the short ones; every column is at least
    wide enough for its longest word (up to 14 letters), and the rest is shared out by weight.
    """
    if not columns:
        return []
    weights, minimums = [], []
    for index, column in enumerate(columns):
        texts = [row[index] for row in cells if index < len(row)]
        lengths = [len(text) for text in texts] or [0]
        typical = max(sum(lengths) / len(lengths), 0.5 * max(lengths), len(column) * 0.6, 3)
        weights.append(min(typical, 120) ** 0.5)
        longest_word = max((len(word) for text in texts for word in text.split()), default=3)
        header_word = max((len(word) for word in column.split()), default=3)  # bold headers are wider
        minimums.append(max(5.0, min(longest_word, 14) * 1.25, min(header_word, 14) * 1.35))
    if sum(minimums) >= 100:
        return [round(100 * m / sum(minimums), 1) for m in minimums]
    fixed: dict[int, float] = {}
    while True:  # columns whose share would fall under their minimum get the minimum
        free = [i for i in range(len(columns)) if i not in fixed]
        room = 100 - sum(fixed.values())
        total = sum(weights[i] for i in free)
        shares = {i: room * weights[i] / total for i in free}
        short = {i: minimums[i] for i, share in shares.items() if share < minimums[i]}
        if not short:
            break
        fixed.update(short)
    return [round(fixed.get(i, shares.get(i, 0.0)), 1) for i in range(len(columns))]


__all__ = [
    "column_widths",
    "marked_table",
    "show_findings_in_section",
    "table_cells",
]
