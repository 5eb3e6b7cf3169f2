"""Forms of the draft successor: starting it, its structure, proposals, comments and outcomes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Covenant, Section, Theme
from woonafspraken.meetings.forms import AgreementMultipleChoiceField, StyledForm
from woonafspraken.renewal.models import ProposalState
from woonafspraken.renewal.services.structure import SplitPart


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ThemeChoiceField(forms.ModelChoiceField[Theme]):
    def label_from_instance(self, obj: Theme) -> str:
        return f"{obj.number} – {obj.title}"


class SectionChoiceField(forms.ModelChoiceField[Section]):
    def label_from_instance(self, obj: Section) -> str:
        return f"{obj.number} – {obj.title}"


def _place_fields(form: forms.Form, covenant: Covenant) -> None:
    form.fields["theme"].queryset = Theme.objects.filter(covenant=covenant).order_by("number")  # type: ignore[attr-defined]
    form.fields["section"].queryset = Section.objects.filter(theme__covenant=covenant).order_by(  # type: ignore[attr-defined]
        "theme__number", "order"
    )


class DraftStartForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    start = forms.DateField(label=_("Start date"), widget=_date_widget())
    end = forms.DateField(label=_("End date"), widget=_date_widget())

    @staticmethod
    def initial_for(source: Covenant) -> dict[str, Any]:
        start = source.end_date + dt.timedelta(days=1)
        end = dt.date(start.year + 3, 12, 31)
        return {
            "title": f"Prestatieafspraken {source.municipality} {start.year} – {end.year}",
            "start": start,
            "end": end,
        }


class AgreementAddForm(StyledForm):
    theme = ThemeChoiceField(label=_("Theme"), queryset=Theme.objects.none())
    section = SectionChoiceField(label=_("Section"), queryset=Section.objects.none(), required=False)
    number = forms.CharField(label=_("Number"), max_length=20, help_text=_("For example 1.3.9"))
    subject = forms.CharField(label=_("Subject"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    leads = forms.ModelMultipleChoiceField(
        label=_("Lead"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_raw = forms.CharField(label=_("Due moment"), max_length=300, required=False)

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _place_fields(self, covenant)
        parties = Organisation.objects.filter(covenants=covenant).order_by("name")
        self.fields["parties"].queryset = parties  # type: ignore[attr-defined]
        self.fields["leads"].queryset = parties  # type: ignore[attr-defined]


class RewriteForm(StyledForm):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MergeForm(StyledForm):
    agreements = AgreementMultipleChoiceField(
        label=_("Agreements to merge"),
        queryset=Agreement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The first one chosen keeps its place, versions and proposals."),
    )
    number = forms.CharField(label=_("Number of the merged agreement"), max_length=20)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreements"].queryset = Agreement.objects.filter(covenant=covenant).order_by("order")  # type: ignore[attr-defined]


SPLIT_PARTS = 3


class SplitForm(StyledForm):
    """Up to three parts; a part left empty is not made."""

    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index in range(1, SPLIT_PARTS + 1):
            required = index <= 2
            self.fields[f"number_{index}"] = forms.CharField(
                label=_("Part %(index)s: number") % {"index": index}, max_length=20, required=required
            )
            self.fields[f"subject_{index}"] = forms.CharField(
                label=_("Part %(index)s: subject") % {"index": index}, max_length=300, required=required
            )
            self.fields[f"text_{index}"] = forms.CharField(
                label=_("Part %(index)s: text") % {"index": index},
                widget=forms.Textarea(attrs={"rows": 5}),
                required=required,
            )
        for field in self.fields.values():
            textarea = isinstance(field.widget, forms.Textarea)
            field.widget.attrs.setdefault("class", "utrecht-textarea" if textarea else "utrecht-textbox")

    def parts(self) -> list[SplitPart]:
        data = self.cleaned_data
        return [
            SplitPart(data[f"number_{i}"], data[f"subject_{i}"], data[f"text_{i}"])
            for i in range(1, SPLIT_PARTS + 1)
            if data.get(f"number_{i}") or data.get(f"text_{i}")
        ]


class RenumberForm(StyledForm):
    number = forms.CharField(label=_("New number"), max_length=20)
    theme = ThemeChoiceField(label=_("Theme"), queryset=Theme.objects.none())
    section = SectionChoiceField(label=_("Section"), queryset=Section.objects.none(), required=False)

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _place_fields(self, covenant)


class DropForm(StyledForm):
    confirm = forms.BooleanField(label=_("Yes, remove this agreement from the draft"))


class ProposalForm(StyledForm):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    parties_raw = forms.CharField(label=_("Parties"), max_length=300, required=False)
    leads_raw = forms.CharField(label=_("Lead / date"), max_length=300, required=False)
    due_raw = forms.CharField(label=_("Due moment"), max_length=300, required=False)
    reason = forms.CharField(
        label=_("Reason for the proposal"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    @staticmethod
    def initial_for(agreement: Agreement) -> dict[str, Any]:
        return {
            "subject": agreement.subject,
            "text": agreement.text,
            "parties_raw": agreement.parties_raw,
            "leads_raw": agreement.leads_raw,
            "due_raw": agreement.due_raw,
        }


class CommentForm(StyledForm):
    proposal = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class OutcomeForm(StyledForm):
    proposal = forms.IntegerField(widget=forms.HiddenInput)
    state = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(s.value, s.label) for s in ProposalState if s != ProposalState.OPEN],
        widget=forms.RadioSelect(attrs={"class": ""}),
    )
    text = forms.CharField(
        label=_("Text as agreed"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Only for “taken over with changes”."),
    )
    outcome_note = forms.CharField(
        label=_("Note on the outcome"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
