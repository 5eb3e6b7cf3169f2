"""Hardening: deploy checks, secrets from the environment, security headers, login throttling."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from woonafspraken.accounts.models import User
from woonafspraken.accounts.tests.factories import TEST_PASSWORD


def _run(settings_module: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # A clean environment: no test-only switches (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    skip = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in skip}
    environment.update(
        {"DJANGO_SETTINGS_MODULE": settings_module, "DATABASE_URL": "sqlite://:memory:", **env}
    )
    return subprocess.run(
        [sys.executable, "-m", "woonafspraken.cli", *args], env=environment, capture_output=True, text=True
    )


def test_production_settings_pass_the_deploy_checks():
    result = _run(
        "woonafspraken.conf.production",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="woonafspraken.example.nl",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("woonafspraken.conf.production", "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_uses_argon2_and_secure_cookies():
    code = (
        "from django.conf import settings as s;"
        "print(s.PASSWORD_HASHERS[0], s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    result = _run("woonafspraken.conf.production", "shell", "--no-imports", "-c", code, SECRET_KEY="x" * 60)
    assert result.stdout.split() == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "True",
        "True",
        "31536000",
    ]


@pytest.mark.django_db
def test_security_headers_on_every_response(client: Client):
    response = client.get(reverse("web:landing"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_login_is_blocked_at_the_fifth_failure(client: Client, reader: User):
    url = reverse("login")
    for _ in range(4):
        response = client.post(url, {"username": reader.username, "password": "wrong-password"})
        assert response.status_code == 200
        assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert client.post(url, {"username": reader.username, "password": "wrong-password"}).status_code == 429
    locked = client.post(url, {"username": reader.username, "password": TEST_PASSWORD})
    assert locked.status_code == 429
    assert "15 minuten" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_successful_login_resets_the_failure_count(client: Client, reader: User):
    url = reverse("login")
    for _ in range(4):
        client.post(url, {"username": reader.username, "password": "wrong-password"})
    assert client.post(url, {"username": reader.username, "password": TEST_PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_content_security_policy_allows_no_inline_code(client: Client):
    policy = client.get(reverse("web:landing"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
