"""The follow-up phase in learning progress: a post in the edition's cohort forum while the
follow-up runs is the participation step, which completes the enrolment and issues the
certificate once the other phases are done. Posts before the follow-up, in another forum, or
hidden do not count; an edition without a cohort forum keeps its follow-up untracked."""

import datetime

import pytest
from django.utils import timezone

from community.models import Removal
from learning.models import Certificate, Enrolment, EnrolmentStatus, Phase
from learning.selectors.progress import progress_for
from tests.community.factories import reply, start_topic
from tests.html import text
from tests.learning.factories import EditionPageFactory, EnrolmentFactory

DASHBOARD = "/learning/dashboard/"


@pytest.fixture
def follow_up_running(community_world):
    """The world's edition, moved so that its residential week is over and its follow-up runs
    (from ten days ago to three months from now)."""
    today = timezone.localdate()
    edition = community_world.edition
    for name, days in {
        "pre_training_start": -60,
        "pre_training_end": -25,
        "residential_start": -20,
        "residential_end": -11,
        "follow_up_start": -10,
        "follow_up_end": 90,
    }.items():
        setattr(edition, name, today + datetime.timedelta(days=days))
    edition.save()
    return community_world


def during_follow_up(days: int = 2) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def enrolment_of(user, edition) -> Enrolment:
    return Enrolment.objects.get(user=user, edition=edition)


def follow_up_phase(enrolment: Enrolment):
    progress = progress_for(enrolment=enrolment)
    return next(phase for phase in progress.phases if phase.phase == Phase.FOLLOW_UP), progress


def test_a_cohort_post_during_the_follow_up_completes_the_enrolment_and_issues_the_certificate(
    follow_up_running,
):
    world = follow_up_running
    enrolment = enrolment_of(world.alumnus, world.edition)
    phase, progress = follow_up_phase(enrolment)
    assert phase.tracked and not phase.complete
    assert not progress.complete
    assert enrolment.status == EnrolmentStatus.ACCEPTED

    start_topic(
        world.alumnus, world.cohort, title="What I tried after the week", at=during_follow_up()
    )

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert Certificate.objects.filter(enrolment=enrolment).exists()
    phase, progress = follow_up_phase(enrolment)
    assert phase.complete and phase.summary == "Posted in the cohort forum."
    assert progress.complete


def test_a_reply_counts_as_much_as_a_new_topic(follow_up_running):
    world = follow_up_running
    topic = start_topic(world.facilitator, world.cohort, at=during_follow_up(3))
    reply(world.alumnus, topic, "We tried the same in Ghent.", at=during_follow_up(2))
    assert enrolment_of(world.alumnus, world.edition).status == EnrolmentStatus.COMPLETED


def test_a_post_before_the_follow_up_does_not_count(follow_up_running):
    world = follow_up_running
    during_the_residential_week = timezone.now() - datetime.timedelta(days=15)
    start_topic(world.alumnus, world.cohort, at=during_the_residential_week)

    enrolment = enrolment_of(world.alumnus, world.edition)
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    phase, _progress = follow_up_phase(enrolment)
    assert not phase.complete
    assert phase.summary == "No post in the cohort forum yet."
    assert phase.missing == ["Share a post in the forum “Ghent 2027 cohort” during the follow-up."]


def test_a_post_after_the_follow_up_ended_does_not_count(follow_up_running):
    world = follow_up_running
    edition = world.edition
    edition.follow_up_end = timezone.localdate() - datetime.timedelta(days=3)
    edition.save()
    start_topic(world.alumnus, world.cohort, at=during_follow_up(1))
    assert enrolment_of(world.alumnus, edition).status == EnrolmentStatus.ACCEPTED


@pytest.mark.parametrize("forum", ["thematic", "general", "other_cohort"])
def test_a_post_in_another_forum_does_not_count(follow_up_running, forum):
    world = follow_up_running
    author = world.other_alumnus if forum == "other_cohort" else world.alumnus
    start_topic(author, getattr(world, forum), at=during_follow_up())

    enrolment = enrolment_of(world.alumnus, world.edition)
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    assert not follow_up_phase(enrolment)[0].complete


def test_a_hidden_post_does_not_count(follow_up_running):
    world = follow_up_running
    # The trainee has not attended the residential week, so posting completes nothing yet.
    topic = start_topic(world.trainee, world.cohort, at=during_follow_up())
    enrolment = enrolment_of(world.trainee, world.edition)
    assert follow_up_phase(enrolment)[0].complete
    assert enrolment.status == EnrolmentStatus.ACCEPTED

    topic.posts.update(removal=Removal.HIDDEN, removed_by=world.facilitator)

    assert not follow_up_phase(enrolment)[0].complete


def test_a_post_deleted_by_its_author_does_not_count(follow_up_running):
    world = follow_up_running
    topic = start_topic(world.trainee, world.cohort, at=during_follow_up())
    topic.posts.update(removal=Removal.DELETED, removed_by=world.trainee)
    assert not follow_up_phase(enrolment_of(world.trainee, world.edition))[0].complete


def test_an_edition_without_a_cohort_forum_keeps_its_follow_up_untracked(community_world):
    world = community_world
    edition = EditionPageFactory(parent=world.edition.get_parent(), title="Lublin 2026")
    enrolment = EnrolmentFactory(
        user=world.member,
        edition=edition,
        status=EnrolmentStatus.ACCEPTED,
        residential_attended_at=timezone.now(),
    )
    phase, progress = follow_up_phase(enrolment)
    assert not phase.tracked
    assert phase.summary == "Not tracked on the platform yet."
    # An untracked phase never blocks: pre-training (no lessons) and the residential week
    # are all there is.
    assert progress.complete


def test_the_dashboard_shows_the_follow_up_step_and_its_summary(client, follow_up_running):
    world = follow_up_running
    client.force_login(world.trainee)
    page = text(client.get(DASHBOARD))
    assert "Follow-up" in page
    assert "No post in the cohort forum yet." in page
    assert "Share a post in the forum “Ghent 2027 cohort” during the follow-up." in page

    start_topic(world.trainee, world.cohort, at=during_follow_up())

    page = text(client.get(DASHBOARD))
    assert "Posted in the cohort forum." in page
    assert "Share a post in the forum" not in page


def test_restoring_a_hidden_post_counts_it_as_when_it_was_posted(follow_up_running):
    from community import moderation

    world = follow_up_running
    topic = start_topic(world.alumnus, world.cohort, at=during_follow_up())
    post = topic.posts.get()
    moderation.post_hide(moderator=world.facilitator, post=post, reason="Names a resident")
    # As if it had been hidden before anything counted it.
    Certificate.objects.filter(enrolment__user=world.alumnus).delete()
    Enrolment.objects.filter(user=world.alumnus, edition=world.edition).update(
        status=EnrolmentStatus.ACCEPTED
    )

    moderation.post_restore(moderator=world.facilitator, post=post)

    assert enrolment_of(world.alumnus, world.edition).status == EnrolmentStatus.COMPLETED
