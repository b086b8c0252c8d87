from django.db import models


class DataGeneration(models.Model):
    """One row: a number that moves with every committed change of catalog data.

    Written by database triggers on every catalog table (generation.install_triggers), so that no
    write can forget it: the importer, the mirror, `openll stats`, the admin, bulk updates and raw
    SQL alike. `token` is drawn anew whenever the row is created, so that a database emptied or
    replaced never repeats an earlier (token, number) pair."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    number = models.BigIntegerField(default=0)
    token = models.CharField(max_length=32)
    changed_at = models.FloatField(null=True, help_text="Seconds since the epoch, UTC.")

    class Meta:
        verbose_name = "data generation"
