from django.apps import AppConfig


class HousingConfig(AppConfig):
    name = "woonafspraken.housing"
    label = "housing"
