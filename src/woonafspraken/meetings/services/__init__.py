"""Writes of the meetings app: keyword-only, atomic, validated, permission-checked, audited.

One module per aggregate, as in ``meetings/models/``; import the services from this package.
"""

from woonafspraken.meetings.services.actions import (
    ACTION_STATUS_FIELDS,
    action_create,
    action_set_status,
    decision_record,
)
from woonafspraken.meetings.services.advice import (
    ADVICE_FIELDS,
    RESPONSE_FIELDS,
    advice_give,
    advice_offer,
    advice_request,
    advice_respond,
)
from woonafspraken.meetings.services.agenda import (
    AGENDA_ITEM_FIELDS,
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    agenda_item_restore,
    agenda_item_update,
    agenda_suggest,
)
from woonafspraken.meetings.services.concerns import (
    comment_add,
    concern_raise,
    concern_record_step,
    concern_rows,
    concern_start_official,
    concern_withdraw,
)
from woonafspraken.meetings.services.documents import document_remove, document_share
from woonafspraken.meetings.services.meeting_types import TYPE_FIELDS, meeting_type_save, meeting_types_seed
from woonafspraken.meetings.services.meetings import (
    AGENDA_FIELDS,
    MEETING_FIELDS,
    meeting_agenda_save,
    meeting_agenda_send,
    meeting_schedule,
    meeting_update,
)
from woonafspraken.meetings.services.works import WORK_FIELDS, work_delete, work_register, work_update

__all__ = [
    "ACTION_STATUS_FIELDS",
    "ADVICE_FIELDS",
    "AGENDA_FIELDS",
    "AGENDA_ITEM_FIELDS",
    "MEETING_FIELDS",
    "RESPONSE_FIELDS",
    "TYPE_FIELDS",
    "WORK_FIELDS",
    "action_create",
    "action_set_status",
    "advice_give",
    "advice_offer",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "agenda_item_restore",
    "agenda_item_update",
    "agenda_suggest",
    "advice_request",
    "advice_respond",
    "comment_add",
    "concern_raise",
    "concern_record_step",
    "concern_rows",
    "concern_start_official",
    "concern_withdraw",
    "decision_record",
    "document_remove",
    "document_share",
    "meeting_agenda_save",
    "meeting_agenda_send",
    "meeting_schedule",
    "meeting_type_save",
    "meeting_types_seed",
    "meeting_update",
    "work_delete",
    "work_register",
    "work_update",
]
