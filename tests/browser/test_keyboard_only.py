"""A tenant volunteer's whole task with the keyboard only: Tab, Enter, Space and typing. No mouse,
no click(), no fill(); page.goto only opens the login page.

Every element the Tab key passes must be visible (not hidden, not covered) and show a focus indicator that
is not there when it is not focused (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from playwright.sync_api import Error, JSHandle, Page, expect

from tests.browser.conftest import axe_violations
from woonafspraken.accounts.models import User
from woonafspraken.accounts.tests.factories import TEST_PASSWORD
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.models import Comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# What the focused element is and how it looks: its accessible name (roughly), its focus ring, and
# whether a sighted keyboard user can see it (inside the viewport, not hidden, not covered by anything).
DESCRIBE = """(element) => {
  const el = element || document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
  const name = (el.getAttribute("aria-label") || label || el.textContent || el.value || "")
    .replace(/\\s+/g, " ").trim();
  const inViewport = box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0
    && box.top < window.innerHeight && box.left < window.innerWidth;
  // Probe every box the element is drawn in (a link that wraps has one per line, and the middle of their
  // union can fall beside the text): covered when something else is drawn on top at any of them.
  const fragments = Array.from(el.getClientRects()).filter((r) => r.width > 1 && r.height > 1
    && r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth);
  const hits = inViewport
    ? (fragments.length ? fragments : [box]).map((r) => document.elementFromPoint(
      Math.min(r.left + r.width / 2, window.innerWidth - 1), r.top + Math.min(r.height / 2, 10)))
    : [];
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: name.slice(0, 80),
    ring: [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow].join(" | "),
    look: [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow, style.backgroundColor,
      style.borderColor, style.color, style.textDecorationLine].join(" | "),
    // An outline of at least 2px that the page sets (Chrome's own "auto" ring reports 1px and is easily
    // missed), or a visible box-shadow ring.
    hasRing: (!["none", "auto"].includes(style.outlineStyle) && parseFloat(style.outlineWidth) >= 2)
      || (style.boxShadow !== "none" && !/rgba\\([^)]*, 0\\)/.test(style.boxShadow)),
    visible: inViewport && style.visibility !== "hidden" && style.opacity !== "0",
    covered: hits.some((hit) => !!hit && hit !== el && !el.contains(hit)),
    inMain: !!el.closest("main"),
    top: box.top,
  };
}"""

_last_focused: WeakKeyDictionary[Page, tuple[JSHandle, dict[str, Any]]] = WeakKeyDictionary()


def describe(page: Page) -> dict[str, Any]:
    return page.evaluate(DESCRIBE, None)


def _show(info: dict[str, Any]) -> str:
    return f"<{info['tag']}{' id=' + info['id'] if info['id'] else ''}> “{info['name']}”"


def _check_focus(page: Page, info: dict[str, Any]) -> None:
    """The element that just got focus is visible and has a ring; the one before lost its ring."""
    previous = _last_focused.get(page)
    if previous is not None:
        handle, focused = previous
        try:
            unfocused = page.evaluate(DESCRIBE, handle)
        except Error:  # the page navigated: that element is gone
            unfocused = None
        if unfocused is not None and focused["id"] != "main" and unfocused["look"] == focused["look"]:
            pytest.fail(f"{_show(focused)} looks the same focused and unfocused ({focused['look']})")
    if info["tag"] != "body":
        assert info["visible"], f"{_show(info)} has focus but is not visible (top {info['top']})"
        assert not info["covered"], f"{_show(info)} has focus but something covers it"
        if info["id"] != "main":  # the skip link's target: focus moves there, it is not a control
            assert info["hasRing"], f"{_show(info)} has focus but no visible focus indicator ({info['ring']})"
    _last_focused[page] = (page.evaluate_handle("document.activeElement"), info)


def press(page: Page, key: str) -> dict[str, Any]:
    """Press a key and check the focus that results."""
    page.keyboard.press(key)
    info = describe(page)
    _check_focus(page, info)
    return info


def tab_to(
    page: Page,
    target: str | re.Pattern[str] | Callable[[dict[str, Any]], bool],
    *,
    max_presses: int = 40,
    key: str = "Tab",
) -> dict[str, Any]:
    """Press Tab (or ``key``) until the focused element matches ``target`` (its name, a pattern, or a
    predicate on the element's description); every element passed on the way is checked for a visible
    focus indicator. Fails with the list of elements passed if the target is never reached."""

    def matches(info: dict[str, Any]) -> bool:
        if isinstance(target, str):
            return info["name"] == target
        if isinstance(target, re.Pattern):
            return bool(target.search(info["name"]))
        return target(info)

    passed: list[str] = []
    for _ in range(max_presses):
        info = press(page, key)
        if matches(info):
            return info
        passed.append(_show(info))
    pytest.fail(
        f"{target!r} not reached with {max_presses} × {key}; focus went through:\n  " + "\n  ".join(passed)
    )


def use_skip_link(page: Page) -> None:
    """The first Tab on a page reaches the skip link, which then shows; Enter moves focus to the main content."""
    skip = page.get_by_role("link", name="Naar de inhoud")
    box = skip.bounding_box()
    assert box is None or box["y"] + box["height"] <= 0, "the skip link shows before it has focus"
    info = press(page, "Tab")
    assert info["tag"] == "a" and info["name"] == "Naar de inhoud", f"first Tab reached {_show(info)}"
    expect(skip).to_be_in_viewport()
    info = press(page, "Enter")
    assert info["id"] == "main", f"the skip link moved focus to {_show(info)}, not to the main content"


def test_a_tenant_volunteer_finds_an_agreement_and_comments_with_the_keyboard_only(
    page: Page, live_server, kampen: Covenant, tenant_editor: User
):
    base = live_server.url
    checked: dict[str, list] = {}
    page.goto(f"{base}/inloggen/")  # the only navigation not done with the keyboard

    # The login form puts the focus in its first field (Django's autofocus): no Tab needed there.
    info = describe(page)
    assert info["name"] == "Gebruikersnaam", f"the login page opens with focus on {_show(info)}"
    _check_focus(page, info)
    page.keyboard.type(tenant_editor.username)
    assert press(page, "Tab")["name"] == "Wachtwoord"
    page.keyboard.type(TEST_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prestatieafspraken Kampen")
    checked["start page"] = axe_violations(page)

    # The start page: past the skip link into the main menu, to the list of agreements.
    info = press(page, "Tab")
    assert info["name"] == "Naar de inhoud", f"first Tab reached {_show(info)}"
    tab_to(page, "Afspraken", max_presses=10)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Afspraken")
    checked["agreements"] = axe_violations(page)

    # The live search (htmx) keeps the focus in the search box while the results change below it.
    use_skip_link(page)
    info = press(page, "Tab")
    assert info["name"] == "Zoeken in onderwerpen en teksten", f"first Tab in main reached {_show(info)}"
    found = page.locator("[role=status][data-result-count]")  # "12 van 43 afspraken"
    everything = found.inner_text()
    page.keyboard.type("huurders")
    expect(found).not_to_have_text(everything)
    assert describe(page)["id"] == "id_q", "the search box lost the focus when the results changed"
    # A filter that submits itself on change: choose theme 4 by typing its number into the select.
    searched = found.inner_text()
    assert press(page, "Tab")["id"] == "id_theme"
    page.keyboard.type("4")
    expect(page.get_by_label("Thema")).to_have_value("4")
    expect(found).not_to_have_text(searched)
    assert describe(page)["id"] == "id_theme", "the theme filter lost the focus when the results changed"
    tab_to(page, "Bevorderen energiebewustwording huurders", max_presses=30)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Afspraak 4.1.6: Bevorderen energiebewustwording huurders"
    )

    # The agreement: open why it stands where it stands (a disclosure) with Enter, then comment.
    use_skip_link(page)
    verdict = page.locator('.app-verdict[data-agreement="4.1.6"]')
    why = verdict.locator("details.app-why")
    expect(why).not_to_have_attribute("open", "")
    tab_to(page, "Waarom?")
    page.keyboard.press("Enter")
    expect(why).to_have_attribute("open", "")
    expect(why.locator(".app-evidence__item").first).to_be_visible()
    tab_to(page, "Uw reactie of advies")
    page.keyboard.type("Graag een energiecoach die ook 's avonds langskomt.")
    assert press(page, "Tab")["name"] == "Reactie plaatsen"
    checked["agreement with comment typed"] = axe_violations(page)
    with page.expect_navigation():
        page.keyboard.press("Space")

    expect(page.get_by_text("Dank u wel: uw reactie is geplaatst.")).to_be_visible()
    comments = page.locator(".ap-comment")
    expect(comments).to_contain_text(["Graag een energiecoach die ook 's avonds langskomt."])
    expect(comments.first).to_contain_text("Centrale Bewonersraad deltaWonen")
    checked["agreement after commenting"] = axe_violations(page)
    comment = Comment.objects.get()
    assert (comment.agreement.number, comment.author) == ("4.1.6", tenant_editor)
    assert {name: found for name, found in checked.items() if found} == {}
