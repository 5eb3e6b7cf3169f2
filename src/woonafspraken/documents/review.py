"""The review step: what an import would store, read before anything is stored.

``preview_build`` turns a parsed document and the coordinator's corrections into an ``ImportPreview``;
``summary_lines`` writes it as the lines the console prints, and the review page shows the same facts
from the same value. The decisions an import takes about parties (which stored organisation a party is,
which corporation a tenant organisation represents, whether a kind may be corrected) are made here once,
for the preview and for the importer alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant, CovenantParty
from woonafspraken.core.formatting import format_date
from woonafspraken.documents.models import SourceDocument, SourceKindChoices
from woonafspraken.documents.organisations import OrganisationMatch, match_organisations
from woonafspraken.documents.parsing import model as parsed
from woonafspraken.documents.parsing.parties import tenant_landlords
from woonafspraken.documents.reading.source import SourceText


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def corrections_key(corrections: parsed.Corrections) -> str:
    """The corrections as a fingerprint ("" for none): the same text with other corrections is another
    import."""
    if not corrections:
        return ""
    canonical = json.dumps(corrections.to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def find_covenant(document: parsed.Document) -> Covenant | None:
    """The stored covenant a document is a version of: same municipality, title and start."""
    return Covenant.objects.filter(
        municipality=document.municipality, title=document.title, start_date=document.start
    ).first()


def corrections_for(document: parsed.Document, corrections: parsed.Corrections) -> parsed.Corrections:
    """Only the corrections that still apply to this document: parties it names, landlords that are
    among its corporations, a landlord only for a tenant organisation."""
    kinds = {party.name: party.kind for party in document.parties}
    kept: dict[str, parsed.PartyCorrection] = {}
    for name, correction in corrections.parties.items():
        if name not in kinds:
            continue
        kind = correction.kind or kinds[name]
        landlord = correction.landlord
        if landlord is not None and (
            kind is not parsed.PartyKind.TENANT_ORGANISATION
            or kinds.get(landlord) is not parsed.PartyKind.CORPORATION
        ):
            landlord = None
        kept[name] = parsed.PartyCorrection(
            kind=correction.kind,
            short_names=correction.short_names,
            landlord=landlord,
            organisation_id=correction.organisation_id,
            separate=correction.separate,
        )
    return parsed.Corrections(kept)


def stored_corrections(document: parsed.Document) -> parsed.Corrections:
    """The corrections of the last stored import of the same covenant, for the names still present."""
    covenant = find_covenant(document)
    if covenant is None:
        return parsed.Corrections()
    last = SourceDocument.objects.filter(covenant=covenant).order_by("-imported_at", "-pk").first()
    if last is None:
        return parsed.Corrections()
    return corrections_for(document, parsed.Corrections.from_json(last.corrections))


# -- decisions about parties, shared by the preview and the importer ------------------------------------


@dataclass(frozen=True)
class Landlord:
    corporation: str  # full party name
    corrected: bool  # chosen in the review step, not read from the document


def landlords(document: parsed.Document, corrections: parsed.Corrections) -> dict[str, Landlord]:
    """Which corporation each tenant organisation represents: read from the document
    (``tenant_landlords``), replaced by the coordinator's choice."""
    found = {
        tenant: Landlord(corporation, False)
        for tenant, corporation in tenant_landlords(document.parties, document.signatories).items()
    }
    kinds = {party.name: party.kind for party in document.parties}
    for name, correction in corrections.parties.items():
        if (
            correction.landlord
            and kinds.get(name) is parsed.PartyKind.TENANT_ORGANISATION
            and kinds.get(correction.landlord) is parsed.PartyKind.CORPORATION
        ):
            found[name] = Landlord(correction.landlord, True)
    return found


class MatchState(StrEnum):
    EXISTING = "existing"  # a stored organisation, found or chosen
    NEW = "new"  # a new organisation will be made
    SIMILAR = "similar"  # new, unless the coordinator says it is one of the similar ones


@dataclass(frozen=True)
class OrganisationChoice:
    """Which organisation a party will be stored as."""

    organisation: Organisation | None  # the stored one it is (None: a new one)
    similar: tuple[Organisation, ...] = ()  # stored organisations it may be (before a choice)
    chosen: bool = False  # the coordinator chose: the same as a stored one, or a new one
    kind_conflict: bool = False  # stored with another kind, and that cannot be corrected here
    kind_fix: bool = False  # stored with another kind, corrected here (the organisation is only ours)

    @property
    def state(self) -> MatchState:
        if self.organisation is not None:
            return MatchState.EXISTING
        return MatchState.NEW if self.chosen or not self.similar else MatchState.SIMILAR

    def label(self) -> str:
        """ "bestaat al" / "nieuw" / "lijkt op X — dezelfde?" """
        if self.organisation is not None:
            if self.chosen:
                return _("the same as %(name)s (chosen)") % {"name": self.organisation.name}
            if self.kind_fix:
                return _("already stored; its kind is corrected")
            return _("already stored")
        if self.similar and not self.chosen:
            return _("looks like %(names)s — the same one?") % {
                "names": ", ".join(organisation.name for organisation in self.similar)
            }
        return _("new (chosen)") if self.chosen else _("new")


def organisations_elsewhere(
    parties: Iterable[parsed.Party],
    corrections: parsed.Corrections,
    matches: Mapping[str, OrganisationMatch],
    covenant: Covenant | None,
) -> frozenset[int]:
    """Of the stored organisations that a party with a corrected kind may be (the one chosen for it or the
    one it certainly is), those a covenant other than ``covenant`` has: their kind is not changed by this
    import (elsewhere it is that kind for good reasons, and it is a real conflict). One query, and none
    when no kind is corrected."""
    candidates: set[int] = set()
    for party in parties:
        if party.kind_basis is not parsed.KindBasis.CORRECTED:
            continue
        correction = corrections.parties.get(party.name)
        if correction is not None and correction.organisation_id is not None:
            candidates.add(correction.organisation_id)
        found = matches[party.name].found
        if found is not None:
            candidates.add(found.pk)
    if not candidates:
        return frozenset()
    links = CovenantParty.objects.filter(organisation_id__in=candidates)
    if covenant is not None:
        links = links.exclude(covenant=covenant)
    return frozenset(links.values_list("organisation_id", flat=True))


def organisation_choice(
    party: parsed.Party,
    correction: parsed.PartyCorrection | None,
    match: OrganisationMatch,
    chosen: Mapping[int, Organisation],
    elsewhere: AbstractSet[int],
) -> OrganisationChoice:
    """The chosen organisation wins, then the one ``match_organisation`` is certain of, else a new one
    (the similar ones are asked about until the coordinator says "the same" or "a new one"). A corrected
    kind changes the stored kind unless the organisation is ``elsewhere`` (``organisations_elsewhere``)."""
    organisation = match.found
    picked = False
    if correction is not None and correction.organisation_id is not None:
        organisation = chosen.get(correction.organisation_id)
        picked = organisation is not None
    separate = correction is not None and correction.separate and not picked
    similar = () if picked or organisation is not None else match.similar
    conflict = fix = False
    if organisation is not None and organisation.kind != party.kind.value:
        if party.kind_basis is parsed.KindBasis.CORRECTED and organisation.pk not in elsewhere:
            fix = True
        else:
            conflict = True
    return OrganisationChoice(
        organisation=organisation,
        similar=similar,
        chosen=picked or separate,
        kind_conflict=conflict,
        kind_fix=fix,
    )


# -- the preview -------------------------------------------------------------------------------------------


def basis_label(basis: parsed.KindBasis) -> str:
    """In plain Dutch: "volgens de naam", "volgens de inleiding", "gegokt", "gecorrigeerd"."""
    labels = {
        parsed.KindBasis.NAME: _("from the name"),
        parsed.KindBasis.INTRODUCTION: _("from the introduction"),
        parsed.KindBasis.GUESS: _("guessed"),
        parsed.KindBasis.CORRECTED: _("corrected"),
    }
    return labels[basis]


def kind_label(kind: parsed.PartyKind) -> str:
    return str(OrganisationKind(kind.value).label)


@dataclass(frozen=True)
class PartyPreview:
    party: parsed.Party
    landlord: Landlord | None  # tenant organisations: the corporation it represents
    organisation: OrganisationChoice

    @property
    def name(self) -> str:
        return self.party.name

    @property
    def kind_label(self) -> str:
        return kind_label(self.party.kind)

    @property
    def basis_label(self) -> str:
        return basis_label(self.party.kind_basis)

    @property
    def is_tenant_organisation(self) -> bool:
        return self.party.kind is parsed.PartyKind.TENANT_ORGANISATION


@dataclass(frozen=True)
class ThemePreview:
    number: int
    title: str
    agreements: int


@dataclass(frozen=True)
class AppendixPreview:
    number: str
    title: str


@dataclass(frozen=True)
class WarningPreview:
    line: int
    place: str  # where in the file: "regel 12", "pagina 3", "tabel 2, rij 4"
    message: str


@dataclass(frozen=True)
class ImportPreview:
    filename: str
    source: SourceText
    document: parsed.Document
    corrections: parsed.Corrections  # what storing will use (given, or those of the last import)
    corrections_reused: bool  # taken over from the last stored import of this covenant
    covenant: Covenant | None  # the stored covenant this updates; None: a new covenant
    unchanged: bool  # this text with these corrections was stored before: storing changes nothing
    parties: tuple[PartyPreview, ...]
    themes: tuple[ThemePreview, ...]
    appendices: tuple[AppendixPreview, ...]
    warnings: tuple[WarningPreview, ...]
    uncertain: tuple[str, ...]  # Dutch sentences: what the coordinator should decide before storing
    errors: tuple[str, ...] = field(default=())  # what will refuse the import as it stands

    @property
    def title(self) -> str:
        return self.document.title

    @property
    def municipality(self) -> str:
        return self.document.municipality

    @property
    def start(self) -> dt.date:
        return self.document.start

    @property
    def end(self) -> dt.date:
        return self.document.end

    @property
    def agreements(self) -> int:
        return len(self.document.agreements)

    @property
    def kind_label(self) -> str:
        return str(SourceKindChoices(self.source.kind.value).label)

    @property
    def corporations(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.document.parties if p.kind is parsed.PartyKind.CORPORATION)

    @property
    def outcome(self) -> str:
        """What storing does to the register, in one sentence."""
        if self.covenant is None:
            return _("A new covenant will be created.")
        if self.unchanged:
            return _("This document was stored before with these corrections; storing changes nothing.")
        return _("The stored covenant will be updated; only what differs changes.")


def _uncertain(parties: tuple[PartyPreview, ...], corporations: int) -> tuple[list[str], list[str]]:
    doubts: list[str] = []
    errors: list[str] = []
    for preview in parties:
        party, choice = preview.party, preview.organisation
        if party.doubt:
            doubts.append(f"{party.name}: {party.doubt}")
        if choice.state is MatchState.SIMILAR:
            doubts.append(
                _("%(name)s looks like the stored %(similar)s: is it the same organisation?")
                % {"name": party.name, "similar": ", ".join(o.name for o in choice.similar)}
            )
        if preview.is_tenant_organisation and preview.landlord is None and corporations > 1:
            doubts.append(
                _(
                    "%(name)s: the document does not show which corporation's tenants it represents; "
                    "choose the corporation."
                )
                % {"name": party.name}
            )
        if choice.kind_conflict and choice.organisation is not None:
            errors.append(
                _(
                    "%(name)s is already stored as %(registered)s, but is read here as %(kind)s; "
                    "correct the kind or choose another organisation, or storing is refused."
                )
                % {
                    "name": party.name,
                    "registered": choice.organisation.get_kind_display(),
                    "kind": kind_label(party.kind),
                }
            )
    return doubts, errors


def preview_build(
    *,
    source: SourceText,
    document: parsed.Document,
    filename: str,
    corrections: parsed.Corrections,
    corrections_reused: bool,
) -> ImportPreview:
    """Everything the review shows; reads the database (covenant, organisations), writes nothing."""
    covenant = find_covenant(document)
    chosen_ids = {c.organisation_id for c in corrections.parties.values() if c.organisation_id is not None}
    chosen = Organisation.objects.in_bulk(chosen_ids) if chosen_ids else {}
    links = landlords(document, corrections)
    matches = match_organisations(document.parties)
    elsewhere = organisations_elsewhere(document.parties, corrections, matches, covenant)
    parties = tuple(
        PartyPreview(
            party=party,
            landlord=links.get(party.name),
            organisation=organisation_choice(
                party, corrections.parties.get(party.name), matches[party.name], chosen, elsewhere
            ),
        )
        for party in document.parties
    )
    counts: dict[int, int] = {}
    for agreement in document.agreements:
        counts[agreement.theme] = counts.get(agreement.theme, 0) + 1
    unchanged = (
        covenant is not None
        and SourceDocument.objects.filter(
            covenant=covenant, sha256=text_digest(source.text), corrections_key=corrections_key(corrections)
        ).exists()
    )
    doubts, errors = _uncertain(
        parties, len([p for p in document.parties if p.kind is parsed.PartyKind.CORPORATION])
    )
    return ImportPreview(
        filename=filename,
        source=source,
        document=document,
        corrections=corrections,
        corrections_reused=corrections_reused,
        covenant=covenant,
        unchanged=unchanged,
        parties=parties,
        themes=tuple(ThemePreview(t.number, t.title, counts.get(t.number, 0)) for t in document.themes),
        appendices=tuple(AppendixPreview(a.number, a.title) for a in document.appendices),
        warnings=tuple(WarningPreview(w.line, source.place(w.line), w.message) for w in document.warnings),
        uncertain=tuple(doubts),
        errors=tuple(errors),
    )


# -- the one summary -----------------------------------------------------------------------------------------


def party_line(preview: PartyPreview) -> str:
    party = preview.party
    parts = [f"{party.name}: {preview.kind_label} ({preview.basis_label})"]
    if party.short_names:
        parts.append(_("short names: %(names)s") % {"names": ", ".join(party.short_names)})
    if preview.is_tenant_organisation:
        if preview.landlord is None:
            parts.append(_("tenants of: unknown"))
        else:
            parts.append(
                (
                    _("tenants of: %(name)s (chosen)")
                    if preview.landlord.corrected
                    else _("tenants of: %(name)s")
                )
                % {"name": preview.landlord.corporation}
            )
    parts.append(_("organisation: %(state)s") % {"state": preview.organisation.label()})
    return "; ".join(parts)


def summary_lines(preview: ImportPreview) -> list[str]:
    """The summary the console prints; the review page shows the same facts from the same preview."""
    lines = [
        _("File: %(name)s (%(kind)s)") % {"name": preview.filename, "kind": preview.kind_label},
        _("Covenant: %(title)s, %(municipality)s, %(start)s to %(end)s")
        % {
            "title": preview.title,
            "municipality": preview.municipality,
            "start": format_date(preview.start),
            "end": format_date(preview.end),
        },
        "  " + preview.outcome,
    ]
    if preview.corrections_reused:
        lines.append("  " + _("The corrections of the last import of this covenant are used again."))
    lines.append(_("Parties (%(count)s):") % {"count": len(preview.parties)})
    lines.extend(f"  - {party_line(party)}" for party in preview.parties)
    themes = ngettext("%(count)s theme", "%(count)s themes", len(preview.themes)) % {
        "count": len(preview.themes)
    }
    agreements = ngettext("%(count)s agreement", "%(count)s agreements", preview.agreements) % {
        "count": preview.agreements
    }
    lines.append(f"{themes}, {agreements}:")
    lines.extend(
        "  "
        + ngettext(
            "%(number)s – %(title)s: %(count)s agreement",
            "%(number)s – %(title)s: %(count)s agreements",
            t.agreements,
        )
        % {"number": t.number, "title": t.title, "count": t.agreements}
        for t in preview.themes
    )
    lines.append(_("Appendices (%(count)s):") % {"count": len(preview.appendices)})
    lines.extend(
        "  " + _("Appendix %(number)s: %(title)s") % {"number": a.number, "title": a.title}
        for a in preview.appendices
    )
    lines.append(_("Warnings (%(count)s):") % {"count": len(preview.warnings)})
    lines.extend(f"  {w.place}: {w.message}" for w in preview.warnings)
    if preview.errors:
        lines.append(_("Will be refused (%(count)s):") % {"count": len(preview.errors)})
        lines.extend(f"  ! {error}" for error in preview.errors)
    if preview.uncertain:
        lines.append(_("To decide (%(count)s):") % {"count": len(preview.uncertain)})
        lines.extend(f"  ? {doubt}" for doubt in preview.uncertain)
    else:
        lines.append(_("Nothing is uncertain."))
    return lines
