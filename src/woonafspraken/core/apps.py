from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "woonafspraken.core"
    label = "core"

    def ready(self) -> None:
        # Each domain app plugs its exports and its covenant-home panels in through these modules.
        autodiscover_modules("exports", "panels", "demo", "report_sections")
