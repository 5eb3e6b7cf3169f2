from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "woonafspraken.core"
    label = "core"

    def ready(self) -> None:
        # Each domain app plugs into the shared places through these modules (see core/registry.py).
        autodiscover_modules("exports", "panels", "demo", "report_sections")
