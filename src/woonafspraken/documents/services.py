"""Importing an agreements document: read (text, Word, PDF), parse (pure), review, then write everything in
one transaction.

Importing the same text with the same corrections again writes nothing. A document that cannot be read
raises ``SourceReadError`` or ``DocumentParseError`` before anything is written. ``import_preview`` shows
what an import would store; the web keeps an upload under review as an ``ImportReview`` until the
coordinator stores or discards it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import can_manage_covenant, is_administrator, require
from woonafspraken.agreements.models import (
    Agreement,
    AgreementVersion,
    Appendix,
    Covenant,
    CovenantParty,
    Footnote,
    Section,
    Signatory,
    Theme,
)
from woonafspraken.core.models import attribute_change, save_attributed
from woonafspraken.core.registry import import_hooks
from woonafspraken.documents.models import ImportReview, ReviewState, SourceDocument
from woonafspraken.documents.organisations import OrganisationMatch, match_organisations
from woonafspraken.documents.parsing import model as parsed
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.permissions import can_review
from woonafspraken.documents.reading.source import SourceKind, SourceText
from woonafspraken.documents.review import (
    ImportPreview,
    corrections_for,
    corrections_key,
    find_covenant,
    landlords,
    organisation_choice,
    organisations_elsewhere,
    preview_build,
    stored_corrections,
    text_digest,
)

ProgressCallback = Callable[[str], None]

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

_NUMBER_WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3}
_EXTENSION = re.compile(
    r"automatisch\s+(?:met\s+)?(?:maximaal|ten hoogste|hooguit)\s+(\d+|één|een|twee|drie)\s+(jaar|jaren|maanden|maand)",
    re.IGNORECASE,
)


class ImportRefusedError(ValueError):
    """The document was read but cannot be stored (for example: no municipality among the parties)."""


@dataclass(frozen=True)
class ImportResult:
    covenant: Covenant
    created: bool
    changes: int  # number of stored rows created or changed; 0 for a document imported before
    agreements: int
    warnings: tuple[parsed.ParseWarning, ...]
    messages: tuple[str, ...] = ()  # what the import hooks of other apps report (figures read, checks)


def _require_importer(user: User | None) -> None:
    if user is not None:  # before reading: only coordinators and administrators import at all
        require(
            is_administrator(user) or user.role == Role.COORDINATOR,
            _("Only a coordinator or an administrator can import a document."),
        )


def _require_covenant(user: User | None, covenant: Covenant | None) -> None:
    if user is not None:  # the console (no user) is the operator's; a person must be allowed
        require(
            can_manage_covenant(user, covenant),
            _(
                "Only a coordinator of a party (a new covenant: of a municipality) "
                "or an administrator can import this document."
            ),
        )


def _read(
    text: str, corrections: parsed.Corrections | None
) -> tuple[parsed.Document, parsed.Corrections, bool]:
    """Parse with the given corrections; without any, with those of the last stored import of the same
    covenant (a new version of a document keeps its review). Returns the corrections that apply and
    whether they were taken over."""
    if corrections is not None:
        document = parse_document(text, corrections or None)
        return document, corrections_for(document, corrections), False
    document = parse_document(text)
    stored = stored_corrections(document)
    if not stored:
        return document, stored, False
    return parse_document(text, stored), stored, True


def import_preview(
    source: SourceText,
    *,
    filename: str,
    corrections: parsed.Corrections | None = None,
    user: User | None = None,
) -> ImportPreview:
    """What importing ``source`` with ``corrections`` would store, and what is uncertain; writes nothing.

    Without corrections, those of the last stored import of the same covenant are used (for the names
    still present). Raises ``DocumentParseError`` for a document that cannot be read."""
    _require_importer(user)
    document, used, reused = _read(source.text, corrections)
    preview = preview_build(
        source=source, document=document, filename=filename, corrections=used, corrections_reused=reused
    )
    _require_covenant(user, preview.covenant)
    return preview


def document_import(
    *,
    filename: str,
    text: str | None = None,
    source: SourceText | None = None,
    corrections: parsed.Corrections | None = None,
    file: bytes | None = None,
    user: User | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Store a document (``source``, or the plain ``text``) with the review step's ``corrections`` (None:
    those of the last import of the same covenant); ``file`` is the uploaded file, kept with the text."""
    if source is None:
        if text is None:
            raise TypeError("document_import needs text or source")
        source = SourceText(text=text, kind=SourceKind.TEXT)
    _require_importer(user)
    document, used, _reused = _read(source.text, corrections)
    step = progress or (lambda _label: None)
    step(_("read"))
    digest = text_digest(source.text)
    key = corrections_key(used)
    with transaction.atomic():
        importer = _Importer(document=document, corrections=used, user=user, step=step)
        covenant, created = importer.covenant()
        _require_covenant(user, None if created else covenant)
        if (
            not created
            and SourceDocument.objects.filter(covenant=covenant, sha256=digest, corrections_key=key).exists()
        ):
            return ImportResult(covenant, False, 0, len(document.agreements), document.warnings)
        importer.write_all(covenant)
        hook_messages = [message for hook in import_hooks for message in hook.run(covenant, user)]
        original = file if file is not None else source.text.encode("utf-8")
        SourceDocument.objects.create(
            covenant=covenant,
            filename=filename,
            sha256=digest,
            text=source.text,
            kind=source.kind.value,
            file_sha256=hashlib.sha256(original).hexdigest(),
            file=file if source.kind is not SourceKind.TEXT else None,
            corrections=used.to_json(),
            corrections_key=key,
            imported_by=user,
            changes=importer.changes,
        )
    return ImportResult(
        covenant, created, importer.changes, len(document.agreements), document.warnings, tuple(hook_messages)
    )


# -- an upload under review (the web) -------------------------------------------------------------------


def review_source(review: ImportReview) -> SourceText:
    return SourceText(text=review.text, kind=SourceKind(review.kind), places=tuple(review.places))


def review_corrections(review: ImportReview) -> parsed.Corrections:
    return parsed.Corrections.from_json(review.corrections)


def _require_reviewer(review: ImportReview, user: User) -> None:
    require(
        can_review(user, review),
        _("Only the person who uploaded this document, or an administrator, can review it."),
    )
    if review.state != ReviewState.REVIEW:
        raise ImportRefusedError(
            _("This import has been stored or discarded already; upload the document again.")
        )


def import_review_create(
    *, filename: str, data: bytes, source: SourceText, user: User
) -> tuple[ImportReview, ImportPreview]:
    """Keep an uploaded file (``data``, read as ``source`` by ``read_source``) for the review; nothing of
    the register is written. Raises ``DocumentParseError`` for a document that cannot be read (nothing
    kept)."""
    require(
        can_manage_covenant(user, None),
        _("Only a coordinator of a municipality or an administrator can import documents."),
    )
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ImportRefusedError(_("The file is larger than 5 MB; that is not an agreements document."))
    preview = import_preview(source, filename=filename, user=user)
    review = ImportReview(
        filename=filename[:300],
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=source.kind.value,
        text=source.text,
        places=list(source.places),
        corrections=preview.corrections.to_json(),
        created_by=user,
    )
    save_attributed(review, user)
    return review, preview


def import_review_correct(*, review: ImportReview, corrections: parsed.Corrections, user: User) -> None:
    """Keep the coordinator's corrections with the upload; the review page reads the document with them."""
    with transaction.atomic():
        review = ImportReview.objects.select_for_update().get(pk=review.pk)
        _require_reviewer(review, user)
        review.corrections = corrections.to_json()
        save_attributed(review, user)


def import_review_store(
    *, review: ImportReview, user: User, progress: ProgressCallback | None = None
) -> ImportResult:
    """Store the reviewed document with its corrections: the only step that writes the register."""
    with transaction.atomic():
        review = ImportReview.objects.select_for_update().get(pk=review.pk)
        _require_reviewer(review, user)
        source = review_source(review)
        result = document_import(
            source=source,
            filename=review.filename,
            corrections=review_corrections(review),
            file=bytes(review.data) if source.kind is not SourceKind.TEXT else None,
            user=user,
            progress=progress,
        )
        review.state = ReviewState.STORED
        review.covenant = result.covenant
        save_attributed(review, user)
    return result


def import_review_discard(*, review: ImportReview, user: User) -> None:
    """Drop an upload under review; the uploaded file is not kept."""
    with transaction.atomic():
        review = ImportReview.objects.select_for_update().get(pk=review.pk)
        _require_reviewer(review, user)
        review.state = ReviewState.DISCARDED
        review.data = b""
        review.text = ""
        review.places = []
        save_attributed(review, user)


def extension_months(document: parsed.Document) -> int | None:
    """Read "wordt automatisch met maximaal één jaar verlengd" from the agreement texts."""
    for agreement in document.agreements:
        match = _EXTENSION.search(agreement.text)
        if match:
            amount_text, unit = match.group(1).lower(), match.group(2).lower()
            amount = int(amount_text) if amount_text.isdigit() else _NUMBER_WORDS[amount_text]
            return amount * 12 if unit.startswith("jaar") else amount
    return None


def _short(text: str, limit: int = 60) -> str:
    return f"{text[:limit]}…" if len(text) > limit else text


def _field_label(obj: models.Model, field: str) -> str:
    if field == NON_FIELD_ERRORS:
        return ""
    return f"{getattr(obj._meta.get_field(field), 'verbose_name', field)}: "


def _due_moments_json(moments: Iterable[parsed.DueMoment]) -> list[dict[str, Any]]:
    result = []
    for moment in moments:
        data = asdict(moment)
        data["kind"] = moment.kind.value
        data["date"] = moment.date.isoformat() if moment.date else None
        result.append(data)
    return result


class _Importer:
    """Writes one parsed document; counts what it changed so a repeat import is provably a no-op."""

    def __init__(
        self,
        *,
        document: parsed.Document,
        corrections: parsed.Corrections,
        user: User | None,
        step: ProgressCallback,
    ) -> None:
        self.document = document
        self.corrections = corrections
        self.user = user
        self.step = step
        self.changes = 0
        self.organisations: dict[str, Organisation] = {}
        self.chosen: dict[int, Organisation] = {}

    # -- generic helpers -------------------------------------------------------------------
    def _save(self, obj: models.Model) -> None:
        attribute_change(obj, self.user)
        try:
            obj.full_clean(validate_constraints=False)
        except ValidationError as error:  # e.g. a title longer than the column: refuse, do not fail
            problems = "; ".join(
                f"{_field_label(obj, field)}{message}"
                for field, messages in error.message_dict.items()
                for message in messages
            )
            raise ImportRefusedError(
                _("%(kind)s '%(item)s' cannot be stored: %(problems)s")
                % {"kind": capfirst(obj._meta.verbose_name), "item": _short(str(obj)), "problems": problems}
            ) from error
        obj.save()
        self.changes += 1

    def _update(self, obj: models.Model, **values: Any) -> None:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, values[name])
        if changed:
            self._save(obj)

    def _set_m2m(self, manager: Any, organisations: Iterable[Organisation]) -> None:
        wanted = {org.pk for org in organisations}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            self.changes += 1

    # -- the covenant and its parties ----------------------------------------------------------
    def _municipality_party(self) -> parsed.Party:
        for party in self.document.parties:
            if party.kind is parsed.PartyKind.MUNICIPALITY:
                return party
        raise ImportRefusedError(
            _("The document names no municipality among the parties; a covenant needs one.")
        )

    def _organisation(self, party: parsed.Party) -> Organisation:
        """The stored organisation the party is (chosen in the review, or certainly the same), or a new
        one; a kind corrected in the review may change a stored kind only where no other covenant has it."""
        choice = organisation_choice(
            party,
            self.corrections.parties.get(party.name),
            self.matches[party.name],
            self.chosen,
            self.elsewhere,
        )
        organisation = choice.organisation
        if organisation is None:
            organisation = Organisation(  # sorted, as a later import merges them: no change then
                name=party.name,
                kind=party.kind.value,
                short_names=sorted(set(party.short_names)),
                kvk_number=party.kvk,
            )
            self._save(organisation)
            return organisation
        if choice.kind_conflict:
            raise ImportRefusedError(
                _("%(name)s is already registered as %(registered)s, but the document calls it a %(kind)s.")
                % {
                    "name": party.name,
                    "registered": organisation.get_kind_display(),
                    "kind": party.kind.value,
                }
            )
        values: dict[str, Any] = {
            "short_names": sorted(set(organisation.short_names) | set(party.short_names))
        }
        if party.kvk and not organisation.kvk_number and party.kvk not in self.numbers_taken:
            values["kvk_number"] = party.kvk  # the document gives the number the register lacked
        if choice.kind_fix:
            values["kind"] = party.kind.value
            if party.kind is not parsed.PartyKind.TENANT_ORGANISATION:
                values["represents_tenants_of"] = None
            if organisation.kind == parsed.PartyKind.CORPORATION.value:  # no longer anyone's landlord
                # One by one through the attributed save: the history says who unlinked them (and can undo
                # it); an organisation of this document already read is changed in memory too.
                read = {stored.pk: stored for stored in self.organisations.values()}
                for tenant in Organisation.objects.filter(represents_tenants_of=organisation).order_by("pk"):
                    self._update(read.get(tenant.pk, tenant), represents_tenants_of=None)
        self._update(organisation, **values)
        return organisation

    def _tenant_landlords(self) -> None:
        """Link each tenant organisation to the corporation whose tenants it represents: the coordinator's
        choice always; where the document shows it, unless a link was set before (by the administrator,
        or another covenant)."""
        for tenant, landlord in landlords(self.document, self.corrections).items():
            organisation = self.organisations[tenant]
            if landlord.corrected or organisation.represents_tenants_of_id is None:
                self._update(organisation, represents_tenants_of=self.organisations[landlord.corporation])

    def covenant(self) -> tuple[Covenant, bool]:
        document = self.document
        existing = find_covenant(document)
        chosen_ids = {
            c.organisation_id for c in self.corrections.parties.values() if c.organisation_id is not None
        }
        self.chosen = Organisation.objects.in_bulk(chosen_ids) if chosen_ids else {}
        self.matches: dict[str, OrganisationMatch] = match_organisations(document.parties)
        self.elsewhere = organisations_elsewhere(document.parties, self.corrections, self.matches, existing)
        self.numbers_taken = set(
            Organisation.objects.filter(
                kvk_number__in={p.kvk for p in document.parties if p.kvk}
            ).values_list("kvk_number", flat=True)
        )
        self.organisations = {}
        for party in document.parties:  # one by one: a later party's kind fix sees the ones read before
            self.organisations[party.name] = self._organisation(party)
        self._tenant_landlords()
        owner = self.organisations[self._municipality_party().name]
        values = {
            "end_date": document.end,
            "automatic_extension_months": extension_months(document),
            "signed_text": document.signed_text or "",
            "status_note": document.status_note,
            "introduction": document.introduction,
            "owner": owner,
        }
        covenant = existing
        if covenant is None:
            covenant = Covenant(
                municipality=document.municipality,
                title=document.title,
                start_date=document.start,
                created_by=self.user,
                **values,
            )
            self._save(covenant)
            return covenant, True
        self._update(covenant, **values)
        return covenant, False

    def write_all(self, covenant: Covenant) -> None:
        self._parties(covenant)
        self._signatories(covenant)
        self.step(_("parties"))
        sections = self._themes(covenant)
        self.step(_("themes"))
        self._agreements(covenant, sections)
        self.step(_("agreements"))
        self._footnotes(covenant)
        self._appendices(covenant)
        self.step(_("appendices"))

    def _parties(self, covenant: Covenant) -> None:
        wanted = [(self.organisations[p.name].pk, order) for order, p in enumerate(self.document.parties)]
        current = list(
            CovenantParty.objects.filter(covenant=covenant).values_list("organisation_id", "order")
        )
        if sorted(current) != sorted(wanted):
            CovenantParty.objects.filter(covenant=covenant).delete()
            CovenantParty.objects.bulk_create(
                CovenantParty(covenant=covenant, organisation_id=org_id, order=order)
                for org_id, order in wanted
            )
            self.changes += 1

    def _signatories(self, covenant: Covenant) -> None:
        # A signature on behalf of an organisation that is no party was reported as a warning; skip it.
        signed = [s for s in self.document.signatories if s.organisation in self.organisations]
        wanted = [
            (self.organisations[s.organisation].pk, s.person, s.salutation, s.role, order)
            for order, s in enumerate(signed)
        ]
        current = list(
            Signatory.objects.filter(covenant=covenant)
            .order_by("order")
            .values_list("organisation_id", "person", "salutation", "role", "order")
        )
        if current != wanted:
            Signatory.objects.filter(covenant=covenant).delete()
            Signatory.objects.bulk_create(
                Signatory(covenant=covenant, organisation_id=o, person=p, salutation=s, role=r, order=n)
                for o, p, s, r, n in wanted
            )
            self.changes += 1

    def _themes(self, covenant: Covenant) -> dict[str, Section]:
        sections: dict[str, Section] = {}
        existing = {theme.number: theme for theme in covenant.themes.all()}
        for parsed_theme in self.document.themes:
            values = {
                "title": parsed_theme.title,
                "ambition_heading": parsed_theme.ambition_heading,
                "ambition": parsed_theme.ambition,
            }
            theme = existing.pop(parsed_theme.number, None)
            if theme is None:
                theme = Theme(covenant=covenant, number=parsed_theme.number, **values)
                self._save(theme)
            else:
                self._update(theme, **values)
            existing_sections = {section.number: section for section in theme.sections.all()}
            for order, parsed_section in enumerate(parsed_theme.sections):
                section = existing_sections.pop(parsed_section.number, None)
                if section is None:
                    section = Section(
                        theme=theme, number=parsed_section.number, title=parsed_section.title, order=order
                    )
                    self._save(section)
                else:
                    self._update(section, title=parsed_section.title, order=order)
                sections[section.number] = section
            for stale in existing_sections.values():
                stale.delete()
                self.changes += 1
        for stale_theme in existing.values():
            stale_theme.delete()
            self.changes += 1
        return sections

    def _agreements(self, covenant: Covenant, sections: dict[str, Section]) -> None:
        themes = {theme.number: theme for theme in covenant.themes.all()}
        existing = {agreement.number: agreement for agreement in covenant.agreements.all()}
        owner = covenant.owner
        for order, item in enumerate(self.document.agreements):
            values = {
                "theme": themes[item.theme],
                "section": sections[item.section] if item.section else None,
                "order": order,
                "subject": item.subject,
                "subject_inherited": item.subject_inherited,
                "text": item.text,
                "parties_raw": item.parties_raw,
                "leads_raw": item.leads_raw,
                "due_raw": item.due_raw or "",
                "due_moments": _due_moments_json(item.due),
            }
            agreement = existing.pop(item.number, None)
            if agreement is None:
                agreement = Agreement(
                    covenant=covenant, number=item.number, owner=owner, created_by=self.user, **values
                )
                self._save(agreement)
            else:
                self._update(agreement, **values)
            self._set_m2m(agreement.parties, (self.organisations[name] for name in item.parties))
            self._set_m2m(agreement.leads, (self.organisations[name] for name in item.leads))
            self._signed_version(covenant, agreement)
        for stale in existing.values():
            stale.delete()
            self.changes += 1

    def _signed_version(self, covenant: Covenant, agreement: Agreement) -> None:
        """Version 1 is the signed wording; a corrected import of the same document updates it."""
        values = {
            "valid_from": covenant.start_date,
            "subject": agreement.subject,
            "text": agreement.text,
            "parties_raw": agreement.parties_raw,
            "leads_raw": agreement.leads_raw,
            "due_raw": agreement.due_raw,
        }
        version = agreement.versions.filter(version=1).first()
        if version is None:
            version = AgreementVersion(
                agreement=agreement,
                version=1,
                reason=_("Text of the signed document"),
                created_by=self.user,
                **values,
            )
            self._save(version)
        elif agreement.version == 1:
            self._update(version, **values)

    def _footnotes(self, covenant: Covenant) -> None:
        wanted = [(f.marker, f.text, order) for order, f in enumerate(self.document.footnotes)]
        current = list(covenant.footnotes.order_by("order").values_list("marker", "text", "order"))
        if current != wanted:
            covenant.footnotes.all().delete()
            Footnote.objects.bulk_create(
                Footnote(covenant=covenant, marker=m, text=t, order=o) for m, t, o in wanted
            )
            self.changes += 1

    def _appendices(self, covenant: Covenant) -> None:
        wanted = [(a.number, a.title, "\n".join(a.lines).strip("\n")) for a in self.document.appendices]
        current = list(covenant.appendices.order_by("number").values_list("number", "title", "text"))
        if sorted(current) != sorted(wanted):
            covenant.appendices.all().delete()
            Appendix.objects.bulk_create(
                Appendix(covenant=covenant, number=n, title=t, text=x) for n, t, x in wanted
            )
            self.changes += 1
