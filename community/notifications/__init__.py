"""What members hear from the community, one module per subject, each depending only on those
listed before it:

- ``levels``: the notification level a member chose for a forum or a topic;
- ``emails``: immediate e-mails of notifications, and the signed unsubscribe link every mail carries;
- ``recipients``: who is told of a new post, and why;
- ``inbox``: the notifications page and the header's unread count;
- ``preferences``: the member's notification settings;
- ``digest``: the daily digest.
"""

from .digest import send_digest
from .emails import mail_post_notifications

# Tasks are queued under their module's dotted path. These two were queued as
# ``community.notifications.<task>`` before this package was split by subject, so a task queued
# then and run after an upgrade still finds its function here.
__all__ = ["mail_post_notifications", "send_digest"]
