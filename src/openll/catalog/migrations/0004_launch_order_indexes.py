"""Indexes for reading launches by page: LL2's default orders (net then id; previous: -net), the
mirror's `last_updated__gte`, and on PostgreSQL trigram indexes serving `?search=` (icontains)
on the text columns of the large tables. Without the right to create the pg_trgm extension,
search still works, reading those tables whole."""

import logging

from django.db import DatabaseError, migrations, models, transaction

logger = logging.getLogger(__name__)

# (table, column): what `?search=` tests with icontains, i.e. UPPER(column) LIKE UPPER(term).
TRIGRAM = [
    ("catalog_launch", "name"),
    ("catalog_launch", "launch_designator"),
    ("catalog_mission", "name"),
]


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        logger.warning("cannot create extension pg_trgm: ?search= reads whole tables")
        return
    for table, column in TRIGRAM:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{table}_{column}_trgm" ON "{table}" '
            f'USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table, column in TRIGRAM:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_{column}_trgm"')


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_launch_statuses"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="launch",
            index=models.Index(fields=["net", "id"], name="launch_net_id"),
        ),
        migrations.AddIndex(
            model_name="launch",
            index=models.Index(fields=["last_updated"], name="launch_last_updated"),
        ),
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
    ]
