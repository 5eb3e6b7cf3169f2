"""A draft successor made from the current covenant, with the lineage of every agreement."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import can_manage_covenant, require
from woonafspraken.agreements.models import (
    Agreement,
    AgreementVersion,
    Covenant,
    CovenantParty,
    CovenantStage,
    Section,
    Theme,
)
from woonafspraken.core.formatting import format_date
from woonafspraken.core.models import attribute_change
from woonafspraken.core.writers import xml_safe


def covenant_draft(
    *, source: Covenant, title: str, start: dt.date, end: dt.date, user: User | None = None
) -> Covenant:
    """A concept covenant from ``source``: its parties, themes, sections and agreements copied, each
    agreement with ``source``'s agreement as its predecessor ("was 1.3.1") and its text as version 1.
    The term is the new one; signatories are set anew when the parties sign. ``user`` None: the console.
    """
    if user is not None:
        require(can_manage_covenant(user, source), _("Only the coordinator can draft a successor."))
    if source.stage == CovenantStage.DRAFT:
        raise ValidationError(
            _("%(title)s is a draft itself: a successor is drafted from a signed covenant.")
            % {"title": source.title},
            code="source_is_draft",
        )
    _refuse_second_successor(source)
    title = " ".join(str(xml_safe(title)).split())  # one line, without control characters
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Give the draft a title.")
    if start >= end:
        errors["end"] = _("The end date must come after the start date.")
    if start <= source.start_date:
        errors["start"] = _("A successor starts after %(title)s started (%(date)s).") % {
            "title": source.title,
            "date": format_date(source.start_date),
        }
    if Covenant.objects.filter(municipality=source.municipality, title=title, start_date=start).exists():
        errors["title"] = _("A covenant with this title and start date already exists.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Two coordinators starting at once: the second waits here and then finds the first one's draft.
        Covenant.objects.select_for_update().get(pk=source.pk)
        _refuse_second_successor(source)
        draft = Covenant(
            title=title,
            municipality=source.municipality,
            start_date=start,
            end_date=end,
            automatic_extension_months=source.automatic_extension_months,
            introduction=source.introduction,
            owner=source.owner,
            created_by=user,
            is_demo=source.is_demo,
            stage=CovenantStage.DRAFT,
            predecessor=source,
        )
        attribute_change(draft, user)
        draft.full_clean()
        draft.save()
        CovenantParty.objects.bulk_create(
            CovenantParty(covenant=draft, organisation_id=link.organisation_id, order=link.order)
            for link in source.party_links.all()
        )
        sections: dict[int, Section] = {}
        themes: dict[int, Theme] = {}
        for theme in source.themes.prefetch_related("sections"):
            theme_copy = Theme(
                covenant=draft,
                number=theme.number,
                title=theme.title,
                ambition_heading=theme.ambition_heading,
                ambition=theme.ambition,
            )
            attribute_change(theme_copy, user)
            theme_copy.save()
            themes[theme.pk] = theme_copy
            for section in theme.sections.all():
                section_copy = Section(
                    theme=theme_copy, number=section.number, title=section.title, order=section.order
                )
                attribute_change(section_copy, user)
                section_copy.save()
                sections[section.pk] = section_copy
        reason = _("Taken over from %(title)s (%(number)s)")
        for agreement in source.agreements.prefetch_related("parties", "leads").order_by("order"):
            copy = Agreement(
                covenant=draft,
                theme=themes[agreement.theme_id],
                section=sections.get(agreement.section_id) if agreement.section_id else None,
                number=agreement.number,
                order=agreement.order,
                subject=agreement.subject,
                subject_inherited=agreement.subject_inherited,
                text=agreement.text,
                parties_raw=agreement.parties_raw,
                leads_raw=agreement.leads_raw,
                due_raw=agreement.due_raw,
                due_moments=agreement.due_moments,
                owner=draft.owner,
                created_by=user,
            )
            attribute_change(copy, user)
            copy.save()
            copy.parties.set(agreement.parties.all())
            copy.leads.set(agreement.leads.all())
            copy.predecessors.set([agreement])
            AgreementVersion.objects.create(
                agreement=copy,
                version=1,
                valid_from=start,
                subject=copy.subject,
                text=copy.text,
                parties_raw=copy.parties_raw,
                leads_raw=copy.leads_raw,
                due_raw=copy.due_raw,
                reason=reason % {"title": source.title, "number": agreement.number},
                created_by=user,
            )
    return draft


def _refuse_second_successor(source: Covenant) -> None:
    """A covenant is followed up once: by one draft, which becomes its signed successor."""
    successor = source.successors.order_by("-start_date", "-pk").first()
    if successor is None:
        return
    if successor.stage == CovenantStage.DRAFT:
        raise ValidationError(
            _("%(title)s already has a draft successor: %(draft)s.")
            % {"title": source.title, "draft": successor.title},
            code="draft_exists",
        )
    raise ValidationError(
        _("%(title)s has been followed up already by %(successor)s; draft from that one.")
        % {"title": source.title, "successor": successor.title},
        code="successor_exists",
    )
