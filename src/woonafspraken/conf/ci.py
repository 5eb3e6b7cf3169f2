"""Tests and CI: fast hashing, in-memory mail, the database from DATABASE_URL (SQLite by default)."""

from woonafspraken.conf import base
from woonafspraken.conf.env import inherit

inherit(globals(), base)

SECRET_KEY = "ci-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *base.PASSWORD_HASHERS]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
