from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "openll.stats"
    label = "stats"
