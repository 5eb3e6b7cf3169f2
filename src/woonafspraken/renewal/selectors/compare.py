"""Reads for the comparison of a draft successor with the current covenant: a constant number of queries,
whatever the number of agreements: the themes, the agreements of each, the lineage, the bod items."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from woonafspraken.agreements.models import Agreement, Covenant, Theme
from woonafspraken.core.formatting import format_number
from woonafspraken.renewal.comparison import BodLine, Comparison, Item, Kind, Part, Row, compare
from woonafspraken.renewal.models import BodItem, BodState

_ITEM_FIELDS = (
    "id",
    "number",
    "subject",
    "text",
    "parties_raw",
    "leads_raw",
    "due_raw",
    "theme__number",
    "order",
)


def _items(values: list[dict[str, object]]) -> list[Item]:
    return [
        Item(
            id=int(row["id"]),  # type: ignore[call-overload]
            number=str(row["number"]),
            subject=str(row["subject"]),
            text=str(row["text"]),
            parties=str(row["parties_raw"]),
            leads=str(row["leads_raw"]),
            due=str(row["due_raw"]),
            theme=int(row["theme__number"]),  # type: ignore[call-overload]
            order=int(row["order"]),  # type: ignore[call-overload]
        )
        for row in values
    ]


def compared_pair(covenant: Covenant) -> tuple[Covenant, Covenant] | None:
    """(current, draft) for a covenant's comparison page: a covenant with a predecessor is compared with
    it; a covenant without one with its newest successor; None when it has neither."""
    if covenant.predecessor_id is not None:
        predecessor = Covenant.objects.get(pk=covenant.predecessor_id)
        return predecessor, covenant
    successor = covenant.successors.order_by("-start_date", "-pk").first()
    if successor is None:
        return None
    return covenant, successor


def bod_line(item: BodItem) -> str:
    """ "Bod deltaWonen 2026: 40 sociale huurwoningen"; a number not in the text follows it."""
    bod = item.bod
    text = item.text.strip()
    if item.number is not None:
        amount = " ".join(filter(None, [format_number(item.number, 2, trim=True), item.unit]))
        if format_number(item.number, 2, trim=True) not in text:
            text = f"{text} ({amount})"
    if bod.state == BodState.DRAFT:
        return _("Bod %(corporation)s %(year)s (draft): %(text)s") % {
            "corporation": bod.corporation.name,
            "year": bod.year,
            "text": text,
        }
    return _("Bod %(corporation)s %(year)s: %(text)s") % {
        "corporation": bod.corporation.name,
        "year": bod.year,
        "text": text,
    }


def covenant_comparison(current: Covenant, draft: Covenant) -> Comparison:
    """``draft`` against ``current`` per theme of the draft (five queries)."""
    theme_titles: dict[int, dict[int, str]] = {current.pk: {}, draft.pk: {}}
    for covenant_id, number, title in Theme.objects.filter(covenant__in=[current, draft]).values_list(
        "covenant_id", "number", "title"
    ):
        theme_titles[covenant_id][number] = title
    new = _items(list(draft.agreements.values(*_ITEM_FIELDS)))
    through = Agreement.predecessors.through
    links = list(
        through.objects.filter(from_agreement__covenant=draft).values_list(
            "from_agreement_id", "to_agreement_id"
        )
    )
    old = _items(
        list(
            Agreement.objects.filter(
                Q(covenant=current) | Q(pk__in=[old_id for _new, old_id in links])
            ).values(*_ITEM_FIELDS)
        )
    )
    old_ids = [item.id for item in old]
    bod_items = BodItem.objects.filter(
        Q(agreement_id__in=old_ids) | Q(agreement__isnull=True, bod__covenant=current)
    ).select_related("bod__corporation", "theme")
    bod = [
        BodLine(answers=item.agreement_id, theme=item.theme.number, text=bod_line(item))
        for item in bod_items.order_by("bod__year", "bod__corporation__name", "theme__number", "order", "pk")
    ]
    themes = compare(
        old=old,
        new=new,
        links=links,
        themes=theme_titles[draft.pk],
        old_themes=theme_titles[current.pk],
        bod=bod,
    )
    return Comparison(
        old_id=current.pk,
        old_title=current.title,
        new_id=draft.pk,
        new_title=draft.title,
        new_stage=draft.stage,
        municipality=draft.municipality,
        themes=themes,
        is_demo=current.is_demo or draft.is_demo,
    )


def kind_label(kind: Kind, row: Row) -> str:
    """The lineage label of one kind: "was 1.3.1", "samengevoegd uit 1.3.1 en 1.3.2", "vervalt"."""
    if kind is Kind.RENUMBERED:
        return _("was %(number)s") % {"number": row.old[0].number}
    if kind is Kind.MERGED:
        return _("merged from %(numbers)s") % {"numbers": join_numbers(row.old_numbers)}
    if kind is Kind.SPLIT:
        return _("split from %(number)s into %(numbers)s") % {
            "number": row.old[0].number,
            "numbers": join_numbers(row.split_into),
        }
    return str(KIND_LABELS[kind])


def row_label(row: Row) -> str:
    return " · ".join(kind_label(kind, row) for kind in row.kinds)


def join_numbers(numbers: tuple[str, ...]) -> str:
    """'1.3.1', '1.3.1 en 1.3.2', '1.3.1, 1.3.2 en 1.3.3'."""
    if len(numbers) <= 1:
        return "".join(numbers)
    return _("%(first)s and %(last)s") % {"first": ", ".join(numbers[:-1]), "last": numbers[-1]}


# The lineage labels and the parts of an agreement, in the language of the request.
KIND_LABELS: dict[Kind, StrOrPromise] = {
    Kind.NEW: gettext_lazy("new"),
    Kind.MERGED: gettext_lazy("merged"),
    Kind.SPLIT: gettext_lazy("split"),
    Kind.RENUMBERED: gettext_lazy("renumbered"),
    Kind.CHANGED: gettext_lazy("changed"),
    Kind.UNCHANGED: gettext_lazy("unchanged"),
    Kind.DROPPED: gettext_lazy("dropped"),
}
PART_LABELS: dict[Part, StrOrPromise] = {
    Part.SUBJECT: gettext_lazy("Subject"),
    Part.PARTIES: gettext_lazy("Parties"),
    Part.LEADS: gettext_lazy("Lead"),
    Part.DUE: gettext_lazy("Due moment"),
}


__all__ = [
    "bod_line",
    "compared_pair",
    "covenant_comparison",
    "join_numbers",
    "kind_label",
    "KIND_LABELS",
    "PART_LABELS",
    "row_label",
]
