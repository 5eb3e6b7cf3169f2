"""Full backup and restore through Django's serializers, so a backup moves between SQLite and PostgreSQL.

The backup holds every table of the project (history included) as JSON with natural keys for
content types and permissions; what the database creates itself (content types, permissions) and
what is transient (sessions, login-attempt logs) is left out. A restore goes into an empty database
only, in one transaction.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.test.utils import override_settings
from django.utils.translation import gettext as _

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]
FORMAT = "woonafspraken-backup"


class RestoreRefusedError(ValueError):
    pass


def _excluded_labels() -> list[str]:
    return [label for label in EXCLUDED if label.split(".")[0] in {c.label for c in apps.get_app_configs()}]


def backup_dump() -> bytes:
    """Every object of the project as JSON (Django's serialisation format), gzipped."""
    buffer = io.StringIO()
    call_command(
        "dumpdata",
        format="backup-json",
        natural_foreign=True,
        exclude=_excluded_labels(),
        indent=None,
        stdout=buffer,
        verbosity=0,
    )
    return gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0)


def backup_write(path: Path) -> int:
    content = backup_dump()
    path.write_bytes(content)
    return len(json.loads(gzip.decompress(content)))


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
    try:
        data = gzip.decompress(path.read_bytes())
        objects = json.loads(data)
    except (OSError, EOFError, json.JSONDecodeError, gzip.BadGzipFile) as error:
        raise RestoreRefusedError(
            _("%(path)s is not a Woonafspraken backup (no readable gzip-JSON).") % {"path": path}
        ) from error
    if not isinstance(objects, list) or any(
        not isinstance(o, dict) or "model" not in o for o in objects[:100]
    ):
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
    fixture = path.with_suffix(".restore.json")
    try:
        fixture.write_bytes(data)
        # The backup holds the history already; loading must not add history rows of its own
        # (django-simple-history records many-to-many changes even for raw fixture loads).
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            for model in _seeded_models():  # reference figures the migrations seeded: the backup has them
                model._base_manager.all().delete()
            call_command("loaddata", str(fixture), verbosity=0)
    finally:
        fixture.unlink(missing_ok=True)
    _reset_sequences()
    return len(objects)


def _reset_sequences() -> None:
    """After loading explicit ids into PostgreSQL, move its id sequences past them."""
    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
