"""Writes of the bod: a corporation records its bod and its items, submits it; its tenant organisation
responds (WOHV). Each write checks the permission first, validates everything before it stores anything,
and stores in one transaction: a refused write leaves nothing behind (no file either)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement, Covenant, CovenantStage, Theme
from woonafspraken.core.formatting import format_date
from woonafspraken.core.models import attribute_change, save_attributed
from woonafspraken.meetings.constants import ALLOWED_EXTENSIONS, MAX_UPLOAD_BYTES
from woonafspraken.meetings.uploads import upload_problem
from woonafspraken.renewal.models import Bod, BodItem, BodItemKind, BodPosition, BodResponse, BodState
from woonafspraken.renewal.permissions.bod import (
    can_edit_bod,
    can_record_bod,
    can_respond_to_bod,
    responding_organisation,
)

# A bod is for a year of the covenant or one of the two after it (the successor is being negotiated).
YEARS_AFTER_END = 2


def _upload_error(upload: UploadedFile) -> ValidationError | None:
    name = (upload.name or "").rsplit("/", 1)[-1]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    problem = upload_problem(
        name, head, upload.size or 0, allowed=ALLOWED_EXTENSIONS, max_bytes=MAX_UPLOAD_BYTES
    )
    return ValidationError(problem, code="invalid_file") if problem else None


def _store_file(bod: Bod, upload: UploadedFile) -> None:
    name = (upload.name or "").rsplit("/", 1)[-1]
    bod.filename = name[:200]
    bod.size = upload.size or 0
    bod.file.save(name, upload, save=False)


def _refuse_submitted(bod: Bod) -> None:
    if bod.state == BodState.SUBMITTED:
        raise ValidationError(
            _("The bod was submitted on %(date)s; it no longer changes.")
            % {"date": format_date(bod.submitted_on)},  # type: ignore[arg-type]
            code="submitted",
        )


def _locked(bod: Bod) -> Bod:
    return Bod.objects.select_for_update().select_related("covenant", "corporation").get(pk=bod.pk)


def bod_create(
    *,
    covenant: Covenant,
    user: User,
    corporation: Organisation,
    year: int,
    summary: str = "",
    upload: UploadedFile | None = None,
) -> Bod:
    """Record a corporation's bod for a year, as a draft (with its document, if there is one yet)."""
    require(
        can_record_bod(user, covenant, corporation),
        _("Only the corporation's editors and coordinators record its bod."),
    )
    errors: dict[str, ValidationError] = {}
    if covenant.stage == CovenantStage.DRAFT:
        errors["covenant"] = ValidationError(
            _("A bod belongs to the covenant that runs now, not to a draft."), code="draft_covenant"
        )
    first, last = covenant.start_date.year, covenant.end_date.year + YEARS_AFTER_END
    if not first <= year <= last:
        errors["year"] = ValidationError(
            _("Choose a year from %(first)s to %(last)s.") % {"first": first, "last": last}, code="year"
        )
    if upload is not None and (problem := _upload_error(upload)) is not None:
        errors["file"] = problem
    with transaction.atomic():
        taken = Bod.objects.filter(covenant=covenant, corporation=corporation, year=year).exists()
        if taken and "year" not in errors:
            errors["year"] = _duplicate_year(corporation, year)
        if errors:
            raise ValidationError(errors)
        bod = Bod(
            covenant=covenant, corporation=corporation, year=year, summary=summary.strip(), created_by=user
        )
        if upload is not None:
            _store_file(bod, upload)
        try:
            # A savepoint: the same bod recorded at the same moment (a double click, two tabs) passes the
            # check above in both requests; the database's constraint refuses the second insert.
            with transaction.atomic():
                save_attributed(bod, user, validate_constraints=False)
        except Exception as error:
            if bod.file:
                bod.file.delete(save=False)  # nothing half-stored: no orphan file either
            if isinstance(error, IntegrityError):
                raise ValidationError({"year": _duplicate_year(corporation, year)}) from None
            raise
    return bod


def _duplicate_year(corporation: Organisation, year: int) -> ValidationError:
    return ValidationError(
        _("%(corporation)s already has a bod for %(year)s.") % {"corporation": corporation, "year": year},
        code="unique",
    )


def bod_update(*, bod: Bod, user: User, summary: str, upload: UploadedFile | None = None) -> Bod:
    """Change a draft bod's summary, or replace its document."""
    _require_editor(user, bod)
    if upload is not None and (problem := _upload_error(upload)) is not None:
        raise ValidationError({"file": problem})
    with transaction.atomic():
        locked = _locked(bod)
        _refuse_submitted(locked)
        old_file = locked.file.name if upload is not None and locked.file else ""
        locked.summary = summary.strip()
        if upload is not None:
            _store_file(locked, upload)
        try:
            save_attributed(locked, user)
        except Exception:
            if upload is not None:
                locked.file.delete(save=False)
            raise
        if old_file:
            storage = locked.file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return locked


def _require_editor(user: User, bod: Bod) -> None:
    require(can_edit_bod(user, bod), _("Only the corporation's editors and coordinators change its bod."))


def _item_values(
    bod: Bod,
    *,
    theme: Theme | None,
    kind: str,
    text: str,
    number: Decimal | None,
    unit: str,
    agreement: Agreement | None,
    new_topic: str,
) -> dict[str, Any]:
    """An item's fields as stored (under the theme of the agreement it answers when none is given), or a
    ValidationError naming each field that is wrong."""
    errors: dict[str, ValidationError] = {}
    if agreement is not None and agreement.covenant_id != bod.covenant_id:
        errors["agreement"] = ValidationError(
            _("Choose an agreement of the covenant the bod answers."), code="other_covenant"
        )
        agreement = None
    if theme is None and agreement is not None:
        theme = agreement.theme
    if theme is None:
        errors["theme"] = ValidationError(_("Choose the theme of the item."), code="required")
    elif theme.covenant_id != bod.covenant_id:
        errors["theme"] = ValidationError(_("Choose a theme of this covenant."), code="other_covenant")
    elif agreement is not None and agreement.theme_id != theme.pk:
        errors["agreement"] = ValidationError(
            _("Agreement %(number)s belongs to another theme.") % {"number": agreement.number},
            code="other_theme",
        )
    if kind not in BodItemKind.values:
        errors["kind"] = ValidationError(_("Choose a kind of item."), code="invalid_choice")
    if not text.strip():
        errors["text"] = ValidationError(_("Describe the item."), code="required")
    if number is not None and number < 0:
        errors["number"] = ValidationError(_("The number cannot be negative."), code="negative")
    if unit.strip() and number is None:
        errors["number"] = ValidationError(_("Give the number that goes with the unit."), code="required")
    if agreement is not None and new_topic.strip():
        errors["new_topic"] = ValidationError(
            _("An item answers an agreement or a new topic, not both."), code="both"
        )
    if errors:
        raise ValidationError(errors)
    return {
        "theme": theme, "kind": kind, "text": text.strip(), "number": number, "unit": unit.strip(),
        "agreement": agreement, "new_topic": new_topic.strip(),
    }  # fmt: skip


def bod_item_add(
    *,
    bod: Bod,
    user: User,
    kind: str,
    text: str,
    theme: Theme | None = None,
    number: Decimal | None = None,
    unit: str = "",
    agreement: Agreement | None = None,
    new_topic: str = "",
) -> BodItem:
    """Add an item to a draft bod: under a theme (that of the agreement it answers, if not given)."""
    _require_editor(user, bod)
    with transaction.atomic():
        locked = _locked(bod)
        _refuse_submitted(locked)
        values = _item_values(
            locked, theme=theme, kind=kind, text=text, number=number, unit=unit, agreement=agreement,
            new_topic=new_topic,
        )  # fmt: skip
        last = locked.items.aggregate(last=Max("order"))["last"]
        item = BodItem(bod=locked, order=(last or 0) + 1, **values)
        save_attributed(item, user)
    return item


def bod_item_update(
    *,
    item: BodItem,
    user: User,
    kind: str,
    text: str,
    theme: Theme | None = None,
    number: Decimal | None = None,
    unit: str = "",
    agreement: Agreement | None = None,
    new_topic: str = "",
) -> BodItem:
    _require_editor(user, item.bod)
    with transaction.atomic():
        locked = _locked(item.bod)
        _refuse_submitted(locked)
        values = _item_values(
            locked, theme=theme, kind=kind, text=text, number=number, unit=unit, agreement=agreement,
            new_topic=new_topic,
        )  # fmt: skip
        stored = BodItem.objects.select_for_update().get(pk=item.pk)
        for name, value in values.items():
            setattr(stored, name, value)
        save_attributed(stored, user)
    return stored


def bod_item_remove(*, item: BodItem, user: User) -> None:
    _require_editor(user, item.bod)
    with transaction.atomic():
        _refuse_submitted(_locked(item.bod))
        attribute_change(item, user)
        item.delete()


def bod_submit(*, bod: Bod, user: User, on: dt.date | None = None) -> Bod:
    """Bring the bod out: from now on it no longer changes and the tenant organisation can respond.
    ``on``: the day it was brought out (today unless it was sent earlier)."""
    require(can_edit_bod(user, bod), _("Only the corporation's editors and coordinators submit its bod."))
    today = timezone.localdate()
    on = on or today
    with transaction.atomic():
        locked = _locked(bod)
        _refuse_submitted(locked)
        if not locked.file and not locked.items.exists():
            raise ValidationError(
                _("Add at least one item or the bod's document before you submit it."), code="empty"
            )
        if on > today:
            raise ValidationError(
                {"submitted_on": ValidationError(_("The date cannot be in the future."), code="future")}
            )
        locked.state, locked.submitted_on = BodState.SUBMITTED, on
        save_attributed(locked, user)
    return locked


def bod_respond(
    *,
    bod: Bod,
    user: User,
    text: str,
    position: str,
    on: dt.date | None = None,
    tenant_organisation: Organisation | None = None,
) -> BodResponse:
    """The response (WOHV) of the tenant organisation that represents the corporation's tenants, once the
    bod is submitted; one per tenant organisation. ``tenant_organisation``: the user's own, unless an
    administrator records it for one."""
    organisation = tenant_organisation or responding_organisation(user, bod)
    require(
        organisation is not None
        and organisation.kind == OrganisationKind.TENANT_ORGANISATION
        and can_respond_to_bod(user, bod, organisation),
        _("Only the tenant organisation that represents this corporation's tenants responds to its bod."),
    )
    assert organisation is not None
    today = timezone.localdate()
    on = on or today
    with transaction.atomic():
        locked = _locked(bod)
        if locked.state != BodState.SUBMITTED:
            raise ValidationError(_("The bod has not been submitted yet."), code="not_submitted")
        if locked.responses.filter(tenant_organisation=organisation).exists():
            raise ValidationError(
                _("%(organisation)s has already responded to this bod.") % {"organisation": organisation},
                code="unique",
            )
        errors: dict[str, ValidationError] = {}
        if not text.strip():
            errors["text"] = ValidationError(_("Write the response."), code="required")
        if position not in BodPosition.values:
            errors["position"] = ValidationError(_("Choose a position."), code="invalid_choice")
        if on > today:
            errors["on"] = ValidationError(_("The date cannot be in the future."), code="future")
        elif locked.submitted_on is not None and on < locked.submitted_on:
            errors["on"] = ValidationError(
                _("The bod was submitted on %(date)s; the response cannot be earlier.")
                % {"date": format_date(locked.submitted_on)},
                code="before_submitted",
            )
        if errors:
            raise ValidationError(errors)
        response = BodResponse(
            bod=locked, tenant_organisation=organisation, text=text.strip(), position=position,
            responded_on=on, created_by=user,
        )  # fmt: skip
        save_attributed(response, user)
    return response
