# Data only: objects of 2.2.0 and 2.1.0 files are told apart as the importer now does (ingest/older.py:
# thinner), and agency types named by such files are filled (older.fill_named_lookups).

from django.db import migrations

# The entities served by an endpoint of their own (catalog.contract.ENDPOINT_OF, when written).
ENDPOINTS = (
    "Agency",
    "Astronaut",
    "CelestialBody",
    "DockingEvent",
    "Event",
    "Expedition",
    "Landing",
    "LauncherConfigFamily",
    "LauncherConfig",
    "Launcher",
    "Launch",
    "Location",
    "MissionPatch",
    "Pad",
    "PayloadFlight",
    "Payload",
    "Program",
    "SpaceStation",
    "SpacecraftConfigFamily",
    "SpacecraftConfig",
    "SpacecraftFlight",
    "Spacecraft",
    "Spacewalk",
    "Update",
)
OLDER = {"2.2.0", "2.1.0", "2.0.0"}


def older_objects_known_again(apps, schema_editor):
    """Rows last written by a 2.2.0 or 2.1.0 file were listed whatever variant the file gave them
    in (a 2.1.0 docking event's flight, which names no launch): each is taken as known only nested
    until an import shows it in full again, and the files already imported are forgotten, so that
    the next `openll import` (`make run`) reads them again and tells. Rows of 2.3.0 data (the
    mirror's among them) keep what they are."""
    for entity in ENDPOINTS:
        model = apps.get_model("catalog", entity)
        rows = model.objects.exclude(legacy=None).exclude(known_as="").values_list("pk", "legacy")
        older = [pk for pk, legacy in rows if ((legacy or {}).get("~as_of") or [None])[0] in OLDER]
        for start in range(0, len(older), 500):
            model.objects.filter(pk__in=older[start : start + 500]).update(known_as="")
    apps.get_model("ingest", "ImportedFile").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0004_watch_pass_max_id"),
        ("catalog", "0007_launch_index_covers_known_as"),
    ]

    operations = [migrations.RunPython(older_objects_known_again, migrations.RunPython.noop)]
