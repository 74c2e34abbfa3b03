"""The follow-up phase in learning progress: a trainee takes its participation step by posting in
the edition's cohort forum while the follow-up runs. An edition without a cohort forum has nothing
to measure, so its follow-up stays untracked and never blocks completion."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser
from learning.models import Phase
from learning.phases import PhaseProgress
from learning.standing import follow_up_step_taken

from .models import Forum, ForumKind, Post, Removal


def _window(edition) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(edition.follow_up_start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        edition.follow_up_end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def completes_follow_up_step(*, post: Post, forum: Forum) -> bool:
    """Whether the post is one that counts: visible, in a cohort forum, during the follow-up."""
    if forum.kind != ForumKind.COHORT or not post.is_visible:
        return False
    start, end = _window(forum.edition)
    return start <= post.created_at < end


def count_follow_up_step(*, user: AnyUser | None, post: Post, forum: Forum) -> None:
    """A post in a cohort forum may be its author's follow-up step: when posted, and when a
    moderator restores it."""
    if user is None or not completes_follow_up_step(post=post, forum=forum):
        return
    follow_up_step_taken(user=user, edition_id=forum.edition_id)


class FollowUpParticipationProvider:
    phase = Phase.FOLLOW_UP

    def enrolment_annotations(self) -> dict:
        """The cohort forum's name (None: no forum, nothing tracked) and whether the person posted
        there during the follow-up, for lists of enrolments across editions."""
        forums = Forum.objects.filter(kind=ForumKind.COHORT, edition_id=OuterRef("edition_id"))
        return {
            "follow_up_forum_name": Subquery(forums.values("name")[:1]),
            "follow_up_posted": Exists(
                Post.objects.filter(
                    forum__kind=ForumKind.COHORT,
                    forum__edition_id=OuterRef("edition_id"),
                    author_id=OuterRef("user_id"),
                    removal=Removal.VISIBLE,
                    created_at__date__gte=OuterRef("edition__follow_up_start"),
                    created_at__date__lte=OuterRef("edition__follow_up_end"),
                )
            ),
        }

    def progress(self, *, edition, enrolments, modules):
        if enrolments and all(hasattr(e, "follow_up_posted") for e in enrolments):
            forum_name = enrolments[0].follow_up_forum_name
            posted = {e.user_id for e in enrolments if e.follow_up_posted}
        else:
            forum_name, posted = self._posted(edition, enrolments)
        if forum_name is None:
            return {}
        return {
            enrolment.pk: self._step(forum_name, done=enrolment.user_id in posted)
            for enrolment in enrolments
        }

    @staticmethod
    def _posted(edition, enrolments) -> tuple[str | None, set[int]]:
        forum = Forum.objects.filter(kind=ForumKind.COHORT, edition_id=edition.pk).first()
        if forum is None:
            return None, set()
        start, end = _window(edition)
        posted = set(
            Post.objects.filter(
                forum=forum,
                removal=Removal.VISIBLE,
                created_at__gte=start,
                created_at__lt=end,
                author_id__in={enrolment.user_id for enrolment in enrolments},
            )
            .values_list("author_id", flat=True)
            .distinct()
        )
        return forum.name, posted

    def _step(self, forum_name: str, *, done: bool) -> PhaseProgress:
        return PhaseProgress(
            phase=self.phase,
            label=str(Phase.FOLLOW_UP.label),
            tracked=True,
            required_total=1,
            required_done=1 if done else 0,
            summary=_("Posted in the cohort forum.")
            if done
            else _("No post in the cohort forum yet."),
            missing=[]
            if done
            else [
                _("Share a post in the forum “%(forum)s” during the follow-up.")
                % {"forum": forum_name}
            ],
        )
