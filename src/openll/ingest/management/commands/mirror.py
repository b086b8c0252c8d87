"""`openll mirror [--from URL] [--token KEY] [--full] [--quiet]`: copy an upstream LL2 2.3.0 server
into the local database (see openll.ingest.mirror).

`openll mirror --watch [--budget 15/hour]` keeps the copy fresh until stopped (Ctrl-C or SIGTERM,
between pages), within a call budget (see openll.ingest.watch); `openll mirror --status` says
what the watcher did last and will do next."""

import logging
import os
import signal

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.logging import RichHandler
from rich.text import Text

from openll.ingest.budget import parse_budget
from openll.ingest.mirror import DEFAULT_UPSTREAM, MirrorError, mirror


class Command(BaseCommand):
    help = (
        "Copy an upstream LL2 2.3.0 server into the local database: everything the first time, "
        "then only what changed; an interrupted run resumes where it stopped. With --watch: keep "
        "the copy fresh within a call budget until stopped."
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
        parser.add_argument(
            "--watch",
            action="store_true",
            help="keep the copy fresh until stopped (Ctrl-C or SIGTERM), within a call budget",
        )
        parser.add_argument(
            "--budget",
            default=None,
            help="calls per period for --watch, e.g. 15/hour (default: the upstream's limit, "
            "from its /api-throttle/)",
        )
        parser.add_argument(
            "--status", action="store_true", help="what the watcher did last and will do next"
        )

    def handle(self, *args, from_url, token, full, quiet, watch, budget, status, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if budget is not None:
            if not watch:
                raise CommandError("--budget goes with --watch")
            try:
                parse_budget(budget)
            except ValueError as exc:
                raise CommandError(f"--budget {exc}") from None
        if status:
            from openll.ingest.watch import status_lines

            out = Console(soft_wrap=True)
            for line in status_lines(None if from_url == DEFAULT_UPSTREAM else from_url):
                out.print(Text(line))
            return
        if watch:
            self.watch(from_url, token, budget, quiet)
            return
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

    def watch(self, from_url: str, token: str | None, budget: str | None, quiet: bool) -> None:
        from openll.ingest.watch import Watcher

        console = Console(stderr=True, soft_wrap=True)
        handler = RichHandler(console=console, show_path=False, log_time_format="%Y-%m-%d %H:%M:%S")
        log = logging.getLogger("openll.ingest")
        log.addHandler(handler)
        log.setLevel(logging.WARNING if quiet else logging.INFO)
        watcher = Watcher(from_url, token, budget)

        def stop(signum, frame):
            logging.getLogger("openll.ingest").info("stopping after the page under way")
            watcher.stop()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            watcher.run()
        except MirrorError as exc:
            raise CommandError(f"{exc}\nrun `openll mirror --watch` again to go on") from exc
        finally:
            watcher.close()
            for sig, old in previous.items():
                signal.signal(sig, old)
            log.removeHandler(handler)
        console.print(
            Text(
                f"stopped: {watcher.calls} call(s) sent; `openll mirror --watch` goes on from here",
                style="green",
            )
        )
