"""The form fields the apps share."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.forms import ModelMultipleChoiceField

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
