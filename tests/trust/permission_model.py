"""The written permission model (docs/permissions.md), read as data, and the users it speaks of.

The tables between ``<!-- matrix:pages -->`` and ``<!-- matrix:services -->`` markers in the document are
what the tests check, cell by cell. A cell says what one kind of user may do:

- ``yes``: allowed;
- ``no``: refused (403, nothing changes);
- ``own``: allowed on items of their own organisation, refused on another's;
- ``login``: (anonymous visitors) sent to the login page;
- ``-``: does not apply (the page has no form).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from woonafspraken.accounts.constants import OrganisationKind, Role

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


@dataclass(frozen=True)
class Subject:
    """A kind of user: a role in a kind of organisation, party to the covenant or not."""

    code: str
    description: str
    kind: str | None  # OrganisationKind; None for anonymous
    role: str | None
    party: bool = True


SUBJECTS = (
    Subject("anon", "anonymous visitor", None, None),
    Subject("g-r", "municipality reader", OrganisationKind.MUNICIPALITY, Role.READER),
    Subject("g-e", "municipality editor", OrganisationKind.MUNICIPALITY, Role.EDITOR),
    Subject("g-c", "municipality coordinator", OrganisationKind.MUNICIPALITY, Role.COORDINATOR),
    Subject("c-r", "corporation reader", OrganisationKind.CORPORATION, Role.READER),
    Subject("c-e", "corporation editor", OrganisationKind.CORPORATION, Role.EDITOR),
    Subject("c-c", "corporation coordinator", OrganisationKind.CORPORATION, Role.COORDINATOR),
    Subject("t-r", "tenant organisation reader", OrganisationKind.TENANT_ORGANISATION, Role.READER),
    Subject("t-e", "tenant organisation editor", OrganisationKind.TENANT_ORGANISATION, Role.EDITOR),
    Subject("adm", "administrator", OrganisationKind.MUNICIPALITY, Role.ADMINISTRATOR),
    Subject(
        "out",
        "coordinator of another covenant's municipality",
        OrganisationKind.MUNICIPALITY,
        Role.COORDINATOR,
        False,
    ),
)
CELLS = {"yes", "no", "own", "login", "-"}


@dataclass(frozen=True)
class Row:
    name: str  # URL name or service (app.function)
    method: str  # GET or POST for pages, "call" for services
    cells: dict[str, str]
    line: int


def _table(marker: str) -> list[Row]:
    text = DOCUMENT.read_text(encoding="utf-8")
    start = text.index(f"<!-- matrix:{marker} -->")
    end = text.index("<!-- /matrix -->", start)
    rows: list[Row] = []
    header: list[str] = []
    first_line = text.count("\n", 0, start) + 1
    for offset, line in enumerate(text[start:end].splitlines()):
        if not line.startswith("|") or re.fullmatch(r"\|[-| :]+\|", line.strip()):
            continue
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if not header:
            header = cells
            assert header[2:] == [s.code for s in SUBJECTS], f"{DOCUMENT.name}: columns must be {SUBJECTS}"
            continue
        values = dict(zip(header[2:], cells[2:], strict=True))
        line_number = first_line + offset
        bad = {code: value for code, value in values.items() if value not in CELLS}
        assert not bad, f"{DOCUMENT.name} line {line_number}: unknown cells {bad}"
        rows.append(Row(cells[0], cells[1], values, line_number))
    return rows


def page_rows() -> list[Row]:
    return _table("pages")


def service_rows() -> list[Row]:
    return _table("services")
