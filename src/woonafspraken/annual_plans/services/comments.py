"""Writes of comments: a party's comment on an agreement or one of its activities."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement
from woonafspraken.annual_plans.models import Activity, Comment
from woonafspraken.annual_plans.permissions import can_comment
from woonafspraken.annual_plans.services._common import author_name, closed_error, lock_plan
from woonafspraken.core.models import save_attributed


def comment_add(
    *,
    agreement: Agreement,
    user: User | None,
    text: str,
    activity: Activity | None = None,
    organisation: Organisation | None = None,
    is_demo: bool = False,
) -> Comment:
    """A party's comment on an agreement, or on one of its activities.

    Without a user (example data, imports) the organisation it comes from must be given.
    """
    organisation_id: int | None
    if user is not None:
        require(can_comment(user, agreement.covenant), _("Only parties to the covenant can comment."))
        organisation_id = user.organisation_id
    elif organisation is not None:
        organisation_id = organisation.pk
    else:
        raise ValueError("comment_add needs a user or an organisation")
    if organisation_id is None:
        raise ValidationError(_("Only users of an organisation can comment."), code="no_organisation")
    if not text.strip():
        raise ValidationError(
            {"text": ValidationError(_("Write your comment in the text box."), code="required")}
        )
    if activity is not None and activity.agreement_id != agreement.pk:
        raise ValidationError(_("This activity does not belong to this agreement."), code="other_agreement")
    with transaction.atomic():
        if activity is not None and lock_plan(activity.plan).is_closed:
            raise closed_error(activity.plan)
        comment = Comment(
            agreement=agreement,
            activity=activity,
            organisation_id=organisation_id,
            author=user,
            author_name=author_name(user),
            text=text.strip(),
            is_demo=is_demo,
        )
        save_attributed(comment, user)
    return comment
