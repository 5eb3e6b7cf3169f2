"""The form fields the apps share, and a service's refusal on a form."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.forms import ModelMultipleChoiceField, call_service
from woonafspraken.core.locking import TOKEN_FIELD, EditTokenForm
from woonafspraken.core.models import StaleEditError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("chosen", ["9" * 30, str(-(2**63) - 1), str(2**63)])
def test_an_id_wider_than_64_bits_is_an_invalid_choice_not_a_server_error(kampen: Covenant, chosen: str):
    """SQLite raises OverflowError when Django looks such an id up (found by fuzzing the forms)."""
    field = ModelMultipleChoiceField(queryset=Organisation.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean([str(Organisation.objects.first().pk), chosen])
    assert refused.value.code == "invalid_choice"


def test_offered_ids_are_still_chosen(kampen: Covenant):
    field = ModelMultipleChoiceField(queryset=Organisation.objects.order_by("pk"))
    ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True)[:2])
    assert sorted(org.pk for org in field.clean([str(pk) for pk in ids])) == ids


class _NameForm(forms.Form):
    name = forms.CharField()
    value_a = forms.IntegerField(required=False)


class _LockedForm(EditTokenForm):
    name = forms.CharField()


def _valid(form_class: type[forms.Form], **data: str) -> forms.Form:
    form = form_class({"name": "x", **data})
    assert form.is_valid()
    return form


def test_call_service_returns_what_the_service_returns():
    form = _valid(_NameForm)
    assert call_service(form, lambda *, name: name.upper(), name="x") == "X"
    assert form.errors == {}


def test_a_service_refusal_goes_next_to_its_field_or_above_the_form():
    def refuse(**_: object) -> None:
        raise ValidationError({"name": ["Name taken."], "other": ["Other."], "__all__": ["General."]})

    form = _valid(_NameForm)
    assert call_service(form, refuse) is None
    assert form.errors == {"name": ["Name taken."], "__all__": ["Other.", "General."]}


def test_a_refusal_without_fields_goes_above_the_form():
    def refuse() -> None:
        raise ValidationError(["One.", "Two."])

    form = _valid(_NameForm)
    assert call_service(form, refuse) is None
    assert form.non_field_errors() == ["One.", "Two."]


def test_field_of_names_the_form_field_of_a_service_field():
    def refuse() -> None:
        raise ValidationError({"a": ["Too high."], "b": ["No such input."]})

    form = _valid(_NameForm)
    call_service(form, refuse, field_of=lambda name: f"value_{name}")
    assert form.errors == {"value_a": ["Too high."], "__all__": ["No such input."]}


def test_an_edit_conflict_is_shown_by_the_form():
    conflict = StaleEditError("Changed by someone else.", token="accounts.user:7")

    def stale() -> None:
        raise conflict

    form = _LockedForm({"name": "x", TOKEN_FIELD: "accounts.user:1"})
    assert form.is_valid()
    assert call_service(form, stale) is None
    assert form.conflict is conflict and form.data[TOKEN_FIELD] == "accounts.user:7"
    plain = _valid(_NameForm)
    call_service(plain, stale)
    assert plain.non_field_errors() == ["Changed by someone else."]
