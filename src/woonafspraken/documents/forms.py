from django import forms
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


class DocumentImportForm(forms.Form):
    document = forms.FileField(
        label=_("Agreements document (text file)"),
        help_text=_(
            "A text file in the format of the Kampen document: themes, sections and tab-separated tables."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,text/plain", "class": "utrecht-textbox"}),
    )

    def clean_document(self) -> tuple[str, str]:
        upload = self.cleaned_data["document"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB; that is not an agreements document.")
            )
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _(
                    "The file is not UTF-8 text (byte %(position)s). Save it as plain text (UTF-8) and try again."
                )
                % {"position": error.start}
            ) from error
        return upload.name, text
