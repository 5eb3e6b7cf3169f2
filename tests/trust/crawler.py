"""A small crawler over the app's own pages, so checks cover every page without being edited.

Starting from the covenant home page it follows every link to this site, like a user would, and
collects the pages and the POST forms on them. Pages of the same URL pattern are visited a few times
at most, so the crawl stays small as data grows.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

SKIP_PREFIXES = ("/static/", "/beheer/", "/uitloggen/", "/taal/")
PER_PATTERN = 2


@dataclass
class Form:
    page: str
    action: str
    fields: dict[str, str]


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


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, str, dict[str, str]]] = []
        self._form: tuple[str, str, dict[str, str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self._form = (attributes.get("method", "get").lower(), attributes.get("action", ""), {})
            self.forms.append(self._form)
        elif (
            tag in ("input", "textarea", "select")
            and self._form is not None
            and attributes.get("name")
            and attributes.get("type") not in ("submit", "button", "file")
        ):
            self._form[2][attributes["name"]] = attributes.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def pattern_of(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return match.route or match.view_name


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
        if response.status_code != 200 or "text/html" not in content_type:
            continue
        page.html = response.content.decode()
        parser = _Links()
        parser.feed(page.html)
        for method, action, fields in parser.forms:
            target = urljoin(url, action) if action else url
            if method == "post" and not urlsplit(target).path.startswith(SKIP_PREFIXES):
                result.forms.append(Form(url, target, fields))
        for href in parser.links:
            target = urldefrag(urljoin(url, href)).url
            parts = urlsplit(target)
            if parts.netloc and parts.netloc != "testserver":
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path.startswith(SKIP_PREFIXES) or path in seen:
                continue
            queue.append(path)
    return result
