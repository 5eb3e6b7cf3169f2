"""Optimistic locking for every form that changes a stored item (ADR 0005).

A form carries an *edit token*: per model, the newest django-simple-history record of the rows the
form shows. The service that saves gets it back as ``expected``, locks the rows it writes and calls
``ensure_unchanged``: when a newer history record of those rows changes a field the form writes, nothing
is saved and ``StaleEditError`` carries a Dutch message (who, when), the other's changes field by field
(what the user saw and what is stored now) and a fresh token, so the user's next save applies on top of
what they have now seen. Without ``expected`` (console, imports, example data) nothing is checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.formats import date_format, number_format, time_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from simple_history.utils import get_m2m_reverse_field_name

from woonafspraken.core.changes import FieldChange
from woonafspraken.core.models import StaleEditError

TOKEN_FIELD = "edit_token"
# Fields that say when/how a row was stored, not what it says; a change in them is no conflict.
BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "order", "created_by", "edited"})

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Rows:
    """The rows a form changes, as a filter on their model's history table (so deleted rows count too).

    ``fields``: the fields the form writes; a change to another field is no conflict (None: every
    field). ``describe`` names one row in the conflict box (default: its kind and ``str``).
    """

    model: type[models.Model]
    filters: Mapping[str, Any]
    fields: tuple[str, ...] | None = None
    describe: Callable[[Any], str] | None = field(default=None, compare=False)

    @classmethod
    def of(cls, obj: models.Model, fields: Iterable[str] | None = None) -> Rows:
        model = obj._meta.model
        return cls(model, {_pk(model): obj.pk}, tuple(fields) if fields is not None else None)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def history(self) -> QuerySet[Any]:
        return self.model.history.filter(**self.filters)  # type: ignore[attr-defined,no-any-return]


@dataclass(frozen=True)
class ItemChange:
    """What someone else changed in one row after the user opened the form."""

    item: str
    change: str  # changed / created / removed, in Dutch
    who: str
    when: dt.datetime
    fields: tuple[FieldChange, ...]  # old: what the user saw, new: what is stored now (display text)


def _pk(model: type[models.Model]) -> str:
    pk = model._meta.pk
    assert pk is not None
    return pk.attname


def edit_token(*parts: Rows) -> str:
    """The state the user is shown: per model, the newest history record of these rows."""
    marks: dict[str, int] = {}
    for part in parts:
        newest = part.history().aggregate(newest=Max("history_id"))["newest"] or 0
        marks[part.label] = max(marks.get(part.label, 0), newest)
    return _format(marks)


def edit_tokens(objects: Sequence[M]) -> dict[Any, str]:
    """The edit token of each object, in one query (for a page with a small form per row)."""
    if not objects:
        return {}
    model = objects[0]._meta.model
    pk = _pk(model)
    newest = dict(
        model.history.filter(**{f"{pk}__in": [obj.pk for obj in objects]})  # type: ignore[attr-defined]
        .order_by()
        .values_list(pk)
        .annotate(newest=Max("history_id"))
    )
    label = model._meta.label_lower
    return {obj.pk: _format({label: newest.get(obj.pk) or 0}) for obj in objects}


def _format(marks: Mapping[str, int]) -> str:
    return ",".join(f"{label}:{mark}" for label, mark in sorted(marks.items()))


def _parse(token: str) -> dict[str, int]:
    """A token that cannot be read counts as 'saw nothing', so every recorded change is shown."""
    marks: dict[str, int] = {}
    for part in token.split(","):
        label, _sep, mark = part.strip().rpartition(":")
        if label and mark.isascii() and mark.isdigit() and len(mark) <= 18:  # a history id, no more
            marks[label] = int(mark)
    return marks


def lock_unchanged(
    obj: M, *, expected: str | None, fields: Iterable[str] | None = None, what: str | None = None
) -> M:
    """``obj`` read again and locked (FOR UPDATE of its own row only, so PostgreSQL accepts it with
    joins), after checking that nobody changed ``fields`` since the user saw ``expected``.

    Call it inside ``transaction.atomic``. Locking first means a concurrent save of the same row has
    committed (and written its history) before the check reads the history.
    """
    model = obj._meta.model
    locked: M = model._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)  # type: ignore[assignment]
    ensure_unchanged(Rows.of(locked, fields), expected=expected, current=locked, what=what)
    return locked


def ensure_unchanged(
    *parts: Rows,
    expected: str | None,
    current: models.Model | None = None,
    what: str | None = None,
) -> None:
    """Raise ``StaleEditError`` when someone changed these rows after the user saw ``expected``.

    ``current`` is the item as it is now (for the page), ``what`` names it in the message (default:
    its kind and name). A save that changed none of the form's fields is no conflict.
    """
    if not expected:
        return
    seen = _parse(expected)
    changes: list[ItemChange] = []
    for part in parts:
        mark = seen.get(part.label, 0)
        pk = _pk(part.model)
        newer = part.history().filter(history_id__gt=mark).order_by("history_id").values_list(pk, flat=True)
        for object_id in dict.fromkeys(newer):
            change = _item_change(part, object_id, mark)
            if change is not None:
                changes.append(change)
    if not changes:
        return
    latest = max(changes, key=lambda change: change.when)
    if what is None:
        what = _describe(current) if current is not None else latest.item
    summary = _("%(item)s: changed by %(who)s on %(when)s, after you opened this form.") % {
        "item": what,
        "who": latest.who,
        "when": _when(latest.when),
    }
    advice = _(
        "Your changes have not been saved. Below you see what is stored now; your own input is "
        "still in the form. Save again if your change should still apply."
    )
    raise StaleEditError(
        f"{summary} {advice}", current, changes=tuple(changes), token=edit_token(*parts), summary=summary
    )


def _describe(obj: models.Model) -> str:
    return f"{capfirst(obj._meta.verbose_name)} “{obj}”"


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def _who(user: Any) -> str:
    if user is None:
        return _("the system (an import or a command)")
    name = user.get_full_name() or user.username
    organisation = getattr(user, "organisation", None)
    return f"{name} ({organisation.name})" if organisation is not None else str(name)


def _item_change(part: Rows, object_id: Any, mark: int) -> ItemChange | None:
    records = part.model.history.filter(**{_pk(part.model): object_id})  # type: ignore[attr-defined]
    before = records.filter(history_id__lte=mark).order_by("-history_id").first()
    if before is not None and before.history_type == "-":
        before = None
    after = records.select_related("history_user__organisation").order_by("-history_id").first()
    removed = after.history_type == "-"
    fields = _field_changes(part, before, after, removed=removed)
    if not fields:
        return None
    if removed:
        change = pgettext("edit conflict", "removed")
    elif before is None:
        change = pgettext("edit conflict", "created")
    else:
        change = pgettext("edit conflict", "changed")
    instance = after.instance
    try:
        item = part.describe(instance) if part.describe else _describe(instance)
    except ObjectDoesNotExist:  # a related row it names was removed too
        item = str(capfirst(part.model._meta.verbose_name))
    return ItemChange(item, change, _who(after.history_user), after.history_date, tuple(fields))


def _field_changes(part: Rows, before: Any, after: Any, *, removed: bool) -> list[FieldChange]:
    model = part.model
    if before is not None and not removed:
        delta = (
            after.diff_against(before, included_fields=part.fields)
            if part.fields
            else after.diff_against(before)
        )
        pairs = [(c.field, c.old, c.new) for c in delta.changes]
    else:  # created or removed since the user saw it: compare with nothing
        shown = before if removed else after
        if shown is None:
            return []
        names = part.fields or [f.name for f in model._meta.concrete_fields]
        pairs = []
        for name in names:
            concrete = _concrete(model, name)
            if concrete is None or not hasattr(shown, concrete.attname):  # or not kept in the history
                continue
            value = getattr(shown, concrete.attname)
            pairs.append((name, value, None) if removed else (name, None, value))
    return [
        FieldChange(name, _label(model, name), _display(model, name, old), _display(model, name, new))
        for name, old, new in pairs
        if name not in BOOKKEEPING and _display(model, name, old) != _display(model, name, new)
    ]


def _concrete(model: type[models.Model], name: str) -> models.Field[Any, Any] | None:
    try:
        found = model._meta.get_field(name)
    except Exception:  # noqa: BLE001  (a field that no longer exists)
        return None
    return found if isinstance(found, models.Field) and found.concrete and not found.many_to_many else None


def _label(model: type[models.Model], name: str) -> str:
    try:
        return str(capfirst(getattr(model._meta.get_field(name), "verbose_name", name)))
    except Exception:  # noqa: BLE001
        return name


def _display(model: type[models.Model], name: str, value: Any) -> str:
    """A stored value as the pages show it: names instead of ids, choice labels, Dutch dates."""
    try:
        found = model._meta.get_field(name)
    except Exception:  # noqa: BLE001
        return "–" if value in (None, "") else str(value)
    if isinstance(found, models.ManyToManyField):
        target = get_m2m_reverse_field_name(found)
        ids = [row[target] for row in value or []]
        related = found.related_model._default_manager.filter(pk__in=ids)  # type: ignore[union-attr]
        return ", ".join(sorted(str(obj) for obj in related)) or "–"
    if value is None or value == "" or value == []:
        return "–"
    choices = getattr(found, "flatchoices", None)
    if choices:
        return str(dict(choices).get(value, value))
    if isinstance(found, models.ForeignKey):
        obj = found.related_model._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
        return str(obj) if obj is not None else f"#{value}"
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return pgettext("edit conflict", "yes") if value else pgettext("edit conflict", "no")
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    if isinstance(value, dt.time):
        return time_format(value, "H:i")
    if isinstance(value, Decimal):
        exact = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        return number_format(exact)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "–"
    return str(value)


class EditTokenForm(forms.Form):
    """A form that changes a stored item: it carries the state the user saw (``edit_token``).

    After ``is_valid()``, ``seen`` holds the token (not in ``cleaned_data``, so the data can go to a
    service as keyword arguments). ``show_conflict`` keeps the user's input, puts the fresh token in
    the form and makes ``conflict`` available to ``core/_edit_conflict.html``.
    """

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen: str | None = None
        self.conflict: StaleEditError | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if TOKEN_FIELD in self.errors:  # during clean() this is the dict being filled, no second clean
            # The token is a hidden field: an error on it (a damaged token, a null character) would be
            # invisible, so it becomes a message for the whole form.
            del self.errors[TOKEN_FIELD]
            raise forms.ValidationError(
                _("This form's hidden check could not be read. Open the page again and redo the change."),
                code="edit_token",
            )
        self.seen = cleaned.pop(TOKEN_FIELD, "") or None
        return cleaned

    def show_conflict(self, error: StaleEditError) -> None:
        self.conflict = error
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict (immutable when posted)
        data[self.add_prefix(TOKEN_FIELD)] = error.token
        self.data = data
