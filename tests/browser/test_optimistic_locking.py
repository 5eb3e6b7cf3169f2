"""Two people change the same activity in two browsers: the second save is refused, with the first
person's change shown next to the second person's own input (optimistic locking, ADR 0005); axe checks
the conflict page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import axe_violations, log_in
from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.models import Activity
from woonafspraken.annual_plans.tests.factories import activity, plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def contexts(browser: Browser) -> Iterator[tuple[Page, Page]]:
    """Two separate browsers (cookies, sessions); the test fails on any script or CSP error in either."""
    opened: list[BrowserContext] = []
    problems: list[str] = []
    pages = []
    for _ in range(2):
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        opened.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on(
            "console",
            lambda message: (
                problems.append(f"console: {message.text}")
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        pages.append(page)
    yield pages[0], pages[1]
    for context in opened:
        context.close()
    assert problems == [], "The browser reported problems:\n" + "\n".join(problems)


def test_the_second_save_of_the_same_activity_is_refused_with_the_first_change_shown(
    contexts: tuple[Page, Page], live_server, kampen: Covenant, coordinator: User, corporation_editor: User
):
    item = activity(plan(kampen, 2026), owner="deltaWonen", title="Taakstelling statushouders")
    edit_url = live_server.url + reverse("annual_plans:activity_edit", args=[kampen.pk, item.pk])
    first, second = contexts
    log_in(first, live_server.url, coordinator.username)
    log_in(second, live_server.url, corporation_editor.username)
    for page in (first, second):
        page.goto(edit_url)
        expect(page.get_by_role("heading", level=1)).to_have_text("Activiteit wijzigen")

    first.get_by_label("Titel").fill("Taakstelling statushouders 2026 (coördinator)")
    first.get_by_role("button", name="Activiteit opslaan").click()
    expect(first.get_by_text("De activiteit is opgeslagen.")).to_be_visible()

    second.get_by_label("Titel").fill("Taakstelling statushouders 2026 (deltaWonen)")
    second.get_by_label("Doel in aantallen (niet verplicht)").fill("58")
    second.get_by_role("button", name="Activiteit opslaan").click()

    conflict = second.get_by_role("alert").filter(has_text="Iemand anders heeft dit intussen gewijzigd")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text(f"gewijzigd door {coordinator.get_full_name()} (Gemeente Kampen)")
    expect(conflict).to_contain_text("Uw wijziging is niet opgeslagen.")
    row = conflict.get_by_role("row", name="Titel")
    expect(row.get_by_role("cell").nth(0)).to_have_text("Taakstelling statushouders")
    expect(row.get_by_role("cell").nth(1)).to_have_text("Taakstelling statushouders 2026 (coördinator)")
    expect(second.get_by_label("Titel")).to_have_value("Taakstelling statushouders 2026 (deltaWonen)")
    expect(second.get_by_label("Doel in aantallen (niet verplicht)")).to_have_value("58")
    assert Activity.objects.get(pk=item.pk).title == "Taakstelling statushouders 2026 (coördinator)"
    assert axe_violations(second) == []

    second.get_by_role("button", name="Activiteit opslaan").click()  # now on top of what was seen
    expect(second.get_by_text("De activiteit is opgeslagen.")).to_be_visible()
    saved = Activity.objects.get(pk=item.pk)
    assert saved.title == "Taakstelling statushouders 2026 (deltaWonen)" and saved.target_quantity == 58
