"""Pages of the draft successor: starting it, its overview, an agreement in the draft with its proposals,
and the coordinator's structure forms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.agreements.http import CovenantRequest
from woonafspraken.agreements.models import Agreement, Covenant, CovenantStage
from woonafspraken.core.forms import call_service
from woonafspraken.meetings.models import AdviceRequest
from woonafspraken.meetings.permissions import can_offer_advice
from woonafspraken.renewal.forms.draft import (
    AgreementAddForm,
    CommentForm,
    DraftStartForm,
    DropForm,
    MergeForm,
    OutcomeForm,
    ProposalForm,
    RenumberForm,
    RewriteForm,
    SplitForm,
)
from woonafspraken.renewal.models import Proposal
from woonafspraken.renewal.permissions.draft import (
    can_change_structure,
    can_comment,
    can_decide,
    can_propose,
    is_open_draft,
)
from woonafspraken.renewal.redline import Segment, redline
from woonafspraken.renewal.selectors.draft import (
    draft_lineage,
    draft_of,
    dropped_predecessors,
    open_proposal_counts,
    proposals_of,
)
from woonafspraken.renewal.services.draft import covenant_draft
from woonafspraken.renewal.services.negotiation import proposal_comment_add, proposal_decide, proposal_submit
from woonafspraken.renewal.services.structure import (
    agreement_add,
    agreement_drop,
    agreement_merge,
    agreement_renumber,
    agreement_rewrite,
    agreement_split,
)

_FIELD_LABELS = {
    "subject": gettext_lazy("Subject"),
    "text": gettext_lazy("Text"),
    "parties_raw": gettext_lazy("Parties"),
    "leads_raw": gettext_lazy("Lead / date"),
    "due_raw": gettext_lazy("Due moment"),
}


def _draft(request: CovenantRequest) -> Covenant:
    covenant = request.covenant
    if covenant.stage != CovenantStage.DRAFT:
        raise Http404(_("This covenant is no draft."))
    return covenant


def _agreement(draft: Covenant, number: str) -> Agreement:
    return get_object_or_404(
        Agreement.objects.select_related("theme", "section", "covenant"), covenant=draft, number=number
    )


def _require_structure(request: CovenantRequest, covenant: Covenant) -> None:
    if not can_change_structure(request.user, covenant):
        raise PermissionDenied(_("Only the coordinator changes the draft's structure."))


def draft_start(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """The coordinator starts a draft successor from this covenant."""
    source = request.covenant
    if not can_change_structure(request.user, source):
        raise PermissionDenied(_("Only the coordinator can draft a successor."))
    if source.stage == CovenantStage.DRAFT:  # a draft is followed up once it is signed
        return redirect("renewal:draft", source.pk)
    form = DraftStartForm(request.POST or None, initial=DraftStartForm.initial_for(source))
    if request.method == "POST" and form.is_valid():
        draft = call_service(form, covenant_draft, source=source, user=request.user, **form.cleaned_data)
        if draft is not None:
            messages.success(request, _("The draft has been made: every agreement has been copied."))
            return redirect("renewal:draft", draft.pk)
    return render(
        request, "renewal/draft_start.html", {"form": form, "source": source, "existing": draft_of(source)}
    )


def draft_overview(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    """The draft's themes and agreements with their lineage; on a signed covenant, its draft (if any)."""
    covenant = request.covenant
    if covenant.stage != CovenantStage.DRAFT:
        draft = draft_of(covenant)
        if draft is not None:
            return redirect("renewal:draft", draft.pk)
        return render(
            request,
            "renewal/draft_none.html",
            {"can_start": can_change_structure(request.user, covenant)},
        )
    lineage = draft_lineage(covenant)
    counts = open_proposal_counts(covenant)
    themes = []
    agreements = list(covenant.agreements.select_related("section").order_by("order"))
    for theme in covenant.themes.order_by("number"):
        rows = [
            (agreement, lineage[agreement.pk], counts.get(agreement.pk, 0))
            for agreement in agreements
            if agreement.theme_id == theme.pk
        ]
        themes.append((theme, rows))
    return render(
        request,
        "renewal/draft_overview.html",
        {
            "themes": themes,
            "dropped": list(dropped_predecessors(covenant)),
            "open_total": sum(counts.values()),
            "can_structure": can_change_structure(request.user, covenant) and is_open_draft(covenant),
            "is_open": is_open_draft(covenant),
        },
    )


@dataclass(frozen=True)
class FieldRedline:
    label: str
    segments: tuple[Segment, ...]


def _redlines(proposal: Proposal, against: Agreement | Any) -> list[FieldRedline]:
    return [
        FieldRedline(str(_FIELD_LABELS[name]), redline(getattr(against, name) or "", value))
        for name, value in proposal.changes().items()
    ]


def draft_agreement(request: CovenantRequest, covenant_id: int, number: str) -> HttpResponse:
    """An agreement in the draft: its text and versions, the proposals with their redline, comments and
    outcome; the form to propose a change."""
    draft = _draft(request)
    agreement = _agreement(draft, number)
    user = request.user
    action = request.POST.get("form") if request.method == "POST" else None
    allowed = {
        "propose": can_propose(user, draft),
        "comment": can_comment(user, draft),
        "outcome": can_decide(user, draft),
    }
    if action is not None and not allowed.get(action, False):
        raise PermissionDenied(_("You have no permission for this action."))
    propose_form = ProposalForm(initial=ProposalForm.initial_for(agreement), prefix="voorstel")
    bound: dict[tuple[str, int], Form] = {}  # a refused comment or outcome form, shown with its errors
    if action == "propose":
        propose_form = ProposalForm(request.POST, prefix="voorstel")
        if propose_form.is_valid():
            made = call_service(
                propose_form, proposal_submit, agreement=agreement, user=user, **propose_form.cleaned_data
            )
            if made is not None:
                messages.success(request, _("Your proposal has been recorded."))
                return redirect("renewal:draft_agreement", draft.pk, agreement.number)
    elif action == "comment":
        comment_form = CommentForm(request.POST, prefix="reactie")
        if comment_form.is_valid():
            data = dict(comment_form.cleaned_data)
            proposal = get_object_or_404(Proposal, pk=data.pop("proposal"), agreement=agreement)
            if call_service(comment_form, proposal_comment_add, proposal=proposal, user=user, **data):
                messages.success(request, _("Your comment has been recorded."))
                return redirect("renewal:draft_agreement", draft.pk, agreement.number)
        bound[("comment", _posted_proposal(request, "reactie"))] = comment_form
    elif action == "outcome":
        outcome_form = OutcomeForm(request.POST, prefix="uitkomst")
        if outcome_form.is_valid():
            data = dict(outcome_form.cleaned_data)
            proposal = get_object_or_404(Proposal, pk=data.pop("proposal"), agreement=agreement)
            if call_service(outcome_form, proposal_decide, proposal=proposal, user=user, **data):
                messages.success(request, _("The outcome has been recorded."))
                return redirect("renewal:draft_agreement", draft.pk, agreement.number)
        bound[("outcome", _posted_proposal(request, "uitkomst"))] = outcome_form
    versions = list(agreement.versions.select_related("created_by", "proposal").order_by("version"))
    by_version = {version.version: version for version in versions}
    proposals = []
    for proposal in proposals_of(agreement):
        against = agreement if proposal.is_open else by_version.get(proposal.based_on_version, agreement)
        proposals.append(
            {
                "proposal": proposal,
                "redlines": _redlines(proposal, against),
                "comment_form": bound.get(("comment", proposal.pk))
                or CommentForm(prefix="reactie", initial={"proposal": proposal.pk}),
                "outcome_form": bound.get(("outcome", proposal.pk))
                or OutcomeForm(
                    prefix="uitkomst",
                    initial={"proposal": proposal.pk, "text": proposal.text or agreement.text},
                ),
            }
        )
    lineage = draft_lineage(draft)[agreement.pk]
    return render(
        request,
        "renewal/draft_agreement.html",
        {
            "agreement": agreement,
            "lineage": lineage,
            "versions": versions,
            "proposals": proposals,
            "propose_form": propose_form,
            "is_open": is_open_draft(draft),
            "can_propose": allowed["propose"] and is_open_draft(draft),
            "can_comment": allowed["comment"] and is_open_draft(draft),
            "can_decide": allowed["outcome"] and is_open_draft(draft),
            "can_structure": can_change_structure(user, draft) and is_open_draft(draft),
            "can_advise": can_offer_advice(user, draft) and is_open_draft(draft),
            "advice": list(
                AdviceRequest.objects.filter(agreement=agreement).select_related("tenant_organisation")
            ),
        },
    )


def draft_add(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    draft = _draft(request)
    _require_structure(request, draft)
    form = AgreementAddForm(request.POST or None, covenant=draft)
    if request.method == "POST" and form.is_valid():
        added = call_service(form, agreement_add, covenant=draft, user=request.user, **form.cleaned_data)
        if added is not None:
            messages.success(request, _("Agreement %(number)s has been added.") % {"number": added.number})
            return redirect("renewal:draft_agreement", draft.pk, added.number)
    return _structure_page(request, form, _("Add an agreement"))


def draft_rewrite(request: CovenantRequest, covenant_id: int, number: str) -> HttpResponse:
    draft = _draft(request)
    _require_structure(request, draft)
    agreement = _agreement(draft, number)
    initial = {"subject": agreement.subject, "text": agreement.text, "version": agreement.version}
    form = RewriteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            agreement_rewrite,
            agreement=agreement,
            user=request.user,
            text=data["text"],
            subject=data["subject"],
            reason=data["reason"],
            expected_version=data["version"],
        )
        if done is not None:
            messages.success(
                request, _("The new text has been saved as version %(version)s.") % {"version": done.version}
            )
            return redirect("renewal:draft_agreement", draft.pk, agreement.number)
    return _structure_page(request, form, _("Rewrite agreement %(number)s") % {"number": number}, agreement)


def draft_merge(request: CovenantRequest, covenant_id: int) -> HttpResponse:
    draft = _draft(request)
    _require_structure(request, draft)
    form = MergeForm(request.POST or None, covenant=draft)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = list(data.pop("agreements"))
        merged = call_service(
            form, agreement_merge, covenant=draft, agreements=chosen, user=request.user, **data
        )
        if merged is not None:
            messages.success(
                request, _("The agreements have been merged into %(number)s.") % {"number": merged.number}
            )
            return redirect("renewal:draft_agreement", draft.pk, merged.number)
    return _structure_page(request, form, _("Merge agreements"))


def draft_split(request: CovenantRequest, covenant_id: int, number: str) -> HttpResponse:
    draft = _draft(request)
    _require_structure(request, draft)
    agreement = _agreement(draft, number)
    initial = {"number_1": agreement.number, "subject_1": agreement.subject, "text_1": agreement.text}
    form = SplitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        parts = call_service(
            form,
            agreement_split,
            agreement=agreement,
            user=request.user,
            parts=form.parts(),
            reason=form.cleaned_data["reason"],
            field_of=lambda field: "__all__" if field == "parts" else field,
        )
        if parts is not None:
            messages.success(request, _("Agreement %(number)s has been split.") % {"number": number})
            return redirect("renewal:draft", draft.pk)
    return _structure_page(request, form, _("Split agreement %(number)s") % {"number": number}, agreement)


def draft_renumber(request: CovenantRequest, covenant_id: int, number: str) -> HttpResponse:
    draft = _draft(request)
    _require_structure(request, draft)
    agreement = _agreement(draft, number)
    initial = {"number": agreement.number, "theme": agreement.theme_id, "section": agreement.section_id}
    form = RenumberForm(request.POST or None, initial=initial, covenant=draft)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        moved = call_service(
            form,
            agreement_renumber,
            agreement=agreement,
            user=request.user,
            number=data["number"],
            theme=data["theme"],
            section=data["section"],
        )
        if moved is not None:
            messages.success(
                request, _("Agreement %(old)s is now %(new)s.") % {"old": number, "new": moved.number}
            )
            return redirect("renewal:draft_agreement", draft.pk, moved.number)
    return _structure_page(
        request, form, _("Renumber or move agreement %(number)s") % {"number": number}, agreement
    )


def draft_drop(request: CovenantRequest, covenant_id: int, number: str) -> HttpResponse:
    draft = _draft(request)
    _require_structure(request, draft)
    agreement = _agreement(draft, number)
    form = DropForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dropped = call_service(form, _drop, agreement=agreement, user=request.user)
        if dropped is not None:
            messages.success(
                request, _("Agreement %(number)s has been removed from the draft.") % {"number": number}
            )
            return redirect("renewal:draft", draft.pk)
    return _structure_page(
        request, form, _("Remove agreement %(number)s from the draft") % {"number": number}, agreement
    )


def _structure_page(
    request: CovenantRequest, form: Form, heading: str, agreement: Agreement | None = None
) -> HttpResponse:
    """One of the coordinator's structure forms (add, rewrite, merge, split, renumber, drop)."""
    return render(
        request, "renewal/draft_structure.html", {"form": form, "agreement": agreement, "heading": heading}
    )


def _posted_proposal(request: CovenantRequest, prefix: str) -> int:
    raw = request.POST.get(f"{prefix}-proposal", "")
    return int(raw) if raw.isdigit() else 0


def _drop(*, agreement: Agreement, user: Any) -> bool:
    agreement_drop(agreement=agreement, user=user)
    return True
