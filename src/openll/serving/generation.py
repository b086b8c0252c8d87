"""The data generation: a number that every committed change of catalog data moves.

The response cache keys answers by it (an answer made before a change is never served after it),
the ETag and Last-Modified headers derive from it, and the health endpoint reports it. It moves in
the database itself, by triggers on every catalog table, in the writing transaction: readers see
the new number exactly when they see the new data, whichever process or machine wrote it, and no
code path can write catalog rows without moving it.

- SQLite: a row trigger per table and operation (SQLite has no statement triggers). Updating one
  row of a one-row table costs microseconds, next to the row it follows.
- PostgreSQL: a statement trigger per table, moving the number once per transaction (a
  transaction-local setting remembers it): updating one row many times in one transaction would
  leave a chain of dead row versions that each later update walks.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.db import DatabaseError, connections

TABLE = "serving_datageneration"
TRIGGER_PREFIX = "openll_generation"
# Tables whose rows are catalog data; their writes move the generation.
DATA_APPS = ("catalog",)

_SQLITE_ROW = """
CREATE TRIGGER IF NOT EXISTS "{trigger}" AFTER {operation} ON "{table}"
BEGIN
    INSERT OR IGNORE INTO {generation} (id, number, token, changed_at)
        VALUES (1, 0, lower(hex(randomblob(16))), NULL);
    UPDATE {generation} SET number = number + 1,
        changed_at = (julianday('now') - 2440587.5) * 86400.0 WHERE id = 1;
END
"""

_POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION openll_move_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('openll.generation_moved', true) IS DISTINCT FROM txid_current()::text THEN
        INSERT INTO {generation} (id, number, token, changed_at)
            VALUES (1, 0, md5(random()::text || clock_timestamp()::text), NULL)
            ON CONFLICT (id) DO NOTHING;
        UPDATE {generation} SET number = number + 1,
            changed_at = extract(epoch FROM clock_timestamp()) WHERE id = 1;
        PERFORM set_config('openll.generation_moved', txid_current()::text, true);
    END IF;
    RETURN NULL;
END
$$
"""

_POSTGRESQL_STATEMENT = """
CREATE OR REPLACE TRIGGER {trigger} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
    FOR EACH STATEMENT EXECUTE FUNCTION openll_move_generation()
"""


@dataclass(frozen=True)
class Generation:
    number: int
    token: str  # drawn when the row was created: tells databases (and emptied ones) apart
    changed_at_epoch: float | None  # when the number last moved, in seconds since the epoch

    @property
    def tag(self) -> str:
        """Names this state of the data, across databases and restarts."""
        return f"{self.token}.{self.number}"

    @property
    def changed_at(self) -> dt.datetime | None:
        epoch = self.changed_at_epoch
        return None if epoch is None else dt.datetime.fromtimestamp(epoch, dt.UTC)


def data_tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for label in DATA_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    )


def install_triggers(using: str = "default", **kwargs) -> None:
    """Create the triggers on every catalog table (idempotent; run after every migrate)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        if TABLE not in existing:
            return
        tables = [t for t in data_tables() if t in existing]
        if connection.vendor == "sqlite":
            for table in tables:
                for operation in ("INSERT", "UPDATE", "DELETE"):
                    trigger = f"{TRIGGER_PREFIX}_{table}_{operation.lower()}"
                    cursor.execute(
                        _SQLITE_ROW.format(
                            trigger=trigger, operation=operation, table=table, generation=TABLE
                        )
                    )
        elif connection.vendor == "postgresql":
            cursor.execute(_POSTGRESQL_FUNCTION.format(generation=TABLE))
            for table in tables:
                cursor.execute(_POSTGRESQL_STATEMENT.format(trigger=TRIGGER_PREFIX, table=table))
        else:  # pragma: no cover - openll runs on SQLite and PostgreSQL
            raise NotImplementedError(f"no generation triggers for {connection.vendor}")


_local = threading.local()
_SELECT = f"SELECT number, token, changed_at FROM {TABLE} WHERE id = 1"


def current(using: str = "default") -> Generation | None:
    """The generation as this thread's connection sees it now; None when the table is not there
    yet. Read on every cached answer, so through the driver's own connection (Django's cursor
    wrapper costs more than the query); on any error, through Django, which then also knows the
    connection failed."""
    connection = getattr(_local, using, None)
    if connection is None:  # the thread's own connection wrapper, looked up once
        connection = connections[using]
        setattr(_local, using, connection)
    raw = connection.connection
    row = None
    if raw is not None and not connection.in_atomic_block and not connection.errors_occurred:
        try:
            if connection.vendor == "sqlite":
                row = raw.execute(_SELECT).fetchone()
            else:
                row = _prepared_cursor(raw).execute(_SELECT, prepare=True).fetchone()
            return _generation(row)
        except Exception:  # noqa: BLE001 - retried below through Django, which reports it
            pass
    try:
        with connection.cursor() as cursor:
            cursor.execute(_SELECT)
            row = cursor.fetchone()
    except DatabaseError:
        return None
    return _generation(row)


@contextmanager
def held(state: Generation) -> Iterator[None]:
    """While a request is answered, `for_request()` gives `state`, the generation the response
    cache read as the request came in, instead of reading it again: a page never asked before
    asked for it up to four times more (the shared objects, a list's count, its ids), each one a
    round trip to PostgreSQL. Sharing rendered objects under it is as safe as under a new read:
    what a request reads later is that generation or a newer one, never an older one, and once a
    newer one is seen the shared objects start again."""
    _local.held = state
    try:
        yield
    finally:
        _local.held = None


def for_request(using: str = "default") -> Generation | None:
    """The generation the request being answered came in at (held), else as seen now."""
    state = getattr(_local, "held", None)
    if state is not None and using == "default":
        return state
    return current(using)


def _prepared_cursor(raw):
    """A server-binding cursor kept per thread and driver connection, its query prepared: Django's
    cursors bind on the client and never prepare, and planning this query again on every cached
    answer was a third of the driver's time for it."""
    kept = getattr(_local, "cursor", None)
    if kept is None or kept[0] is not raw:
        import psycopg  # only on PostgreSQL

        kept = (raw, psycopg.Cursor(raw))
        _local.cursor = kept
    return kept[1]


def _generation(row: tuple | None) -> Generation:
    if row is None:  # no catalog write since the table was emptied
        return Generation(0, "empty", None)
    return Generation(*row)
