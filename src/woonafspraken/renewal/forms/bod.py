"""Forms of the bod pages: record a bod, its items, submit it, respond to it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Covenant, Theme
from woonafspraken.meetings.forms import AgreementChoiceField, StyledForm
from woonafspraken.renewal.models import BodItemKind, BodPosition


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ThemeChoiceField(forms.ModelChoiceField[Theme]):
    def label_from_instance(self, obj: Theme) -> str:
        return f"{obj.number}. {obj.title}"


_FILE_HELP = _("PDF, Word, Excel, PowerPoint, OpenDocument, text or image; at most 20 MB.")


class BodForm(StyledForm):
    corporation = forms.ModelChoiceField(label=_("Corporation"), queryset=Organisation.objects.none())
    year = forms.IntegerField(label=_("Year"), help_text=_("The year the bod is for."))
    file = forms.FileField(label=_("Document"), required=False, help_text=_FILE_HELP)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(
        self, *args: Any, covenant: Covenant, corporation: Organisation | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if corporation is not None:  # a corporation records its own bod
            del self.fields["corporation"]
        else:  # an administrator chooses
            self.fields["corporation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
                covenants=covenant, kind=OrganisationKind.CORPORATION
            ).order_by("name")


class BodEditForm(StyledForm):
    file = forms.FileField(label=_("Replace the document"), required=False, help_text=_FILE_HELP)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 5}))


class BodItemForm(StyledForm):
    agreement = AgreementChoiceField(
        label=_("Answers agreement"),
        queryset=Agreement.objects.none(),
        required=False,
        help_text=_("The agreement of the current covenant this item answers, if any."),
    )
    new_topic = forms.CharField(
        label=_("Or a new topic"),
        max_length=300,
        required=False,
        help_text=_("When the item answers no agreement yet."),
    )
    theme = ThemeChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.none(),
        required=False,
        help_text=_("Leave empty to use the theme of the agreement."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=BodItemKind.choices)
    text = forms.CharField(label=_("Item"), widget=forms.Textarea(attrs={"rows": 3}))
    number = forms.DecimalField(
        label=_("Number"), required=False, min_value=0, max_digits=12, decimal_places=2, localize=True
    )
    unit = forms.CharField(
        label=_("Unit"), max_length=60, required=False, help_text=_("For example: woningen, labelsprongen.")
    )

    def __init__(self, *args: Any, covenant: Covenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = (  # type: ignore[attr-defined]
            Agreement.objects.filter(covenant=covenant).order_by("order")
        )
        self.fields["theme"].queryset = Theme.objects.filter(covenant=covenant).order_by("number")  # type: ignore[attr-defined]


class BodSubmitForm(StyledForm):
    submitted_on = forms.DateField(
        label=_("Submitted on"),
        widget=_date_widget(),
        help_text=_("The day the bod was brought out."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submitted_on"].initial = timezone.localdate()


class BodResponseForm(StyledForm):
    position = forms.ChoiceField(label=_("Position"), choices=BodPosition.choices)
    text = forms.CharField(label=_("Response"), widget=forms.Textarea(attrs={"rows": 6}))
    responded_on = forms.DateField(label=_("Date"), widget=_date_widget())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today: dt.date = timezone.localdate()
        self.fields["responded_on"].initial = today
