"""Importing an agreements document: parse (pure), then write everything in one transaction.

Importing the same document again writes nothing. A document that cannot be read raises
``DocumentParseError`` before anything is written.
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
from woonafspraken.core.models import attribute_change
from woonafspraken.core.registry import import_hooks
from woonafspraken.documents.models import SourceDocument
from woonafspraken.documents.parsing import model as parsed
from woonafspraken.documents.parsing.parser import parse_document
from woonafspraken.documents.parsing.parties import tenant_landlords

ProgressCallback = Callable[[str], None]

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


def document_import(
    *,
    text: str,
    filename: str,
    user: User | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    if user is not None:  # before reading: only coordinators and administrators import at all
        require(
            is_administrator(user) or user.role == Role.COORDINATOR,
            _("Only a coordinator or an administrator can import a document."),
        )
    document = parse_document(text)
    step = progress or (lambda _label: None)
    step(_("read"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with transaction.atomic():
        importer = _Importer(document=document, user=user, step=step)
        covenant, created = importer.covenant()
        if user is not None:  # the console (no user) is the operator's; a person must be allowed
            require(
                can_manage_covenant(user, None if created else covenant),
                _(
                    "Only a coordinator of a party (a new covenant: of a municipality) "
                    "or an administrator can import this document."
                ),
            )
        if not created and SourceDocument.objects.filter(covenant=covenant, sha256=digest).exists():
            return ImportResult(covenant, False, 0, len(document.agreements), document.warnings)
        importer.write_all(covenant)
        hook_messages = [message for hook in import_hooks for message in hook.run(covenant, user)]
        SourceDocument.objects.create(
            covenant=covenant,
            filename=filename,
            sha256=digest,
            text=text,
            imported_by=user,
            changes=importer.changes,
        )
    return ImportResult(
        covenant, created, importer.changes, len(document.agreements), document.warnings, tuple(hook_messages)
    )


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

    def __init__(self, *, document: parsed.Document, user: User | None, step: ProgressCallback) -> None:
        self.document = document
        self.user = user
        self.step = step
        self.changes = 0
        self.organisations: dict[str, Organisation] = {}

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
        organisation = Organisation.objects.filter(name=party.name).first()
        if organisation is None:
            organisation = Organisation(
                name=party.name, kind=party.kind.value, short_names=list(party.short_names)
            )
            self._save(organisation)
        elif organisation.kind != party.kind.value:
            raise ImportRefusedError(
                _("%(name)s is already registered as %(registered)s, but the document calls it a %(kind)s.")
                % {
                    "name": party.name,
                    "registered": organisation.get_kind_display(),
                    "kind": party.kind.value,
                }
            )
        else:
            merged = sorted(set(organisation.short_names) | set(party.short_names))
            self._update(organisation, short_names=merged)
        return organisation

    def _tenant_landlords(self) -> None:
        """Link each tenant organisation to the corporation whose tenants it represents, where the
        document shows it; a link set before (by the administrator, or another covenant) is kept."""
        for tenant, landlord in tenant_landlords(self.document.parties, self.document.signatories).items():
            organisation = self.organisations[tenant]
            if organisation.represents_tenants_of_id is None:
                self._update(organisation, represents_tenants_of=self.organisations[landlord])

    def covenant(self) -> tuple[Covenant, bool]:
        document = self.document
        self.organisations = {party.name: self._organisation(party) for party in document.parties}
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
        covenant = Covenant.objects.filter(
            municipality=document.municipality, title=document.title, start_date=document.start
        ).first()
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
