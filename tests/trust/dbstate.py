"""What the database holds, to show that a refused or killed write left nothing behind.

``row_counts()`` is the cheap check (one COUNT per table); ``DatabaseState`` adds a checksum of every
row of every table, so an UPDATE that keeps the counts is caught too. Both work on Django's test
connection; ``capture()`` also takes a plain DB-API cursor (sqlite3, psycopg) for databases that a
subprocess wrote to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection

# Sessions and login attempts change with every request; they are not content.
TRANSIENT = ("django_session", "axes_")
# A report asked for is a job to make it (reports_reportjob, reports_reportjobevent): work for a worker,
# asked by anyone who may read the covenant, not a change to its content.
WORK_QUEUE = ("reports_reportjob",)


def row_counts(exclude: tuple[str, ...] = TRANSIENT) -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            if table.startswith(exclude):
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608  (names from introspection)
            counts[table] = cursor.fetchone()[0]
    return counts


@dataclass(frozen=True)
class DatabaseState:
    tables: dict[str, tuple[int, str]]  # table -> (rows, checksum of the rows)

    def differences(self, other: DatabaseState) -> list[str]:
        """Tables whose rows differ, with the counts before and after ("x: 3 -> 4 rows")."""
        found = []
        for table in sorted(set(self.tables) | set(other.tables)):
            mine, theirs = self.tables.get(table), other.tables.get(table)
            if mine != theirs:
                before = mine[0] if mine else "-"
                after = theirs[0] if theirs else "-"
                found.append(f"{table}: {before} -> {after} rows" + (" (content)" if before == after else ""))
        return found


def _plain(value: Any) -> Any:
    # psycopg hands out memoryview for bytea; its repr holds an address.
    return bytes(value) if isinstance(value, memoryview) else value


def capture(cursor: Any, tables: Iterable[str]) -> DatabaseState:
    """Count and checksum every row of these tables through a DB-API cursor."""
    state = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608  (names from the catalogue)
        rows = sorted(repr(tuple(_plain(value) for value in row)) for row in cursor.fetchall())
        state[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return DatabaseState(state)


def database_state(exclude: tuple[str, ...] = TRANSIENT) -> DatabaseState:
    """The state of Django's (test) database, every table but the transient ones."""
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if not t.startswith(exclude)]
        return capture(cursor, tables)
