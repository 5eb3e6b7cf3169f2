"""A small crawler over the app's own pages, so checks cover every page without being edited.

Starting from the covenant home page it follows every link to this site, like a user would, and
collects the pages and the POST forms on them. Redirects are followed, and GET forms (filters, "choose
a year" forms) are submitted with what they hold, as a user would, since some pages are only reached
that way. Pages of the same URL pattern are visited a few times at most, so the crawl stays small as
data grows.

Every POST form is recorded with its fields: kind (text, number, date, select with its option values,
checkbox, textarea, file, hidden, ...), whether it is required, and the values a browser would send
untouched (``Form.fields``, ready for ``Client.post``).
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

SKIP_PREFIXES = ("/static/", "/beheer/", "/uitloggen/", "/taal/")
PER_PATTERN = 2

# <input type="..."> values that are fields of their own kind; every other type is text.
INPUT_KINDS = {
    "hidden": "hidden",
    "number": "number",
    "range": "number",
    "date": "date",
    "time": "time",
    "datetime-local": "datetime",
    "month": "month",
    "email": "email",
    "url": "url",
    "password": "password",
    "checkbox": "checkbox",
    "radio": "radio",
    "file": "file",
}
BUTTON_TYPES = ("submit", "image")
IGNORED_TYPES = ("button", "reset")


@dataclass
class Field:
    """One named field of a form; a group of checkboxes or radio buttons with one name is one field."""

    name: str
    kind: str  # text, number, date, time, email, select, checkbox, radio, textarea, file, hidden, ...
    required: bool = False
    multiple: bool = False  # <select multiple>, or several checkboxes with this name
    options: list[str] = field(default_factory=list)  # select, radio and checkbox values
    default: list[str] = field(default_factory=list)  # what a browser sends untouched


@dataclass
class Form:
    page: str
    action: str
    fields: dict[str, str | list[str]]  # what a browser submits untouched (files left out)
    inputs: dict[str, Field] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons
    multipart: bool = False

    @property
    def pattern(self) -> str:
        return pattern_of(urlsplit(self.action).path)


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    html: str = ""


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)


@dataclass
class _RawForm:
    method: str
    action: str
    multipart: bool
    inputs: dict[str, Field] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def submission(self) -> dict[str, str | list[str]]:
        values: dict[str, str | list[str]] = {}
        for name, item in self.inputs.items():
            if item.kind == "file" or (not item.default and item.kind in ("checkbox", "radio")):
                continue
            values[name] = item.default if item.multiple else (item.default[0] if item.default else "")
        return values


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[_RawForm] = []
        self._form: _RawForm | None = None
        self._select: Field | None = None
        self._option: tuple[str | None, bool] | None = None  # (value attribute, selected)
        self._option_text: list[str] = []
        self._textarea: Field | None = None
        self._textarea_text: list[str] = []

    def _field(self, name: str, kind: str, attributes: dict[str, str]) -> Field:
        assert self._form is not None
        existing = self._form.inputs.get(name)
        if existing is not None:
            existing.multiple = existing.multiple or kind == "checkbox" or existing.kind == "checkbox"
            return existing
        item = Field(name, kind, required="required" in attributes)
        self._form.inputs[name] = item
        return item

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        name = attributes.get("name", "")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self._form = _RawForm(
                attributes.get("method", "get").lower(),
                attributes.get("action", ""),
                attributes.get("enctype", "") == "multipart/form-data",
            )
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            if kind in BUTTON_TYPES:
                self._form.buttons.append((name, attributes.get("value", "")))
                return
            if kind in IGNORED_TYPES:
                return
            item = self._field(name, INPUT_KINDS.get(kind, "text"), attributes)
            if item.kind in ("checkbox", "radio"):
                value = attributes.get("value", "on")
                item.options.append(value)
                if "checked" in attributes:
                    item.default.append(value)
            elif item.kind != "file":
                item.default = [attributes.get("value", "")]
        elif tag == "button" and name and attributes.get("type", "submit").lower() == "submit":
            self._form.buttons.append((name, attributes.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = self._field(name, "textarea", attributes)
            self._textarea_text = []
        elif tag == "select" and name:
            self._select = self._field(name, "select", attributes)
            self._select.multiple = "multiple" in attributes
        elif tag == "option" and self._select is not None:
            self._close_option()
            self._option = (attributes.get("value"), "selected" in attributes)
            self._option_text = []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea_text.append(data)
        elif self._option is not None:
            self._option_text.append(data)

    def _close_option(self) -> None:
        if self._select is None or self._option is None:
            return
        value, selected = self._option
        value = "".join(self._option_text).strip() if value is None else value
        self._select.options.append(value)
        if selected:
            self._select.default.append(value)
        self._option = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "option":
            self._close_option()
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._textarea_text)
            # A browser drops the one newline that follows <textarea>.
            self._textarea.default = [text[1:] if text.startswith("\n") else text]
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self._close_option()
            if not self._select.default and self._select.options and not self._select.multiple:
                self._select.default = [self._select.options[0]]  # a browser sends the first option
            self._select = None


def pattern_of(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return match.route or match.view_name


def _local(base: str, href: str) -> str | None:
    """The path (and query) of a link on this site, or None for other sites and skipped areas."""
    target = urldefrag(urljoin(base, href)).url
    parts = urlsplit(target)
    if parts.scheme not in ("", "http") or (parts.netloc and parts.netloc != "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if path.startswith(SKIP_PREFIXES) else path


def crawl(client: Client, start: str, *, max_pages: int = 300) -> Crawl:
    result = Crawl()
    queue: deque[str] = deque([start])
    seen: set[str] = set()
    per_pattern: Counter[str] = Counter()
    while queue and len(result.pages) < max_pages:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        pattern = pattern_of(urlsplit(url).path)
        if per_pattern[pattern] >= PER_PATTERN:
            continue
        per_pattern[pattern] += 1
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        page = Page(url, response.status_code, content_type)
        result.pages.append(page)
        if response.status_code in (301, 302, 303, 307, 308):
            target = _local(url, response["Location"])
            if target is not None and target not in seen:
                queue.append(target)
            continue
        if response.status_code != 200 or "text/html" not in content_type:
            continue
        page.html = response.content.decode()
        parser = _Links()
        parser.feed(page.html)
        parser.close()
        links = list(parser.links)
        for raw in parser.forms:
            target = urljoin(url, raw.action) if raw.action else url
            if urlsplit(target).path.startswith(SKIP_PREFIXES):
                continue
            if raw.method == "post":
                result.forms.append(
                    Form(url, target, raw.submission(), raw.inputs, raw.buttons, raw.multipart)
                )
            elif raw.method == "get":
                query = urlencode(raw.submission(), doseq=True)
                links.append(f"{urlsplit(target).path}?{query}" if query else urlsplit(target).path)
        for href in links:
            path = _local(url, href)
            if path is not None and path not in seen:
                queue.append(path)
    return result
