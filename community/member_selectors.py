"""Reads for member profiles: the directory a page at a time with its filter choices, one
member's profile with their recent posts, and what the profile form starts from. Each runs a fixed
number of queries whatever the number of members, tags or editions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser
from learning.standing import (
    Standing,
    editions_with_people,
    latest_enrolment_details,
    people_of_edition,
    standings_of,
)

from . import permissions
from .models import ExpertiseTag, MemberProfile, Post, Removal
from .profiles import display_name, own_name

DIRECTORY_PAGE_SIZE = 24
RECENT_POSTS = 10
TAG_SUGGESTIONS = 200
PROFILE_DETAILS = ("organisation", "role", "city", "country")


# ---------------------------------------------------------------------------------------------
# Cards: a profile as the directory and the profile page show it


@dataclass(frozen=True)
class EditionRole:
    """One edition a member belongs to, and how."""

    role: str  # "facilitator", "alumnus" or "trainee"
    edition_id: int
    title: str

    @property
    def label(self) -> str:
        if self.role == "facilitator":
            return _("Facilitator of %(edition)s") % {"edition": self.title}
        if self.role == "alumnus":
            return _("Alumnus of %(edition)s") % {"edition": self.title}
        return _("Trainee in %(edition)s") % {"edition": self.title}


@dataclass(frozen=True)
class MemberCard:
    profile: MemberProfile
    tags: list[ExpertiseTag]
    editions: list[EditionRole]

    @property
    def name(self) -> str:
        """The member's name as everyone sees it (``profile.user`` is loaded with the profile)."""
        return display_name(self.profile.user)

    @property
    def initials(self) -> str:
        return initials_of(own_name(self.profile.user))

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.profile.city, self.profile.country) if part)


def initials_of(name: str) -> str:
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def _edition_roles(mine: Standing, titles: dict[int, str]) -> list[EditionRole]:
    """Facilitated editions first, then those the member finished the residential course of,
    then those they are a trainee in; each edition once, the newest first within each kind."""
    rank = {pk: position for position, pk in enumerate(titles)}
    roles: list[EditionRole] = []
    seen: set[int] = set()
    for role, editions in (
        ("facilitator", mine.facilitator_of),
        ("alumnus", mine.alumnus_of),
        ("trainee", mine.trainee_of),
    ):
        for edition_id in sorted(
            (pk for pk in editions if pk in titles and pk not in seen), key=rank.__getitem__
        ):
            seen.add(edition_id)
            roles.append(EditionRole(role=role, edition_id=edition_id, title=titles[edition_id]))
    return roles


def member_cards(
    profiles: list[MemberProfile], *, titles: dict[int, str] | None = None
) -> list[MemberCard]:
    """Cards for profiles loaded with their tags prefetched (``_with_tags``): two more queries
    for everyone's editions, and one for the editions' titles unless ``titles`` are given."""
    if titles is None:
        titles = edition_titles()
    standings = standings_of(user_ids=[profile.user_id for profile in profiles])
    return [
        MemberCard(
            profile=profile,
            tags=sorted(profile.expertise.all(), key=lambda tag: tag.name.lower()),
            editions=_edition_roles(standings.get(profile.user_id, Standing()), titles),
        )
        for profile in profiles
    ]


def edition_titles() -> dict[int, str]:
    """Titles of the editions that have people, the newest first."""
    return {edition.pk: edition.title for edition in editions_with_people()}


def _with_tags(profiles: QuerySet[MemberProfile]) -> QuerySet[MemberProfile]:
    return profiles.select_related("user").prefetch_related("expertise")


# ---------------------------------------------------------------------------------------------
# The directory


@dataclass(frozen=True)
class DirectoryChoices:
    """What the directory's filters offer, taken from the profiles the viewer may see."""

    cities: list[str]
    countries: list[str]
    tags: list[tuple[str, str]]  # (slug, name)
    editions: list[tuple[int, str]]  # (id, title), the newest first


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    city: str = ""
    country: str = ""
    tag: str = ""  # a tag's slug
    edition: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.q or self.city or self.country or self.tag or self.edition)


@dataclass(frozen=True)
class DirectoryPage:
    page: Page
    cards: list[MemberCard] = field(default_factory=list)


def visible_profiles(*, viewer: AnyUser) -> QuerySet[MemberProfile]:
    return MemberProfile.objects.filter(permissions.visible_profile_filter(viewer))


def _distinct_case_insensitive(values) -> list[str]:
    found: dict[str, str] = {}
    # Sorted first, so that of "Ghent" and "ghent" the capitalised one is always offered.
    for value in sorted(values):
        value = " ".join(value.split())
        if value:
            found.setdefault(value.casefold(), value)
    return sorted(found.values(), key=str.casefold)


def directory_choices(*, viewer: AnyUser) -> DirectoryChoices:
    """Four queries: the cities, countries and tags among the profiles the viewer may see, and
    the editions that have people."""
    visible = visible_profiles(viewer=viewer)
    cities = visible.exclude(city="").order_by().values_list("city", flat=True).distinct()
    countries = visible.exclude(country="").order_by().values_list("country", flat=True).distinct()
    tags = (
        ExpertiseTag.objects.filter(tagged_profiles__content_object__in=visible.values("pk"))
        .distinct()
        .order_by(Lower("name"))
        .values_list("slug", "name")
    )
    return DirectoryChoices(
        cities=_distinct_case_insensitive(cities),
        countries=_distinct_case_insensitive(countries),
        tags=list(tags),
        editions=[(edition.pk, edition.title) for edition in editions_with_people()],
    )


def _search(profiles: QuerySet[MemberProfile], q: str) -> QuerySet[MemberProfile]:
    """Every word of the search in the name, the handle or the organisation."""
    for word in q.split()[:8]:
        profiles = profiles.filter(
            Q(display_name__icontains=word)
            | Q(organisation__icontains=word)
            | Q(handle__icontains=word)
        )
    return profiles


def directory_profiles(*, viewer: AnyUser, filters: DirectoryFilters) -> QuerySet[MemberProfile]:
    profiles = visible_profiles(viewer=viewer)
    if filters.city:
        profiles = profiles.filter(city__iexact=filters.city)
    if filters.country:
        profiles = profiles.filter(country__iexact=filters.country)
    if filters.tag:
        profiles = profiles.filter(tagged_expertise__tag__slug=filters.tag)
    if filters.edition:
        profiles = profiles.filter(user_id__in=people_of_edition(edition_id=filters.edition))
    if filters.q:
        profiles = _search(profiles, filters.q)
    return profiles.order_by(Lower("display_name"), "pk")


def directory_page(
    *,
    viewer: AnyUser,
    filters: DirectoryFilters,
    page_number: str | int | None,
    choices: DirectoryChoices,
) -> DirectoryPage:
    """One page of the directory: a count, the page's profiles with their tags, and their
    editions (the titles come with ``choices``)."""
    paginator = Paginator(
        _with_tags(directory_profiles(viewer=viewer, filters=filters)), DIRECTORY_PAGE_SIZE
    )
    page = paginator.get_page(page_number)
    return DirectoryPage(
        page=page, cards=member_cards(list(page.object_list), titles=dict(choices.editions))
    )


# ---------------------------------------------------------------------------------------------
# One member


@dataclass(frozen=True)
class ProfilePage:
    """What a member's profile page shows the viewer."""

    card: MemberCard
    recent_posts: list[Post]
    is_own: bool


def profile_by_handle(*, viewer: AnyUser, handle: str) -> MemberProfile | None:
    """The profile at this address when the viewer may see it; None for one that does not exist
    and for one the viewer may not see alike."""
    profile = _with_tags(MemberProfile.objects.filter(handle=handle.lower())).first()
    if profile is None or not permissions.can_view_profile(viewer, profile):
        return None
    return profile


def recent_posts(*, viewer: AnyUser, author_id: int) -> list[Post]:
    """The author's last visible posts, only in forums the viewer may read: one query."""
    return list(
        Post.objects.filter(
            author_id=author_id,
            removal=Removal.VISIBLE,
            forum__in=permissions.readable_forums(viewer),
        )
        .select_related("topic", "forum")
        .order_by("-created_at", "-pk")[:RECENT_POSTS]
    )


def profile_page(*, viewer: AnyUser, handle: str) -> ProfilePage | None:
    profile = profile_by_handle(viewer=viewer, handle=handle)
    if profile is None:
        return None
    posts = recent_posts(viewer=viewer, author_id=profile.user_id)
    for post in posts:
        # The post's address names the topic's forum: the one loaded with the post.
        post.topic.forum = post.forum
    return ProfilePage(
        card=member_cards([profile])[0],
        recent_posts=posts,
        is_own=profile.user_id == viewer.pk,
    )


# ---------------------------------------------------------------------------------------------
# The profile form


def profile_form_initial(*, user: AnyUser, profile: MemberProfile) -> dict:
    """What the form shows: the profile as saved; a profile that says nothing yet about the
    person's work starts from what they told the academy when they last enrolled."""
    initial = {
        "display_name": profile.display_name,
        "handle": profile.handle,
        "organisation": profile.organisation,
        "role": profile.role,
        "city": profile.city,
        "country": profile.country,
        "expertise": ", ".join(
            sorted((tag.name for tag in profile.expertise.all()), key=str.lower)
        ),
        "bio": profile.bio,
        "visibility": profile.visibility,
    }
    if not any(initial[name] for name in PROFILE_DETAILS):
        details = latest_enrolment_details(user=user) or {}
        initial.update({name: details.get(name, "") for name in PROFILE_DETAILS})
    return initial


def expertise_suggestions() -> list[str]:
    """The areas of expertise members already use, the most used first: one query."""
    return list(
        ExpertiseTag.objects.annotate(uses=Count("tagged_profiles"))
        .filter(uses__gt=0)
        .order_by("-uses", Lower("name"))
        .values_list("name", flat=True)[:TAG_SUGGESTIONS]
    )
