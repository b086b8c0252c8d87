from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "openll.api"
    label = "api"
