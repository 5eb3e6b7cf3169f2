"""The form to record one party's signature."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignatureForm(forms.Form):
    signatory = forms.CharField(label=_("Signed by (name)"), max_length=200)
    function = forms.CharField(label=_("Position"), max_length=200, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    date = forms.DateField(
        label=_("Date of signing"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
