"""The notifications page (newest first, keyset pages, read marks), the header's count, and the
notification settings, as each role sees them."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from community.models import (
    EmailFrequency,
    Level,
    MemberProfile,
    Notification,
    NotificationLevel,
    NotificationReason,
    Post,
    Removal,
    Topic,
)
from community.notifications import inbox
from tests.community.conftest import ROLES
from tests.community.factories import reply, start_topic
from tests.html import form_errors, links, parse, text, texts

pytestmark = pytest.mark.django_db

NOTIFICATIONS = reverse("community:notifications")
MARK_READ = reverse("community:notifications_read")
PREFERENCES = reverse("community:preferences")
# The session and its user; which forums they read (permissions, enrolments, facilitation, a
# confirmed address); retiring what the page cannot show; the page; marking it read; the count of
# what is left unread.
QUERY_BUDGET = 11


def bulk_notifications(user, topic, author, count, *, at=None):
    """``count`` posts by ``author`` at the end of the topic, each announced to ``user``, made in
    bulk: a minute apart, or all at the same moment ``at``."""
    start = topic.post_count + 1
    base = timezone.now() - datetime.timedelta(days=1)
    posts = Post.objects.bulk_create(
        [
            Post(
                topic=topic,
                forum_id=topic.forum_id,
                number=start + i,
                author=author,
                source=f"Post number {start + i}",
                html=f"<p>Post number {start + i}</p>",
                created_at=at or base + datetime.timedelta(minutes=i),
            )
            for i in range(count)
        ]
    )
    Topic.objects.filter(pk=topic.pk).update(post_count=start + count - 1)
    topic.post_count = start + count - 1
    return Notification.objects.bulk_create(
        [
            Notification(
                user=user, post=post, reason=NotificationReason.WATCHING, created_at=post.created_at
            )
            for post in posts
        ]
    )


def items(response) -> list[str]:
    return texts(response, ".notification h2")


# ---------------------------------------------------------------------------------------------
# The page


def test_the_page_shows_who_why_where_and_when_newest_first(client, community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort, title="Language courses for parents")
    first = reply(world.trainee, topic, "We ran them at the school gate.")
    second = reply(world.facilitator, topic, "Ask @alumnus about the evening classes.")
    client.force_login(world.alumnus)

    response = client.get(NOTIFICATIONS)

    assert response.status_code == 200
    assert items(response) == [
        "New Facilitator mentioned you in “Language courses for parents”",
        "New Trainee replied to your topic in “Language courses for parents”",
    ]
    found = dict(links(response, ".notification-list"))
    assert found["Facilitator mentioned you in “Language courses for parents”"] == (
        second.get_absolute_url()
    )
    assert found["Trainee replied to your topic in “Language courses for parents”"] == (
        f"{topic.get_absolute_url()}?post={first.number}"
    )
    assert found["Ghent 2027 cohort"] == world.cohort.get_absolute_url()
    listed = text(response, ".notification-list")
    assert "Ghent 2027 cohort" in listed
    assert "Ask @alumnus about the evening classes." in listed
    times = [t["datetime"] for t in parse(response).select(".notification time")]
    assert times == [timezone.localtime(post.created_at).isoformat() for post in (second, first)]


def test_viewing_the_page_marks_what_it_shows_as_read(client, community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort)
    reply(world.trainee, topic)
    client.force_login(world.alumnus)

    assert items(client.get(NOTIFICATIONS))[0].startswith("New ")
    assert not Notification.objects.filter(user=world.alumnus, read_at__isnull=True).exists()
    again = client.get(NOTIFICATIONS)
    assert items(again) == ["Trainee replied to your topic in “How do you reach newcomers?”"]
    assert "unread" not in text(again, "header")


def test_someone_without_notifications_is_told_what_will_come_here(client, community_world):
    client.force_login(community_world.member)
    response = client.get(NOTIFICATIONS)
    assert items(response) == []
    assert "Nothing yet." in text(response)
    assert "Mark all as read" not in text(response)


def test_older_pages_follow_by_time_and_id_without_gaps_or_repeats(client, community_world):
    world = community_world
    topic = start_topic(world.trainee, world.cohort)
    at = timezone.now() - datetime.timedelta(hours=3)
    made = bulk_notifications(world.alumnus, topic, world.trainee, 30, at=at)
    made += bulk_notifications(world.alumnus, topic, world.facilitator, 30)
    client.force_login(world.alumnus)

    seen, url, pages = [], NOTIFICATIONS, 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = parse(response)
        seen += [a["href"] for a in page.select(".notification h2 a")]
        older = page.select_one("a[rel=next]")
        url = NOTIFICATIONS + older["href"] if older else None
        pages += 1

    expected = sorted(made, key=lambda n: (n.created_at, n.pk), reverse=True)
    assert seen == [n.post.get_absolute_url() for n in expected]
    assert pages == 3
    assert "There are no older notifications." not in text(response)
    assert ("Newest", NOTIFICATIONS) in links(response)


@pytest.mark.parametrize(
    "cursor",
    ["", "x", "12", "-3", "99999999999999999999-1", "1-2-3", "²-1", "999999999999999999-1"],
)
def test_a_bad_cursor_shows_the_newest_page(client, community_world, cursor):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort)
    reply(world.trainee, topic)
    client.force_login(world.alumnus)
    response = client.get(NOTIFICATIONS, {"before": cursor})
    assert response.status_code == 200
    assert len(items(response)) == 1


def test_a_cursor_past_the_oldest_says_there_is_nothing_older(client, community_world):
    client.force_login(community_world.alumnus)
    response = client.get(NOTIFICATIONS, {"before": "1000-1"})
    assert "There are no older notifications." in text(response)


def test_hidden_posts_and_forums_no_longer_readable_drop_out(client, community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.general, title="Open question")
    hidden = reply(world.member, topic, "Spam, spam.")
    Post.objects.filter(pk=hidden.pk).update(removal=Removal.HIDDEN)
    kept = reply(world.facilitator, topic, "A real answer.")
    # Notified while still able to read the cohort forum; since then no longer a reader.
    other = start_topic(world.other_alumnus, world.other_cohort, title="Vienna only")
    Notification.objects.create(
        user=world.alumnus, post=other.posts.get(), reason=NotificationReason.MENTION
    )
    client.force_login(world.alumnus)

    response = client.get(NOTIFICATIONS)

    assert [href for _words, href in links(response, ".notification-list") if "?post=" in href] == [
        kept.get_absolute_url()
    ]
    assert "Vienna only" not in text(response)


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_everyone_signed_in_sees_their_own_notifications_only(client, community_world, role):
    world = community_world
    topic = start_topic(world.editor, world.general, title="Welcome")
    for person in world.people.values():
        if person != world.editor:
            Notification.objects.create(
                user=person, post=topic.posts.get(), reason=NotificationReason.WATCHING
            )
    if role == "anonymous":
        response = client.get(NOTIFICATIONS)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        return
    client.force_login(world.people[role])
    response = client.get(NOTIFICATIONS)
    assert response.status_code == 200
    # The editor wrote the post; the unverified member reads no forum.
    told = set(ROLES) - {"editor", "unverified"}
    expected = ["New Editor posted in a topic you watch in “Welcome”"] if role in told else []
    assert items(response) == expected
    # What was shown is read now; what the page cannot show (the unverified member's) is retired.
    assert not Notification.objects.filter(user=world.people[role], read_at__isnull=True).exists()
    assert Notification.objects.filter(read_at__isnull=False).count() == (role != "editor")


@pytest.mark.parametrize("count", [3, 80])
def test_the_page_runs_a_constant_number_of_queries(
    client, community_world, django_assert_max_num_queries, count
):
    world = community_world
    topic = start_topic(world.trainee, world.cohort)
    bulk_notifications(world.alumnus, topic, world.trainee, count)
    client.force_login(world.alumnus)
    client.get(PREFERENCES)  # the session and the profile exist before the measure

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(NOTIFICATIONS)
    assert len(items(response)) == min(count, 25)
    older = parse(response).select_one("a[rel=next]")
    if older is not None:
        with django_assert_max_num_queries(QUERY_BUDGET):
            client.get(NOTIFICATIONS + older["href"])


# ---------------------------------------------------------------------------------------------
# Mark all as read


def test_mark_all_as_read_clears_older_pages_too(client, community_world):
    world = community_world
    topic = start_topic(world.trainee, world.cohort)
    bulk_notifications(world.alumnus, topic, world.trainee, 30)
    client.force_login(world.alumnus)

    page = client.get(NOTIFICATIONS)
    assert "5 other notifications are still unread." in text(page)
    response = client.post(MARK_READ, follow=True)

    assert response.redirect_chain == [(NOTIFICATIONS, 302)]
    assert "All your notifications are marked as read." in text(response)
    assert not Notification.objects.filter(user=world.alumnus, read_at__isnull=True).exists()
    assert "Mark all as read" not in text(response)


def test_mark_all_as_read_is_a_post_for_signed_in_people(client, community_world):
    assert client.post(MARK_READ)["Location"].startswith(reverse("account_login"))
    client.force_login(community_world.alumnus)
    assert client.get(MARK_READ).status_code == 405
    response = client.post(MARK_READ, follow=True)
    assert "You had no unread notifications." in text(response)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_mark_their_notifications_read(client, community_world, role):
    world = community_world
    topic = start_topic(world.editor, world.general)
    person = world.people[role]
    Notification.objects.create(
        user=person, post=topic.posts.get(), reason=NotificationReason.WATCHING
    )
    client.force_login(person)
    response = client.post(MARK_READ)
    assert response.status_code == 302
    assert not Notification.objects.filter(user=person, read_at__isnull=True).exists()


def test_mark_all_as_read_leaves_other_peoples_notifications(client, community_world):
    world = community_world
    topic = start_topic(world.trainee, world.cohort)
    bulk_notifications(world.alumnus, topic, world.trainee, 2)
    bulk_notifications(world.facilitator, topic, world.trainee, 2)
    client.force_login(world.alumnus)
    client.post(MARK_READ)
    assert Notification.objects.filter(user=world.facilitator, read_at__isnull=True).count() == 2


# ---------------------------------------------------------------------------------------------
# The header


def header_links(response) -> dict[str, str]:
    return dict(links(response, ".account-nav"))


def test_the_header_counts_unread_notifications_in_words(client, community_world):
    world = community_world
    topic = start_topic(world.trainee, world.cohort)
    bulk_notifications(world.alumnus, topic, world.trainee, 3)
    client.force_login(world.alumnus)

    found = header_links(client.get("/"))

    assert found["Community"] == reverse("community:index")
    assert found["Notifications, 3 unread"] == NOTIFICATIONS


def test_the_header_shows_no_count_when_nothing_is_unread(client, community_world):
    client.force_login(community_world.member)
    found = header_links(client.get("/"))
    assert found["Community"] == reverse("community:index")
    assert NOTIFICATIONS not in found.values()


def test_visitors_see_neither_the_community_nor_notifications_in_the_header(
    client, community_world
):
    found = header_links(client.get("/"))
    assert "Community" not in found
    assert not [words for words in found if words.startswith("Notifications")]
    assert "Log in" in found


def test_the_count_is_one_query_and_none_for_a_visitor(community_world, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    template = Template("{% load community_tags %}{% unread_notifications as n %}[{{ n }}]")
    topic = start_topic(community_world.trainee, community_world.cohort)
    bulk_notifications(community_world.alumnus, topic, community_world.trainee, 2)
    with django_assert_num_queries(0):
        assert template.render(Context({"user": AnonymousUser()})) == "[0]"
    # The header shows it on every page a member sees: one query.
    with django_assert_num_queries(1):
        assert template.render(Context({"user": community_world.alumnus})) == "[2]"


def test_what_the_page_can_no_longer_show_leaves_the_count_once_the_page_is_seen(
    client, community_world
):
    world = community_world
    topic = start_topic(world.trainee, world.cohort)
    bulk_notifications(world.alumnus, topic, world.trainee, 1)
    # Notified while still able to read the other cohort's forum; since then no longer a reader.
    other = start_topic(world.other_alumnus, world.other_cohort, title="Vienna only")
    Notification.objects.create(
        user=world.alumnus, post=other.posts.get(), reason=NotificationReason.MENTION
    )

    assert inbox.unread_count(user=world.alumnus) == 2
    client.force_login(world.alumnus)
    page = client.get(NOTIFICATIONS)
    assert "Vienna only" not in text(page, "main")
    assert inbox.unread_count(user=world.alumnus) == 0
    assert "unread" not in text(client.get(NOTIFICATIONS), "header")
    assert Notification.objects.get(post=other.posts.get()).read_at is not None


def test_the_page_shows_the_post_as_written_escaped_once(client, community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort)
    written = 'Tom & Jerry\'s "q" <script>x</script> 5 < 6'
    reply(world.trainee, topic, written)
    client.force_login(world.alumnus)

    response = client.get(NOTIFICATIONS)

    assert written in text(response, ".notification-list")
    assert "&amp;" not in text(response, ".notification-list")


def test_a_post_deleted_since_leaves_the_count_once_the_page_is_seen(client, community_world):
    world = community_world
    topic = start_topic(world.trainee, world.cohort)
    made = bulk_notifications(world.alumnus, topic, world.trainee, 2)
    Post.objects.filter(pk=made[0].post_id).update(removal=Removal.DELETED)
    client.force_login(world.alumnus)
    client.get(NOTIFICATIONS)
    assert inbox.unread_count(user=world.alumnus) == 0
    assert Notification.objects.get(pk=made[0].pk).read_at is not None


# ---------------------------------------------------------------------------------------------
# Settings


READABLE = {
    "trainee": ["Ghent 2027 cohort", "Open forum"],
    "alumnus": ["Ghent 2027 cohort", "Housing support", "Open forum"],
    "facilitator": ["Ghent 2027 cohort", "Housing support", "Open forum"],
    "editor": ["Ghent 2027 cohort", "Housing support", "Open forum", "Vienna 2026 cohort"],
    "member": ["Open forum"],
    "unverified": [],
    "other_alumnus": ["Housing support", "Open forum", "Vienna 2026 cohort"],
}


def forum_labels(response) -> list[str]:
    page = parse(response)
    return [
        text(str(page.select_one(f"label[for='{select['id']}']")))
        for select in page.select("select")
    ]


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_the_settings_list_the_forums_each_role_reads(client, community_world, role):
    if role == "anonymous":
        assert client.get(PREFERENCES)["Location"].startswith(reverse("account_login"))
        return
    client.force_login(community_world.people[role])
    response = client.get(PREFERENCES)
    assert response.status_code == 200
    assert forum_labels(response) == READABLE[role]


def test_the_settings_show_what_is_chosen(client, community_world):
    world = community_world
    MemberProfile.objects.filter(user=world.alumnus).update(
        email_frequency=EmailFrequency.DAILY, watch_on_post=False
    )
    NotificationLevel.objects.create(user=world.alumnus, forum=world.thematic, level=Level.MUTED)
    client.force_login(world.alumnus)

    page = parse(client.get(PREFERENCES))

    assert page.select_one("input[name=email_frequency][checked]")["value"] == "daily"
    assert not page.select_one("input[name=watch_on_post]").has_attr("checked")
    chosen = {
        select["name"]: select.select_one("option[selected]")["value"]
        for select in page.select("select")
    }
    assert chosen == {
        f"forum_{world.cohort.pk}": "normal",
        f"forum_{world.thematic.pk}": "muted",
        f"forum_{world.general.pk}": "normal",
    }
    assert "A daily digest" in text(str(page.select_one("fieldset")))


def test_saving_the_settings(client, community_world):
    world = community_world
    client.force_login(world.alumnus)
    response = client.post(
        PREFERENCES,
        {
            "email_frequency": "daily",
            f"forum_{world.cohort.pk}": "watching",
            f"forum_{world.thematic.pk}": "muted",
            f"forum_{world.general.pk}": "normal",
            # A forum the alumnus may not read is ignored.
            f"forum_{world.other_cohort.pk}": "watching",
        },
        follow=True,
    )
    assert "Your notification settings are saved." in text(response)
    profile = MemberProfile.objects.get(user=world.alumnus)
    assert (profile.email_frequency, profile.watch_on_post) == ("daily", False)
    assert dict(
        NotificationLevel.objects.filter(user=world.alumnus).values_list("forum__slug", "level")
    ) == {"ghent-2027": "watching", "housing-support": "muted"}


@pytest.mark.parametrize(
    "change", [{"email_frequency": "weekly"}, {"email_frequency": ""}, {"forum_level": "loud"}]
)
def test_bad_settings_show_the_form_again_and_save_nothing(client, community_world, change):
    world = community_world
    client.force_login(world.alumnus)
    data = {
        "email_frequency": "none",
        "watch_on_post": "on",
        f"forum_{world.cohort.pk}": "watching",
    }
    if "forum_level" in change:
        data[f"forum_{world.thematic.pk}"] = change["forum_level"]
    else:
        data.update(change)

    response = client.post(PREFERENCES, data)

    assert response.status_code == 400
    assert form_errors(response)
    page = parse(response)
    kept = page.select_one(f"select[name=forum_{world.cohort.pk}] option[selected]")
    assert kept["value"] == "watching"
    assert MemberProfile.objects.get(user=world.alumnus).email_frequency == "immediate"
    assert not NotificationLevel.objects.filter(user=world.alumnus).exists()


def topic_choices(response) -> dict[str, str]:
    """Each topic listed in the settings, by its label, with the level chosen."""
    page = parse(response)
    return {
        text(str(page.select_one(f"label[for='{select['id']}']"))): select.select_one(
            "option[selected]"
        )["value"]
        for select in page.select("select[name^=topic_]")
    }


def test_the_settings_list_the_topics_with_a_level_of_their_own(client, community_world):
    world = community_world
    mine = start_topic(world.alumnus, world.cohort, title="Language courses")  # posting watches
    theirs = start_topic(world.trainee, world.general, title="Data on newcomers")
    NotificationLevel.objects.create(user=world.alumnus, topic=theirs, level=Level.MUTED)
    elsewhere = start_topic(world.other_alumnus, world.other_cohort, title="Vienna only")
    NotificationLevel.objects.create(user=world.alumnus, topic=elsewhere, level=Level.WATCHING)
    client.force_login(world.alumnus)

    response = client.get(PREFERENCES)

    assert topic_choices(response) == {
        "Data on newcomers (Open forum)": "muted",
        "Language courses (Ghent 2027 cohort)": "watching",
    }
    assert ("Open the topic “Language courses”", mine.get_absolute_url()) in links(response)


def test_a_topic_level_changes_from_the_settings(client, community_world):
    world = community_world
    mine = start_topic(world.alumnus, world.cohort, title="Language courses")
    elsewhere = start_topic(world.other_alumnus, world.other_cohort, title="Vienna only")
    client.force_login(world.alumnus)

    client.post(
        PREFERENCES,
        {
            "email_frequency": "immediate",
            "watch_on_post": "on",
            f"topic_{mine.pk}": "normal",
            f"topic_{elsewhere.pk}": "watching",
        },
    )

    assert dict(
        NotificationLevel.objects.filter(user=world.alumnus, topic__isnull=False).values_list(
            "topic__title", "level"
        )
    ) == {"Language courses": "normal"}


@pytest.mark.parametrize("topics", [2, 40])
def test_the_settings_run_a_constant_number_of_queries(
    client, community_world, django_assert_max_num_queries, topics
):
    world = community_world
    made = Topic.objects.bulk_create(
        Topic(forum=world.general, title=f"Topic {n}", slug=f"topic-{n}", author=world.trainee)
        for n in range(topics)
    )
    NotificationLevel.objects.bulk_create(
        NotificationLevel(user=world.alumnus, topic=topic, level=Level.WATCHING) for topic in made
    )
    client.force_login(world.alumnus)
    client.get(PREFERENCES)
    with django_assert_max_num_queries(12):
        response = client.get(PREFERENCES)
    assert len(topic_choices(response)) == topics
