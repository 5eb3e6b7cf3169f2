"""The meetings app's models: meetings and their types, works, knelpunten, tenant advice, documents."""

from woonafspraken.meetings.models.advice import AdviceAnswer, AdviceRequest
from woonafspraken.meetings.models.concerns import Comment, Concern, ConcernStep
from woonafspraken.meetings.models.documents import SharedDocument
from woonafspraken.meetings.models.meetings import (
    ActionItem,
    AgendaItem,
    AgendaMailing,
    Decision,
    Meeting,
    MeetingType,
)
from woonafspraken.meetings.models.works import Work

__all__ = [
    "ActionItem",
    "AdviceAnswer",
    "AdviceRequest",
    "AgendaItem",
    "AgendaMailing",
    "Comment",
    "Concern",
    "ConcernStep",
    "Decision",
    "Meeting",
    "MeetingType",
    "SharedDocument",
    "Work",
]
