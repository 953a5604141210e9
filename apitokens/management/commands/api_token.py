from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apitokens.services import MAX_DAYS, token_create


class Command(BaseCommand):
    help = "Make a personal API token for USERNAME and print its key (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for.")
        parser.add_argument("--days", type=int, default=None, help=f"Days valid (1-{MAX_DAYS}).")

    def handle(self, *args, username, name, days, **options):
        try:
            user = get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No active user {username!r}.") from None
        if days is not None and not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--days must be between 1 and {MAX_DAYS}.")
        _token, key = token_create(user=user, name=name, days=days or MAX_DAYS)
        self.stdout.write(key)
