"""Start-up checks of openll's own settings (Django system checks): `openll serve`, `runserver` and
`openll check` stop on a bad value with one line naming the variable, instead of serving a 500 on
every request."""

from __future__ import annotations

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from openll.api import throttling


@checks.register()
def throttle_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for read, code in ((throttling.global_rate, "openll.E001"), (throttling.num_proxies, "openll.E002")):
        try:
            read()
        except ImproperlyConfigured as exc:
            errors.append(checks.Error(str(exc), id=code))
    return errors
