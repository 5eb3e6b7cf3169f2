"""Who may do what with meetings, works, knelpunten, advice and documents (see docs/meetings.md).

Built on accounts.permissions: the coordinator manages meetings and their types; anyone of a party
raises a knelpunt and comments; the addressed tenant organisation gives advice, whatever its users'
role; corporations and the gemeente edit only their own works; readers read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.permissions import can_contribute, can_manage_covenant, is_administrator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from woonafspraken.accounts.models import User
    from woonafspraken.agreements.models import Covenant
    from woonafspraken.meetings.models import ActionItem, AdviceRequest, Concern, SharedDocument, Work

EDITING_ROLES: frozenset[str] = frozenset({Role.EDITOR, Role.COORDINATOR, Role.ADMINISTRATOR})


def _active(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _editor(user: User | AnonymousUser) -> bool:
    return _active(user) and str(getattr(user, "role", "")) in EDITING_ROLES


def is_party(user: User | AnonymousUser, covenant: Covenant) -> bool:
    if not _active(user) or user.organisation_id is None:  # type: ignore[union-attr]
        return False
    return covenant.party_links.filter(organisation_id=user.organisation_id).exists()  # type: ignore[union-attr]


def can_manage_meetings(user: User | AnonymousUser, covenant: Covenant) -> bool:
    return can_manage_covenant(user, covenant)


def can_raise_concern(user: User | AnonymousUser, covenant: Covenant) -> bool:
    """Any party's editor or coordinator; readers only read."""
    return can_contribute(user, covenant)


can_comment = can_raise_concern


def can_record_concern_step(user: User | AnonymousUser, concern: Concern) -> bool:
    """The coordinator records the ambtelijk and bestuurlijk discussions and the raising party its own."""
    if can_manage_covenant(user, concern.covenant):
        return True
    return bool(
        _active(user) and _editor(user) and user.organisation_id == concern.owner_id  # type: ignore[union-attr]
    )


def can_update_action(user: User | AnonymousUser, action: ActionItem) -> bool:
    if can_manage_covenant(user, action.covenant):
        return True
    return bool(
        _active(user) and _editor(user) and user.organisation_id == action.owner_id  # type: ignore[union-attr]
    )


def work_kinds_allowed(user: User | AnonymousUser) -> str | None:
    """The organisation kind whose works this user may register, or None."""
    if not _editor(user) or user.organisation is None:  # type: ignore[union-attr]
        return None
    kind = user.organisation.kind  # type: ignore[union-attr]
    return kind if kind in (OrganisationKind.CORPORATION, OrganisationKind.MUNICIPALITY) else None


def can_register_work(user: User | AnonymousUser, covenant: Covenant) -> bool:
    return work_kinds_allowed(user) is not None and is_party(user, covenant)


def can_edit_work(user: User | AnonymousUser, work: Work) -> bool:
    """Only the party doing the work changes it, not the coordinator of another party."""
    if is_administrator(user):
        return True
    return can_register_work(user, work.covenant) and user.organisation_id == work.owner_id  # type: ignore[union-attr]


def can_request_advice(user: User | AnonymousUser, covenant: Covenant) -> bool:
    if is_administrator(user):
        return True
    return bool(
        is_party(user, covenant)
        and _editor(user)
        and user.organisation.kind != OrganisationKind.TENANT_ORGANISATION  # type: ignore[union-attr]
    )


def can_offer_advice(user: User | AnonymousUser, covenant: Covenant) -> bool:
    """A tenant organisation advises on its own initiative (WOHV) through its editors and coordinators."""
    if is_administrator(user):
        return True
    return bool(
        is_party(user, covenant)
        and _editor(user)
        and user.organisation.kind == OrganisationKind.TENANT_ORGANISATION  # type: ignore[union-attr]
    )


def can_respond_to_advice(user: User | AnonymousUser, request: AdviceRequest) -> bool:
    """Requested advice: the organisation that asked responds. Advice on own initiative: each addressee."""
    if is_administrator(user):
        return True
    if request.is_own_initiative:
        organisation_id: int | None = getattr(user, "organisation_id", None)
        return bool(
            organisation_id is not None
            and _editor(user)
            and is_party(user, request.covenant)
            and request.addressees.filter(pk=organisation_id).exists()
        )
    return can_request_advice(user, request.covenant) and user.organisation_id == request.owner_id  # type: ignore[union-attr]


def can_give_advice(user: User | AnonymousUser, request: AdviceRequest) -> bool:
    """The addressed tenant organisation advises through its editors and coordinators; readers only read."""
    if is_administrator(user):
        return True
    return bool(
        _editor(user) and user.organisation_id == request.tenant_organisation_id  # type: ignore[union-attr]
    )


def can_share_document(user: User | AnonymousUser, covenant: Covenant) -> bool:
    if is_administrator(user):
        return True
    return is_party(user, covenant) and _editor(user)


def can_remove_document(user: User | AnonymousUser, document: SharedDocument) -> bool:
    if can_manage_covenant(user, document.covenant):
        return True
    return can_share_document(user, document.covenant) and user.organisation_id == document.owner_id  # type: ignore[union-attr]


# For lists: the same rules, with the party check done once for the whole page instead of per row.
def editable_actions(
    user: User | AnonymousUser, covenant: Covenant, actions: Iterable[ActionItem]
) -> set[int]:
    if can_manage_covenant(user, covenant):
        return {action.pk for action in actions}
    if not _editor(user):
        return set()
    return {action.pk for action in actions if action.owner_id == user.organisation_id}  # type: ignore[union-attr]


def editable_works(user: User | AnonymousUser, covenant: Covenant, works: Iterable[Work]) -> set[int]:
    if is_administrator(user):
        return {work.pk for work in works}
    if not can_register_work(user, covenant):
        return set()
    return {work.pk for work in works if work.owner_id == user.organisation_id}  # type: ignore[union-attr]


def removable_documents(
    user: User | AnonymousUser, covenant: Covenant, documents: Iterable[SharedDocument]
) -> set[int]:
    if can_manage_covenant(user, covenant):
        return {document.pk for document in documents}
    if not can_share_document(user, covenant):
        return set()
    return {document.pk for document in documents if document.owner_id == user.organisation_id}  # type: ignore[union-attr]
