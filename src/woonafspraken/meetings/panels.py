"""How the meetings app plugs into shared places: the covenant home, the navigation, the agreement
page, the agenda proposal sources, the document import and the evidence for an agreement's verdict."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.registry import (
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
from woonafspraken.meetings.evidence import concern_evidence, meeting_evidence
from woonafspraken.meetings.models import Concern
from woonafspraken.meetings.selectors import (
    agreement_meetings_data,
    cadence_for_year,
    covenant_end_points,
    open_actions_points,
    open_concern_points,
)
from woonafspraken.meetings.services import meeting_types_seed


def _home_context(request: HttpRequest, covenant: Covenant) -> dict[str, Any] | None:
    today = timezone.localdate()
    rows = [row for row in cadence_for_year(covenant, today.year, today=today) if row.status.required]
    concerns = list(
        Concern.objects.filter(covenant=covenant).open().select_related("agreement").order_by("raised_on")[:5]
    )
    if not rows and not concerns:
        return None
    return {
        "covenant": covenant,
        "year": today.year,
        "rows": rows,
        "overdue": sum(1 for row in rows if row.behind),
        "concerns": concerns,
        "concern_count": Concern.objects.filter(covenant=covenant).open().count(),
    }


register_panel(
    Panel(name="meetings", template="meetings/panels/covenant_home.html", order=40, context=_home_context)
)
register_nav(NavItem(label=cast(str, gettext_lazy("Meetings")), url_name="meetings:index", order=40))


def _agreement_context(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
    # Always shown: it is where a party raises a knelpunt on the agreement.
    return {"agreement": agreement, "data": agreement_meetings_data(agreement)}


register_agreement_panel(
    AgreementPanel(
        name="meetings", template="meetings/panels/agreement.html", order=40, context=_agreement_context
    )
)

register_agenda_source(
    AgendaSource(
        name="meetings.actions", heading=gettext_lazy("Open actions"), order=60, collect=open_actions_points
    )
)
register_agenda_source(
    AgendaSource(
        name="meetings.concerns",
        heading=gettext_lazy("Open bottlenecks"),
        order=70,
        collect=open_concern_points,
    )
)
register_agenda_source(
    AgendaSource(
        name="meetings.covenant_end",
        heading=gettext_lazy("Term of the performance agreements"),
        order=90,
        collect=covenant_end_points,
    )
)


def _seed(covenant: Covenant, user: Any) -> list[str]:
    return meeting_types_seed(covenant=covenant, user=user if isinstance(user, User) else None)


register_import_hook(ImportHook(name="meetings", order=30, run=_seed))

# The prescribed meetings held against their cadence, and the open knelpunten and disputes (issue 12).
register_evidence_source(EvidenceSource(name="meetings", order=40, collect=meeting_evidence))
register_evidence_source(EvidenceSource(name="concerns", order=45, collect=concern_evidence))
