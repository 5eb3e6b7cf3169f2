"""Every POST form of the web app, fed thousands of malformed inputs.

The forms come from crawling the app (tests/trust/crawler.py) as the municipality's coordinator, a
corporation's editor, a tenant organisation's editor and an administrator, in the Kampen covenant with
its demo data, so a new form is fuzzed as soon as it is linked from somewhere: this file does not need
editing. Each form is submitted by the user who was shown it, first with fixed sets of nasty values,
then with values Hypothesis mixes per field kind: the form's own defaults, other options, empty,
whitespace, 10,000 characters, NUL and control characters, right-to-left text and emoji, markup, SQL,
numbers with commas, exponents and NaN, impossible dates, options that do not exist, tampered hidden
fields (ids of other objects and of another covenant), unexpected extra fields, missing fields,
duplicated keys, junk files.

For every submission:
- no server error, and a redirect stays on this site;
- a refusal (the form shown again, 400, 403, 404, 409, or a redirect with an error message) changed
  nothing in the database (row counts and a checksum of every row) and says why: at least one error
  text, in Dutch, and none of Django's English defaults nor any untranslated text of the catalogues;
- an accepted submission redirects, and the page it leads to works; after the fixed sets, whatever
  the forms accepted breaks no page or download.

``HYPOTHESIS_PROFILE=thorough`` (see conftest.py) runs ten times the examples. Run with ``-s`` to see
how often each form was submitted, how it answered, and a few accepted submissions per form.
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, reset_queries, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import trans_real
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from tests.trust.crawler import Field, Form, crawl
from tests.trust.dbstate import TRANSIENT, DatabaseState, database_state
from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.agreements.services import agreement_amend
from woonafspraken.core.demo import fillers
from woonafspraken.documents.services import document_import

# single_pass: what a refused form changed is compared row by row, the same on either database; the
# services behind the forms have tests of their own on both (CI runs this in the SQLite pass only).
pytestmark = [pytest.mark.django_db, pytest.mark.fuzz, pytest.mark.single_pass]

# Hypothesis examples: the profile's max_examples times this (1,500 in "ci", 15,000 in "thorough").
EXAMPLES_PER_PROFILE_EXAMPLE = 15
REFUSED = (200, 400, 403, 404, 409)
REDIRECTS = (301, 302, 303, 307, 308)

# -- malformed values ---------------------------------------------------------------------------------

TEXT = [
    "",
    " ",
    " \t\n ",
    "x" * 10_000,
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m\x7f\x08",
    "\u202ekaas\u202c",
    "مرحبا بالعالم",
    "🏠💥👩‍👩‍👧",
    "\ufeff\u200b",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7|add:7 }}{% debug %}",
    "'; DROP TABLE agreements_agreement; --",
    "' OR '1'='1",
    "%s%s%n%(x)s{0}",
    "../../etc/passwd",
    "null",
    "\r\n\r\n",
    "é" * 300,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
]
NUMBERS = [
    "1,5",
    "1.5",
    "1.000,25",
    "1e309",
    "1e-400",
    "-1",
    "-0",
    "99999999999999999999999",
    "-99999999999999999999999",
    "9" * 10_000,
    "2147483648",
    "9223372036854775808",
    "NaN",
    "Infinity",
    "-inf",
    "1_000",
    "0x10",
    "١٢٣",
    "½",
    "1.2.3",
    "+5",
    " 7 ",
    "3.14159265358979323846264338327950288419716939937510",
]
DATES = [
    "2026-02-30",
    "31-12-2026",
    "99999-01-01",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "2026-13-01",
    "2026-00-10",
    "2026/01/01",
    "1 januari 2026",
    "-2026-01-01",
    "２０２６-０１-０１",
    "2026-01-01T25:00",
]
TIMES = ["24:00", "25:61", "12:60", "-1:00", "12", "noon", "12:00:00.9999999999", "٠٩:٠٠", "9:5:5:5"]
EMAILS = ["a@", "@b", "a@b@c", "a" * 300 + "@x.nl", "x@[127.0.0.1]", "<a@b.nl>"]
ID_JUNK = ["999999999", "0", "-1", "abc", "1.0", "1e3", "9" * 30, " 1 ", "1;2", "１"]
ELSEWHERE = ["https://evil.example/", "//evil.example", "javascript:alert(1)", "/convenanten/999999/"]
FILES: list[tuple[str, bytes]] = [
    ("leeg.csv", b""),
    ("onzin.xlsx", b"\x00\x01\x02 geen zip"),
    ("onzin.csv", "a;b;c\n\x00;é;🏠\n;;\n".encode()),
    ("plaatje.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
    ("x" * 300 + ".txt", b"tekst"),
    ("../../etc/passwd", b"root:x:0:0"),
    ("latin1.csv", "Corporatie;Waarde\nWoningbouw;1,5\n".encode("latin-1") + b"\xe9\xff"),
    ("bom.txt", b"\xef\xbb\xbf" + b"1.1 Kop\n" * 50),
]
# Any name a browser could send: the last part of a path, without control characters.
FILE_NAMES = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="/\\"), min_size=1, max_size=30
).filter(lambda name: name.strip() not in ("", ".", ".."))
EXTRA_KEYS = ["owner", "covenant", "id", "pk", "created_by", "is_superuser", "role"]


@dataclass(frozen=True)
class Pools:
    """Values for tampering: ids of this covenant's objects, of another covenant's, hidden values seen."""

    local: tuple[str, ...]
    foreign: tuple[str, ...]
    hidden: tuple[str, ...]

    def nasty(self, item: Field) -> list[str]:
        """Malformed values suited to the field's kind; every kind gets the text ones too."""
        ids = [*ID_JUNK, *self.foreign, *self.local]
        by_kind = {
            "number": NUMBERS,
            "date": DATES,
            "datetime": DATES,
            "month": DATES,
            "time": TIMES,
            "email": EMAILS,
            "url": ELSEWHERE,
            "select": ids,
            "radio": ids,
            "checkbox": ids,
            "hidden": [*ids, *self.hidden, *ELSEWHERE],
        }
        return [*by_kind.get(item.kind, []), *TEXT]


# -- what a submission is -------------------------------------------------------------------------------


@dataclass
class Target:
    """A form, and the user that was shown it."""

    role: str
    client: Client
    form: Form
    key: str  # the form whoever submits it: its URL pattern and field names


@dataclass
class World:
    targets: list[Target]
    pools: Pools
    state: DatabaseState
    forms: set[str]  # every distinct form the crawl found
    start: str  # the covenant's home page, where the crawl starts
    runs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (form, outcome) -> submissions
    problems: dict[str, str] = field(default_factory=dict)  # one example per kind of problem
    accepted: dict[str, list[str]] = field(default_factory=dict)  # form -> a few accepted submissions
    outcome: str = ""  # of the last submission


# A value per field name: None leaves the field out, several values repeat the key; a file is (name, bytes).
Values = dict[str, list[str] | tuple[str, bytes] | None]


def form_key(form: Form) -> str:
    names = sorted({re.sub(r"\d+", "#", name) for name in form.inputs if name != "csrfmiddlewaretoken"})
    buttons = sorted(name for name, _ in form.buttons)
    return f"{form.pattern} [{' '.join(names + buttons)}]"


def payload(
    form: Form, values: Values, button: tuple[str, str] | None, extra: dict[str, str]
) -> dict[str, Any]:
    data: dict[str, Any] = {"csrfmiddlewaretoken": form.fields.get("csrfmiddlewaretoken", "")}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, tuple):
            data[name] = SimpleUploadedFile(value[0], value[1])
        else:
            data[name] = value if len(value) != 1 else value[0]
    if button is not None:
        data[button[0]] = button[1]
    data.update(extra)
    return data


def sent_texts(data: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for value in data.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip():
                texts.extend({item, item.strip()})
            elif isinstance(item, SimpleUploadedFile) and item.name:
                texts.append(item.name)
    return sorted(texts, key=len, reverse=True)


# -- what a page says ---------------------------------------------------------------------------------

ERROR_CLASSES = {"utrecht-form-field-error-message", "app-errors", "utrecht-alert--error", "errorlist"}
# Django's own English texts (and its error pages) that must never reach a Dutch user.
DJANGO_ENGLISH = (
    "This field is required",
    "Enter a valid",
    "Enter a whole number",
    "Enter a number",
    "Ensure this value",
    "Ensure that there are no more",
    "Select a valid choice",
    "is not one of the available choices",
    "Null characters are not allowed",
    "The submitted file is empty",
    "No file was submitted",
    "The submitted data was not a file",
    "already exists",
    "This field cannot be",
    "matches the given query",
    "Forbidden",
    "Not Found",
    "Bad Request",
    "Server Error",
    "CSRF verification failed",
    "was not found on this server",
)
# Words that give English away (none of them is Dutch).
ENGLISH_WORDS = frozenset((
    "the", "this", "that", "these", "enter", "ensure", "please", "must", "should", "field", "value",
    "valid", "invalid", "required", "choice", "choices", "cannot", "could", "not", "with", "your",
    "you", "already", "exists", "allowed", "characters", "submitted", "empty", "least", "than",
    "greater", "less", "equal", "only", "may", "does", "exist", "error", "failed", "forbidden", "found",
))  # fmt: skip
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}")


@cache
def untranslated_phrases() -> tuple[str, ...]:
    """English source texts of the project's and Django's catalogues, as they would show untranslated."""
    catalogue = trans_real.translation("nl")._catalog  # the catalogues of every app and Django, merged
    phrases = set()
    for key, translated in catalogue.items():
        msgid = key[0] if isinstance(key, tuple) else key
        msgid = msgid.split("\x04")[-1]  # without its message context
        if msgid == translated:
            continue
        for chunk in PLACEHOLDER.split(msgid):
            chunk = chunk.strip(" .:,;")
            if len(chunk.split()) >= 3 and len(chunk) >= 15:
                phrases.add(chunk)
    return tuple(sorted(phrases))


class _PageText(HTMLParser):
    """The text of a page, its error texts, its main content, and the language it says it is in."""

    def __init__(self, classes: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.classes = classes
        self.lang = ""
        self.text: list[str] = []
        self.main: list[str] = []
        self.errors: list[str] = []
        self._open: tuple[str, int] | None = None  # (tag, depth) of the error element being read
        self._current: list[str] = []
        self._skip = 0  # inside <script>, <style>, <textarea> (the user's own text)
        self._in_main = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = attributes.get("lang", "")
        elif tag == "main":
            self._in_main = True
        elif tag in ("script", "style", "textarea"):
            self._skip += 1
        if self._open is not None:
            if tag == self._open[0]:
                self._open = (tag, self._open[1] + 1)
        elif self.classes & set(attributes.get("class", "").split()):
            self._open, self._current = (tag, 1), []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "textarea") and self._skip:
            self._skip -= 1
        elif tag == "main":
            self._in_main = False
        if self._open is not None and tag == self._open[0]:
            depth = self._open[1] - 1
            self._open = (tag, depth) if depth else None
            if not depth and "".join(self._current).strip():
                self.errors.append(" ".join("".join(self._current).split()))

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._in_main:
            self.main.append(data)
        if self._open is not None:
            self._current.append(data)


def read_page(response: HttpResponse, classes: set[str]) -> _PageText | None:
    if "text/html" not in response.get("Content-Type", ""):
        return None
    page = _PageText(classes)
    page.feed(response.content.decode())
    page.close()
    return page


def english_in(text: str, sent: Iterable[str]) -> str | None:
    """What in this text is English rather than Dutch, leaving out what the user typed and quotes."""
    for value in sent:
        text = text.replace(value, " ")
    for phrase in DJANGO_ENGLISH:
        if phrase in text:
            return phrase
    for phrase in untranslated_phrases():
        if phrase in text:
            return phrase
    words = set(re.findall(r"[a-z]+", QUOTED.sub(" ", text).lower())) & ENGLISH_WORDS
    return " ".join(sorted(words)) or None


# -- one submission ---------------------------------------------------------------------------------

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def submit(
    world: World, target: Target, values: Values, button: tuple[str, str] | None, extra: dict[str, str]
) -> list[str]:
    """Post once and check the answer; returns what is wrong (empty when all is well)."""
    data = payload(target.form, values, button, extra)
    sent = sent_texts(data)
    problems: list[str] = []
    reset_queries()  # the log holds 9,000 queries; the count below must see every one of this request
    with CaptureQueriesContext(connection) as queries:
        try:
            with transaction.atomic():  # a database error must not break the test's own transaction
                response = target.client.post(target.form.action, data)
        except Exception as error:  # noqa: BLE001  (any exception is the finding)
            frame = traceback.extract_tb(error.__traceback__)[-1]
            world.runs[(target.key, "server error")] += 1
            world.outcome = "server error"
            return [
                f"server error {type(error).__name__}: {str(error)[:200]} at {frame.filename}:{frame.lineno}"
            ]
        followed = None
        if response.status_code in REDIRECTS:
            location = response["Location"]
            parts = urlsplit(location)
            if (parts.netloc and parts.netloc != "testserver") or not (parts.path or "/").startswith("/"):
                problems.append(f"redirects off the site: {location[:100]}")
            else:
                followed = target.client.get(location)
    changed, differences = False, []
    if _wrote(queries):
        now = database_state()
        changed, differences, world.state = now != world.state, world.state.differences(now), now
    status = response.status_code
    if status >= 500:
        problems.append(f"status {status}")
    elif status in REDIRECTS:
        page = read_page(followed, {"utrecht-alert--error"}) if followed is not None else None
        if followed is not None and followed.status_code >= 500:
            problems.append(f"the page after the redirect gave {followed.status_code}")
        if page is not None:
            problems.extend(_language(page, sent, page.errors))
            if page.errors and changed:
                problems.append(f"reported an error ({page.errors[0][:120]}) but changed {differences[:3]}")
        outcome = "accepted" if changed else ("refused (redirect)" if page and page.errors else "no change")
        world.runs[(target.key, outcome)] += 1
        world.outcome = outcome
    elif status in REFUSED:
        if changed:
            problems.append(f"refused with {status} but changed {differences[:5]}")
        page = read_page(response, ERROR_CLASSES)
        if page is None:
            problems.append(f"refused with {status} without a page")
        else:
            # A form shown again marks what is wrong; an error page (400, 403, 404) says it in its text.
            explanation = page.errors or ([" ".join(" ".join(page.main).split())] if status != 200 else [])
            if not any(explanation):
                problems.append("refused without an error message")
            problems.extend(_language(page, sent, explanation))
        world.runs[(target.key, f"refused ({status})")] += 1
        world.outcome = "refused"
    else:
        problems.append(f"unexpected status {status}")
        world.runs[(target.key, f"status {status}")] += 1
        world.outcome = "unexpected"
    return problems


def _wrote(queries: CaptureQueriesContext) -> bool:
    """Whether the request wrote (or tried to write) to a table that holds content."""
    if queries.final_queries - queries.initial_queries >= (connection.queries_log.maxlen or 0):
        return True  # more than the log holds: assume the worst and compare the whole database
    return any(
        WRITE.match(q["sql"]) and not any(t in q["sql"] for t in TRANSIENT) for q in queries.captured_queries
    )


def _language(page: _PageText, sent: list[str], explanation: list[str]) -> list[str]:
    problems = []
    if page.lang != "nl":
        problems.append(f"page language {page.lang!r}, not nl")
    for text in explanation:
        english = english_in(text, sent)
        if english:
            problems.append(f"English in the error message ({english}): {text[:160]}")
    text = " ".join(page.text)
    for value in sent:
        text = text.replace(value, " ")
    for phrase in DJANGO_ENGLISH:
        if phrase in text:
            problems.append(f"Django's English on the page: {phrase}")
    return problems


def record(world: World, target: Target, values: Values, problems: list[str]) -> None:
    shown = {name: _short(value) for name, value in values.items()}
    for problem in problems:
        kind = f"{target.key} · {re.sub(r'[0-9]+', '#', problem)[:90]}"
        if kind not in world.problems:
            world.problems[kind] = f"{target.role} POST {target.form.action}: {problem}\n    values: {shown}"
    # What was accepted, to read whether it should have been (printed with -s).
    if world.outcome == "accepted" and len(world.accepted.setdefault(target.key, [])) < 3:
        world.accepted[target.key].append(f"{target.role}: {shown}")


def _short(value: Any) -> Any:
    if isinstance(value, list):
        return [_short(item) for item in value]
    if isinstance(value, tuple):
        return (_short(value[0]), f"{len(value[1])} bytes")
    if isinstance(value, str) and len(value) > 40:
        return f"{value[:20]!r}…({len(value)} chars)"
    return value


def report(world: World, title: str) -> None:
    per_form: Counter[str] = Counter()
    for (key, _), count in world.runs.items():
        per_form[key] += count
    print(f"\n{title}: {sum(per_form.values())} submissions to {len(per_form)} of {len(world.forms)} forms")
    for key in sorted(per_form):
        outcomes = ", ".join(f"{outcome} {n}" for (k, outcome), n in sorted(world.runs.items()) if k == key)
        print(f"  {per_form[key]:5d}  {key}: {outcomes}")
        for example in world.accepted.get(key, []):
            print(f"           accepted: {example[:300]}")
    totals: Counter[str] = Counter()
    for (_, outcome), count in world.runs.items():
        totals[outcome] += count
    print("  total: " + ", ".join(f"{outcome} {n}" for outcome, n in sorted(totals.items())))


# -- the covenant, its users and their forms ----------------------------------------------------------------


def _covenant_ids(covenant: Covenant, limit: int) -> list[str]:
    """Primary keys of objects that belong to this covenant, a few of every kind."""
    ids: set[int] = {covenant.pk}
    for model in apps.get_models():
        if model._meta.label.split(".")[1].startswith("Historical"):
            continue
        names = {f.name for f in model._meta.get_fields()}
        if "covenant" in names:
            ids.update(model._default_manager.filter(covenant=covenant).values_list("pk", flat=True)[:limit])
    ids.update(
        Organisation.objects.filter(covenants=covenant).values_list("pk", flat=True),
    )
    return sorted(str(pk) for pk in ids)


@pytest.fixture(autouse=True)
def _quiet_request_log() -> Iterator[None]:
    """Refusals are the point here; Django's log line for every 400 and 404 would drown the report."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.fixture
def world(
    kampen: Covenant,
    kampen_text: str,
    coordinator: User,
    corporation_editor: User,
    tenant_editor: User,
    gemeente: Organisation,
) -> World:
    for filler in fillers:
        filler.fill(kampen)
    administrator = UserFactory(organisation=gemeente, role=Role.ADMINISTRATOR, username="fuzz-administrator")
    # An amended agreement, so its history page offers to put it back.
    first = kampen.agreements.order_by("order").first()
    assert first is not None
    agreement_amend(
        agreement=first,
        user=coordinator,
        text=first.text + "\n\nGewijzigd.",
        valid_from=timezone.localdate(),
        reason="Fuzz",
    )
    elders = document_import(text=kampen_text.replace("Kampen", "Elders"), filename="elders.txt").covenant
    start = reverse("agreements:covenant", args=[kampen.pk])
    targets: list[Target] = []
    for role, user in (
        ("coordinator", coordinator),
        ("corporation editor", corporation_editor),
        ("tenant editor", tenant_editor),
        ("administrator", administrator),  # only for what the others are not shown
    ):
        client = Client(HTTP_ACCEPT_LANGUAGE="nl")
        client.force_login(user)
        known = (
            {t.key for t in targets}
            if role == "administrator"
            else {t.key for t in targets if t.role == role}
        )
        for form in crawl(client, start).forms:
            key = form_key(form)
            if key not in known:
                known.add(key)
                targets.append(Target(role, client, form, key))
    hidden = sorted(
        {v for t in targets for i in t.form.inputs.values() if i.kind == "hidden" for v in i.default} - {""}
    )
    pools = Pools(
        local=tuple(_covenant_ids(kampen, 3)),
        foreign=tuple(sorted(set(_covenant_ids(elders, 3)) - set(_covenant_ids(kampen, 10**6)))),
        hidden=tuple(h for h in hidden if len(h) < 100),
    )
    return World(targets, pools, database_state(), {t.key for t in targets}, start)


# -- value sets -----------------------------------------------------------------------------------------


def _fixed(
    pick: Callable[[Field, Pools], list[str] | tuple[str, bytes] | None],
) -> Callable[[Form, Pools], Values]:
    def values(form: Form, pools: Pools) -> Values:
        return {
            name: pick(item, pools) for name, item in form.inputs.items() if name != "csrfmiddlewaretoken"
        }

    return values


def _by_kind(
    text: str, number: str | None, date: str | None, time: str | None, choice: str | None
) -> Callable[[Field, Pools], list[str] | tuple[str, bytes] | None]:
    """A value per kind of field; None keeps the field's default."""

    def pick(item: Field, pools: Pools) -> list[str] | tuple[str, bytes] | None:
        if item.kind == "file":
            return FILES[len(text) % len(FILES)]
        if item.kind == "hidden":  # kept, so the form behind it is reached; the tampering sets change them
            return item.default or None
        value = {"number": number, "date": date, "datetime": date, "time": time}.get(item.kind, text)
        if item.kind in ("select", "radio", "checkbox"):
            value = choice
        return (item.default or None) if value is None else [value]

    return pick


# Every form gets each of these once, in this order; the untouched defaults come last (twice: a double submit).
FIXED_SETS: list[tuple[str, Callable[[Form, Pools], Values]]] = [
    ("empty", _fixed(_by_kind("", "", "", "", ""))),
    ("whitespace", _fixed(_by_kind(" \t\n ", " ", " ", " ", " "))),
    (
        "10,000 characters",
        _fixed(_by_kind("x" * 10_000, "9" * 10_000, "2" * 10_000, "1" * 10_000, "7" * 10_000)),
    ),
    ("NUL", _fixed(_by_kind("a\x00b", "1\x00", "2026-01-01\x00", "10:00\x00", "1\x00"))),
    (
        "control characters",
        _fixed(_by_kind("a\x01\x1b[31m\x7fb", "1\x08", "2026-01-01\x0c", "10:00\x1f", "1\x07")),
    ),
    # Pasted along from another program into text, the rest as it was: stored, it must break no page.
    ("control characters in text", _fixed(_by_kind("Kern\x0bgroep\x07\x1b", None, None, None, None))),
    ("right-to-left and emoji", _fixed(_by_kind("\u202eكامبن🏠", "٣", "٢٠٢٦-٠١-٠١", "١٠:٠٠", "🏠"))),
    (
        "markup",
        _fixed(_by_kind("<script>alert(1)</script>", "<b>1</b>", "<i>2026-01-01</i>", "<br>", "<script>")),
    ),
    (
        "SQL",
        _fixed(
            _by_kind(
                "'; DROP TABLE agreements_agreement; --", "1 OR 1=1", "2026-01-01' --", "10:00'", "1 OR 1=1"
            )
        ),
    ),
    ("commas, exponents, impossible dates", _fixed(_by_kind("1,5", "1,5e309", "2026-02-30", "25:61", "-1"))),
    (
        "huge, negative, year 99999",
        _fixed(_by_kind("-1e999", "-99999999999999999999999", "99999-01-01", "-1:00", "9" * 30)),
    ),
    ("not a number, other date formats", _fixed(_by_kind("NaN", "NaN", "31-12-2026", "12", "Infinity"))),
    ("missing fields", lambda form, pools: {}),
    ("another covenant's ids", lambda form, pools: _tampered(form, pools, pools.foreign)),
    ("this covenant's other ids", lambda form, pools: _tampered(form, pools, pools.local[::-1])),
    (
        "duplicated keys",
        lambda form, pools: {
            n: [*i.default, *TEXT[4:6]]
            for n, i in form.inputs.items()
            if i.kind != "file" and n != "csrfmiddlewaretoken"
        },
    ),
    ("defaults", lambda form, pools: _defaults(form)),
    ("defaults again", lambda form, pools: _defaults(form)),
]


def _defaults(form: Form) -> Values:
    values: Values = {}
    for name, item in form.inputs.items():
        if name == "csrfmiddlewaretoken":
            continue
        values[name] = FILES[2] if item.kind == "file" else (item.default or None)
    return values


def _tampered(form: Form, pools: Pools, ids: tuple[str, ...]) -> Values:
    """The defaults, with every choice and hidden field set to an id it was not offered."""
    values = _defaults(form)
    for number, (name, item) in enumerate(form.inputs.items()):
        if item.kind in ("select", "radio", "checkbox", "hidden") and name != "csrfmiddlewaretoken":
            others = [i for i in ids if i not in item.options and i not in item.default] or list(ID_JUNK)
            values[name] = [others[number % len(others)]]
    return values


# -- Hypothesis strategies -----------------------------------------------------------------------------


def field_strategy(item: Field, pools: Pools) -> st.SearchStrategy[list[str] | tuple[str, bytes] | None]:
    """Values for one field: its default first (Hypothesis shrinks towards it), then worse and worse."""
    if item.kind == "file":
        return st.one_of(
            st.sampled_from(FILES),
            st.none(),
            st.tuples(FILE_NAMES, st.binary(max_size=300)),
        )
    default: st.SearchStrategy[list[str] | tuple[str, bytes] | None] = st.just(item.default or None)
    single = st.sampled_from(pools.nasty(item)).map(lambda v: [v])
    branches = [default, default, single, single, st.none()]
    if item.options:
        if item.multiple:
            branches.append(st.lists(st.sampled_from(item.options), unique=True, max_size=len(item.options)))
            branches.append(
                st.lists(st.sampled_from([*item.options, *pools.nasty(item)[:20]]), min_size=1, max_size=4)
            )
        else:
            branches.append(st.sampled_from(item.options).map(lambda v: [v]))
    if item.kind == "number":
        branches.append(
            st.one_of(st.integers(), st.floats(), st.decimals(allow_nan=True)).map(lambda v: [str(v)])
        )
    elif item.kind in ("date", "datetime"):
        branches.append(st.dates().map(lambda v: [v.isoformat()]))
    elif item.kind == "time":
        branches.append(st.times().map(lambda v: [v.isoformat()]))
    branches.append(st.text(max_size=40).map(lambda v: [v]))
    branches.append(
        st.tuples(st.sampled_from([*item.default, *pools.nasty(item)]), single).map(lambda p: [p[0], *p[1]])
    )
    return st.one_of(*branches)


# -- the tests ------------------------------------------------------------------------------------------------


def _profile() -> settings:
    """The profile conftest.py registers ("ci", or HYPOTHESIS_PROFILE), else Hypothesis' defaults."""
    try:
        return settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
    except InvalidArgument:
        return settings()


def fuzz(world: World, target: Target, ids: list[str], run: settings) -> None:
    """Hypothesis mixes the form's defaults with malformed values; each example is rolled back."""
    base_state = world.state

    @settings(
        run,
        deadline=None,
        database=None,  # one function for every form: examples saved for one would not fit another
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(data=st.data())
    def submit_one(data: st.DataObject) -> None:
        values: Values = {}
        for name, item in target.form.inputs.items():
            if name != "csrfmiddlewaretoken":
                values[name] = data.draw(field_strategy(item, world.pools), label=name)
        button = (
            data.draw(st.sampled_from([None, *target.form.buttons]), label="button")
            if target.form.buttons
            else None
        )
        extra = data.draw(
            st.dictionaries(st.sampled_from(EXTRA_KEYS), st.sampled_from(ids), max_size=2), label="extra"
        )
        world.state = base_state
        with transaction.atomic():
            problems = submit(world, target, values, button, extra)
            transaction.set_rollback(True)
        world.state = base_state
        shown: Values = {**values, **{key: [value] for key, value in extra.items()}}
        if button is not None:
            shown[button[0]] = [button[1]]
        record(world, target, shown, problems)

    submit_one()


def test_every_form_refuses_malformed_input_in_dutch_and_changes_nothing(world: World):
    """First each form with each fixed set, then Hypothesis's mixes; problems are collected, not raised.

    The fixed sets run in order and their accepted changes add up (a second submission of the same
    defaults, for one); then they are rolled back, so Hypothesis starts from the covenant as crawled and
    rolls back each example, and every example meets the same forms and objects. Collecting the problems,
    one example per kind, lets every form get its turn and reports everything wrong at once (with the
    whole submission) instead of Hypothesis shrinking the first one.
    """
    base_state = world.state
    with transaction.atomic():
        for _name, values_for in FIXED_SETS:
            for target in world.targets:
                values = values_for(target.form, world.pools)
                button = target.form.buttons[-1] if target.form.buttons else None
                record(world, target, values, submit(world, target, values, button, {}))
        # What the forms accepted (markup, control characters, 10,000 characters) must break no page.
        looker = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="nl")
        looker.cookies = world.targets[0].client.cookies  # the coordinator's session
        for page in crawl(looker, world.start).pages:
            if page.status >= 500:
                world.problems[page.url] = f"after the fixed sets, GET {page.url} gave {page.status}"
        transaction.set_rollback(True)
    report(world, "fixed value sets")
    assert world.forms == {key for key, _ in world.runs}, "a form was never submitted"
    assert len(world.forms) >= 30, "the crawl found few forms; is it broken?"
    fixed = sum(world.runs.values())

    world.runs.clear()
    world.accepted.clear()
    world.state = base_state
    profile = _profile()
    per_form = profile.max_examples * EXAMPLES_PER_PROFILE_EXAMPLE // len(world.targets) + 1
    ids = [*world.pools.local, *world.pools.foreign, *ID_JUNK]
    for target in world.targets:  # a run per form, so each gets its share (a drawn form would not)
        fuzz(world, target, ids, settings(profile, max_examples=per_form))
    world.state = base_state
    report(world, "hypothesis")
    print(f"in all: {fixed + sum(world.runs.values())} submissions to {len(world.forms)} forms")
    assert world.forms == {key for key, _ in world.runs}, "a form was never submitted"
    assert not world.problems, "\n" + "\n".join(world.problems.values())
