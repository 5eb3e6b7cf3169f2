"""Hypothesis settings of the importer fuzzing, in one place, and a count of what it ran.

``HYPOTHESIS_PROFILE=thorough`` runs ten times the examples of the default "ci" profile, ``quick`` a
quarter of them (the PostgreSQL pass of CI, after the SQLite pass ran the "ci" profile). The profiles
are registered, not loaded: tests elsewhere keep Hypothesis' defaults.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

# Examples per importer in the "ci" profile: about 3,000 in total, under three minutes on SQLite.
EXAMPLES = {
    "document service, mutated Kampen": 250,
    "document service, any text": 300,
    "document web page": 120,
    "stock upload service": 450,
    "stock upload web page": 100,
    "pipeline upload service": 450,
    "pipeline upload web page": 100,
    "indicator figures service": 450,
    "indicator figures web page": 100,
    "shared document service": 300,
    "shared document web page": 100,
}
SCALE = {"quick": 0.25, "ci": 1, "thorough": 10}

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=False,
)
settings.register_profile("thorough", settings.get_profile("ci"), max_examples=1000)
settings.register_profile("quick", settings.get_profile("ci"), max_examples=25)

# (importer, "accepted" | "refused") -> calls; printed at the end of the run.
RUNS: Counter[tuple[str, str]] = Counter()


def fuzz_settings(importer: str) -> settings:
    return settings(
        settings.get_profile(PROFILE), max_examples=max(1, round(EXAMPLES[importer] * SCALE[PROFILE]))
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not RUNS:
        return
    terminalreporter.section(f"importer fuzzing (profile {PROFILE})")
    for importer in EXAMPLES:
        accepted, refused = RUNS[(importer, "accepted")], RUNS[(importer, "refused")]
        if accepted or refused:
            terminalreporter.write_line(
                f"{importer}: {accepted + refused} inputs ({accepted} accepted, {refused} refused)"
            )
    total = sum(RUNS.values())
    terminalreporter.write_line(f"total: {total} inputs")
