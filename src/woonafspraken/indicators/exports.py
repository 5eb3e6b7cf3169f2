"""`woonafspraken export indicators`: every indicator with its target, agreements and observations.

JSON: a list of {"code", "name", "unit", "direction", "target", "agreements", "observations"}
(see docs/exports.md); every target carries "source": {"kind": "agreement"|"annual_plan"|"reference",
"text"}. CSV: one row per observation with the indicator's fields; Excel adds a sheet with
the registry itself.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from woonafspraken.agreements.models import Covenant
from woonafspraken.core.registry import Export, register_export
from woonafspraken.indicators.models import Target
from woonafspraken.indicators.selectors import IndicatorFigures, covenant_indicators


def _number(value: Any) -> float | int | None:
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else round(number, 4)


def target_data(target: Target | None) -> dict[str, Any] | None:
    """The target in the indicator's unit: {"value", "kind"} plus what the kind needs."""
    if target is None:
        return None
    data: dict[str, Any] = {"value": _number(target.value), "kind": target.kind}
    if target.upper is not None:
        data["upper"] = _number(target.upper)
    if target.period:
        data["period"] = target.period
    if target.first_year is not None:
        data["from"] = target.first_year
    if target.last_year is not None:
        data["until"] = target.last_year
    if target.baseline_year is not None:
        data["baseline_year"] = target.baseline_year
    if target.goal_year is not None:
        data["goal_year"] = target.goal_year
    data["applies_to"] = target.applies_to
    data["agreement"] = target.agreement.number if target.agreement else None
    # Where it comes from (fixed contract): only "agreement" and "annual_plan" judge.
    data["source"] = {"kind": target.source_kind, "text": target.source}
    return data


def current_target(figures: IndicatorFigures) -> Target | None:
    """The target that applies last (for a yearly maximum: the newest year)."""
    if not figures.targets:
        return None
    return max(figures.targets, key=lambda target: (target.first_year or 0, target.pk))


def indicators_data(covenant: Covenant) -> list[dict[str, Any]]:
    result = []
    for figures in covenant_indicators(covenant):
        indicator = figures.indicator
        result.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "unit": indicator.unit,
                "direction": indicator.direction,
                "target": target_data(current_target(figures)),
                "agreements": [agreement.number for agreement in indicator.agreements.all()],
                "observations": [
                    {
                        "period": row.period.key,
                        "organisation": row.organisation or None,
                        "dimension": row.dimension or None,
                        "value": _number(row.value),
                        "series": row.series,
                        "source": row.source,
                        "entered_by": row.entered_by or None,
                        "is_demo": row.is_demo,
                    }
                    for row in figures.rows
                ],
            }
        )
    return result


def indicators_tables(covenant: Covenant) -> dict[str, list[dict[str, Any]]]:
    data = indicators_data(covenant)
    observations = []
    registry_rows = []
    for item in data:
        target = item["target"] or {}
        common = {
            "code": item["code"],
            "indicator": item["name"],
            "eenheid": item["unit"],
            "richting": item["direction"],
            "doel": target.get("value"),
            "soort doel": target.get("kind", ""),
            "afspraken": "; ".join(item["agreements"]),
        }
        provenance = {
            "herkomst doel": (target.get("source") or {}).get("kind", ""),
            "bron doel": (target.get("source") or {}).get("text", ""),
        }
        registry_rows.append({**common, "waarnemingen": len(item["observations"]), **provenance})
        for row in item["observations"]:
            observations.append(
                {
                    **common,
                    "periode": row["period"],
                    "organisatie": row["organisation"] or "",
                    "onderdeel": row["dimension"] or "",
                    "reeks": row["series"],
                    "waarde": row["value"],
                    "bron": row["source"],
                    "ingevoerd door": row["entered_by"] or "",
                    "voorbeeld": "ja" if row["is_demo"] else "",
                    **provenance,
                }
            )
    return {"Waarnemingen": observations, "Indicatoren": registry_rows}


register_export(
    Export(
        name="indicators",
        description=gettext_lazy("Indicators: targets, agreements and figures per period."),
        as_data=indicators_data,
        as_tables=indicators_tables,
    )
)
