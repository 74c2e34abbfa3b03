"""Moderation of the community, one module per verb: pin, lock, move and rename a topic, hide and
restore a post, flag a post and resolve its flags. Each function checks ``permissions``, acts in
one transaction and writes a ``ModerationAction`` row (``log``); pinning and locking share
``switch``; ``queue`` reads the flags and the log."""

from .flags import flag_resolve, post_flag
from .hide import post_hide, post_restore
from .lock import topic_lock, topic_unlock
from .move import topic_move
from .pin import topic_pin, topic_unpin
from .retitle import topic_retitle

__all__ = [
    "flag_resolve",
    "post_flag",
    "post_hide",
    "post_restore",
    "topic_lock",
    "topic_move",
    "topic_pin",
    "topic_retitle",
    "topic_unlock",
    "topic_unpin",
]
