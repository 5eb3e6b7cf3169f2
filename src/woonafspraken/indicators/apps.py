from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "woonafspraken.indicators"
    label = "indicators"
