from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "woonafspraken.meetings"
    label = "meetings"
