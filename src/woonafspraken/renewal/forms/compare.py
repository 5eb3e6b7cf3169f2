"""The comparison page's filters: one theme, only the changes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from woonafspraken.renewal.comparison import ThemeRows


class CompareFilterForm(forms.Form):
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    changes = forms.BooleanField(label=_("Only changes"), required=False)

    def __init__(self, *args: object, themes: tuple[ThemeRows, ...], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["theme"].choices = [  # type: ignore[attr-defined]
            ("", _("all")),
            *((theme.number, f"{theme.number} – {theme.title}") for theme in themes),
        ]
        self.fields["theme"].widget.attrs.update({"class": "utrecht-select"})
        self.fields["changes"].widget.attrs.update({"class": "utrecht-checkbox"})
