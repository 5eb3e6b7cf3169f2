from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "woonafspraken.web"
    label = "web"
