"""Time openll's heaviest requests on the bundled demo data: ms per request and SQL queries.

    .venv/bin/python bench/api_bench.py [--repeat N] [URL ...]

Runs in-process (Django's test client, no network) against a fresh SQLite database in a temporary
directory, after importing data/seeds and data/ll2-2.3.0. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URLS = [
    "/2.3.0/launches/?mode=detailed&limit=100&format=json",
    "/2.3.0/launches/?mode=normal&limit=100&format=json",
    "/2.3.0/docking_events/?mode=detailed&limit=100&format=json",
    "/2.3.0/spacecraft/?mode=detailed&limit=100&format=json",
    "/2.3.0/space_stations/?mode=detailed&limit=100&format=json",
    "/2.3.0/pads/?limit=100&format=json",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS)
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="openll-bench-")
    os.environ["OPENLL_HOME"] = home
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openll.settings")
    (Path(home) / "var").mkdir()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from openll.ingest.importer import import_files

    call_command("migrate", verbosity=0)
    files = sorted((ROOT / "data" / "seeds").glob("*.txt")) + sorted(
        (ROOT / "data" / "ll2-2.3.0").glob("*.json")
    )
    started = time.perf_counter()
    import_files(files)
    print(f"import of {len(files)} bundled files: {time.perf_counter() - started:.2f} s")

    client = Client()
    print(f"{'request':64} {'results':>7} {'queries':>7} {'median ms':>9} {'p90 ms':>7} {'req/s':>7}")
    for url in args.urls:
        executed: list[str] = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        if response.status_code != 200:
            print(f"{url:64} HTTP {response.status_code}")
            continue
        results = len(response.json().get("results", [])) if url.endswith("json") else 0
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        median = statistics.median(times)
        p90 = times[int(len(times) * 0.9) - 1]
        print(f"{url:64} {results:7} {len(executed):7} {median:9.1f} {p90:7.1f} {1000 / median:7.1f}")


if __name__ == "__main__":
    sys.exit(main())
