from django.apps import AppConfig


class AnnualPlansConfig(AppConfig):
    name = "woonafspraken.annual_plans"
    label = "annual_plans"
