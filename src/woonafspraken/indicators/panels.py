"""How the indicators plug into shared places: covenant home, navigation, agreement pages, agendas, imports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.registry import (
    AgendaPoint,
    AgendaSource,
    AgreementPanel,
    ImportHook,
    NavItem,
    Panel,
    register_agenda_source,
    register_agreement_panel,
    register_import_hook,
    register_nav,
    register_panel,
)
from woonafspraken.core.verdicts import EvidenceSource, register_evidence_source
from woonafspraken.indicators import arithmetic as ar
from woonafspraken.indicators import evidence
from woonafspraken.indicators.presentation import agreement_verdicts, period_label, status_of, verdict_label
from woonafspraken.indicators.selectors import covenant_indicators
from woonafspraken.indicators.services import indicators_seed


def home_panel(request: HttpRequest, covenant: Covenant) -> dict[str, Any] | None:
    statuses = [status_of(item) for item in covenant_indicators(covenant)]
    if not statuses:
        return None
    return {"covenant": covenant, "statuses": statuses, **agreement_verdicts(covenant, statuses)}


def agreement_panel(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
    codes = [indicator.code for indicator in agreement.indicators.all()]
    if not codes:
        return None
    statuses = [status_of(item) for item in covenant_indicators(agreement.covenant, codes=codes)]
    return {"covenant": agreement.covenant, "agreement": agreement, "statuses": statuses}


def off_target(covenant: Covenant, since: dt.date | None, until: dt.date) -> list[AgendaPoint]:
    """Indicators whose latest verdict on ``until`` is behind or needs attention, and since when.

    ``since`` (the previous meeting) only marks which ones went off target after it ("nieuw").
    """
    points = []
    for item in covenant_indicators(covenant, on=until):
        evaluation = item.evaluation
        if evaluation.verdict not in (ar.Verdict.BEHIND, ar.Verdict.ATTENTION):
            continue
        started = evaluation.off_target_since()
        status = status_of(item)
        detail = status.sentence
        if started is not None:
            detail = _("Off target since %(period)s. %(sentence)s") % {
                "period": period_label(started),
                "sentence": status.sentence,
            }
            if since is not None and started.start >= since:
                new = _("New since the previous meeting.")
                detail = f"{new} {detail}"
        agreements = status.agreements
        points.append(
            AgendaPoint(
                title=f"{item.indicator.name}: {verdict_label(evaluation.verdict).lower()}",
                detail=detail,
                url=reverse("indicators:detail", args=[covenant.pk, item.indicator.code]),
                agreement=agreements[0] if agreements else None,
            )
        )
    return points


def seed_on_import(covenant: Covenant, user: Any) -> list[str]:
    result = indicators_seed(covenant=covenant, user=user)
    if not result.created:
        return []
    return [
        _("Indicators: %(count)s created for monitoring the agreements, with %(targets)s targets.")
        % {"count": result.created, "targets": result.targets}
    ]


register_panel(Panel(name="indicators", template="indicators/_home_panel.html", order=30, context=home_panel))
register_nav(NavItem(label=gettext_lazy("Indicators"), url_name="indicators:index", order=30))  # type: ignore[arg-type]
register_agreement_panel(
    AgreementPanel(
        name="indicators", template="indicators/_agreement_panel.html", order=20, context=agreement_panel
    )
)
register_agenda_source(
    AgendaSource(
        name="indicators",
        heading=gettext_lazy("Indicators that do not reach the target"),
        order=30,
        collect=off_target,
    )
)
register_import_hook(ImportHook(name="indicators", order=20, run=seed_on_import))
register_evidence_source(EvidenceSource(name="targets", order=20, collect=evidence.collect))
