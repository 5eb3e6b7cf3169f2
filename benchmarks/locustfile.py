"""Locust scenario (issue 16, "load held"): users of mixed roles on one covenant, through the real forms.

- every role reads pages (the covenant's scoreboard, agreements, an agreement, indicators, jaarschijf,
  meetings, housing) and now and then downloads the monitor (Excel);
- the coordinator and the corporation editor enter an indicator's figure through its entry form (with
  the CSRF token and the edit token the page carries; the note is a unique marker);
- the corporation and tenant editors comment on an agreement (the jaarschijf's comment form).

A write counts as accepted when the app answers with its redirect; a figure refused because someone else
entered one of the indicator's figures between this user's opening and saving the form (optimistic
locking, ADR 0005: the page shows the other's change) counts as "changed meanwhile", not as a failure.
Anything else (a 4xx/5xx, a form shown again with an error, no answer) is a failure. A GET whose kept-alive
connection the server closed just before it went out is sent once more (``_CountingRetry``; counted).

The plan (users, covenant, indicators, markers) comes from the JSON file in ``LOAD_PLAN``, written by
``benchmarks/bench_load.py``, which also starts the server and afterwards compares the accepted writes
(written to the plan's ``writes`` file when the test stops) with what the database holds.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
from html.parser import HTMLParser
from typing import Any

from locust import HttpUser, between, events, task
from locust.clients import LocustHttpAdapter
from urllib3.util.retry import Retry

PLAN: dict[str, Any] = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
ACCEPTED: list[dict[str, str]] = []  # {"kind": "figure" | "comment", "marker": ...}
REFUSED_STALE: list[str] = []
RETRIED: list[str] = []  # GETs sent again after the server closed the kept-alive connection under them
_lock = threading.Lock()
_numbers = {role: itertools.count() for role in PLAN["users"]}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _Forms(HTMLParser):
    """The fields of each form on a page: inputs, the selected option of each select, textareas."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get"), "fields": {}})
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"] if self.forms else {}
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in {"submit", "button", "checkbox", "radio"}:
            fields[name] = a.get("value", "")
        elif tag == "input" and name and a.get("type") in {"checkbox", "radio"} and "checked" in a:
            fields[name] = a.get("value", "on")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if "selected" in a or (self._select not in fields and a.get("value")):
                fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


def entry_form(page: str) -> dict[str, str] | None:
    parser = _Forms()
    parser.feed(page)
    for form in parser.forms:
        fields = form["fields"]
        if form["method"].lower() == "post" and any(n == "value" or n.startswith("value_") for n in fields):
            return dict(fields)
    return None


class _CountingRetry(Retry):
    """A GET is sent once more when the connection breaks before any answer, as browsers do when the
    server closed a kept-alive connection just as the next request went out (gunicorn closes idle ones
    after 2 s; these users pause 0.5-2 s). A POST is never repeated; every repetition is counted."""

    def increment(
        self, method: str | None = None, url: str | None = None, *args: Any, **kwargs: Any
    ) -> Retry:
        with _lock:
            RETRIED.append(f"{method} {url}: {kwargs.get('error')!r}")
        return super().increment(method, url, *args, **kwargs)


def _retrying_adapter() -> LocustHttpAdapter:
    retry = _CountingRetry(
        total=1, connect=1, read=1, status=0, other=0, redirect=None, allowed_methods=frozenset({"GET"})
    )
    return LocustHttpAdapter(pool_manager=None, max_retries=retry)


class Party(HttpUser):
    """A logged-in user of one role; the subclasses say which role and what they do besides reading."""

    abstract = True
    role = ""
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.client.mount("http://", _retrying_adapter())
        names = PLAN["users"][self.role]
        self.username = names[next(_numbers[self.role]) % len(names)]
        self.rng = random.Random(self.username)  # noqa: S311  (a scenario, not security)
        self.covenant = f"/convenanten/{PLAN['covenant']}"
        self.writes = 0
        page = self.client.get("/inloggen/", name="login form").text
        token = CSRF.search(page)
        with self.client.post(
            "/inloggen/",
            {
                "username": self.username,
                "password": PLAN["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.host + "/inloggen/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.username} refused ({response.status_code})")
        self.first_writes()

    def first_writes(self) -> None:
        """One of each of the role's writes at once, so that even a short run writes every kind."""

    def _marker(self, kind: str) -> str:
        self.writes += 1
        return f"{PLAN['marker']} {kind} {self.username} #{self.writes}"

    def _read(self, path: str, name: str) -> str:
        with self.client.get(self.covenant + path, name=name, catch_response=True) as response:
            if response.status_code != 200 or "/inloggen/" in response.url:
                response.failure(f"{response.status_code} at {response.url}: {response.error!r}"[:300])
            return response.text or ""

    @task(10)
    def read(self) -> None:
        number = self.rng.choice(PLAN["agreements"])
        path, name = self.rng.choice(
            [
                ("/", "scoreboard"),
                ("/afspraken/", "agreements"),
                (f"/afspraken/{number}/", "agreement"),
                ("/indicatoren/", "indicators"),
                ("/jaarschijf/", "jaarschijf"),
                ("/overleg/", "meetings"),
                ("/woningen/", "housing"),
            ]
        )
        self._read(path, name)

    @task(1)
    def download_report(self) -> None:
        with self.client.get(
            f"{self.covenant}/rapportages/monitor/download/?formaat=xlsx",
            name="report download",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or not response.content.startswith(b"PK"):
                response.failure(f"no monitor ({response.status_code}): {response.error!r}"[:300])

    def enter_figure(self) -> None:
        indicator = self.rng.choice(PLAN["indicators"][self.role])
        url = f"{self.covenant}/indicatoren/{indicator['code']}/invoeren/"
        page = self._read(f"/indicatoren/{indicator['code']}/invoeren/", "figure form")
        fields = entry_form(page)
        if fields is None:
            return  # the read already failed
        for name in fields:
            if name == "value" or name.startswith("value_"):
                fields[name] = indicator["value"]
        marker = self._marker("figure")
        fields["note"] = marker
        fields["source"] = "Belastingtest"
        with self.client.post(
            url,
            fields,
            headers={"Referer": self.host + url},
            name="figure save",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                with _lock:
                    ACCEPTED.append({"kind": "figure", "marker": marker})
            elif response.status_code == 200 and 'id="edit-conflict-heading"' in response.text:
                response.success()  # refused and shown: someone else saved meanwhile
                with _lock:
                    REFUSED_STALE.append(marker)
            else:
                errors = re.findall(
                    r'class="[^"]*app-errors[^"]*"[^>]*>(.{0,300})', response.text or "", re.S
                )
                response.failure(f"figure not saved ({response.status_code}): {errors[:1]}")

    def comment(self) -> None:
        number = self.rng.choice(PLAN["agreements"])
        page = self._read(f"/afspraken/{number}/", "agreement")
        token = CSRF.search(page)
        if token is None:
            return
        marker = self._marker("comment")
        url = f"{self.covenant}/jaarschijf/afspraken/{number}/reactie/"
        with self.client.post(
            url,
            {"text": marker, "csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": f"{self.host}{self.covenant}/afspraken/{number}/"},
            name="comment",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "").split("#")[0]
            if response.status_code == 302 and location.endswith(f"/afspraken/{number}/"):
                with _lock:
                    ACCEPTED.append({"kind": "comment", "marker": marker})
            else:
                response.failure(f"comment not placed ({response.status_code} {location})")


class Coordinator(Party):
    role = "coordinator"
    weight = 1

    def first_writes(self) -> None:
        self.enter_figure()

    @task(3)
    def figure(self) -> None:
        self.enter_figure()


class CorporationEditor(Party):
    role = "corporation"
    weight = 2

    def first_writes(self) -> None:
        self.enter_figure()
        self.comment()

    @task(3)
    def figure(self) -> None:
        self.enter_figure()

    @task(2)
    def remark(self) -> None:
        self.comment()


class TenantEditor(Party):
    role = "tenant"
    weight = 1

    def first_writes(self) -> None:
        self.comment()

    @task(3)
    def remark(self) -> None:
        self.comment()


class Reader(Party):
    role = "reader"
    weight = 2


@events.test_stop.add_listener
def _write_accepted(**_kwargs: Any) -> None:
    with _lock, open(PLAN["writes"], "w", encoding="utf-8") as out:
        json.dump({"accepted": ACCEPTED, "refused_stale": REFUSED_STALE, "retried": RETRIED}, out)
