from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """The top floor: the console commands that run the whole system and the history page.

    It may import every app; no app imports it.
    """

    name = "woonafspraken.operations"
    label = "operations"
