"""Background work shared by every app: e-mail goes through the task framework.

The immediate backend runs a task at once in development and tests; production settings can point
TASKS at a database-backed queue with its own worker, so a slow mail server never holds a request.
"""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, recipients: list[str]) -> int:
    return send_mail(
        subject=subject,
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
