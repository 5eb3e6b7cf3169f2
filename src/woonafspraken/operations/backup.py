"""Full backup and restore through Django's serializers, so a backup moves between SQLite and PostgreSQL.

The backup holds every table of the project (history included) as JSON with natural keys for
content types and permissions; what the database creates itself (content types, permissions) and
what is transient (sessions, login-attempt logs) is left out. A restore goes into an empty database
only, in one transaction.

Both run in bounded memory, whatever the number of covenants: the backup streams the objects model by
model from the database into the gzip file, and the file is one JSON array with one object a line
(``core/serializers.py``), which the restore reads line by line and saves in batches. A backup from
before that layout (the whole array on one line) is still read, whole.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO, Any, cast

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.management.utils import parse_apps_and_model_labels
from django.core.serializers.base import DeserializationError, DeserializedObject
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DEFAULT_DB_ALIAS, connection, models, router, transaction
from django.test.utils import override_settings
from django.utils.translation import gettext as _

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]
FORMAT = "woonafspraken-backup"
BATCH = 500  # objects of one model saved in one INSERT


class RestoreRefusedError(ValueError):
    pass


def _excluded_labels() -> list[str]:
    return [label for label in EXCLUDED if label.split(".")[0] in {c.label for c in apps.get_app_configs()}]


def _dumped_models() -> list[type[models.Model]]:
    """The models a backup holds, in the order ``dumpdata --natural-foreign`` writes them (a model after
    the models its natural keys refer to)."""
    excluded_models, excluded_apps = parse_apps_and_model_labels(_excluded_labels())
    app_list = dict.fromkeys(
        config
        for config in apps.get_app_configs()
        if config.models_module is not None and config not in excluded_apps
    )
    return [
        model
        for model in serializers.sort_dependencies(app_list.items(), allow_cycles=True)
        if model not in excluded_models
        and not model._meta.proxy
        and router.allow_migrate_model(DEFAULT_DB_ALIAS, model)
    ]


def _rows(model: type[models.Model]) -> Iterator[models.Model]:
    # A natural foreign key is written as the related object's natural key: join it in, rather than
    # fetching it row by row (every history row names its user).
    natural = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and hasattr(field.related_model, "natural_key")
    ]
    rows = model._default_manager.order_by(model._meta.pk.name)
    return (rows.select_related(*natural) if natural else rows).iterator(chunk_size=BATCH)


class _Counted:
    def __init__(self, objects: Iterable[models.Model]) -> None:
        self.objects, self.count = objects, 0

    def __iter__(self) -> Iterator[models.Model]:
        for obj in self.objects:
            self.count += 1
            yield obj


def backup_stream(target: IO[bytes]) -> int:
    """Write every object of the project to ``target`` as gzipped JSON, one object a line, as it is
    read from the database. Returns the number of objects."""
    objects = _Counted(chain.from_iterable(_rows(model) for model in _dumped_models()))
    with (
        gzip.GzipFile(fileobj=target, mode="wb", mtime=0) as zipped,
        io.TextIOWrapper(zipped, encoding="utf-8", newline="\n") as text,
    ):
        serializers.serialize("backup-json", objects, stream=text, use_natural_foreign_keys=True)
    return objects.count


def backup_dump() -> bytes:
    """Every object of the project as JSON (Django's serialisation format), gzipped; in memory, for
    small databases and tests (``backup_write`` streams to a file)."""
    buffer = io.BytesIO()
    backup_stream(buffer)
    return buffer.getvalue()


def backup_write(path: Path) -> int:
    with path.open("wb") as target:
        return backup_stream(target)


def backup_objects(handle: IO[str]) -> Iterator[dict[str, Any]]:
    """The objects of a backup file, one line at a time."""
    first = handle.readline()
    if first.strip() != "[":  # written before one object a line: the whole array on one line
        objects = json.loads(first + handle.read())
        if not isinstance(objects, list):
            raise ValueError("no JSON array")
        yield from objects
        return
    for line in handle:
        line = line.strip()
        if line == "]":
            if handle.read().strip():
                raise ValueError("text after the end of the array")
            return
        yield json.loads(line.removesuffix(","))
    raise ValueError("the backup ends halfway (no closing bracket)")


def _checked(objects: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for obj in objects:
        if not isinstance(obj, dict) or "model" not in obj:
            raise ValueError("an item that is no serialised object")
        yield obj


# What makes a database "not empty": somebody's organisations, accounts or covenants. Rows that the
# migrations themselves seed (reference figures) do not count; the restore replaces them.
_CONTENT = ("accounts.Organisation", "accounts.User", "agreements.Covenant")


def _content_present() -> list[str]:
    return [label for label in _CONTENT if apps.get_model(label)._default_manager.exists()]


def _seeded_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in {"contenttypes", "auth", "sessions", "axes", "admin"}
        and model._meta.managed
        and not model._meta.proxy
        and model._default_manager.exists()
    ]


def backup_restore(path: Path) -> int:
    """Load a backup into an empty, migrated database. Returns the number of objects restored."""
    unreadable = (OSError, EOFError, ValueError, DeserializationError)  # gzip, JSON, a model unknown
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as handle:
        objects = _checked(backup_objects(handle))
        try:
            first = next(objects, None)
        except unreadable as error:
            raise RestoreRefusedError(
                _("%(path)s is not a Woonafspraken backup (no readable gzip-JSON).") % {"path": path}
            ) from error
        if first is None:
            raise RestoreRefusedError(_("%(path)s is not a Woonafspraken backup.") % {"path": path})
        filled = _content_present()
        if filled:
            raise RestoreRefusedError(
                _(
                    "The database is not empty (it already holds data in %(tables)s). "
                    "Restore a backup only into an empty database."
                )
                % {"tables": ", ".join(filled)}
            )
        try:
            # The backup holds the history already; loading must not add history rows of its own
            # (django-simple-history records many-to-many changes even for raw fixture loads).
            with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
                for model in _seeded_models():  # reference figures the migrations seeded: the backup has them
                    model._base_manager.all().delete()
                count = _load(chain([first], objects))
        except unreadable as error:
            raise RestoreRefusedError(  # cut off, or damaged halfway: nothing was stored
                _("%(path)s is not a Woonafspraken backup (no readable gzip-JSON).") % {"path": path}
            ) from error
    _reset_sequences()
    return count


def _load(objects: Iterable[dict[str, Any]]) -> int:
    """Save the objects in batches of one model; a field that refers to an object further on in the
    backup (by natural key) is filled in at the end, as ``loaddata`` does."""
    count = 0
    batch: list[DeserializedObject] = []
    deferred: list[DeserializedObject] = []
    for item in PythonDeserializer(objects, handle_forward_references=True):
        count += 1
        if batch and type(item.object) is not type(batch[0].object):
            _save(batch)
            batch = []
        batch.append(item)
        if item.deferred_fields:
            deferred.append(item)
        if len(batch) >= BATCH:
            _save(batch)
            batch = []
    if batch:
        _save(batch)
    for item in deferred:
        item.save_deferred_fields()
    return count


def _save(batch: list[DeserializedObject]) -> None:
    """One model's objects as they are in the backup (no ``save()``, no signals: a raw load), with
    their many-to-many links."""
    model = type(batch[0].object)
    # A raw insert, as ``DeserializedObject.save`` does through ``save_base(raw=True)``, but of many rows
    # at once; ``bulk_create`` would not do: it stamps ``auto_now`` fields with the time of the restore.
    fields = model._meta.local_concrete_fields
    objects = [item.object for item in batch]
    size = max(1, connection.ops.bulk_batch_size(fields, objects))
    for start in range(0, len(objects), size):
        model._base_manager._insert(objects[start : start + size], fields=fields, raw=True)  # type: ignore[attr-defined]
    for field in model._meta.many_to_many:
        through = cast(type[models.Model], field.remote_field.through)
        source, target = (
            cast("models.Field[Any, Any]", through._meta.get_field(name)).attname
            for name in (field.m2m_field_name(), field.m2m_reverse_field_name())
        )
        through._base_manager.bulk_create(
            through(**{source: item.object.pk, target: pk})
            for item in batch
            for pk in (item.m2m_data or {}).get(field.name, ())
        )
    for item in batch:
        item.m2m_data = None  # saved; ``save_deferred_fields`` sets the ones it resolves later


def _reset_sequences() -> None:
    """After loading explicit ids into PostgreSQL, move its id sequences past them."""
    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
