"""Send the pending agenda-change e-mails now: for a task queue that cannot defer, run it every
minute (cron or a timer); with a deferring queue the batches go out by themselves."""

from django.core.management.base import BaseCommand

from learning.agenda.changes import schedule_changes_send


class Command(BaseCommand):
    help = "Send one e-mail per trainee listing the agenda changes not sent yet."

    def handle(self, *args, **options):
        sent = schedule_changes_send()
        self.stdout.write(f"{sent} message(s) queued")
