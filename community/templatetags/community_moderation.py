"""What the moderation controls need in templates: which controls a post shows to the person
reading it, and how a member is named (never by their e-mail address)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from community import permissions, profiles
from community.models import Forum, Post, Topic

register = template.Library()


@register.filter
def member_name(user) -> str:
    """The name a member goes by (never their e-mail address); "A former member" for ``None``.
    ``member_profile`` must be selected with the user, so that no query is made."""
    return profiles.display_name(user)


@dataclass(frozen=True)
class PostControls:
    flag: bool
    hide: bool
    restore: bool


@register.simple_tag
def post_controls(
    post: Post, user, can_moderate: bool, topic: Topic | None = None, forum: Forum | None = None
) -> PostControls:
    """Which of "Flag", "Hide" and "Restore" the post shows. The page's topic and forum are
    handed to the post, so that asking costs no query per post."""
    if topic is not None and post.topic_id == topic.pk:
        Post.topic.field.set_cached_value(post, topic)
        if forum is not None and topic.forum_id == forum.pk:
            Topic.forum.field.set_cached_value(topic, forum)
    signed_in = bool(user and user.is_authenticated)
    return PostControls(
        flag=signed_in and permissions.can_flag_post(user, post),
        hide=bool(can_moderate) and post.is_visible,
        restore=bool(can_moderate) and post.is_hidden,
    )
