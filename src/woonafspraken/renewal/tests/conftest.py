"""Shared fixtures of the renewal tests: the Kampen draft successor 2027–2030."""

from __future__ import annotations

import datetime as dt

import pytest

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.renewal.services.draft import covenant_draft

DRAFT_TITLE = "Prestatieafspraken Kampen 2027 – 2030"


@pytest.fixture
def draft(kampen: Covenant, coordinator: User) -> Covenant:
    """The Kampen draft 2027–2030, made by ``covenant_draft`` as the municipality's coordinator."""
    return covenant_draft(
        source=kampen,
        title=DRAFT_TITLE,
        start=dt.date(2027, 1, 1),
        end=dt.date(2030, 12, 31),
        user=coordinator,
    )
