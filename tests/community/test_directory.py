"""The member directory: who may use it, whose cards each person sees, the filters (choices taken
from the data), the cards' contents, pagination and the query budget at two sizes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from community.member_selectors import DIRECTORY_PAGE_SIZE
from community.models import MemberProfile, Visibility
from tests.cms.factories import UserFactory
from tests.community.conftest import ROLES
from tests.community.factories import MemberProfileFactory
from tests.html import headings, links, parse, selected_options, text, texts
from tests.learning.factories import EnrolmentFactory, FacilitatorFactory

URL = reverse("community:members")


def card_names(response) -> list[str]:
    return texts(response, ".member-card h3")


def card_of(response, name: str) -> str:
    for card in parse(response).select(".member-card"):
        if card.select_one("h3").get_text(strip=True) == name:
            return text(str(card))
    raise AssertionError(f"no card for {name!r}")


def options(response, name: str) -> list[str]:
    return [
        option.get_text(strip=True)
        for option in parse(response).select(f'select[name="{name}"] option')
    ]


def person(name: str, visibility=Visibility.MEMBERS, **profile):
    first, _, last = name.partition(" ")
    user = UserFactory(first_name=first, last_name=last, verified=True)
    tags = profile.pop("tags", [])
    made = MemberProfileFactory(user=user, display_name=name, visibility=visibility, **profile)
    if tags:
        made.expertise.add(*tags)
    return made


@pytest.mark.parametrize("viewer", ["anonymous", *ROLES])
def test_who_may_use_the_directory(client, community_world, viewer):
    if viewer != "anonymous":
        client.force_login(community_world.people[viewer])

    response = client.get(URL)

    if viewer == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif viewer == "unverified":
        assert response.status_code == 403
        assert headings(response) == ["Confirm your e-mail address first"]
    else:
        assert response.status_code == 200
        assert headings(response) == ["Members"]


# Whose cards each person finds, by the profiles' visibility.
FINDS = {
    "trainee": {"Members Level"},
    "alumnus": {"Members Level", "Alumni Level"},
    "facilitator": {"Members Level", "Alumni Level"},
    "editor": {"Members Level", "Alumni Level"},
    "member": {"Members Level"},
    "other_alumnus": {"Members Level", "Alumni Level"},
}


@pytest.mark.parametrize("viewer", sorted(FINDS))
def test_each_person_finds_the_profiles_they_may_see(client, community_world, viewer):
    person("Members Level", Visibility.MEMBERS)
    person("Alumni Level", Visibility.ALUMNI)
    person("Hidden Level", Visibility.HIDDEN)
    client.force_login(community_world.people[viewer])

    names = set(card_names(client.get(URL)))

    # The world's people keep the default (alumni only): leave them aside.
    world_names = {role.title() for role in ROLES}
    assert names - world_names == FINDS[viewer]


def test_a_hidden_profile_is_listed_only_for_its_owner(client, community_world):
    world = community_world
    MemberProfile.objects.filter(user=world.member).update(visibility=Visibility.HIDDEN)

    client.force_login(world.member)
    assert "Member" in card_names(client.get(URL))
    client.force_login(world.editor)
    assert "Member" not in card_names(client.get(URL))


def test_cards_are_sorted_by_name_and_show_what_a_peer_needs(client, community_world):
    world = community_world
    person(
        "zoë Lindqvist",
        organisation="Göteborgs Stad",
        role="Labour-market adviser",
        city="Gothenburg",
        country="Sweden",
        tags=["Early labour-market integration"],
    )
    MemberProfile.objects.filter(user__in=[world.alumnus, world.facilitator]).update(
        visibility=Visibility.MEMBERS
    )
    client.force_login(world.member)

    response = client.get(URL)

    names = card_names(response)
    assert names == sorted(names, key=str.lower)
    card = card_of(response, "zoë Lindqvist")
    assert "Labour-market adviser, Göteborgs Stad" in card
    assert "Gothenburg, Sweden" in card
    assert "Early labour-market integration" in card
    assert "ZL" in card  # no photo: the initials stand in
    assert "Alumnus of Ghent 2027" in card_of(response, "Alumnus")
    assert "Facilitator of Ghent 2027" in card_of(response, "Facilitator")
    assert (
        "Alumnus",
        reverse("community:member", kwargs={"handle": "alumnus"}),
    ) in links(response, ".card-grid")


@pytest.fixture
def peers(community_world):
    """Members in three cities, with expertise, and one facilitator of the other edition."""
    world = community_world
    people = {
        "anna": person("Anna Berg", city="Gothenburg", country="Sweden", tags=["Housing support"]),
        "bram": person(
            "Bram Peeters",
            city="ghent",
            country="Belgium",
            organisation="Stad Gent",
            tags=["Language courses"],
        ),
        "chiara": person("Chiara Rossi", city="Ghent", country="Belgium", tags=["Housing support"]),
        "dmitri": person("Dmitri Novak", city="Zagreb", country="Croatia"),
    }
    EnrolmentFactory(
        user=people["anna"].user,
        edition=world.other_edition,
        residential_attended_at=timezone.now(),
    )
    FacilitatorFactory(user=people["dmitri"].user, edition=world.other_edition)
    person("Hidden Person", Visibility.HIDDEN, city="Vienna", country="Austria", tags=["Secret"])
    return people


def test_filter_choices_come_from_the_profiles_the_viewer_may_see(client, community_world, peers):
    client.force_login(community_world.member)

    response = client.get(URL)

    # One entry per place whatever its case; nothing from the hidden profile.
    assert options(response, "city") == ["Any city", "Ghent", "Gothenburg", "Zagreb"]
    assert options(response, "country") == ["Any country", "Belgium", "Croatia", "Sweden"]
    assert options(response, "tag") == ["Any area", "Housing support", "Language courses"]
    assert options(response, "edition") == ["Any edition", "Ghent 2027", "Vienna 2026"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"city": "Ghent"}, {"Bram Peeters", "Chiara Rossi"}),
        ({"country": "Sweden"}, {"Anna Berg"}),
        ({"tag": "housing-support"}, {"Anna Berg", "Chiara Rossi"}),
        ({"q": "gent"}, {"Bram Peeters"}),
        ({"q": "rossi chiara"}, {"Chiara Rossi"}),
        ({"city": "Ghent", "tag": "language-courses"}, {"Bram Peeters"}),
    ],
)
def test_filters_narrow_the_directory(client, community_world, peers, params, expected):
    client.force_login(community_world.member)

    response = client.get(URL, params)

    # The world's own people have no city, tag or matching name: only the peers are left.
    assert set(card_names(response)) == expected
    assert ("Clear filters", URL) in links(response)


def test_the_edition_filter_finds_its_trainees_alumni_and_facilitators(
    client, community_world, peers
):
    world = community_world
    client.force_login(world.editor)

    response = client.get(URL, {"edition": world.other_edition.pk})

    assert set(card_names(response)) == {"Anna Berg", "Dmitri Novak", "Other_Alumnus"}
    assert selected_options(response, "edition") == [str(world.other_edition.pk)]
    assert "Facilitator of Vienna 2026" in card_of(response, "Dmitri Novak")
    assert "Alumnus of Vienna 2026" in card_of(response, "Anna Berg")


def test_an_unknown_filter_value_is_dropped_and_the_others_still_apply(
    client, community_world, peers
):
    client.force_login(community_world.member)

    response = client.get(URL, {"city": "Atlantis", "country": "Belgium", "edition": "x"})

    assert response.status_code == 200
    assert set(card_names(response)) == {"Bram Peeters", "Chiara Rossi"}
    assert "That value is not available; showing all instead." in text(response)


def test_nobody_found_says_so(client, community_world, peers):
    client.force_login(community_world.member)

    response = client.get(URL, {"q": "nobody by this name"})

    assert card_names(response) == []
    assert "Nobody matches these filters. Try removing one." in text(response)


def test_the_directory_shows_24_a_page_and_keeps_the_filters_across_pages(client, community_world):
    for number in range(DIRECTORY_PAGE_SIZE + 2):
        person(f"Peer {number:02d}", country="Italy")
    client.force_login(community_world.member)

    first = client.get(URL, {"country": "Italy"})
    second = client.get(URL, {"country": "Italy", "page": 2})

    assert len(card_names(first)) == DIRECTORY_PAGE_SIZE
    assert card_names(second) == ["Peer 24", "Peer 25"]
    assert "26 members" in text(first)
    assert ("Next", "?country=Italy&page=2") in links(first)


def test_the_directory_runs_the_same_queries_for_few_or_many_members(
    client, community_world, django_assert_max_num_queries
):
    world = community_world
    client.force_login(world.alumnus)

    def count() -> tuple[int, int]:
        with django_assert_max_num_queries(100) as captured:
            response = client.get(URL)
        assert response.status_code == 200
        return len(captured.captured_queries), len(card_names(response))

    count()  # the first request of a test fills caches (the site, content types)
    few, shown_few = count()
    for number in range(30):
        made = person(
            f"Member {number:02d}",
            city=f"City {number % 7}",
            country=f"Country {number % 3}",
            tags=[f"Topic {number % 5}", f"Topic {number % 4 + 10}"],
        )
        if number % 2:
            EnrolmentFactory(
                user=made.user,
                edition=world.edition if number % 4 == 1 else world.other_edition,
                residential_attended_at=timezone.now(),
            )
    many, shown_many = count()

    assert shown_many == DIRECTORY_PAGE_SIZE > shown_few
    assert many == few
    assert few <= 20
