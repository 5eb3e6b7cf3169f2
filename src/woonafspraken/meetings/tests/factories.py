"""Factories for the meetings app; most tests go through the services instead."""

from __future__ import annotations

import datetime as dt

import factory

from woonafspraken.meetings.constants import MeetingStatus
from woonafspraken.meetings.models import Meeting, MeetingType


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    meeting_type: MeetingType
    covenant = factory.SelfAttribute("meeting_type.covenant")
    owner = factory.SelfAttribute("meeting_type.owner")
    date = dt.date(2024, 3, 1)
    status = MeetingStatus.PLANNED

    class Params:
        held = factory.Trait(status=MeetingStatus.HELD)
        cancelled = factory.Trait(status=MeetingStatus.CANCELLED)
