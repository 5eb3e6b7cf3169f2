"""Reads of the documents app that are more than one query."""

from __future__ import annotations

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import require
from woonafspraken.documents.models import ImportReview
from woonafspraken.documents.permissions import can_review
from woonafspraken.documents.review import ImportPreview
from woonafspraken.documents.services import import_preview, review_corrections, review_source


def review_preview(*, review: ImportReview, user: User) -> ImportPreview:
    """What storing an upload under review would do, with the corrections kept so far."""
    require(can_review(user, review))
    return import_preview(
        review_source(review), filename=review.filename, corrections=review_corrections(review), user=user
    )
