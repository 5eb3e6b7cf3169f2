from django.apps import AppConfig


class RenewalConfig(AppConfig):
    """The next covenant: the corporations' bod, a draft successor, negotiation and signing."""

    name = "woonafspraken.renewal"
    label = "renewal"

    def ready(self) -> None:
        # Plug-ins into the shared registries (core.registry, core.reporting): one line per part.
        from woonafspraken.renewal.continuity import register_continuity

        register_continuity()
