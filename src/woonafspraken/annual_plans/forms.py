from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement
from woonafspraken.annual_plans.constants import ActivityStatus
from woonafspraken.annual_plans.models import Activity, progress_error
from woonafspraken.core.forms import ModelMultipleChoiceField
from woonafspraken.core.locking import EditTokenForm

DATE = {"type": "date", "class": "utrecht-textbox"}
ISO = "%Y-%m-%d"  # what <input type="date"> needs, whatever the language


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            continue
        css = "utrecht-select" if isinstance(widget, forms.Select) else "utrecht-textbox"
        if isinstance(widget, forms.Textarea):
            css = "utrecht-textarea"
        widget.attrs.setdefault("class", css)


def _carry_label(activity: Activity) -> str:
    return f"{activity.agreement.number} · {activity.title} ({activity.get_status_display()}, {activity.progress_percent}%)"


def _carry_label_across(destinations: dict[int, Agreement], also_for: dict[int, list[Agreement]]) -> Any:
    """The label of an activity of the predecessor's last jaarschijf: where it goes, and where it came from."""

    def label(activity: Activity) -> str:
        to = destinations[activity.pk]
        text = _("%(number)s (was %(old)s) · %(title)s (%(status)s, %(percent)s%%)") % {
            "number": to.number,
            "old": activity.agreement.number,
            "title": activity.title,
            "status": activity.get_status_display(),
            "percent": activity.progress_percent,
        }
        others = also_for.get(activity.pk)
        if others:
            text += " " + _("(the agreement was split; it also concerns %(numbers)s)") % {
                "numbers": ", ".join(part.number for part in others)
            }
        return str(text)

    return label


class PlanCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    carry_over = ModelMultipleChoiceField(
        label=_("Carry over these unfinished activities"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        candidates: list[Activity],
        destinations: dict[int, Agreement] | None = None,
        also_for: dict[int, list[Agreement]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["carry_over"]
        field.queryset = Activity.objects.filter(pk__in=[a.pk for a in candidates]).select_related(  # type: ignore[attr-defined]
            "agreement"
        )
        field.label_from_instance = (  # type: ignore[attr-defined]
            _carry_label_across(destinations, also_for or {}) if destinations else _carry_label
        )
        _style(self)


class PlanAdoptForm(forms.Form):
    adopted_on = forms.DateField(label=_("Adopted on"), widget=forms.DateInput(attrs=DATE, format=ISO))
    adopted_meeting = forms.CharField(
        label=_("In the meeting"),
        max_length=300,
        help_text=_("For example: bestuurlijk overleg najaar, 24 november 2026."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class PlanCloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=forms.DateInput(attrs=DATE, format=ISO))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class PlanReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: a figure in the account was corrected after the spring meeting."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class IntervalForm(EditTokenForm):
    update_interval_days = forms.IntegerField(
        label=_("Update at least every (days)"), min_value=7, max_value=366
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


QUARTERS = [("", _("no quarter")), (1, "K1"), (2, "K2"), (3, "K3"), (4, "K4")]


class ActivityForm(EditTokenForm):
    agreement = forms.ModelChoiceField(label=_("Agreement"), queryset=Agreement.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    owners = ModelMultipleChoiceField(
        label=_("Carried out by"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    planned_quarter = forms.TypedChoiceField(
        label=_("Planned quarter"), choices=QUARTERS, coerce=int, empty_value=None, required=False
    )
    planned_date = forms.DateField(
        label=_("Or a planned date"), required=False, widget=forms.DateInput(attrs=DATE, format=ISO)
    )
    target_quantity = forms.DecimalField(
        label=_("Target number (optional)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    target_unit = forms.CharField(
        label=_("Unit"), required=False, max_length=100, help_text=_("For example: woningen isoleren.")
    )

    def __init__(
        self,
        *args: Any,
        agreements: list[Agreement],
        parties: list[Organisation],
        fixed_agreement: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agreement"]
        field.queryset = Agreement.objects.filter(pk__in=[a.pk for a in agreements]).order_by("order")  # type: ignore[attr-defined]
        field.label_from_instance = lambda a: f"{a.number} {a.subject}"  # type: ignore[attr-defined]
        if fixed_agreement:
            del self.fields["agreement"]
        self.fields["owners"].queryset = Organisation.objects.filter(pk__in=[p.pk for p in parties])  # type: ignore[attr-defined]
        _style(self)


class ProgressForm(EditTokenForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE, format=ISO))
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    progress_percent = forms.IntegerField(label=_("Progress (%)"), required=False, min_value=0, max_value=100)
    quantity = forms.DecimalField(
        label=_("Number achieved so far (optional)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    text = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status, percent = cleaned.get("status"), cleaned.get("progress_percent")
        if status and (error := progress_error(status, percent)):
            self.add_error("progress_percent", error)
        return cleaned


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment or advice"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone who can read this covenant sees your comment, with your organisation."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class MilestoneForm(EditTokenForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs=DATE, format=ISO))
    remind_days_before = forms.IntegerField(
        label=_("Remind this many days before"), min_value=0, max_value=180
    )
    done_on = forms.DateField(
        label=_("Done on"), required=False, widget=forms.DateInput(attrs=DATE, format=ISO)
    )
    year = forms.IntegerField(label=_("Jaarschijf year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, with_year: bool = False, by_event: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_year:
            del self.fields["year"]
        if by_event:  # the event that fulfils it ticks it off, not a hand
            del self.fields["done_on"]
        _style(self)
