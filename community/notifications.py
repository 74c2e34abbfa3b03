"""E-mail for community notifications: immediate mails, the daily digest, signed unsubscribe
links. (Being written.)"""


def send_immediate_mails(*, post_id: int) -> None:
    """Queue the immediate mails of one post's notifications."""
