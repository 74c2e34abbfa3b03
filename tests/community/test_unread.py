"""What each member has not read yet: new topics and unread posts in the forum index and the topic
lists, "mark all read", topics past the 90-day horizon counting as read, and pruning the read
state of those topics."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from community import read_state
from community.models import ReadState, Topic
from community.read_state import READ_HORIZON, unread_topic_counts
from tests.community.factories import reply, start_topic
from tests.html import links, parse, squash, text, texts

INDEX = "/community/"


def unread_line(response, forum) -> str:
    """The unread line of a forum on the index, or "" when there is none."""
    row = f".forum-row:has(a[href='{forum.get_absolute_url()}'])"
    found = texts(response, f"{row} .forum-row__unread")
    return found[0] if found else ""


def topic_badges(response) -> dict[str, str]:
    """Each topic's title and its "New" or "N unread" mark ("" when read)."""
    rows = {}
    for row in parse(response).select(".topic-row"):
        mark = row.select_one(".topic-row__unread strong")
        rows[squash(row.select_one(".topic-row__title a").get_text())] = (
            squash(mark.get_text()) if mark else ""
        )
    return rows


def aged(topic: Topic, days: int) -> None:
    when = timezone.now() - datetime.timedelta(days=days)
    Topic.objects.filter(pk=topic.pk).update(last_post_at=when)
    topic.posts.update(created_at=when)


def test_a_topic_someone_else_starts_is_new_until_opened(client, community_world):
    world = community_world
    topic = start_topic(world.facilitator, world.cohort, title="Welcome, Ghent cohort")
    client.force_login(world.alumnus)

    index = client.get(INDEX)
    listing = client.get(world.cohort.get_absolute_url())
    assert unread_line(index, world.cohort) == "1 topic with new posts for you"
    assert topic_badges(listing) == {"Welcome, Ghent cohort": "New"}
    assert ("New: you have not opened this topic yet", topic.get_absolute_url()) in links(listing)

    client.get(topic.get_absolute_url())

    assert unread_line(client.get(INDEX), world.cohort) == ""
    assert topic_badges(client.get(world.cohort.get_absolute_url())) == {
        "Welcome, Ghent cohort": ""
    }


def test_my_own_posts_are_never_unread(client, community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort, title="My question")
    reply(world.alumnus, topic, "And a follow-up of mine.")
    client.force_login(world.alumnus)

    assert unread_line(client.get(INDEX), world.cohort) == ""
    assert topic_badges(client.get(world.cohort.get_absolute_url())) == {"My question": ""}


def test_unread_posts_are_counted_and_linked_from_the_first_unread(client, community_world):
    world = community_world
    topic = start_topic(world.facilitator, world.cohort, title="Long thread", source="Post 1")
    for n in range(2, 26):
        reply(world.trainee if n % 2 else world.facilitator, topic, f"Post {n}")
    client.force_login(world.alumnus)
    client.get(topic.get_absolute_url())  # reads posts 1 to 20

    listing = client.get(world.cohort.get_absolute_url())

    assert topic_badges(listing) == {"Long thread": "5 unread"}
    assert (
        "5 unread: go to the first unread post",
        topic.get_absolute_url() + "?page=2#post-21",
    ) in links(listing)
    assert unread_line(client.get(INDEX), world.cohort) == "1 topic with new posts for you"


def test_counts_are_per_forum_and_per_member(client, community_world):
    world = community_world
    start_topic(world.facilitator, world.cohort, title="One", source="a")
    start_topic(world.facilitator, world.cohort, title="Two", source="b")
    start_topic(world.facilitator, world.thematic, title="Three", source="c")
    start_topic(world.member, world.general, title="Four", source="d")

    counts = unread_topic_counts(
        user=world.alumnus,
        forum_ids=[world.cohort.pk, world.thematic.pk, world.general.pk],
    )
    assert counts == {world.cohort.pk: 2, world.thematic.pk: 1, world.general.pk: 1}
    assert unread_topic_counts(user=world.member, forum_ids=[world.general.pk]) == {}


def test_mark_all_read_clears_every_forum_until_someone_posts_again(client, community_world):
    world = community_world
    old = start_topic(world.facilitator, world.cohort, title="Before the mark", source="a")
    reply(world.trainee, old, "b")
    start_topic(world.member, world.general, title="Also before", source="c")
    client.force_login(world.alumnus)

    client.post("/community/mark-read/")

    index = client.get(INDEX)
    assert unread_line(index, world.cohort) == unread_line(index, world.general) == ""
    assert topic_badges(client.get(world.cohort.get_absolute_url())) == {"Before the mark": ""}

    after = reply(world.facilitator, old, "A reply after the mark.", at=timezone.now())
    listing = client.get(world.cohort.get_absolute_url())
    assert topic_badges(listing) == {"Before the mark": "1 unread"}
    assert (
        "1 unread: go to the first unread post",
        old.get_absolute_url() + f"?page=1#post-{after.number}",
    ) in links(listing)
    assert unread_line(client.get(INDEX), world.cohort) == "1 topic with new posts for you"


def test_a_topic_started_after_the_mark_is_new(client, community_world):
    world = community_world
    client.force_login(world.alumnus)
    client.post(world.cohort.get_absolute_url() + "mark-read/")

    start_topic(world.facilitator, world.cohort, title="Fresh", source="x", at=timezone.now())

    assert topic_badges(client.get(world.cohort.get_absolute_url())) == {"Fresh": "New"}


def test_marking_one_forum_read_leaves_the_others(client, community_world):
    world = community_world
    start_topic(world.facilitator, world.cohort, title="Cohort news", source="a")
    start_topic(world.member, world.general, title="General news", source="b")
    client.force_login(world.alumnus)

    response = client.post(world.cohort.get_absolute_url() + "mark-read/", follow=True)

    assert "Every topic in “Ghent 2027 cohort” is marked as read." in text(response)
    index = client.get(INDEX)
    assert unread_line(index, world.cohort) == ""
    assert unread_line(index, world.general) == "1 topic with new posts for you"


@pytest.mark.parametrize("days, unread", [(89, True), (91, False)])
def test_topics_past_ninety_days_count_as_read(client, community_world, days, unread):
    world = community_world
    topic = start_topic(world.facilitator, world.cohort, title="An old thread", source="x")
    aged(topic, days)
    client.force_login(world.alumnus)

    index = client.get(INDEX)
    listing = client.get(world.cohort.get_absolute_url())

    assert bool(unread_line(index, world.cohort)) is unread
    assert topic_badges(listing) == {"An old thread": "New" if unread else ""}


def test_pruning_forgets_only_the_read_state_of_topics_past_the_horizon(community_world):
    world = community_world
    old = start_topic(world.facilitator, world.cohort, title="Old", source="a")
    recent = start_topic(world.facilitator, world.cohort, title="Recent", source="b")
    for topic in (old, recent):
        read_state.topic_mark_read(user=world.alumnus, topic=topic, up_to=1)
    aged(old, READ_HORIZON.days + 1)
    before = ReadState.objects.filter(topic__in=[old, recent]).count()

    out = io.StringIO()
    call_command("prune_read_state", stdout=out)

    # The facilitator's own reading of both topics and the alumnus's: the old ones go.
    assert before == 4
    assert set(ReadState.objects.values_list("topic__title", flat=True)) == {"Recent"}
    assert "2 read states" in out.getvalue()


def test_a_revived_old_topic_shows_only_its_new_posts_after_pruning(client, community_world):
    world = community_world
    long_ago = timezone.now() - READ_HORIZON - datetime.timedelta(days=30)
    topic = start_topic(world.facilitator, world.cohort, title="Revived", source="a", at=long_ago)
    reply(world.trainee, topic, source="b", at=long_ago + datetime.timedelta(minutes=5))
    read_state.topic_mark_read(user=world.alumnus, topic=topic, up_to=2)
    read_state.read_state_prune()
    assert not ReadState.objects.filter(user=world.alumnus, topic=topic).exists()

    reply(world.trainee, topic, source="c")
    client.force_login(world.alumnus)

    assert topic_badges(client.get(world.cohort.get_absolute_url())) == {"Revived": "1 unread"}
