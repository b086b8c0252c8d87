from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ServingConfig(AppConfig):
    name = "openll.serving"
    label = "serving"
    verbose_name = "Serving"

    def ready(self) -> None:
        from openll.serving import generation

        # After every `migrate` (new catalog tables included), every catalog table moves the
        # data generation when written.
        post_migrate.connect(generation.install_triggers, sender=self)
