"""LL2's launch statuses, so that an empty openll knows them all, `Payload Deployed` (id 9, new in
2.3.0) included. Rows already present (imported from LL2) are left as they are."""

from django.db import migrations

LAUNCH_STATUSES = [
    (1, "Go for Launch", "Go", "Current T-0 confirmed by official or reliable sources."),
    (
        2,
        "To Be Determined",
        "TBD",
        "Current date is a placeholder or rough estimation based on unreliable or interpreted sources.",
    ),
    (3, "Launch Successful", "Success", "The launch vehicle successfully inserted its payload(s) into the target orbit(s)."),
    (4, "Launch Failure", "Failure", "Either the launch vehicle did not reach orbit, or the payload(s) failed to separate."),
    (5, "On Hold", "Hold", "The countdown has been paused, but the launch can still happen within the launch window."),
    (6, "Launch in Flight", "In Flight", "The launch vehicle has lifted off from the launchpad."),
    (
        7,
        "Launch was a Partial Failure",
        "Partial Failure",
        "Either the launch vehicle reached orbit but did not deliver its payload in the targeted orbit, "
        "or an exceptional event made it impossible to consider the mission a success.",
    ),
    (8, "To Be Confirmed", "TBC", "Awaiting official confirmation - current date is known with some certainty."),
    (9, "Payload Deployed", "Deployed", "Deployment of the payload(s) has been confirmed."),
]


def add_statuses(apps, schema_editor):
    LaunchStatus = apps.get_model("catalog", "LaunchStatus")
    for pk, name, abbrev, description in LAUNCH_STATUSES:
        LaunchStatus.objects.get_or_create(pk=pk, defaults={"name": name, "abbrev": abbrev, "description": description})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_updates_program_live_streams")]

    operations = [migrations.RunPython(add_statuses, migrations.RunPython.noop)]
