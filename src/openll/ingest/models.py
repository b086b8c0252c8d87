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


# --------------------------------------------------------------------------- `openll mirror --watch`
# Times are seconds since the epoch (floats): the watcher's clock, which tests and the simulation
# replace with a fake one.


class MirrorCall(models.Model):
    """One call sent to an upstream by the watcher (retries included): the call budget's log, so
    that a restart knows what the current window already holds. `at` is when the call was sent,
    moved to when its answer arrived (the later of the two is what the upstream may have counted)."""

    id = models.AutoField(primary_key=True)
    upstream = models.CharField(max_length=500)
    at = models.FloatField()

    class Meta:
        ordering = ("at",)
        indexes = [models.Index(fields=("upstream", "at"), name="mirror_call_window")]

    def __str__(self) -> str:
        return f"call to {self.upstream} at {self.at:.0f}"


class MirrorWatch(models.Model):
    """The watcher's state for one upstream: the news cycle under way, or when the next is due."""

    id = models.AutoField(primary_key=True)
    upstream = models.CharField(max_length=500, unique=True)
    budget = models.CharField(max_length=50, blank=True, help_text="The budget last used, e.g. 15/hour.")
    cycle_started_at = models.FloatField(null=True, blank=True, help_text="The news cycle under way.")
    next_news_at = models.FloatField(default=0, help_text="When the next news cycle is due.")
    news_cost = models.PositiveIntegerField(default=0, help_text="Calls the last news cycle took.")
    news_secs = models.FloatField(default=0, help_text="Seconds the last news cycle took.")
    cycles = models.PositiveIntegerField(default=0, help_text="News cycles finished.")
    checks_in_cycle = models.PositiveIntegerField(default=0)
    seen_at = models.FloatField(null=True, blank=True, help_text="When the watcher last acted.")

    def __str__(self) -> str:
        return f"watch of {self.upstream}"


class MirrorFeed(models.Model):
    """One list the watcher reads page by page: a news feed (launches or events changed since the
    last look, the upcoming lists) or an endpoint of the catalog walk. `offset` is the cursor: the
    next page to import, moved in the page's import transaction."""

    id = models.AutoField(primary_key=True)
    upstream = models.CharField(max_length=500)
    key = models.CharField(max_length=120, help_text="e.g. news:launches, walk:agencies")
    offset = models.PositiveIntegerField(default=0)
    count = models.PositiveIntegerField(null=True, blank=True, help_text="The list's last `count`.")
    since = models.FloatField(null=True, blank=True, help_text="`last_updated__gte` of this pass.")
    pass_started_at = models.FloatField(null=True, blank=True)
    pass_clean = models.BooleanField(default=True, help_text="No page of this pass was skipped.")
    done_cycle = models.FloatField(null=True, blank=True, help_text="The news cycle this feed last finished.")
    last_fetch_at = models.FloatField(null=True, blank=True)
    last_pass_at = models.FloatField(null=True, blank=True, help_text="When the last whole pass ended.")
    last_error = models.TextField(blank=True)
    last_error_at = models.FloatField(null=True, blank=True)
    pages = models.PositiveIntegerField(default=0)
    deleted = models.PositiveIntegerField(default=0, help_text="Objects deleted because gone upstream.")
    page_times = models.JSONField(default=list, blank=True, help_text="When each page was last fetched.")
    pass_max_id = models.BigIntegerField(
        null=True, blank=True, help_text="The highest local id when this pass started."
    )

    class Meta:
        ordering = ("id",)
        constraints = [models.UniqueConstraint(fields=("upstream", "key"), name="mirror_feed_once")]

    def __str__(self) -> str:
        return f"{self.key} offset {self.offset}"


class MirrorSeen(models.Model):
    """An object listed by the current pass of a feed: at the end of a clean pass, local objects
    that the pass did not list are asked for by id."""

    id = models.BigAutoField(primary_key=True)
    upstream = models.CharField(max_length=500)
    key = models.CharField(max_length=120)
    object_id = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("upstream", "key", "object_id"), name="mirror_seen_once")
        ]


class MirrorCheck(models.Model):
    """An object to ask the upstream for by id (it left a list): a 404 deletes the local copy."""

    id = models.AutoField(primary_key=True)
    upstream = models.CharField(max_length=500)
    path = models.CharField(max_length=100, help_text="The endpoint, e.g. launches")
    object_id = models.CharField(max_length=64)
    reason = models.CharField(max_length=200, blank=True)
    tries = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("upstream", "path", "object_id"), name="mirror_check_once")
        ]
