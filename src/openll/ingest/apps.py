from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "openll.ingest"
    label = "ingest"
    verbose_name = "Import and mirror"
