from django.apps import AppConfig


class RenewalConfig(AppConfig):
    """The next covenant: the corporations' bod, a draft successor, negotiation and signing."""

    name = "woonafspraken.renewal"
    label = "renewal"
