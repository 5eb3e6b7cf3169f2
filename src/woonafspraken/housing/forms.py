from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.core.locking import EditTokenForm
from woonafspraken.housing.constants import WithdrawalKind
from woonafspraken.housing.models import Project

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
FORMAT_CHOICES = [("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (.csv)"))]
TEXT_INPUT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class OrganisationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class StockTemplateForm(forms.Form):
    corporation = OrganisationChoiceField(
        label=_("Corporation"),
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs=SELECT),
        empty_label=None,
    )
    date = forms.DateField(
        label=_("Reference date"),
        help_text=_("The date the homes were counted, usually 1 July."),
        widget=forms.DateInput(attrs={**TEXT_INPUT, "type": "date"}, format="%Y-%m-%d"),
    )
    format = forms.ChoiceField(
        label=_("File type"), choices=FORMAT_CHOICES, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args: Any, corporations: Sequence[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["corporation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[org.pk for org in corporations]).order_by("name")


class PipelineTemplateForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs=SELECT),
        required=False,
        empty_label=_("All organisations whose figures I deliver"),
    )
    format = forms.ChoiceField(
        label=_("File type"), choices=FORMAT_CHOICES, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args: Any, organisations: Sequence[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[org.pk for org in organisations]).order_by(
            "name"
        )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template"),
        help_text=_("An Excel file (.xlsx) or a CSV file (.csv) made from the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "utrecht-textbox"}),
    )

    def clean_file(self) -> tuple[str, bytes]:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB; that is not a figures template."))
        return upload.name, upload.read()


class RealisedForm(EditTokenForm):
    """One number field per project of the organisation and per kind of withdrawal, for one year."""

    def __init__(
        self,
        *args: Any,
        projects: Sequence[Project],
        initial_projects: dict[int, int | None],
        initial_withdrawals: dict[str, int | None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for project in projects:
            self.fields[f"project_{project.pk}"] = forms.IntegerField(
                label=project.name,
                required=False,
                min_value=0,
                initial=initial_projects.get(project.pk),
                widget=forms.NumberInput(attrs={**TEXT_INPUT, "inputmode": "numeric"}),
            )
        for kind, label in WithdrawalKind.choices:
            self.fields[f"withdrawal_{kind}"] = forms.IntegerField(
                label=str(label).capitalize(),
                required=False,
                min_value=0,
                initial=initial_withdrawals.get(kind),
                widget=forms.NumberInput(attrs={**TEXT_INPUT, "inputmode": "numeric"}),
            )

    def project_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("project_")]

    def withdrawal_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("withdrawal_")]

    def projects(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("project_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("project_")
        }

    def withdrawals(self) -> dict[str, int | None]:
        return {
            name.removeprefix("withdrawal_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("withdrawal_")
        }


class AssumptionsForm(EditTokenForm):
    """Per year of the look-ahead: the rent increase and the indexation of the limits, both optional."""

    def __init__(
        self,
        *args: Any,
        years: Sequence[int],
        initial_values: dict[int, tuple[Decimal | None, Decimal | None]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.years = list(years)
        for year in years:
            rent, index = initial_values.get(year, (None, None))
            self.fields[f"rent_{year}"] = forms.DecimalField(
                label=_("Rent increase %(year)s (%%)") % {"year": year},
                required=False,
                min_value=Decimal(-20),
                max_value=Decimal(50),
                decimal_places=2,
                initial=rent,
                localize=True,
                widget=forms.TextInput(attrs={**TEXT_INPUT, "inputmode": "decimal"}),
            )
            self.fields[f"index_{year}"] = forms.DecimalField(
                label=_("Indexation of the rent limits %(year)s (%%)") % {"year": year},
                required=False,
                min_value=Decimal(-20),
                max_value=Decimal(50),
                decimal_places=2,
                initial=index,
                localize=True,
                widget=forms.TextInput(attrs={**TEXT_INPUT, "inputmode": "decimal"}),
            )

    def rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [(year, self[f"rent_{year}"], self[f"index_{year}"]) for year in self.years]

    def values(self) -> dict[int, tuple[Decimal | None, Decimal | None]]:
        return {
            year: (self.cleaned_data[f"rent_{year}"], self.cleaned_data[f"index_{year}"])
            for year in self.years
        }


class RealisedChoiceForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs=SELECT),
        empty_label=None,
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[], widget=forms.Select(attrs=SELECT))

    def __init__(
        self, *args: Any, organisations: Sequence[Organisation], years: Sequence[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[org.pk for org in organisations]).order_by(
            "name"
        )
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [(year, str(year)) for year in years]
        year_field.initial = max((y for y in years if y < dt.date.today().year), default=None)
