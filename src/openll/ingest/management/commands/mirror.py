"""`openll mirror [--from URL] [--token KEY] [--full] [--quiet]`: copy an upstream LL2 2.3.0 server
into the local database (see openll.ingest.mirror)."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.text import Text

from openll.ingest.mirror import DEFAULT_UPSTREAM, MirrorError, mirror


class Command(BaseCommand):
    help = (
        "Copy an upstream LL2 2.3.0 server into the local database: everything the first time, "
        "then only what changed; an interrupted run resumes where it stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="from_url", default=DEFAULT_UPSTREAM, help=f"base URL (default {DEFAULT_UPSTREAM})"
        )
        parser.add_argument(
            "--token",
            default=os.environ.get("OPENLL_MIRROR_TOKEN") or None,
            help="API key, sent as `Authorization: Token KEY` (default: $OPENLL_MIRROR_TOKEN)",
        )
        parser.add_argument("--full", action="store_true", help="fetch everything, not only what changed")
        parser.add_argument("--quiet", "-q", action="store_true", help="no progress display")

    def handle(self, *args, from_url, token, full, quiet, **options):
        call_command("migrate", interactive=False, verbosity=0)
        console = Console(stderr=True, soft_wrap=True)
        try:
            summary = mirror(from_url, token=token, full=full, console=None if quiet else console)
        except MirrorError as exc:
            raise CommandError(f"{exc}\nrun `openll mirror` again to resume") from exc
        except KeyboardInterrupt:
            console.print(Text("interrupted: run `openll mirror` again to resume", style="yellow"))
            raise SystemExit(130) from None
        out = Console(soft_wrap=True)
        lines = summary.summary_lines()
        out.print(Text(lines[0], style="bold green" if not summary.bad_pages else "bold yellow"))
        for line in lines[1:]:
            out.print(Text(line, style="yellow"))
