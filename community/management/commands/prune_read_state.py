"""Delete the read state of topics that count as read anyway (last post older than the read
horizon), so that the table stays bounded. Meant for a daily cron job."""

from django.core.management.base import BaseCommand

from community.read_state import read_state_prune


class Command(BaseCommand):
    help = "Forget the read state of topics whose last post is older than 90 days."

    def handle(self, *args, **options):
        deleted = read_state_prune()
        self.stdout.write(f"{deleted} read states of topics past the read horizon deleted.")
