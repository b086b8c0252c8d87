"""The ``openll`` command.

``openll import PATH...``   import LL2 2.3.0 JSON files (or directories of them)
``openll serve``            apply migrations and serve the API with gunicorn (gthread workers)
``openll <other>``          any Django management command (migrate, createsuperuser, shell, check, ...)

Every command works on an empty database: ``import`` and ``serve`` (and the few management commands
that need tables) apply pending migrations first, and the ``var/`` directory holding the default
SQLite database is created when missing.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

logger = logging.getLogger(__name__)

WSGI_APP = "openll.wsgi:application"
IMPORT_SUFFIXES = (".json", ".txt")

# Django management commands that need the tables to exist; migrations are applied before them.
MIGRATE_FIRST = frozenset({"createsuperuser", "changepassword", "shell", "create_token"})

USAGE = """\
Usage: openll <command> [options]

openll commands:
  import PATH... [--quiet] [--force]
                                import LL2 2.3.0 JSON files; directories are expanded to their
                                *.json and *.txt files; --quiet: no progress display; --force:
                                also files already imported with the same content
  serve [--host H] [--port P] [--workers N] [--threads T] [--server granian|gunicorn]
        [--access-log]          apply migrations and serve the API (granian by default)

Any other command is a Django management command (openll migrate, openll createsuperuser,
openll shell, openll check, ...). The list follows.
"""

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


class CommandError(Exception):
    """A user error reported as one red line on stderr and exit code 1."""


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openll.settings")
    import django

    django.setup()
    _ensure_sqlite_dir()


def _ensure_sqlite_dir() -> None:
    """Create ./var (settings.VAR_DIR) and any SQLite file's directory before SQLite touches them."""
    from django.conf import settings

    sqlite_dbs = [db for db in settings.DATABASES.values() if "sqlite" in db.get("ENGINE", "")]
    if not sqlite_dbs:
        return
    dirs = [Path(settings.VAR_DIR)] if getattr(settings, "VAR_DIR", None) else []
    for db in sqlite_dbs:
        name = str(db.get("NAME") or "")
        if name and name != ":memory:" and not name.startswith("file:"):
            dirs.append(Path(name).parent)
    for directory in dirs:
        if not directory.is_dir():
            logger.info("creating %s", directory)
            directory.mkdir(parents=True, exist_ok=True)


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# --------------------------------------------------------------------------- import


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Files as given; a directory becomes its *.json and *.txt files (not recursive), sorted."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in IMPORT_SUFFIXES)
            if not found:
                raise CommandError(f"{path}: no *.json or *.txt files in this directory")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{path}: no such file or directory")
    return files


def cmd_import(args: argparse.Namespace) -> int:
    files = expand_paths(args.paths)
    _setup_django()
    _migrate()

    from openll.ingest.errors import ImportRejected
    from openll.ingest.importer import import_files

    try:
        report = import_files(files, progress=not args.quiet, force=args.force)
    except ImportRejected as exc:
        err_console.print(Text(f"rejected: {exc}", style="bold red"))
        return 1

    lines = [str(line) for line in report.summary_lines()]
    for line in lines[:-1]:
        console.print(Text(line))
    if lines:  # the last line is the total
        console.print(Text(lines[-1], style="bold green" if report.changed else "bold"))
    return 0


# --------------------------------------------------------------------------- serve


def _bind_address(host: str, port: int) -> str:
    if ":" in host and not host.startswith("["):  # bare IPv6 address
        host = f"[{host}]"
    return f"{host}:{port}"


def _check_before_serving(host: str) -> None:
    """Stop on a setting that would make every request fail (one line per problem); warn when
    any Host header is accepted on an address others can reach."""
    from django.conf import settings
    from django.core import checks

    problems = [m for m in checks.run_checks() if m.is_serious()]
    if problems:
        raise CommandError("\n".join(f"openll serve: {m.msg} ({m.id})" for m in problems))
    loopback = host in ("localhost", "::1") or host.startswith("127.")
    if "*" in settings.ALLOWED_HOSTS and not loopback:
        err_console.print(
            Text(
                f"openll: warning: serving on {host} with ALLOWED_HOSTS=*: any Host header is accepted; "
                "set ALLOWED_HOSTS to the names clients use",
                style="yellow",
            )
        )


def cmd_serve(args: argparse.Namespace) -> int:
    _setup_django()
    _check_before_serving(args.host)
    _migrate()

    from django.db import connections

    # Do not hand the migration connection over to forked workers.
    connections.close_all()
    bind = _bind_address(args.host, args.port)
    err_console.print(
        Text(
            f"openll: serving http://{bind}/2.3.0/ with {args.server} "
            f"({args.workers} workers x {args.threads} threads)",
            style="green",
        )
    )
    if args.server == "granian":
        _serve_granian(args)
    else:
        _serve_gunicorn(args, bind)
    return 0


# Reading a request's headers has a deadline (seconds, $OPENLL_HEADER_TIMEOUT): a client that
# sends them slowly is dropped, and until then it waits in granian's event loop, not in a thread
# that could answer others.
HEADER_TIMEOUT = 10


def _header_timeout() -> int:
    raw = os.environ.get("OPENLL_HEADER_TIMEOUT", str(HEADER_TIMEOUT))
    if not raw.isdigit() or not 1 <= int(raw) <= 60:
        raise CommandError(f"OPENLL_HEADER_TIMEOUT={raw!r}: expected seconds from 1 to 60")
    return int(raw)


def _serve_granian(args: argparse.Namespace) -> None:
    """granian (Rust, HTTP in an event loop, WSGI in a thread pool): the default; see README
    "Speed" for the measurements against gunicorn."""
    from granian import Granian
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings

    Granian(
        WSGI_APP,
        address=args.host,
        port=args.port,
        interface=Interfaces.WSGI,
        workers=args.workers,
        blocking_threads=args.threads,
        http1_settings=HTTP1Settings(header_read_timeout=_header_timeout() * 1000),
        log_access=args.access_log,
        respawn_failed_workers=True,
    ).serve()


def _serve_gunicorn(args: argparse.Namespace, bind: str) -> None:
    from gunicorn.app.base import BaseApplication
    from gunicorn.util import import_app

    options = {
        "bind": bind,
        "workers": args.workers,
        "threads": args.threads,
        "worker_class": "gthread",
        "timeout": 30,
        # gunicorn reads headers in a worker thread: a slow client holds that thread this long.
        "keepalive": 5,
        "accesslog": "-" if args.access_log else None,
        "errorlog": "-",
        "proc_name": "openll",
        # gunicorn >= 25 opens a control socket under $HOME by default; two servers would collide.
        "control_socket_disable": True,
    }

    class OpenLLServer(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self):
            return import_app(WSGI_APP)

    OpenLLServer(prog="openll serve").run()


# --------------------------------------------------------------------------- entry point


def _env_port() -> int:
    raw = os.environ.get("PORT", "8000")
    try:
        return int(raw)
    except ValueError:
        raise CommandError(f"PORT={raw!r} is not a port number") from None


def _env_flag(name: str) -> bool:
    raw = os.environ.get(name, "off").strip().lower()
    if raw not in ("1", "on", "true", "yes", "0", "off", "false", "no", ""):
        raise CommandError(f"{name}={raw!r}: expected on or off")
    return raw in ("1", "on", "true", "yes")


def _positive_int(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="openll", description="openll: a Launch Library 2 (2.3.0) server")
    sub = parser.add_subparsers(dest="command", required=True)

    p_import = sub.add_parser("import", help="import LL2 2.3.0 JSON files or directories")
    p_import.add_argument("paths", nargs="+", metavar="PATH", help="file or directory (*.json, *.txt)")
    p_import.add_argument("--quiet", "-q", action="store_true", help="no progress display")
    p_import.add_argument(
        "--force", action="store_true", help="import files already imported with the same content, too"
    )
    p_import.set_defaults(func=cmd_import)

    p_serve = sub.add_parser("serve", help="serve the API with gunicorn")
    p_serve.add_argument(
        "--host", default=os.environ.get("HOST", "127.0.0.1"), help="default: $HOST or 127.0.0.1"
    )
    p_serve.add_argument("--port", type=int, default=None, help="default: $PORT or 8000")
    p_serve.add_argument("--workers", type=_positive_int, default=2, help="worker processes (default 2)")
    p_serve.add_argument("--threads", type=_positive_int, default=4, help="threads per worker (default 4)")
    p_serve.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        default=_env_flag("OPENLL_ACCESS_LOG"),
        help="log every request on stderr (default: $OPENLL_ACCESS_LOG or off; it costs about a fifth "
        "of the cached answers' rate)",
    )
    p_serve.add_argument(
        "--server",
        choices=("granian", "gunicorn"),
        default=os.environ.get("OPENLL_SERVER", "granian"),
        help="HTTP server (default: $OPENLL_SERVER or granian)",
    )
    p_serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openll.settings")

    try:
        if not args_list or args_list in (["help"], ["-h"], ["--help"]):
            console.print(Text(USAGE))
            _setup_django()
            from django.core.management import execute_from_command_line

            execute_from_command_line(["openll", "help"])
            return 0

        if args_list[0] in ("import", "serve"):
            args = build_parser().parse_args(args_list)
            if args.command == "serve" and args.port is None:
                args.port = _env_port()
            return args.func(args)

        _setup_django()
        if args_list[0] in MIGRATE_FIRST:
            _migrate()
        from django.core.management import execute_from_command_line

        execute_from_command_line(["openll", *args_list])
        return 0
    except CommandError as exc:
        err_console.print(Text(str(exc), style="bold red"))
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
