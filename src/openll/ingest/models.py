"""The mirror's own bookkeeping (catalog data lives in openll.catalog).

A MirrorRun is one `openll mirror` pass over an upstream; while it is unfinished, its
(endpoint, mode, offset) is the checkpoint: the next page to import. Every page handled is one
MirrorPage row, written in the same transaction as the page's import and the checkpoint's move,
so a killed run resumes at the first page not imported and never imports a page twice.
"""

from __future__ import annotations

from django.db import models


class MirrorRun(models.Model):
    id = models.AutoField(primary_key=True)
    upstream = models.CharField(max_length=500, help_text="Base URL, e.g. https://ll.thespacedevs.com/2.3.0")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    full = models.BooleanField(default=False, help_text="Everything, not only what changed.")
    since = models.DateTimeField(
        null=True, blank=True, help_text="`last_updated__gte` where the endpoint has that filter."
    )
    # The checkpoint: the next page to import.
    endpoint = models.CharField(max_length=100, blank=True)
    mode = models.CharField(max_length=20, blank=True)
    offset = models.PositiveIntegerField(default=0)
    waits = models.PositiveIntegerField(default=0, help_text="Waits caused by the upstream's limit.")
    waited_secs = models.FloatField(default=0)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        state = "finished" if self.finished_at else f"at {self.endpoint} offset {self.offset}"
        return f"mirror of {self.upstream} started {self.started_at:%Y-%m-%d %H:%M} ({state})"


class MirrorPage(models.Model):
    id = models.AutoField(primary_key=True)
    run = models.ForeignKey(MirrorRun, on_delete=models.CASCADE, related_name="pages")
    endpoint = models.CharField(max_length=100)
    mode = models.CharField(max_length=20, blank=True)
    offset = models.PositiveIntegerField()
    results = models.PositiveIntegerField(default=0, help_text="Result objects on the page.")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, help_text="Why the page was skipped, when it was.")

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("run", "endpoint", "mode", "offset"), name="mirror_page_once")
        ]

    def __str__(self) -> str:
        return f"{self.endpoint} {self.mode} offset {self.offset}"


class ImportedFile(models.Model):
    """A file `openll import` has read, known by its content. `generation` is the data generation
    (serving.generation) at the end of the import run that read it last: while the catalog is still
    in that state, importing the same content again would change nothing, and is skipped."""

    id = models.AutoField(primary_key=True)
    sha256 = models.CharField(max_length=64, unique=True)
    name = models.TextField(help_text="The path it was imported from, last time.")
    imported_at = models.DateTimeField()
    generation = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:12]})"
