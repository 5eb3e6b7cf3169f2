"""The agreements export: the fixed JSON shape of DESIGN.md, and flat tables for CSV and Excel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.agreements.selectors import (
    agreement_list,
    covenant_parties,
    covenant_status_on,
    party_order,
    sort_by_party_order,
)
from woonafspraken.core.registry import Export, register_export
from woonafspraken.core.verdicts import covenant_verdicts


def _lineage(agreement: Agreement) -> dict[str, Any]:
    """The numbers of the agreement's predecessors in the previous covenant's order (prefetched); the
    first of them as ``predecessor``."""
    ordered = sorted(agreement.predecessors.all(), key=lambda item: (item.order, item.pk))
    numbers = [item.number for item in ordered]
    return {"predecessor": numbers[0] if numbers else None, "predecessors": numbers}


def agreements_data(covenant: Covenant) -> dict[str, Any]:
    """``status``: the covenant's state today (``covenant-status``); ``predecessor``: the number of the
    agreement it continues, the first in the previous covenant's order when it merges several (all of
    them in ``predecessors``)."""
    parties = covenant_parties(covenant)
    order = party_order(covenant)
    themes = covenant.themes.prefetch_related("sections").order_by("number")
    return {
        "covenant": {
            "title": covenant.title,
            "municipality": covenant.municipality,
            "start": covenant.start_date.isoformat(),
            "end": covenant.end_date.isoformat(),
            "status": covenant_status_on(covenant, timezone.localdate()).state.value,
            "stage": covenant.stage,
            "predecessor": covenant.predecessor.title if covenant.predecessor else None,
            "parties": [{"name": org.name, "kind": org.kind} for org in parties],
        },
        "themes": [
            {
                "number": theme.number,
                "title": theme.title,
                "ambition": theme.ambition,
                "sections": [{"number": s.number, "title": s.title} for s in theme.sections.all()],
            }
            for theme in themes
        ],
        "agreements": [
            {
                "number": agreement.number,
                "theme": agreement.theme.number,
                "section": agreement.section.number if agreement.section else None,
                "subject": agreement.subject,
                "text": agreement.text,
                "parties": [org.name for org in sort_by_party_order(list(agreement.parties.all()), order)],
                "leads": [org.name for org in sort_by_party_order(list(agreement.leads.all()), order)],
                "due": agreement.due_raw or None,
                **_lineage(agreement),
            }
            for agreement in agreement_list(covenant).prefetch_related("predecessors")
        ],
    }


def agreements_tables(covenant: Covenant) -> dict[str, list[dict[str, Any]]]:
    data = agreements_data(covenant)
    joined = "; ".join
    return {
        "Afspraken": [
            {
                "nummer": a["number"],
                "thema": a["theme"],
                "paragraaf": a["section"] or "",
                "onderwerp": a["subject"],
                "afspraak": a["text"],
                "partijen": joined(a["parties"]),
                "trekkers": joined(a["leads"]),
                "datum": a["due"] or "",
                "voorganger": a["predecessor"] or "",
            }
            for a in data["agreements"]
        ],
        "Thema's": [
            {"nummer": t["number"], "titel": t["title"], "ambitie": t["ambition"]} for t in data["themes"]
        ],
        "Partijen": [{"naam": p["name"], "soort": p["kind"]} for p in data["covenant"]["parties"]],
    }


register_export(
    Export(
        name="agreements",
        description=gettext_lazy("The agreement register: covenant, themes and agreements."),
        as_data=agreements_data,
        as_tables=agreements_tables,
    )
)


def status_data(covenant: Covenant, on: dt.date) -> dict[str, Any]:
    """Every agreement's verdict on ``on`` (``core.verdicts``), with the evidence behind it."""
    verdicts = covenant_verdicts(covenant, on)
    subjects = dict(covenant.agreements.values_list("number", "subject"))
    return {
        "covenant": {"title": covenant.title, "municipality": covenant.municipality},
        "on": on.isoformat(),
        "agreements": [
            {
                "number": number,
                "subject": subjects.get(number, ""),
                "status": verdict.status.value,
                "label": verdict.label,
                "reasons": [
                    {
                        "kind": item.kind.value,
                        "outcome": item.outcome.value,
                        "text": item.text,
                        "source": item.source,
                        "is_demo": item.is_demo,
                    }
                    for item in verdict.evidence
                ],
                "is_demo": verdict.is_demo,
            }
            for number, verdict in verdicts.items()
        ],
    }


def status_tables(covenant: Covenant, on: dt.date) -> dict[str, list[dict[str, Any]]]:
    data = status_data(covenant, on)
    return {
        "Status": [
            {
                "nummer": a["number"],
                "onderwerp": a["subject"],
                "peildatum": data["on"],
                "status": a["status"],
                "oordeel": a["label"],
                "waarom": " | ".join(r["text"] for r in a["reasons"]),
                "voorbeeld": a["is_demo"],
            }
            for a in data["agreements"]
        ],
        "Onderbouwing": [
            {
                "nummer": a["number"],
                "soort": r["kind"],
                "uitkomst": r["outcome"],
                "tekst": r["text"],
                "bron": r["source"],
                "voorbeeld": r["is_demo"],
            }
            for a in data["agreements"]
            for r in a["reasons"]
        ],
    }


def _status_today(covenant: Covenant) -> dict[str, Any]:
    return status_data(covenant, timezone.localdate())


def _status_tables_today(covenant: Covenant) -> dict[str, list[dict[str, Any]]]:
    return status_tables(covenant, timezone.localdate())


register_export(
    Export(
        name="status",
        description=gettext_lazy("Every agreement's status on a date, with the evidence behind it."),
        as_data=_status_today,
        as_tables=_status_tables_today,
        as_data_on=status_data,
        as_tables_on=status_tables,
    )
)
