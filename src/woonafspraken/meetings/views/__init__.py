"""Pages of the meetings app, one module per aggregate (as in ``meetings/models/``); ``urls.py`` imports
the views from this package."""

from woonafspraken.meetings.views.actions import action_list, action_new, action_status
from woonafspraken.meetings.views.advice import advice_list, advice_new, advice_offer, advice_view
from woonafspraken.meetings.views.concerns import concern_list, concern_new, concern_view
from woonafspraken.meetings.views.documents import (
    document_download,
    document_list,
    document_new,
    document_remove,
)
from woonafspraken.meetings.views.meeting_types import type_edit, type_list
from woonafspraken.meetings.views.meetings import meeting_agenda, meeting_edit, meeting_new, meeting_view
from woonafspraken.meetings.views.overview import cadence_download, calendar_download, index
from woonafspraken.meetings.views.works import work_edit, work_list

__all__ = [
    "action_list",
    "action_new",
    "action_status",
    "advice_list",
    "advice_new",
    "advice_offer",
    "advice_view",
    "cadence_download",
    "calendar_download",
    "concern_list",
    "concern_new",
    "concern_view",
    "document_download",
    "document_list",
    "document_new",
    "document_remove",
    "index",
    "meeting_agenda",
    "meeting_edit",
    "meeting_new",
    "meeting_view",
    "type_edit",
    "type_list",
    "work_edit",
    "work_list",
]
