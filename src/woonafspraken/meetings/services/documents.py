"""Writes of the shared documents (5.5): share a file with the parties, remove it."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.models import attribute_change, save_attributed
from woonafspraken.meetings import permissions
from woonafspraken.meetings.constants import ALLOWED_EXTENSIONS, MAX_UPLOAD_BYTES, DocumentKind
from woonafspraken.meetings.models import Meeting, SharedDocument
from woonafspraken.meetings.services.common import _municipality
from woonafspraken.meetings.uploads import upload_problem


def document_share(
    *,
    covenant: Covenant,
    user: User,
    upload: UploadedFile,
    title: str,
    kind: str = DocumentKind.POLICY,
    description: str = "",
    agreements: Iterable[Agreement] = (),
    meeting: Meeting | None = None,
    is_demo: bool = False,
) -> SharedDocument:
    require(permissions.can_share_document(user, covenant), _("Only staff of a party share documents."))
    errors: dict[str, ValidationError] = {}
    name = (upload.name or "").rsplit("/", 1)[-1]
    size = upload.size or 0
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    problem = upload_problem(name, head, size, allowed=ALLOWED_EXTENSIONS, max_bytes=MAX_UPLOAD_BYTES)
    if problem:
        errors["file"] = ValidationError(problem, code="invalid_file")
    if not title.strip():
        errors["title"] = ValidationError(_("Give the document a title."), code="required")
    if kind not in DocumentKind.values:
        errors["kind"] = ValidationError(_("Choose a kind of document."), code="invalid_choice")
    chosen = list(agreements)
    if any(a.covenant_id != covenant.pk for a in chosen):
        errors["agreements"] = ValidationError(
            _("Choose agreements of this covenant."), code="other_covenant"
        )
    if meeting is not None and meeting.covenant_id != covenant.pk:
        errors["meeting"] = ValidationError(
            _("This meeting does not belong to this covenant."), code="other_covenant"
        )
    if errors:
        raise ValidationError(errors)
    assert user.organisation is not None or user.is_superuser
    owner = user.organisation or _municipality(covenant)
    with transaction.atomic():
        document = SharedDocument(
            covenant=covenant, title=title.strip(), kind=kind, description=description.strip(),
            filename=name[:200], size=size, meeting=meeting, owner=owner, created_by=user, is_demo=is_demo,
        )  # fmt: skip
        document.file.save(name, upload, save=False)
        try:
            save_attributed(document, user)
            document.agreements.set(chosen)
        except Exception:
            document.file.delete(save=False)  # nothing half-stored: no orphan file either
            raise
    return document


def document_remove(*, document: SharedDocument, user: User) -> None:
    require(
        permissions.can_remove_document(user, document),
        _("Only the organisation that shared it can delete it."),
    )
    with transaction.atomic():
        attribute_change(document, user)
        stored = document.file
        document.delete()
        transaction.on_commit(lambda: stored.delete(save=False))
