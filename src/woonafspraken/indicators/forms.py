from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement
from woonafspraken.core.locking import EditTokenForm
from woonafspraken.indicators.arithmetic import Period, PeriodError
from woonafspraken.indicators.constants import AppliesTo, TargetKind, TargetSourceKind
from woonafspraken.indicators.models import Indicator
from woonafspraken.indicators.presentation import period_label

TEXTBOX = {"class": "utrecht-textbox"}
SELECT = {"class": "utrecht-select"}


def value_field_name(dimension: str) -> str:
    return f"value_{dimension}" if dimension else "value"


class ObservationForm(EditTokenForm):
    """One period's figures of one indicator: a value per module or label, with source and note."""

    period = forms.ChoiceField(label=pgettext_lazy("indicators", "Period"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("Where the figure comes from, for example the quarterly report of the Woningzoeker."),
    )
    note = forms.CharField(
        label=pgettext_lazy("indicators", "Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
    )

    def __init__(
        self,
        *args: Any,
        indicator: Indicator,
        periods: list[Period],
        organisations: list[Organisation],
        dimensions: list[tuple[str, str]],
        unit_label: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["period"].choices = [  # type: ignore[attr-defined]
            (period.key, f"{period.key} ({period_label(period)})") for period in periods
        ]
        self.fields["period"].widget.attrs.update(SELECT)
        if indicator.per_organisation:
            field = self.fields["organisation"]
            field.queryset = Organisation.objects.filter(pk__in=[org.pk for org in organisations])  # type: ignore[attr-defined]
            field.empty_label = None  # type: ignore[attr-defined]
            field.widget.attrs.update(SELECT)
        else:
            del self.fields["organisation"]
        self.value_fields: list[str] = []
        value_label = _("Value")
        for dimension, label in dimensions:
            name = value_field_name(dimension)
            self.fields[name] = forms.DecimalField(
                label=f"{label} ({unit_label})" if label else f"{value_label} ({unit_label})",
                required=False,
                localize=True,
                max_digits=14,
                decimal_places=4,
                widget=forms.TextInput(attrs={**TEXTBOX, "inputmode": "decimal", "autocomplete": "off"}),
            )
            self.value_fields.append(name)
        self.fields["source"].widget.attrs.update(TEXTBOX)
        self.dimensions = dimensions

    def values(self) -> dict[str, Any]:
        return {
            dimension: self.cleaned_data.get(value_field_name(dimension))
            for dimension, _label in self.dimensions
        }


class FiguresUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Figures file (Excel or CSV)"),
        help_text=_(
            "A filled-in template. Every row is checked first; if one row is wrong, nothing is stored."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "utrecht-textbox"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class TemplateForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    period = forms.CharField(
        label=pgettext_lazy("indicators", "Period"),
        max_length=10,
        help_text=_("A year (2025), a quarter (2025-K1) or a half year (2025-H1)."),
        widget=forms.TextInput(attrs=TEXTBOX),
    )
    format = forms.ChoiceField(
        label=_("File type"),
        choices=[("xlsx", "Excel (.xlsx)"), ("csv", "CSV")],
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[org.pk for org in organisations])  # type: ignore[attr-defined]
        field.empty_label = None  # type: ignore[attr-defined]
        field.widget.attrs.update(SELECT)

    def clean_period(self) -> Period:
        try:
            return Period.parse(self.cleaned_data["period"])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error


class TargetForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of target"), choices=TargetKind.choices, widget=forms.Select(attrs=SELECT)
    )
    value = forms.DecimalField(
        label=_("Value"),
        localize=True,
        max_digits=14,
        decimal_places=4,
        help_text=_(
            "In the unit of the indicator; for a band the lower bound, for a cumulative target the amount per period."
        ),
        widget=forms.TextInput(attrs={**TEXTBOX, "inputmode": "decimal"}),
    )
    upper = forms.DecimalField(
        label=_("Upper bound (band only)"),
        required=False,
        localize=True,
        max_digits=14,
        decimal_places=4,
        widget=forms.TextInput(attrs={**TEXTBOX, "inputmode": "decimal"}),
    )
    first_year = forms.IntegerField(
        label=_("From year"),
        required=False,
        min_value=1990,
        max_value=2100,
        widget=forms.NumberInput(attrs=TEXTBOX),
    )
    last_year = forms.IntegerField(
        label=_("Up to and including year"),
        required=False,
        min_value=1990,
        max_value=2100,
        widget=forms.NumberInput(attrs=TEXTBOX),
    )
    applies_to = forms.ChoiceField(
        label=_("Applies to"), choices=AppliesTo.choices, widget=forms.Select(attrs=SELECT)
    )
    agreement = forms.ModelChoiceField(
        label=_("Agreement"),
        required=False,
        queryset=Agreement.objects.none(),
        widget=forms.Select(attrs=SELECT),
    )
    source_kind = forms.ChoiceField(
        label=_("The target comes from"),
        choices=TargetSourceKind.choices,
        widget=forms.Select(attrs=SELECT),
        help_text=_(
            "Only a target from the agreement or a jaarschijf adopted by the parties judges; a national "
            "reference is shown for comparison."
        ),
    )
    source = forms.CharField(
        label=_("Where the target comes from"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
        help_text=_(
            "Quote the agreement (with its number) or the jaarschijf, or name the national rule and its source."
        ),
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agreement"]
        field.queryset = indicator.agreements.all()  # type: ignore[attr-defined]
        field.empty_label = "–"  # type: ignore[attr-defined]
        if not indicator.per_organisation:
            del self.fields["applies_to"]


class AdoptReferenceForm(forms.Form):
    """The parties adopt a national reference as their target for one jaarschijf year."""

    reference = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(
        label=_("Jaarschijf year"),
        min_value=1990,
        max_value=2100,
        widget=forms.NumberInput(attrs=TEXTBOX),
    )
