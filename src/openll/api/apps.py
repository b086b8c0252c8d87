from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "openll.api"
    label = "api"

    def ready(self) -> None:
        from openll.api import checks  # noqa: F401 - registers the start-up checks
