"""Playwright in Debian's Chromium against Django's live server, with axe-core for WCAG 2.1 A/AA."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from woonafspraken.accounts.tests.factories import TEST_PASSWORD

# Playwright's sync API runs an event loop; Django then refuses ORM calls unless this is set (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            "Debian's Chromium is missing: run `make test` (it installs it) or apt-get install chromium"
        )
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page; the test fails on any script error or Content-Security-Policy violation."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert problems == [], "The browser reported problems:\n" + "\n".join(problems)


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def open_folds(page: Page) -> None:
    """Open every folded section of a page (``details.app-fold``, ``details.app-details``) as a user does, by its summary line,
    so what it holds is in sight and checked too."""
    folded = page.locator("details:is(.app-fold, .app-details):not([open]) > summary")
    for _ in range(folded.count()):
        folded.first.click()  # the locator is live: the opened one leaves it


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core with the WCAG 2.1 A and AA rules; return the violations (empty is good)."""
    # Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "help": v["help"],
        }
        for v in result["violations"]
    ]
