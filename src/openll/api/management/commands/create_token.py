"""`openll create_token NAME [--rate 210/hour]`: a new API key (see openll.api.models.ApiToken),
printed once."""

from django.core.management.base import BaseCommand, CommandError

from openll.api.models import ApiToken
from openll.api.rates import parse_rate


class Command(BaseCommand):
    help = "Create an API token; clients send it as `Authorization: Token <key>`."

    def add_arguments(self, parser):
        parser.add_argument("name", help="who or what the key is for")
        parser.add_argument(
            "--rate",
            default="",
            help="this key's own limit, e.g. 210/hour, or off (default: the server's OPENLL_THROTTLE)",
        )

    def handle(self, *args, name, rate, **options):
        try:
            parse_rate(rate)
        except ValueError as exc:
            raise CommandError(f"--rate {exc}") from None
        token = ApiToken.objects.create(name=name, rate=rate.strip())
        limit = f", rate {token.rate}" if token.rate else ""
        self.stdout.write(f"token {token.pk} ({token.name}{limit}): {token.key}")
