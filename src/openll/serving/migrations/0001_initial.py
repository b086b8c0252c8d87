import secrets

from django.db import migrations, models


def first_row(apps, schema_editor):
    apps.get_model("serving", "DataGeneration").objects.create(
        id=1, number=0, token=secrets.token_hex(16), changed_at=None
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataGeneration",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("number", models.BigIntegerField(default=0)),
                ("token", models.CharField(max_length=32)),
                ("changed_at", models.FloatField(help_text="Seconds since the epoch, UTC.", null=True)),
            ],
            options={"verbose_name": "data generation"},
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
    ]
