"""A topic's page as each person sees it: posts in number ranges, links to one post, the wrong
address, removed posts, quoting, replying, editing within the window, deleting, and the same
number of queries for the first and last page of a short and a very long topic."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.models import Forum, Post, PostEdit, ReadState, Removal, Topic
from tests.community.conftest import ROLES
from tests.community.factories import reply, start_topic
from tests.html import element, field_value, form_errors, links, text, texts

READERS_OF_THE_COHORT = {"trainee", "alumnus", "facilitator", "editor"}


def as_role(client, world, role):
    if role != "signed_out":
        client.force_login(world.people[role])
    return client


def numbers_shown(response) -> list[int]:
    return [
        int(anchor["id"].removeprefix("post-"))
        for anchor in element(response).select("article.post")
    ]


def _bulk_topic(forum, authors, count: int, title: str) -> Topic:
    """A topic of ``count`` posts, numbered and counted as the services would."""
    start = timezone.now() - datetime.timedelta(days=10)
    topic = Topic.objects.create(
        forum=forum, title=title, author=authors[0], created_at=start, last_post_at=start
    )
    posts = Post.objects.bulk_create(
        [
            Post(
                topic=topic,
                forum=forum,
                number=n,
                author=authors[n % len(authors)],
                source=f"Message {n}.",
                html=f"<p>Message {n}.</p>",
                created_at=start + datetime.timedelta(seconds=n),
            )
            for n in range(1, count + 1)
        ],
        batch_size=500,
    )
    last = posts[-1]
    Topic.objects.filter(pk=topic.pk).update(
        post_count=count, last_post=last, last_post_at=last.created_at
    )
    Forum.objects.filter(pk=forum.pk).update(
        topic_count=forum.topic_count + 1,
        post_count=forum.post_count + count,
        last_post=last,
        last_post_at=last.created_at,
    )
    forum.refresh_from_db()
    return topic


@pytest.fixture(scope="module")
def topics(_community_world, django_db_blocker):
    """In the cohort forum: a topic of 45 posts (one by a person whose account is gone), one of
    20 and one of 2,000, built once."""
    with django_db_blocker.unblock(), transaction.atomic():
        people = get_user_model().objects.in_bulk(_community_world["people"].values())
        role = {key: people[pk] for key, pk in _community_world["people"].items()}
        cohort = Forum.objects.get(pk=_community_world["forums"]["cohort"])
        authors = [role["alumnus"], role["trainee"], role["facilitator"], None]
        built = {
            "medium": _bulk_topic(cohort, authors, 45, "Language courses for parents"),
            "small": _bulk_topic(cohort, authors, 20, "A welcome"),
            "large": _bulk_topic(cohort, authors, 2000, "The very long thread"),
        }
        yield {key: topic.pk for key, topic in built.items()}
        transaction.set_rollback(True)


@pytest.fixture
def medium(topics):
    return Topic.objects.select_related("forum").get(pk=topics["medium"])


# ---------------------------------------------------------------------------------------------
# Who sees it


@pytest.mark.parametrize("role", ROLES + ["signed_out"])
def test_a_cohort_topic_opens_only_to_the_cohort(client, community_world, medium, role):
    response = as_role(client, community_world, role).get(medium.get_absolute_url())

    if role == "signed_out":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif role in READERS_OF_THE_COHORT:
        assert response.status_code == 200
        assert texts(response, "h1") == ["Language courses for parents"]
        assert numbers_shown(response) == list(range(1, 21))
    else:
        assert response.status_code == 404
        assert "Language courses" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_reply(client, community_world, medium, role):
    url = medium.get_absolute_url() + "reply/"
    response = as_role(client, community_world, role).post(url, {"source": f"From {role}."})

    if role in READERS_OF_THE_COHORT:
        assert response.status_code == 302
        post = Post.objects.get(topic=medium, source=f"From {role}.")
        assert post.number == 46
        assert response["Location"] == medium.get_absolute_url() + "?page=3#post-46"
    else:
        assert response.status_code == 404
        assert not Post.objects.filter(source=f"From {role}.").exists()


def test_an_address_under_another_forum_moves_permanently_to_the_topic(
    client, community_world, medium
):
    """Links made before a moderator moved the topic keep working."""
    as_role(client, community_world, "alumnus")

    response = client.get(f"/community/open-forum/{medium.pk}-{medium.slug}/?page=2")

    assert response.status_code == 301
    assert response["Location"] == medium.get_absolute_url() + "?page=2"


@pytest.mark.parametrize("forum", ["open-forum", "ghent-2027"])
def test_a_topic_of_a_forum_one_may_not_read_is_not_found_at_any_address(
    client, community_world, medium, forum
):
    as_role(client, community_world, "member")

    response = client.get(f"/community/{forum}/{medium.pk}-{medium.slug}/")

    assert response.status_code == 404


def test_a_wrong_slug_moves_permanently_to_the_right_address(client, community_world, medium):
    as_role(client, community_world, "alumnus")

    response = client.get(f"/community/ghent-2027/{medium.pk}-old-title/?page=2")

    assert response.status_code == 301
    assert response["Location"] == medium.get_absolute_url() + "?page=2"


# ---------------------------------------------------------------------------------------------
# Pages and links to one post


def test_page_k_shows_posts_of_its_number_range(client, community_world, medium):
    as_role(client, community_world, "alumnus")
    url = medium.get_absolute_url()

    assert numbers_shown(client.get(url + "?page=2")) == list(range(21, 41))
    assert numbers_shown(client.get(url + "?page=3")) == list(range(41, 46))
    assert "Page 3 of 3" in text(client.get(url + "?page=3"))


@pytest.mark.parametrize(
    "query, shown",
    [
        ("?page=0", range(1, 21)),
        ("?page=-2", range(1, 21)),
        ("?page=abc", range(1, 21)),
        ("?page=99999999999999", range(1, 21)),
        ("?page=7", range(41, 46)),
        ("?post=abc", range(1, 21)),
        ("?post=", range(1, 21)),
        ("?page=%00", range(1, 21)),
    ],
)
def test_bad_page_values_are_ignored(client, community_world, medium, query, shown):
    as_role(client, community_world, "alumnus")

    response = client.get(medium.get_absolute_url() + query)

    assert response.status_code == 200
    assert numbers_shown(response) == list(shown)


@pytest.mark.parametrize(
    "number, page, anchor",
    [("1", 1, 1), ("20", 1, 20), ("21", 2, 21), ("45", 3, 45), ("500", 3, 45)],
)
def test_a_link_to_a_post_goes_to_its_page(client, community_world, medium, number, page, anchor):
    as_role(client, community_world, "alumnus")

    response = client.get(medium.get_absolute_url() + f"?post={number}")

    assert response.status_code == 302
    assert response["Location"] == medium.get_absolute_url() + f"?page={page}#post-{anchor}"


def test_each_post_shows_its_number_author_and_time(client, community_world, medium):
    world = community_world
    as_role(client, world, "alumnus")

    response = client.get(medium.get_absolute_url())

    first = text(response, "#post-1")
    assert first.startswith("Trainee Post 1 ·")
    assert "Message 1." in first
    assert ("Post 1", "?post=1".join([medium.get_absolute_url(), ""])) in links(response)
    assert ("Trainee", "/community/members/trainee/") in links(response, "#post-1")
    assert text(response, "#post-3 h2") == "A former member"
    assert links(response, "#post-3 h2") == []


# ---------------------------------------------------------------------------------------------
# Removed posts


@pytest.fixture
def removed(community_world, medium):
    Post.objects.filter(topic=medium, number=2).update(removal=Removal.DELETED)
    Post.objects.filter(topic=medium, number=4).update(
        removal=Removal.HIDDEN, removal_reason="Personal details of a resident."
    )
    return medium


def test_removed_posts_keep_their_place_without_their_words(client, community_world, removed):
    as_role(client, community_world, "trainee")

    response = client.get(removed.get_absolute_url())

    assert "This post was deleted by its author." in text(response, "#post-2")
    assert "Message 2." not in text(response, "#post-2")
    assert "This post was hidden by a moderator." in text(response, "#post-4")
    assert "Personal details" not in text(response, "#post-4")
    assert "Message 4." not in text(response, "#post-4")
    assert numbers_shown(response) == list(range(1, 21))


def test_the_author_of_a_hidden_post_reads_the_moderators_reason(client, community_world, removed):
    as_role(client, community_world, "alumnus")  # who wrote post 4

    response = client.get(removed.get_absolute_url())

    assert "This post was hidden by a moderator: Personal details of a resident." in text(
        response, "#post-4"
    )
    assert "Message 4." not in text(response, "#post-4")


@pytest.mark.parametrize("role", ["facilitator", "editor"])
def test_moderators_still_read_removed_posts(client, community_world, removed, role):
    as_role(client, community_world, role)

    response = client.get(removed.get_absolute_url())

    hidden = text(response, "#post-4")
    assert "This post was hidden by a moderator: Personal details of a resident." in hidden
    assert "Only moderators see what it said: Message 4." in hidden


# ---------------------------------------------------------------------------------------------
# Replying and quoting


def test_quoting_fills_the_reply_form(client, community_world, medium):
    as_role(client, community_world, "alumnus")

    page = client.get(medium.get_absolute_url())
    quote_link = dict(links(page, "#post-2"))["Quote post 2"]
    assert quote_link == medium.get_absolute_url() + "?page=1&quote=2#reply"
    response = client.get(quote_link)

    assert text(response, "textarea") == "> @facilitator wrote in post 2: > Message 2."
    quoted = Post.objects.get(topic=medium, number=2)
    assert field_value(response, "quoted") == str(quoted.pk)

    sent = client.post(
        medium.get_absolute_url() + "reply/",
        {"source": "> Message 2.\n\nAgreed.", "quoted": str(quoted.pk)},
    )
    assert sent.status_code == 302
    assert Post.objects.get(topic=medium, number=46).quoted == quoted


def test_a_quote_of_a_post_from_elsewhere_is_dropped(client, community_world, medium, topics):
    as_role(client, community_world, "alumnus")
    elsewhere = Post.objects.filter(topic_id=topics["small"]).first()

    for value in [str(elsewhere.pk), "nonsense", "99999999999999999999"]:
        client.post(
            medium.get_absolute_url() + "reply/", {"source": f"About {value}", "quoted": value}
        )
        # Each reply is five seconds apart in the limits: move the last one back.
        Post.objects.filter(topic=medium, source=f"About {value}").update(
            created_at=timezone.now() - datetime.timedelta(minutes=10)
        )

    assert list(
        Post.objects.filter(topic=medium, number__gt=45).values_list("quoted", flat=True)
    ) == [
        None,
        None,
        None,
    ]


def test_a_refused_reply_keeps_its_text_and_says_why(client, community_world, medium):
    as_role(client, community_world, "alumnus")
    client.post(medium.get_absolute_url() + "reply/", {"source": "First."})

    response = client.post(medium.get_absolute_url() + "reply/", {"source": "Second, at once."})

    assert response.status_code == 400
    assert "You are posting too fast" in " ".join(form_errors(response))
    assert text(response, "textarea") == "Second, at once."
    assert not Post.objects.filter(topic=medium, source="Second, at once.").exists()
    assert numbers_shown(response)[-1] == 46  # the last page, with the reply before
    # The page stands at the POST-only reply address: its forms lead back to the topic.
    assert element(response, "form.post-form")["action"] == medium.get_absolute_url() + "reply/"
    assert element(response, ".level-form form [name=next]")["value"] == medium.get_absolute_url()
    assert "Notifications for this topic" in text(response, ".level-form form")


def test_an_empty_reply_is_refused_with_a_message(client, community_world, medium):
    as_role(client, community_world, "alumnus")

    response = client.post(medium.get_absolute_url() + "reply/", {"source": "   "})

    assert form_errors(response) == ["Write a message."]
    assert Post.objects.filter(topic=medium).count() == medium.post_count


def test_a_locked_topic_says_so_and_refuses_replies(client, community_world, medium):
    Topic.objects.filter(pk=medium.pk).update(locked=True)
    as_role(client, community_world, "alumnus")

    page = client.get(medium.get_absolute_url())
    response = client.post(medium.get_absolute_url() + "reply/", {"source": "Still here?"})

    assert "This topic is locked by a moderator" in text(page, "#reply")
    assert element(page).select("#reply textarea") == []
    assert response.status_code == 403
    assert not Post.objects.filter(topic=medium, source="Still here?").exists()


def test_a_moderator_may_reply_in_a_locked_topic(client, community_world, medium):
    Topic.objects.filter(pk=medium.pk).update(locked=True)
    as_role(client, community_world, "facilitator")

    response = client.post(medium.get_absolute_url() + "reply/", {"source": "Closing note."})

    assert response.status_code == 302
    closing = Post.objects.filter(topic=medium).latest("number")
    assert (closing.author, closing.source) == (community_world.facilitator, "Closing note.")
    assert closing.number == medium.post_count + 1
    page = client.get(response["Location"])
    assert "Closing note." in text(page, f"#post-{closing.number}")


def test_an_archived_forum_takes_no_reply(client, community_world, medium):
    Forum.objects.filter(pk=medium.forum_id).update(archived=True)
    as_role(client, community_world, "alumnus")

    page = client.get(medium.get_absolute_url())

    assert "This forum is archived" in text(page, "#reply")
    assert client.post(medium.get_absolute_url() + "reply/", {"source": "Hi"}).status_code == 403
    assert not Post.objects.filter(topic=medium, source="Hi").exists()


def test_reading_a_page_marks_the_topic_read_up_to_its_last_post(client, community_world, medium):
    world = community_world
    as_role(client, world, "trainee")

    client.get(medium.get_absolute_url() + "?page=2")
    assert ReadState.objects.get(user=world.trainee, topic=medium).last_read_number == 40
    client.get(medium.get_absolute_url())
    assert ReadState.objects.get(user=world.trainee, topic=medium).last_read_number == 40


# ---------------------------------------------------------------------------------------------
# Editing and deleting


def own_post(world, minutes_ago: int) -> Post:
    topic = start_topic(
        world.alumnus,
        world.cohort,
        title="Housing for families",
        source="We rent flats from the city.",
        at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )
    return topic.posts.get()


def test_the_author_edits_within_thirty_minutes_and_readers_see_it_was_edited(
    client, community_world
):
    world = community_world
    post = own_post(world, minutes_ago=29)
    as_role(client, world, "alumnus")
    edit_url = reverse("community:post_edit", kwargs={"post_id": post.pk})

    assert ("Edit post 1", edit_url) in links(client.get(post.topic.get_absolute_url()))
    form = client.get(edit_url)
    assert text(form, "textarea") == "We rent flats from the city."
    response = client.post(edit_url, {"source": "We rent flats from the city and a co-op."})

    assert response.status_code == 302
    assert response["Location"] == post.topic.get_absolute_url() + "?page=1#post-1"
    edit = PostEdit.objects.get(post=post)
    assert (edit.editor, edit.previous_source) == (world.alumnus, "We rent flats from the city.")
    page = client.get(post.topic.get_absolute_url())
    assert "edited" in text(page, "#post-1 .post__meta")
    assert "and a co-op" in text(page, "#post-1")


def test_after_thirty_minutes_the_author_can_no_longer_edit(client, community_world):
    world = community_world
    post = own_post(world, minutes_ago=31)
    as_role(client, world, "alumnus")
    edit_url = reverse("community:post_edit", kwargs={"post_id": post.pk})

    assert "Edit post 1" not in text(client.get(post.topic.get_absolute_url()))
    assert client.get(edit_url).status_code == 403
    assert client.post(edit_url, {"source": "Changed."}).status_code == 403
    post.refresh_from_db()
    assert post.source == "We rent flats from the city."


def test_a_moderator_edits_at_any_time(client, community_world):
    world = community_world
    post = own_post(world, minutes_ago=600)
    as_role(client, world, "facilitator")

    response = client.post(
        reverse("community:post_edit", kwargs={"post_id": post.pk}), {"source": "[address removed]"}
    )

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.source == "[address removed]"
    assert PostEdit.objects.get(post=post).editor == world.facilitator


@pytest.mark.parametrize("role", ["trainee", "member", "other_alumnus"])
def test_others_may_not_edit_a_post(client, community_world, role):
    world = community_world
    post = own_post(world, minutes_ago=1)

    response = as_role(client, world, role).get(
        reverse("community:post_edit", kwargs={"post_id": post.pk})
    )

    assert response.status_code == (403 if role == "trainee" else 404)


def test_an_empty_edit_is_refused_and_the_post_kept(client, community_world):
    world = community_world
    post = own_post(world, minutes_ago=1)
    as_role(client, world, "alumnus")

    response = client.post(
        reverse("community:post_edit", kwargs={"post_id": post.pk}), {"source": ""}
    )

    assert form_errors(response) == ["Write a message."]
    post.refresh_from_db()
    assert post.source == "We rent flats from the city."


def test_the_author_deletes_a_post_after_confirming(client, community_world):
    world = community_world
    post = own_post(world, minutes_ago=100)
    reply(world.trainee, post.topic, "A reply that stays.", at=timezone.now())
    as_role(client, world, "alumnus")
    delete_url = reverse("community:post_delete", kwargs={"post_id": post.pk})

    confirm = client.get(delete_url)
    assert "Delete post 1?" in text(confirm, "h1")
    response = client.post(delete_url)

    assert response.status_code == 302
    page = client.get(post.topic.get_absolute_url())
    assert "This post was deleted by its author." in text(page, "#post-1")
    assert "A reply that stays." in text(page, "#post-2")


@pytest.mark.parametrize("role", ["trainee", "facilitator"])
def test_only_the_author_deletes_through_this_page(client, community_world, role):
    world = community_world
    post = own_post(world, minutes_ago=1)

    response = as_role(client, world, role).post(
        reverse("community:post_delete", kwargs={"post_id": post.pk})
    )

    assert response.status_code == 403
    post.refresh_from_db()
    assert post.is_visible


# ---------------------------------------------------------------------------------------------
# Query budget


TOPIC_BUDGET = 18


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["alumnus", "facilitator", "editor"])
def test_first_and_last_pages_cost_the_same_in_short_and_long_topics(
    client, community_world, topics, role
):
    as_role(client, community_world, role)
    small = Topic.objects.select_related("forum").get(pk=topics["small"])
    large = Topic.objects.select_related("forum").get(pk=topics["large"])
    pages = [
        small.get_absolute_url(),
        large.get_absolute_url(),
        large.get_absolute_url() + "?page=100",
    ]

    client.get("/community/")  # the session, the site and the like, once
    # A first visit writes the read state, a second reads the page alone.
    first_visits = [_count(client, url) for url in pages]
    visits_again = [_count(client, url) for url in pages]

    assert first_visits[0] == first_visits[1] <= TOPIC_BUDGET
    assert visits_again[0] == visits_again[1] == visits_again[2] <= TOPIC_BUDGET
    # The last page moves on the read state which the first page created.
    assert first_visits[2] <= first_visits[1]
    last = client.get(large.get_absolute_url() + "?page=100")
    assert numbers_shown(last) == list(range(1981, 2001))
