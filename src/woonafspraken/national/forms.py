from django import forms
from django.utils.translation import gettext_lazy as _


class ComparisonOptInForm(forms.Form):
    in_comparison = forms.BooleanField(
        label=_("Take part in the national comparison"),
        required=False,
        help_text=_(
            "National readers (ministry, province, research bureaus) then see per theme this covenant's "
            "agreements, their statuses and how concretely they are written. They do not see the covenant's "
            "pages, figures, comments or documents."
        ),
    )
