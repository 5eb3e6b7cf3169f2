"""Every form field renders through one template (web/field.html) via the project's form renderer."""

from __future__ import annotations

from django import forms


class _Form(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals op de voordeur")
    agreed = forms.BooleanField(label="Akkoord")
    parties = forms.MultipleChoiceField(
        label="Partijen",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Kies",
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def _invalid() -> _Form:
    form = _Form(data={})
    assert not form.is_valid()
    return form


def test_a_field_has_a_label_its_help_and_its_errors_tied_to_the_input():
    html = _invalid()["name"].as_field_group()
    assert '<label class="utrecht-form-label" for="id_name">Naam</label>' in html
    assert 'id="id_name_helptext">Zoals op de voordeur</div>' in html
    assert 'class="utrecht-form-field-error-message" id="id_name_error"' in html
    assert 'aria-invalid="true" aria-describedby="id_name_helptext id_name_error" id="id_name"' in html


def test_a_checkbox_has_its_label_after_the_box():
    html = _invalid()["agreed"].as_field_group()
    assert "utrecht-form-field--checkbox" in html
    assert html.index('id="id_agreed"') < html.index('for="id_agreed"')
    assert 'aria-describedby="id_agreed_error"' in html


def test_a_group_of_checkboxes_is_a_fieldset_described_by_its_help_and_errors():
    html = _invalid()["parties"].as_field_group()
    assert html.lstrip().startswith('<fieldset class="utrecht-form-fieldset')
    assert 'aria-describedby="id_parties_helptext id_parties_error"' in html
    assert '<legend class="utrecht-form-fieldset__legend utrecht-form-label">Partijen</legend>' in html


def test_a_hidden_field_is_only_its_input():
    assert _invalid()["token"].as_field_group().strip() == '<input type="hidden" name="token" id="id_token">'
