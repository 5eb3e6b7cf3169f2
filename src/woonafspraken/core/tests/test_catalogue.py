"""The Dutch catalogue: one for the whole package, complete, and its committed .mo up to date.

The source strings are English and the users read Dutch, so a missing, empty or fuzzy entry shows
English on a page, and a stale .mo (the package ships the compiled file) shows an older text.
The .po is read here in plain Python; only the check that the catalogue holds every source string
runs makemessages (GNU gettext's xgettext), on a copy of the package.
"""

from __future__ import annotations

import ast
import gettext
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command

import woonafspraken

PACKAGE = Path(woonafspraken.__file__).parent
LOCALE = PACKAGE / "locale"
DUTCH_PO = LOCALE / "nl" / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    line: int
    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    translations: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete `#~` entries left out), with C escapes resolved."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] = ("msgid", 0)
    fuzzy = False

    def append(text: str) -> None:
        assert entry is not None
        value = ast.literal_eval(text)
        kind, index = target
        if kind == "msgctxt":
            entry.context = (entry.context or "") + value
        elif kind == "msgid":
            entry.msgid += value
        elif kind == "msgid_plural":
            entry.plural = (entry.plural or "") + value
        else:
            entry.translations[index] = entry.translations.get(index, "") + value

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif not line or line.startswith("#"):
            continue
        elif line.startswith('"'):
            append(line)
        else:
            keyword, _, text = line.partition(" ")
            # An entry starts at its msgctxt, or at its msgid when it has no context.
            if keyword == "msgctxt" or (keyword == "msgid" and target[0] != "msgctxt"):
                entry = Entry(line=number, fuzzy=fuzzy)
                entries.append(entry)
                fuzzy = False
            if keyword.startswith("msgstr["):
                target = ("msgstr", int(keyword[len("msgstr[") : -1]))
            else:
                target = (keyword, 0)
            append(text)
    return entries


def _key(entry: Entry, index: int | None) -> str | tuple[str, int]:
    msgid = f"{entry.context}\x04{entry.msgid}" if entry.context is not None else entry.msgid
    return msgid if index is None else (msgid, index)


def test_the_package_has_one_catalogue_and_it_is_dutch() -> None:
    # English is the source language; every app's strings go to this one catalogue (LOCALE_PATHS),
    # which Django consults before the apps' and its own catalogues.
    assert sorted(path.relative_to(PACKAGE) for path in PACKAGE.rglob("django.po")) == [
        DUTCH_PO.relative_to(PACKAGE)
    ]


def test_every_dutch_entry_is_translated_and_not_fuzzy() -> None:
    entries = read_po(DUTCH_PO)
    assert len(entries) > 100
    header, *messages = entries
    assert header.msgid == ""
    assert not header.fuzzy
    problems = [
        f"line {e.line}: {e.msgid!r} is {'fuzzy' if e.fuzzy else 'untranslated'}"
        for e in messages
        if e.fuzzy or not e.translations or not all(e.translations.values())
    ]
    assert problems == []


def test_the_committed_mo_holds_exactly_the_messages_of_the_po() -> None:
    expected: dict[str | tuple[str, int], str] = {}
    for entry in read_po(DUTCH_PO)[1:]:
        if entry.fuzzy:
            continue
        if entry.plural is None:
            if entry.translations.get(0):
                expected[_key(entry, None)] = entry.translations[0]
        else:
            for index, text in entry.translations.items():
                expected[_key(entry, index)] = text
    with (DUTCH_PO.with_suffix(".mo")).open("rb") as mo:
        compiled = dict(gettext.GNUTranslations(mo)._catalog)  # type: ignore[attr-defined]
    compiled.pop("", None)  # the header
    stale = sorted(
        str(key) for key in expected.keys() | compiled.keys() if expected.get(key) != compiled.get(key)
    )
    assert stale == [], "django.mo is out of date with django.po: run `make messages` and commit the .mo"


def test_the_catalogue_holds_every_string_of_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A string the catalogue misses shows English to the users (makemessages only knows the
    # usual names: `_`, `gettext`, `gettext_lazy`, ..., not an alias such as `_lazy`).
    copy = tmp_path / "woonafspraken"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo"))
    monkeypatch.chdir(copy)
    monkeypatch.setattr("django.conf.settings.LOCALE_PATHS", [copy / "locale"])
    call_command("makemessages", locale=["nl"], no_obsolete=True, verbosity=0)

    def keys(path: Path) -> set[tuple[str | None, str]]:
        return {(entry.context, entry.msgid) for entry in read_po(path)[1:]}

    extracted, committed = keys(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"), keys(DUTCH_PO)
    assert sorted(extracted - committed, key=str) == [], (
        "strings missing from the catalogue: make extract-messages"
    )
    assert sorted(committed - extracted, key=str) == [], (
        "strings no longer in the source: make extract-messages"
    )
