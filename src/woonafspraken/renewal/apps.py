from django.apps import AppConfig


class RenewalConfig(AppConfig):
    """The next covenant: the corporations' bod, a draft successor, negotiation and signing."""

    name = "woonafspraken.renewal"
    label = "renewal"

    def ready(self) -> None:
        # Plug-ins into the shared registries (core.registry, core.reporting): one line per part, imported
        # here because the models are loaded only now.
        from woonafspraken.renewal.compare_panel import register_compare  # noqa: PLC0415
        from woonafspraken.renewal.continuity import register_continuity  # noqa: PLC0415
        from woonafspraken.renewal.panels_draft import register_draft  # noqa: PLC0415
        from woonafspraken.renewal.plugins.bod import register_bod  # noqa: PLC0415
        from woonafspraken.renewal.signing_history import register_signing  # noqa: PLC0415

        register_compare()
        register_draft()
        register_continuity()
        register_bod()
        register_signing()
