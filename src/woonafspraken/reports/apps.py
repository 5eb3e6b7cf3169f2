from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "woonafspraken.reports"
    label = "reports"
