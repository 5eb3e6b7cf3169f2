"""Tests and CI: fast hashing, in-memory mail, the database from DATABASE_URL (SQLite by default)."""

import os
import tempfile
from pathlib import Path

from woonafspraken.conf import base
from woonafspraken.conf.env import inherit

inherit(globals(), base)

# Uploads and made reports of one test process: the test databases of parallel workers number their rows
# alike, so a shared media folder would let one worker's report job 1 replace another's file. A process
# given a data folder of its own (a test's subprocess: init, a job worker) keeps its media there.
if "WOONAFSPRAKEN_DATA_DIR" not in os.environ:
    MEDIA_ROOT = Path(tempfile.gettempdir()) / f"woonafspraken-test-media-{os.getpid()}"

SECRET_KEY = "ci-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *base.PASSWORD_HASHERS]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
