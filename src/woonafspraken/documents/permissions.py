"""Who may import documents and review an upload."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_manage_covenant, is_administrator
from woonafspraken.documents.models import ImportReview


def can_import(user: User | AnonymousUser) -> bool:
    """Upload a document: a municipality's coordinator (a new covenant may come of it) or an administrator."""
    return can_manage_covenant(user, None)


def can_review(user: User | AnonymousUser, review: ImportReview) -> bool:
    """An upload under review is its uploader's (and an administrator's): nobody else sees it."""
    if is_administrator(user):
        return True
    return bool(
        user.is_authenticated
        and review.created_by_id is not None
        and review.created_by_id == user.pk
        and can_import(user)
    )
