"""A member's profile page: who may open it at each visibility (and nobody learns that a hidden
profile exists), what it shows, and their recent posts only from forums the viewer may read."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from community import permissions, posting
from community.models import MemberProfile, Visibility
from tests.cms.factories import UserFactory
from tests.community.conftest import ROLES
from tests.community.factories import MemberProfileFactory, reply, start_topic
from tests.html import headings, links, text

VIEWERS = ["anonymous", *ROLES]

# Who opens a profile of each visibility, apart from its owner.
SEES = {
    Visibility.ALUMNI: {"alumnus", "other_alumnus", "facilitator", "editor"},
    Visibility.MEMBERS: {"trainee", "alumnus", "other_alumnus", "facilitator", "editor", "member"},
    Visibility.HIDDEN: {"editor"},
}


def profile_url(handle: str) -> str:
    return reverse("community:member", kwargs={"handle": handle})


def as_viewer(client, world, viewer: str):
    if viewer != "anonymous":
        client.force_login(world.people[viewer])
    return client


@pytest.fixture
def amira(community_world):
    """A verified member from Milan whose profile the tests show at each visibility."""
    user = UserFactory(email="amira@example.org", first_name="Amira", last_name="Haddad")
    return MemberProfileFactory(
        user=user,
        handle="amira-haddad",
        display_name="Amira Haddad",
        organisation="Comune di Milano",
        role="Housing officer",
        city="Milan",
        country="Italy",
        bio="I run the <b>one-stop shop</b>.\nAsk me about housing.",
    )


@pytest.mark.parametrize("visibility", Visibility.values)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_who_opens_a_profile_at_each_visibility(client, community_world, amira, viewer, visibility):
    MemberProfile.objects.filter(pk=amira.pk).update(visibility=visibility)

    response = as_viewer(client, community_world, viewer).get(profile_url("amira-haddad"))

    if viewer == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif viewer in SEES[visibility]:
        assert response.status_code == 200
        assert headings(response) == ["Amira Haddad"]
    else:
        # The same answer as for a handle nobody has: a hidden profile is not revealed.
        assert response.status_code == 404
        assert "Amira" not in response.content.decode()


@pytest.mark.parametrize("viewer", ROLES)
def test_everyone_signed_in_sees_their_own_profile_even_hidden(client, community_world, viewer):
    person = community_world.people[viewer]
    MemberProfile.objects.filter(user=person).update(visibility=Visibility.HIDDEN)
    client.force_login(person)

    response = client.get(profile_url(viewer.replace("_", "-")))

    assert response.status_code == 200
    assert "only you and the site's editors can see this page" in text(response)
    assert ("Edit your profile", reverse("community:profile")) in links(response)


@pytest.mark.parametrize("viewer", ["member", "editor"])
def test_an_unknown_handle_is_not_found(client, community_world, viewer):
    client.force_login(community_world.people[viewer])

    assert client.get(profile_url("nobody-here")).status_code == 404


def test_a_deactivated_persons_profile_is_gone_except_for_editors(client, community_world, amira):
    MemberProfile.objects.filter(pk=amira.pk).update(visibility=Visibility.MEMBERS)
    get_user_model().objects.filter(pk=amira.user_id).update(is_active=False)

    client.force_login(community_world.member)
    assert client.get(profile_url("amira-haddad")).status_code == 404
    client.force_login(community_world.editor)
    response = client.get(profile_url("amira-haddad"))
    assert response.status_code == 200
    assert headings(response) == ["Amira Haddad"]


def test_the_profile_shows_work_place_expertise_and_an_escaped_bio(client, community_world, amira):
    amira.expertise.add("Housing support", "One-stop shops")
    client.force_login(community_world.alumnus)

    response = client.get(profile_url("amira-haddad"))

    page = text(response)
    assert "@amira-haddad" in page
    assert "Housing officer, Comune di Milano" in page
    assert "Milan, Italy" in page
    assert ("Housing support", "/community/members/?tag=housing-support") in links(response)
    # Plain text: the tags typed stay visible as text, the line break becomes a break.
    html = response.content.decode()
    assert "I run the &lt;b&gt;one-stop shop&lt;/b&gt;.<br>Ask me about housing." in html
    assert "<b>one-stop shop</b>" not in html


def test_the_profile_names_the_editions_and_the_role_in_each(client, community_world):
    world = community_world
    client.force_login(world.member)
    MemberProfile.objects.filter(user__in=[world.alumnus, world.facilitator]).update(
        visibility=Visibility.MEMBERS
    )

    assert "Alumnus of Ghent 2027" in text(client.get(profile_url("alumnus")))
    assert "Facilitator of Ghent 2027" in text(client.get(profile_url("facilitator")))


@pytest.fixture
def posts_everywhere(community_world):
    """The alumnus posted in the cohort forum, a community of practice and the general forum,
    and deleted one more post in the general forum."""
    world = community_world
    MemberProfile.objects.filter(user=world.alumnus).update(visibility=Visibility.MEMBERS)
    cohort = start_topic(
        world.alumnus, world.cohort, title="Our cohort's reading list", source="Books first."
    )
    thematic = start_topic(
        world.alumnus, world.thematic, title="Rent guarantees for newcomers", source="Who pays?"
    )
    general = start_topic(
        world.member, world.general, title="Language courses at work", source="Any advice?"
    )
    answer = reply(world.alumnus, general, "We pay for the evening course.")
    regret = reply(world.alumnus, general, "Something I should not have written.")
    posting.post_delete(user=world.alumnus, post=regret)
    return {"cohort": cohort, "thematic": thematic, "general": general, "answer": answer}


@pytest.mark.parametrize(
    "viewer, shown",
    [
        ("member", {"Language courses at work"}),
        ("other_alumnus", {"Language courses at work", "Rent guarantees for newcomers"}),
        (
            "trainee",
            {"Language courses at work", "Our cohort's reading list"},
        ),
        (
            "facilitator",
            {
                "Language courses at work",
                "Rent guarantees for newcomers",
                "Our cohort's reading list",
            },
        ),
        (
            "editor",
            {
                "Language courses at work",
                "Rent guarantees for newcomers",
                "Our cohort's reading list",
            },
        ),
    ],
)
def test_recent_posts_come_only_from_forums_the_viewer_may_read(
    client, community_world, posts_everywhere, viewer, shown
):
    client.force_login(community_world.people[viewer])

    response = client.get(profile_url("alumnus"))

    listed = {words for words, href in links(response, ".member-posts")}
    assert listed == shown
    assert "Something I should not have written" not in text(response)
    answer = posts_everywhere["answer"]
    assert link_for(response, "Language courses at work") == answer.get_absolute_url()


def link_for(response, words: str) -> str:
    return next(href for text_, href in links(response, ".member-posts") if text_ == words)


def test_the_profile_lists_the_last_ten_posts_newest_first(client, community_world):
    world = community_world
    MemberProfile.objects.filter(user=world.alumnus).update(visibility=Visibility.MEMBERS)
    topic = start_topic(world.member, world.general, title="Data on newcomers", source="Data?")
    for number in range(12):
        reply(world.alumnus, topic, f"Figure number {number} from our office.")
    client.force_login(world.member)

    response = client.get(profile_url("alumnus"))

    items = [href for _, href in links(response, ".member-posts")]
    assert len(items) == 10
    assert items[0].endswith("?post=13")
    assert items[-1].endswith("?post=4")


def test_the_profile_page_runs_the_same_queries_for_few_or_many_posts(
    client, community_world, django_assert_max_num_queries
):
    world = community_world
    MemberProfile.objects.filter(user=world.alumnus).update(visibility=Visibility.MEMBERS)
    client.force_login(world.member)
    topic = start_topic(world.alumnus, world.general, title="Welcome desks", source="Hello.")

    def count() -> int:
        with django_assert_max_num_queries(100) as captured:
            assert client.get(profile_url("alumnus")).status_code == 200
        return len(captured.captured_queries)

    count()  # the first request of a test fills caches (the site, content types)
    few = count()
    for number in range(10):
        other = start_topic(
            world.member, world.general, title=f"Question {number}", source=f"Ask {number}"
        )
        reply(world.alumnus, other if number % 2 else topic, f"Answer {number}.")
    assert count() == few
    assert few <= 16


def test_permissions_filter_and_answer_agree(community_world, amira):
    """The directory's filter lists exactly the profiles the page opens, less hidden ones."""
    world = community_world
    for visibility in Visibility.values:
        MemberProfile.objects.filter(pk=amira.pk).update(visibility=visibility)
        amira.refresh_from_db()
        for role in ROLES:
            viewer = world.people[role]
            listed = MemberProfile.objects.filter(
                permissions.visible_profile_filter(viewer), pk=amira.pk
            ).exists()
            opens = permissions.can_view_profile(viewer, amira)
            assert listed == (opens and visibility != Visibility.HIDDEN), (role, visibility)


def test_recent_posts_show_what_the_member_wrote(client, community_world):
    world = community_world
    MemberProfile.objects.filter(user=world.alumnus).update(visibility=Visibility.MEMBERS)
    topic = start_topic(world.member, world.general, title="Cartoons", source="Favourites?")
    reply(world.alumnus, topic, 'Tom & Jerry\'s "q" <script>x</script> 5 < 6')
    client.force_login(world.member)

    shown = text(client.get(profile_url("alumnus")), ".member-posts")

    assert 'Tom & Jerry\'s "q"' in shown and "5 < 6" in shown
    assert "&amp;" not in shown and "&lt;" not in shown
