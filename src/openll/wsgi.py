import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openll.settings")
django_application = get_wsgi_application()

from openll.serving.layer import ResponseCache  # noqa: E402 - needs the settings configured above

# Repeated GETs of the API are answered from the response cache, in front of all of Django.
application = ResponseCache(django_application)
