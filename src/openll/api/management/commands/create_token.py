"""`openll create_token NAME`: a new API key (see openll.api.models.ApiToken), printed once."""

from django.core.management.base import BaseCommand

from openll.api.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token; clients send it as `Authorization: Token <key>`."

    def add_arguments(self, parser):
        parser.add_argument("name", help="who or what the key is for")

    def handle(self, *args, name, **options):
        token = ApiToken.objects.create(name=name)
        self.stdout.write(f"token {token.pk} ({token.name}): {token.key}")
