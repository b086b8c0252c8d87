"""`openll stats`: recompute the derived figures (counts, ordinals, durations) from local data."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from rich.console import Console
from rich.text import Text

from openll.stats.recompute import FIGURES, recompute_all


class Command(BaseCommand):
    help = "Recompute derived figures (tallies, ordinals, durations, turnarounds) from local data."

    def handle(self, *args, **options):
        console = Console(file=self.stdout, soft_wrap=True)
        width = max(len(name) for name, _ in FIGURES)
        started = time.monotonic()

        def progress(name: str, changed: int) -> None:
            console.print(Text(f"{name:<{width}}  {changed:>7} rows changed", style="" if changed else "dim"))

        changed = recompute_all(progress=progress)
        total = sum(changed.values())
        console.print(
            Text(
                f"stats: {total} rows changed by {len(changed)} figures in {time.monotonic() - started:.1f}s",
                style="bold green" if total else "bold",
            )
        )
