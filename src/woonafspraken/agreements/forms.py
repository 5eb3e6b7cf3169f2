from typing import Any

from django import forms
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Theme
from woonafspraken.core.models import StaleEditError
from woonafspraken.core.verdicts import STATUS_LABELS, STATUS_ORDER


class AgreementFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    party = forms.ModelChoiceField(label=_("Party"), required=False, queryset=Organisation.objects.none())
    lead = forms.ModelChoiceField(label=_("Lead"), required=False, queryset=Organisation.objects.none())
    status = forms.ChoiceField(label=_("Status"), required=False)
    concern = forms.BooleanField(label=_("Only with an open knelpunt"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("number")),
            ("status", _("status (behind first)")),
            ("theme", _("theme")),
            ("lead", _("lead")),
        ],
    )

    def __init__(
        self, *args: object, themes: list[Theme], parties: list[Organisation], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        all_label = _("all")
        self.fields["theme"].choices = [  # type: ignore[attr-defined]
            ("", all_label),
            *((t.number, f"{t.number} – {t.title}") for t in themes),
        ]
        ids = [org.pk for org in parties]
        for name in ("party", "lead"):
            field = self.fields[name]
            field.queryset = Organisation.objects.filter(pk__in=ids)  # type: ignore[attr-defined]
            field.empty_label = all_label  # type: ignore[attr-defined]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("", all_label),
            *((status.value, str(STATUS_LABELS[status]).capitalize()) for status in STATUS_ORDER),
        ]
        self.fields["q"].widget.attrs.update({"class": "utrecht-textbox", "type": "search"})
        self.fields["concern"].widget.attrs.update({"class": "utrecht-checkbox"})
        for name in ("theme", "party", "lead", "status", "sort"):
            self.fields[name].widget.attrs.update({"class": "utrecht-select"})


class AgreementAmendForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("New text"),
        widget=forms.Textarea(attrs={"rows": 12, "class": "utrecht-textarea"}),
        help_text=_("Plain text. Put each list item on its own line, starting with '- '."),
    )
    valid_from = forms.DateField(
        label=_("Valid from"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "utrecht-textbox"}),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
        help_text=_(
            "For example: national policy changed (afspraak 5.7), decided in the steering meeting of …"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflict: Model | None = None  # the agreement as it is now, after someone else amended it

    def show_conflict(self, error: StaleEditError) -> None:
        """Someone amended the agreement since the user opened the form (``expected_version``)."""
        self.conflict = error.current
        self.add_error(None, error.message)
