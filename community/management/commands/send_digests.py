"""The daily digest, for cron: run it once a day (at any hour; running it again sends nothing)."""

from django.core.management.base import BaseCommand

from community.notifications.digest import digests_send


class Command(BaseCommand):
    help = (
        "E-mail each member who chose the daily digest their unread notifications not mailed yet, "
        "grouped by forum and topic."
    )

    def handle(self, *args, **options):
        run = digests_send()
        self.stdout.write(
            f"Daily digest: {run.members} e-mail(s) queued, "
            f"holding {run.notifications} notification(s)."
        )
