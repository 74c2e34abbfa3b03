"""The follow-up community: forums edited in the Wagtail admin, and what members do in them
(topics, posts, read state, notification levels, notifications, flags), with the moderation log
and the member profiles. Counters on forums and topics are kept by ``community.counters`` in the
transaction of each write and always equal the real counts."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase
from wagtail.search import index

from learning.models import EditionPage

MAX_TITLE_LENGTH = 150
MAX_POST_LENGTH = 20_000

# Words a forum's slug may not take: they name the community's own pages (community/urls.py).
RESERVED_SLUGS = frozenset(
    {
        "members",
        "profile",
        "search",
        "notifications",
        "moderation",
        "unsubscribe",
        "mark-read",
        "posts",
        "topics",
    }
)


class ForumKind(models.TextChoices):
    COHORT = "cohort", _("Cohort forum of an edition")
    THEMATIC = "thematic", _("Community of practice (all alumni)")
    GENERAL = "general", _("General forum (all members)")


class ForumQuerySet(models.QuerySet):
    def open(self):
        return self.filter(archived=False)


class Forum(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The forum's address: /community/<slug>/."),
    )
    description = models.TextField(_("description"), max_length=1000, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ForumKind.choices)
    edition = models.ForeignKey(
        EditionPage,
        verbose_name=_("edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forums",
        help_text=_("Only for a cohort forum: whose trainees, alumni and facilitators meet here."),
    )
    sort_order = models.IntegerField(_("order"), default=0, db_index=True)
    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("An archived forum stays readable, but nobody can start topics or reply."),
    )

    # Kept by community.counters in the same transaction as the posts they count.
    topic_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    last_post_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        ordering = ["sort_order", "name"]
        permissions = [("moderate_forum", _("Can moderate every forum"))]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=ForumKind.COHORT) & Q(edition__isnull=False))
                | (~Q(kind=ForumKind.COHORT) & Q(edition__isnull=True)),
                name="cohort_forum_has_an_edition_and_only_it",
            ),
            models.UniqueConstraint(
                fields=["edition"],
                condition=Q(kind=ForumKind.COHORT),
                name="one_cohort_forum_per_edition",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:forum", kwargs={"forum": self.slug})

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is taken by a community page.")})
        if self.kind == ForumKind.COHORT and self.edition_id is None:
            raise ValidationError({"edition": _("A cohort forum belongs to an edition.")})
        if self.kind != ForumKind.COHORT and self.edition_id is not None:
            raise ValidationError(
                {"edition": _("Only a cohort forum belongs to an edition; leave this empty.")}
            )


class Topic(index.Indexed, models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("title"), max_length=MAX_TITLE_LENGTH)
    slug = models.SlugField(max_length=80, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="topics"
    )
    created_at = models.DateTimeField(default=timezone.now)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)

    # Posts are numbered 1, 2, 3... without gaps: post_count is also the last post's number.
    post_count = models.PositiveIntegerField(default=0)
    last_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_post_at = models.DateTimeField(default=timezone.now)

    search_fields = [index.SearchField("title"), index.FilterField("forum_id")]

    class Meta:
        verbose_name = _("topic")
        indexes = [
            models.Index(
                fields=["forum", "-pinned", "-last_post_at", "-id"], name="topic_listing_order"
            ),
            models.Index(fields=["last_post_at"], name="topic_last_post_at"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80].strip("-") or "topic"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "community:topic",
            kwargs={"forum": self.forum.slug, "topic_id": self.pk, "slug": self.slug},
        )


class Removal(models.TextChoices):
    VISIBLE = "", _("Visible")
    DELETED = "deleted", _("Deleted by its author")
    HIDDEN = "hidden", _("Hidden by a moderator")


class Post(index.Indexed, models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    # The topic's forum, copied so that search and the follow-up step filter without a join;
    # moving a topic moves its posts.
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="posts"
    )
    # What the author wrote (Markdown) and its sanitised HTML, rendered once when saved.
    source = models.TextField(_("message"), max_length=MAX_POST_LENGTH)
    html = models.TextField(editable=False)
    quoted = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quoted_by"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0)

    removal = models.CharField(max_length=10, choices=Removal.choices, default="", blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removal_reason = models.CharField(max_length=500, blank=True)

    search_fields = [
        index.SearchField("source"),
        index.FilterField("forum_id"),
        index.FilterField("removal"),
    ]

    class Meta:
        verbose_name = _("post")
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="post_number_unique_in_topic")
        ]
        indexes = [models.Index(fields=["forum", "author", "created_at"], name="post_by_author")]

    def __str__(self) -> str:
        return f"{self.topic} #{self.number}"

    def get_absolute_url(self) -> str:
        return f"{self.topic.get_absolute_url()}?post={self.number}"

    @property
    def is_visible(self) -> bool:
        return not self.removal

    @property
    def is_deleted(self) -> bool:
        """Taken down by its author."""
        return self.removal == Removal.DELETED

    @property
    def is_hidden(self) -> bool:
        """Hidden by a moderator."""
        return self.removal == Removal.HIDDEN


class PostEdit(models.Model):
    """One edit of a post: when, by whom, and what the post said before."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="edits")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)
    previous_source = models.TextField()

    class Meta:
        ordering = ["-edited_at"]

    def __str__(self) -> str:
        return f"{self.post} edited {self.edited_at:%Y-%m-%d %H:%M}"


class ReadState(models.Model):
    """The last post a member has read in a topic. Topics whose last post is older than
    ``community.read_state.READ_HORIZON`` count as read, so rows for them are pruned."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_reads"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    last_read_number = models.PositiveIntegerField(default=0)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="one_read_state_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.topic} to #{self.last_read_number}"


class ForumReadMark(models.Model):
    """ "Mark all read": every topic of the forum whose last post is no newer counts as read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_read_marks"
    )
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="read_marks")
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "forum"], name="one_read_mark_per_forum")
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.forum} at {self.marked_at:%Y-%m-%d %H:%M}"


class Level(models.TextChoices):
    WATCHING = "watching", _("Watching: every new post")
    NORMAL = "normal", _("Normal: replies to me, quotes and mentions")
    MUTED = "muted", _("Muted: nothing")


class NotificationLevel(models.Model):
    """A member's notification level for one topic or one forum; without a row, a topic takes
    the forum's level, and a forum is normal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_levels"
    )
    forum = models.ForeignKey(
        Forum, null=True, blank=True, on_delete=models.CASCADE, related_name="notification_levels"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="notification_levels"
    )
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.NORMAL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(forum__isnull=False) & Q(topic__isnull=True))
                | (Q(forum__isnull=True) & Q(topic__isnull=False)),
                name="notification_level_of_a_forum_or_a_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "forum"],
                condition=Q(forum__isnull=False),
                name="one_notification_level_per_forum",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=Q(topic__isnull=False),
                name="one_notification_level_per_topic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.topic or self.forum} ({self.level})"


class NotificationReason(models.TextChoices):
    MENTION = "mention", _("mentioned you")
    QUOTE = "quote", _("quoted you")
    REPLY = "reply", _("replied to your topic")
    WATCHING = "watching", _("posted in a topic you watch")


class Notification(models.Model):
    """One new post for one member, whatever the number of reasons (the strongest is kept), so a
    post is never announced twice. ``emailed_at`` is claimed before a mail goes out."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="notifications")
    reason = models.CharField(max_length=10, choices=NotificationReason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="one_notification_per_post")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["user", "-created_at", "-id"], name="notification_listing"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.post} ({self.reason})"


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Rude, abusive or discriminating")
    PRIVACY = "privacy", _("Reveals personal data")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", _("Something else")


class FlagResolution(models.TextChoices):
    HIDDEN = "hidden", _("Post hidden")
    KEPT = "kept", _("Post kept")


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Flag(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.CharField(max_length=10, choices=FlagResolution.choices, blank=True)
    resolution_note = models.CharField(max_length=500, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("flag")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_flag_per_post_and_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.post}"


class ModerationVerb(models.TextChoices):
    PIN = "pin", _("Pinned")
    UNPIN = "unpin", _("Unpinned")
    LOCK = "lock", _("Locked")
    UNLOCK = "unlock", _("Unlocked")
    MOVE = "move", _("Moved")
    HIDE = "hide", _("Hid a post")
    RESTORE = "restore", _("Restored a post")
    RESOLVE_FLAG = "resolve", _("Resolved a flag")
    RETITLE = "retitle", _("Renamed")


class ModerationAction(models.Model):
    """The log: who did what to which topic or post, when and why. Never edited."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=10, choices=ModerationVerb.choices)
    forum = models.ForeignKey(
        Forum, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_log"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_log"
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation action")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_verb_display()} by {self.moderator} at {self.created_at:%Y-%m-%d %H:%M}"


class Visibility(models.TextChoices):
    ALUMNI = "alumni", _("Alumni and facilitators only")
    MEMBERS = "members", _("All signed-in members")
    HIDDEN = "hidden", _("Hidden from the directory")


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one e-mail per notification")
    DAILY = "daily", _("A daily digest")
    NONE = "none", _("No e-mail")


class ExpertiseTag(TagBase):
    class Meta:
        verbose_name = _("area of expertise")
        verbose_name_plural = _("areas of expertise")


class TaggedExpertise(TaggedItemBase):
    tag = models.ForeignKey(ExpertiseTag, on_delete=models.CASCADE, related_name="tagged_profiles")
    content_object = ParentalKey(
        "community.MemberProfile", on_delete=models.CASCADE, related_name="tagged_expertise"
    )


def new_handle() -> str:
    return "member-" + secrets.token_hex(4)


class MemberProfile(ClusterableModel):
    """How a member appears in the community, and how they want to hear from it. The handle
    names them in @mentions and in their profile's address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile"
    )
    handle = models.SlugField(
        _("handle"),
        max_length=40,
        unique=True,
        default=new_handle,
        help_text=_("Others mention you as @handle: letters, digits and hyphens."),
    )
    display_name = models.CharField(_("display name"), max_length=80)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, db_index=True)
    country = models.CharField(_("country"), max_length=100, blank=True, db_index=True)
    expertise = TaggableManager(
        verbose_name=_("areas of expertise"),
        through=TaggedExpertise,
        blank=True,
        help_text=_("Comma-separated, e.g. housing support, language courses."),
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    photo = models.ImageField(_("photo"), upload_to="members/", blank=True)
    visibility = models.CharField(
        _("who sees your profile"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.ALUMNI,
    )
    email_frequency = models.CharField(
        _("e-mail"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATE,
    )
    watch_on_post = models.BooleanField(_("watch the topics I start or reply to"), default=True)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("member profile")
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("community:member", kwargs={"handle": self.handle})
