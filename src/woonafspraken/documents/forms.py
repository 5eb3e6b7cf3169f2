from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from woonafspraken.documents.parsing.model import Corrections, PartyCorrection, PartyKind
from woonafspraken.documents.review import ImportPreview, MatchState, PartyPreview, kind_label
from woonafspraken.documents.services import MAX_DOCUMENT_BYTES

SAME_NEW = "nieuw"  # the organisation choice "a new organisation"


class DocumentImportForm(forms.Form):
    document = forms.FileField(
        label=_("Agreements document (Word, PDF or text file)"),
        help_text=_(
            "The signed agreements document as a Word file (.docx), a PDF exported from Word, or a text "
            "file in the format of the Kampen document. At most 5 MB. You check what was read before "
            "anything is stored."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,.pdf,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/pdf,text/plain",
                "class": "utrecht-textbox",
            }
        ),
    )

    def clean_document(self) -> tuple[str, bytes]:
        upload: UploadedFile = self.cleaned_data["document"]
        if (upload.size or 0) > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB; that is not an agreements document.")
            )
        return upload.name or "document", upload.read()


def _field(prefix: int, name: str) -> str:
    return f"party-{prefix}-{name}"


def split_names(text: str) -> tuple[str, ...]:
    """ "Beter Wonen, BWI" -> ("Beter Wonen", "BWI"): trimmed, without empties or repeats."""
    names: list[str] = []
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name not in names:
            names.append(name)
    return tuple(names)


class ReviewForm(forms.Form):
    """The coordinator's corrections, per party: kind, short names, the corporation a tenant
    organisation represents, and for a party like a stored organisation whether it is the same one."""

    def __init__(self, *args: Any, preview: ImportPreview, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.preview = preview
        kinds = [(kind.value, kind_label(kind)) for kind in PartyKind]
        for index, party in enumerate(preview.parties):
            name = party.name
            self.fields[_field(index, "kind")] = forms.ChoiceField(
                label=_("Kind of %(name)s") % {"name": name}, choices=kinds, initial=party.party.kind.value
            )
            self.fields[_field(index, "short_names")] = forms.CharField(
                label=_("Short names of %(name)s") % {"name": name},
                help_text=_("Separated by commas, as the party and lead columns write them."),
                required=False,
                max_length=500,
                initial=", ".join(party.party.short_names),
            )
            if party.is_tenant_organisation and preview.corporations:
                self.fields[_field(index, "landlord")] = forms.ChoiceField(
                    label=_("%(name)s represents the tenants of") % {"name": name},
                    choices=[("", _("(not known)"))] + [(c, c) for c in preview.corporations],
                    required=False,
                    initial=party.landlord.corporation if party.landlord else "",
                )
            choice = party.organisation
            candidates = choice.similar or (
                (choice.organisation,) if choice.chosen and choice.organisation is not None else ()
            )
            if candidates or (choice.chosen and choice.organisation is None):
                self.fields[_field(index, "organisation")] = forms.ChoiceField(
                    label=_("Is %(name)s an organisation already stored?") % {"name": name},
                    choices=[("", _("(not decided yet)"))]
                    + [(str(o.pk), _("Yes, the same as %(name)s") % {"name": o.name}) for o in candidates]
                    + [(SAME_NEW, _("No, a new organisation"))],
                    required=False,
                    initial=_organisation_initial(party),
                )

        for bound in self.fields.values():
            css = (
                "utrecht-select utrecht-select--html-select"
                if isinstance(bound.widget, forms.Select)
                else "utrecht-textbox"
            )
            bound.widget.attrs.setdefault("class", css)

    def party_fields(self) -> list[tuple[PartyPreview, list[forms.BoundField]]]:
        """Per party its fields, for the template's fieldset per party."""
        return [
            (
                party,
                [
                    self[_field(index, name)]
                    for name in ("kind", "short_names", "landlord", "organisation")
                    if _field(index, name) in self.fields
                ],
            )
            for index, party in enumerate(self.preview.parties)
        ]

    def corrections(self) -> Corrections:
        """The corrections the form asks for, on top of the ones the preview was read with. A value is a
        correction when it differs from what the preview shows, or was corrected before."""
        data = self.cleaned_data
        current = self.preview.corrections.parties
        result: dict[str, PartyCorrection] = {}
        for index, party in enumerate(self.preview.parties):
            before = current.get(party.name, PartyCorrection())
            kind_value = data.get(_field(index, "kind")) or party.party.kind.value
            kind = PartyKind(kind_value)
            corrected_kind = before.kind if kind is party.party.kind else kind
            short = split_names(data.get(_field(index, "short_names")) or "")
            corrected_short = before.short_names if short == party.party.short_names else short
            landlord = before.landlord
            if _field(index, "landlord") in self.fields:
                chosen = data.get(_field(index, "landlord")) or ""
                shown = party.landlord.corporation if party.landlord else ""
                if chosen and chosen != shown:
                    landlord = chosen
            if (corrected_kind or kind) is not PartyKind.TENANT_ORGANISATION:
                landlord = None
            organisation_id, separate = before.organisation_id, before.separate
            if _field(index, "organisation") in self.fields:
                value = data.get(_field(index, "organisation")) or ""
                organisation_id = int(value) if value.isdigit() else None
                separate = value == SAME_NEW
            correction = PartyCorrection(
                kind=corrected_kind,
                short_names=corrected_short,
                landlord=landlord,
                organisation_id=organisation_id,
                separate=separate,
            )
            if correction != PartyCorrection():
                result[party.name] = correction
        return Corrections(result)


def _organisation_initial(party: PartyPreview) -> str:
    choice = party.organisation
    if not choice.chosen:
        return ""
    if choice.organisation is not None:
        return str(choice.organisation.pk)
    return SAME_NEW if choice.state is MatchState.NEW else ""
