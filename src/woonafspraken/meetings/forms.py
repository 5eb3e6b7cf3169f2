from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans.constants import PlanState
from woonafspraken.annual_plans.models import Activity, AnnualPlan
from woonafspraken.core.forms import ModelMultipleChoiceField
from woonafspraken.core.locking import EditTokenForm
from woonafspraken.meetings.constants import (
    ADVICE_TERM_DAYS,
    ActionStatus,
    AgendaOutcome,
    ConcernKind,
    DocumentKind,
    MeetingStatus,
    StepLevel,
    Window,
    WorkKind,
)
from woonafspraken.meetings.models import AgendaItem, Concern, Meeting, MeetingType
from woonafspraken.meetings.selectors import own_tenant_organisations

_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select",
    forms.SelectMultiple: "utrecht-select",
    forms.CheckboxInput: "utrecht-checkbox",
    forms.CheckboxSelectMultiple: "",
    forms.ClearableFileInput: "utrecht-textbox",
    forms.FileInput: "utrecht-textbox",
}


class StyledForm(forms.Form):
    """Adds the NL Design System classes to every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = next((c for kind, c in _CLASSES.items() if type(field.widget) is kind), "utrecht-textbox")
            if css:
                field.widget.attrs.setdefault("class", css)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_widget() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class AgreementChoiceField(forms.ModelChoiceField[Agreement]):
    def label_from_instance(self, obj: Agreement) -> str:
        return f"{obj.number} {obj.subject}"


class AgreementMultipleChoiceField(ModelMultipleChoiceField[Agreement]):
    def label_from_instance(self, obj: Agreement) -> str:
        return f"{obj.number} {obj.subject}"


class ActivityChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.year} · {obj.agreement.number} · {obj.title}"


def _activities(covenant: Covenant) -> Any:
    """The activities of the jaarschijven that are not closed, newest year first."""
    return (
        Activity.objects.filter(plan__covenant=covenant)
        .exclude(plan__state=PlanState.CLOSED)
        .select_related("plan", "agreement")
        .order_by("-plan__year", "agreement__order", "pk")
    )


def _agreements(covenant: Covenant) -> Any:
    return Agreement.objects.filter(covenant=covenant).order_by("order")


def _parties(covenant: Covenant) -> Any:
    return Organisation.objects.filter(covenants=covenant).order_by("name")


class MeetingTypeForm(EditTokenForm, StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    agreement = AgreementChoiceField(
        label=_("Agreement it comes from"), queryset=Agreement.objects.none(), required=False
    )
    participants = ModelMultipleChoiceField(
        label=_("Participants"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    min_per_year = forms.IntegerField(
        label=_("At least this many a year"), min_value=0, max_value=52, initial=0
    )
    windows = forms.MultipleChoiceField(
        label=_("In these periods (each needs a meeting)"),
        choices=Window.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    standing_items = forms.CharField(
        label=_("Standing agenda items"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One item per line."),
    )
    wijk = forms.CharField(label=_("Neighbourhood"), max_length=100, required=False)
    is_steering = forms.BooleanField(
        label=_("Steering meeting: escalated bottlenecks go on its agenda (5.9)"), required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = _agreements(covenant)  # type: ignore[attr-defined]
        self.fields["participants"].queryset = _parties(covenant)  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, meeting_type: MeetingType) -> dict[str, Any]:
        return {
            "name": meeting_type.name,
            "agreement": meeting_type.agreement_id,
            "participants": [org.pk for org in meeting_type.participants.all()],
            "min_per_year": meeting_type.min_per_year,
            "windows": meeting_type.windows,
            "standing_items": "\n".join(meeting_type.standing_items),
            "wijk": meeting_type.wijk,
            "is_steering": meeting_type.is_steering,
            "is_active": meeting_type.is_active,
        }


class MeetingScheduleForm(StyledForm):
    meeting_type = forms.ModelChoiceField(label=_("Meeting type"), queryset=MeetingType.objects.none())
    date = forms.DateField(label=_("Date"), widget=_date_widget())
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=_time_widget())
    end_time = forms.TimeField(label=_("End time"), required=False, widget=_time_widget())
    location = forms.CharField(label=pgettext_lazy("meeting", "Location"), max_length=200, required=False)

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting_type"].queryset = MeetingType.objects.filter(  # type: ignore[attr-defined]
            covenant=covenant, is_active=True
        ).order_by("name")


class MeetingRecordForm(EditTokenForm, StyledForm):
    date = forms.DateField(label=_("Date"), widget=_date_widget())
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=_time_widget())
    end_time = forms.TimeField(label=_("End time"), required=False, widget=_time_widget())
    location = forms.CharField(label=pgettext_lazy("meeting", "Location"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=MeetingStatus.choices)
    attendees = ModelMultipleChoiceField(
        label=_("Attending organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendee_names = forms.CharField(
        label=_("Attendees"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Names, one per line."),
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text; Markdown lists and headings are shown as such."),
    )

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = _parties(covenant)  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        return {
            "date": meeting.date,
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "location": meeting.location,
            "status": meeting.status,
            "attendees": [org.pk for org in meeting.attendees.all()],
            "attendee_names": meeting.attendee_names,
            "minutes": meeting.minutes,
        }


class AnnualPlanChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{_('Jaarschijf')} {obj.year}"


class ConcernChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.get_stage_display()})"


class AgendaItemForm(EditTokenForm, StyledForm):
    """One agenda item: added at the end of the agenda, or changed (with the edit token of ADR 0005)."""

    title = forms.CharField(label=_("Agenda item"), max_length=300)
    outcome = forms.ChoiceField(
        label=_("Expected outcome"), choices=AgendaOutcome.choices, initial=AgendaOutcome.DISCUSSION
    )
    notes = forms.CharField(
        label=_("Notes (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    agreement = AgreementChoiceField(
        label=_("Agreement (optional)"), queryset=Agreement.objects.none(), required=False
    )
    annual_plan = AnnualPlanChoiceField(
        label=_("Jaarschijf (optional)"), queryset=AnnualPlan.objects.none(), required=False
    )
    activity = ActivityChoiceField(
        label=_("Jaarschijf activity (optional)"),
        queryset=Activity.objects.none(),
        required=False,
        help_text=_("The agreement follows from the activity."),
    )
    concern = ConcernChoiceField(
        label=_("Bottleneck (optional)"), queryset=Concern.objects.none(), required=False
    )

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = _agreements(covenant)  # type: ignore[attr-defined]
        plans = AnnualPlan.objects.filter(covenant=covenant).order_by("-year")
        concerns = Concern.objects.filter(covenant=covenant).order_by("-raised_on", "-pk")
        self.fields["annual_plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields["activity"].queryset = _activities(covenant)  # type: ignore[attr-defined]
        self.fields["concern"].queryset = concerns  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, item: AgendaItem) -> dict[str, Any]:
        return {
            "title": item.title,
            "outcome": item.outcome,
            "notes": item.notes,
            "agreement": item.agreement_id,
            "annual_plan": item.annual_plan_id,
            "activity": item.activity_id,
            "concern": item.concern_id,
        }


class DecisionForm(StyledForm):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    agreement = AgreementChoiceField(label=_("Agreement"), queryset=Agreement.objects.none(), required=False)
    activity = ActivityChoiceField(
        label=_("Jaarschijf activity (optional)"),
        queryset=Activity.objects.none(),
        required=False,
        help_text=_("The agreement follows from the activity."),
    )
    action = forms.CharField(
        label=_("Action following from it (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible party"), queryset=Organisation.objects.none(), required=False
    )
    assignee = forms.CharField(label=_("Person"), max_length=200, required=False)
    due_date = forms.DateField(
        label=pgettext_lazy("action", "Due date"), required=False, widget=_date_widget()
    )

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = _agreements(covenant)  # type: ignore[attr-defined]
        self.fields["activity"].queryset = _activities(covenant)  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = _parties(covenant)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") and not data.get("responsible"):
            self.add_error("responsible", _("Choose who carries out the action."))
        return data


class ActionForm(StyledForm):
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.ModelChoiceField(label=_("Responsible party"), queryset=Organisation.objects.none())
    agreement = AgreementChoiceField(label=_("Agreement"), queryset=Agreement.objects.none(), required=False)
    activity = ActivityChoiceField(
        label=_("Jaarschijf activity (optional)"),
        queryset=Activity.objects.none(),
        required=False,
        help_text=_("The agreement follows from the activity."),
    )
    assignee = forms.CharField(label=_("Person"), max_length=200, required=False)
    due_date = forms.DateField(
        label=pgettext_lazy("action", "Due date"), required=False, widget=_date_widget()
    )

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = _agreements(covenant)  # type: ignore[attr-defined]
        self.fields["activity"].queryset = _activities(covenant)  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = _parties(covenant)  # type: ignore[attr-defined]


class ActionStatusForm(EditTokenForm, StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class CommentForm(StyledForm):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))


class ConcernForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ConcernKind.choices)
    agreement = AgreementChoiceField(label=_("Agreement"), queryset=Agreement.objects.none(), required=False)
    title = forms.CharField(label=_("Short title"), max_length=200)
    description = forms.CharField(label=_("What is the matter?"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = _agreements(covenant)  # type: ignore[attr-defined]


class ConcernStepForm(EditTokenForm, StyledForm):
    level = forms.ChoiceField(label=_("Discussed in"), choices=StepLevel.choices)
    date = forms.DateField(label=_("Date"), widget=_date_widget())
    meeting = forms.ModelChoiceField(
        label=_("Meeting (optional)"), queryset=Meeting.objects.none(), required=False
    )
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 4}))
    resolved = forms.BooleanField(label=_("Resolved"), required=False)

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (  # type: ignore[attr-defined]
            Meeting.objects.filter(covenant=covenant).select_related("meeting_type").order_by("-date")
        )


class WorkForm(EditTokenForm, StyledForm):
    kind = forms.ChoiceField(label=_("Kind of work"), choices=WorkKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    wijk = forms.CharField(label=_("Neighbourhood"), max_length=100)
    streets = forms.CharField(
        label=_("Streets"), required=False, help_text=_("Separate streets with commas."), max_length=2000
    )
    start_date = forms.DateField(label=_("Start"), widget=_date_widget())
    end_date = forms.DateField(label=_("End"), widget=_date_widget())
    description = forms.CharField(
        label=pgettext_lazy("meetings", "Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, kinds: tuple[str, ...] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kinds:
            self.fields["kind"].choices = [(k, WorkKind(k).label) for k in kinds]  # type: ignore[attr-defined]

    def street_list(self) -> list[str]:
        return [s.strip() for s in self.cleaned_data.get("streets", "").split(",") if s.strip()]


class AdviceRequestForm(StyledForm):
    tenant_organisation = forms.ModelChoiceField(
        label=_("Tenant organisation"), queryset=Organisation.objects.none()
    )
    agreement = AgreementChoiceField(label=_("Agreement"), queryset=Agreement.objects.none(), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    question = forms.CharField(label=_("Request"), widget=forms.Textarea(attrs={"rows": 5}))
    due_date = forms.DateField(
        label=_("Advice due by"),
        widget=_date_widget(),
        help_text=_("Six weeks from today is the usual term for advice."),
    )

    def __init__(
        self, *args: Any, covenant: Covenant, organisation: Organisation | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = _agreements(covenant)  # type: ignore[attr-defined]
        self.fields["tenant_organisation"].queryset = _parties(covenant).filter(  # type: ignore[attr-defined]
            kind="huurdersorganisatie"
        )
        # A corporation asks its own tenants: theirs is chosen already (the service refuses another's).
        own = own_tenant_organisations(covenant, organisation).first()
        if own is not None:
            self.fields["tenant_organisation"].initial = own
        self.fields["due_date"].initial = timezone.localdate() + dt.timedelta(days=ADVICE_TERM_DAYS)


class PlanChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class AdviceOfferForm(StyledForm):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    agreement = AgreementChoiceField(label=_("Agreement"), queryset=Agreement.objects.none(), required=False)
    activity = ActivityChoiceField(
        label=_("Jaarschijf activity"), queryset=Activity.objects.none(), required=False
    )
    plan = PlanChoiceField(label=_("Draft jaarschijf"), queryset=AnnualPlan.objects.none(), required=False)
    advice = forms.CharField(label=_("Advice"), widget=forms.Textarea(attrs={"rows": 6}))
    addressees = ModelMultipleChoiceField(
        label=_("Addressed to"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They must answer the advice."),
    )

    def __init__(self, *args: Any, covenant: Covenant, addressees: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = _agreements(covenant)  # type: ignore[attr-defined]
        self.fields["activity"].queryset = _activities(covenant)  # type: ignore[attr-defined]
        self.fields["plan"].queryset = AnnualPlan.objects.filter(  # type: ignore[attr-defined]
            covenant=covenant, state=PlanState.CONCEPT
        ).order_by("year")
        self.fields["addressees"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[organisation.pk for organisation in addressees]
        ).order_by("name")
        self.fields["addressees"].initial = [organisation.pk for organisation in addressees]


class AdviceForm(EditTokenForm, StyledForm):
    advice = forms.CharField(label=_("Advice"), widget=forms.Textarea(attrs={"rows": 6}))


class AdviceResponseForm(EditTokenForm, StyledForm):
    response = forms.CharField(
        label=_("Response of the corporation"), widget=forms.Textarea(attrs={"rows": 5})
    )


class DocumentForm(StyledForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, text or image; at most 20 MB."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    description = forms.CharField(
        label=pgettext_lazy("meetings", "Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreements = AgreementMultipleChoiceField(
        label=_("Agreements it concerns"), queryset=Agreement.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip
    meeting = forms.ModelChoiceField(
        label=_("Attachment to meeting (optional)"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreements"].queryset = _agreements(covenant)  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = (  # type: ignore[attr-defined]
            Meeting.objects.filter(covenant=covenant).select_related("meeting_type").order_by("-date")
        )
