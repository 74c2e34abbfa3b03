"""Demo content for the selection pipeline: a closed round with its short list and an open call.

``seed_selection_demo(stdout=...)`` is idempotent: rounds, pages, people and nominations are
found by natural keys (slugs, e-mail addresses, a reference derived from the practice name)
and only what is missing is created. It goes through the same services as the site.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from cms.models import HomePage, PolicyField, PracticeIndexPage, PracticePage

from . import services
from .models import CallForPracticesPage, Decision, Nomination, Review, SelectionRound
from .permissions import REVIEWERS_GROUP

CLOSED_ROUND = {
    "slug": "selection-2024",
    "name": "Selection 2024",
    "reference_date": datetime.date(2024, 3, 31),
}
OPEN_ROUND = {"slug": "call-2026", "name": "Call 2026"}
REVIEWERS = [
    ("reviewer@example.org", "Rosa", "Reviewer"),
    ("reviewer2@example.org", "Tomas", "Second-Reader"),
]
# What seed_demo prints in its table of demo accounts.
ACCOUNTS = [
    (email, "reviewer of nominations (Reviewers group)") for email, _first, _last in REVIEWERS
]
POLICY_FIELDS = {
    "housing": "Housing",
    "employment": "Employment",
    "education": "Education",
    "health": "Health",
    "participation": "Civic participation",
    "language": "Language learning",
}
NAMESPACE = uuid.UUID("5b1c1c1e-8a53-4a53-9d55-8c9f3a0f6d21")

# name, city, country, fields, start, end, authorities, goals ok, local ok, (scores of two reviewers)
D = datetime.date
CLOSED_NOMINATIONS = [
    (
        "Recognition advice at the first job-centre visit",
        "Hamburg",
        "Germany",
        ["housing", "employment"],
        D(2012, 4, 1),
        None,
        "Hamburg Senate Department for Labour, Social Affairs and Integration",
        True,
        True,
        (5, 4, 4, 5),
        (4, 4, 4, 5),
    ),
    (
        "Neighbourhood English clubs",
        "Southwark",
        "United Kingdom",
        ["language", "participation"],
        D(2015, 9, 1),
        None,
        "Southwark Council",
        True,
        True,
        (4, 5, 3, 5),
        (4, 4, 4, 4),
    ),
    (
        "Neighbourhood health guides",
        "Vejle",
        "Denmark",
        ["employment"],
        D(2013, 1, 15),
        None,
        "Vejle Municipality job centre",
        True,
        True,
        (4, 5, 4, 4),
        (5, 4, 4, 4),
    ),
    (
        "Language circles for parents in municipal kindergartens",
        "Vienna",
        "Austria",
        ["education", "employment"],
        D(2010, 9, 1),
        None,
        "City of Vienna, department for integration and diversity",
        True,
        True,
        (4, 4, 5, 4),
        (3, 5, 5, 4),
    ),
    (
        "Island mentoring scheme",
        "Visby",
        "Sweden",
        ["participation", "employment"],
        D(2016, 2, 1),
        D(2023, 6, 30),
        "Gotland Region",
        True,
        True,
        (5, 3, 3, 4),
        (4, 3, 3, 5),
    ),
    (
        "Discrimination testing in the private rental market",
        "Ghent",
        "Belgium",
        ["health"],
        D(2015, 5, 1),
        None,
        "City of Ghent public health service",
        True,
        True,
        (4, 4, 4, 4),
        (4, 3, 4, 4),
    ),
    (
        "Shared flats for young refugees",
        "Milan",
        "Italy",
        ["housing"],
        D(2016, 9, 1),
        None,
        "Municipality of Milan social policy department",
        True,
        True,
        (5, 4, 2, 3),
        (4, 4, 3, 3),
    ),
    (
        "Parents in school councils",
        "Nantes",
        "France",
        ["education", "participation"],
        D(2018, 1, 1),
        None,
        "Nantes Métropole",
        True,
        True,
        (3, 4, 4, 4),
        (3, 3, 4, 4),
    ),
    (
        "One-stop shop for newcomer services",
        "Dortmund",
        "Germany",
        ["employment", "housing"],
        D(2017, 4, 1),
        None,
        "City of Dortmund",
        True,
        True,
        (4, 4, 4, 5),
        (4, 4, 3, 5),
    ),
    (
        "Language cafés in public libraries",
        "Gothenburg",
        "Sweden",
        ["language"],
        D(2015, 1, 1),
        None,
        "Gothenburg city libraries",
        True,
        True,
        (3, 4, 5, 5),
        (3, 4, 4, 5),
    ),
    (
        "Interpreting pool for clinics",
        "Zagreb",
        "Croatia",
        ["health"],
        D(2019, 5, 1),
        None,
        "City of Zagreb health office",
        True,
        True,
        (4, 3, 3, 4),
        (2, 3, 3, 4),
    ),
    (
        "Tenancy coaching",
        "Lublin",
        "Poland",
        ["housing"],
        D(2018, 3, 1),
        None,
        "Lublin City Office",
        True,
        True,
        (3, 3, 3, 3),
        (3, 4, 3, 3),
    ),
    (
        "Apprenticeship bridge",
        "Fuenlabrada",
        "Spain",
        ["employment", "education"],
        D(2017, 10, 1),
        None,
        "Fuenlabrada City Council",
        True,
        True,
        (4, 4, 4, 3),
        (5, 4, 3, 3),
    ),
    (
        "Women's cycling and city walks",
        "Athens",
        "Greece",
        ["participation", "health"],
        D(2019, 1, 1),
        None,
        "City of Athens migrant integration council",
        True,
        True,
        (5, 3, 2, 4),
        (5, 2, 2, 4),
    ),
    (
        "Recognition of foreign diplomas",
        "Vienna",
        "Austria",
        ["employment", "education"],
        D(2014, 1, 1),
        None,
        "City of Vienna adult education service",
        True,
        True,
        (3, 4, 4, 5),
        (4, 4, 4, 4),
    ),
    (
        "Homework help in housing estates",
        "Hamburg",
        "Germany",
        ["education"],
        D(2016, 1, 1),
        None,
        "Hamburg district office Altona",
        True,
        True,
        (3, 4, 3, 4),
        (3, 3, 3, 4),
    ),
    (
        "Newcomer health check-ins",
        "Southwark",
        "United Kingdom",
        ["health"],
        D(2018, 6, 1),
        None,
        "Southwark public health team",
        True,
        True,
        (4, 4, 3, 3),
        (4, 3, 3, 3),
    ),
    (
        "Community sponsorship of families",
        "Ghent",
        "Belgium",
        ["participation", "housing"],
        D(2020, 1, 1),
        None,
        "City of Ghent",
        True,
        True,
        (5, 3, 3, 3),
        (2, 3, 3, 3),
    ),
    (
        "Mentoring for young people leaving reception care",
        "Milan",
        "Italy",
        ["language"],
        D(2017, 1, 1),
        None,
        "Municipality of Milan",
        True,
        True,
        (3, 3, 4, 4),
        (3, 3, 4, 4),
    ),
    (
        "Digital skills for newcomers",
        "Nantes",
        "France",
        ["education", "employment"],
        D(2020, 9, 1),
        None,
        "Nantes Métropole",
        True,
        True,
        (4, 3, 3, 4),
        (4, 3, 3, 3),
    ),
    # Failing pre-requisites, each for a visible reason.
    (
        "Festival of cultures",
        "Lublin",
        "Poland",
        ["participation"],
        D(2017, 5, 1),
        None,
        "",
        True,
        True,
        None,
        None,
    ),
    (
        "Job fair for refugees",
        "Athens",
        "Greece",
        ["employment"],
        D(2015, 1, 1),
        D(2020, 12, 31),
        "City of Athens",
        True,
        True,
        None,
        None,
    ),
    (
        "Pilot housing advice line",
        "Dortmund",
        "Germany",
        ["housing"],
        D(2023, 1, 15),
        None,
        "City of Dortmund",
        True,
        True,
        None,
        None,
    ),
    (
        "National language test reform",
        "Zagreb",
        "Croatia",
        ["language"],
        D(2016, 1, 1),
        None,
        "Ministry of Science and Education",
        True,
        False,
        None,
        None,
    ),
    (
        "Neighbourhood sports nights",
        "Gothenburg",
        "Sweden",
        ["participation", "health"],
        D(2016, 1, 1),
        None,
        "Gothenburg sports administration",
        False,
        True,
        None,
        None,
    ),
    (
        "Summer school for teenagers",
        "Fuenlabrada",
        "Spain",
        ["education"],
        D(2014, 6, 1),
        D(2021, 9, 30),
        "Fuenlabrada City Council",
        True,
        True,
        None,
        None,
    ),
    (
        "Pop-up legal clinic",
        "Vejle",
        "Denmark",
        ["housing"],
        D(2022, 11, 1),
        None,
        "",
        True,
        True,
        None,
        None,
    ),
    (
        "Intercultural mediators in hospitals",
        "Milan",
        "Italy",
        ["health"],
        D(2010, 1, 1),
        D(2019, 6, 30),
        "Milan health agency",
        True,
        True,
        None,
        None,
    ),
    (
        "Regional employment strategy",
        "Vienna",
        "Austria",
        ["employment"],
        D(2015, 1, 1),
        None,
        "Federal employment service",
        True,
        False,
        None,
        None,
    ),
    (
        "Arts collective for newcomers",
        "Southwark",
        "United Kingdom",
        ["participation"],
        D(2018, 1, 1),
        None,
        "Southwark culture team",
        False,
        True,
        None,
        None,
    ),
]
OPEN_NOMINATIONS = [
    (
        "Bike repair workshops with newcomers",
        "Ghent",
        "Belgium",
        ["participation", "employment"],
        D(2021, 4, 1),
        None,
        "City of Ghent mobility service",
    ),
    (
        "Childcare places for parents in language courses",
        "Visby",
        "Sweden",
        ["education", "language"],
        D(2022, 1, 10),
        None,
        "Gotland Region",
    ),
]
# A reason an editor gave for a decision, keyed by practice name.
DECISIONS = {
    "Women's cycling and city walks": (
        Decision.PINNED,
        "The only practice led by and for women; it adds a view the others miss.",
    ),
    "Shared flats for young refugees": (
        Decision.EXCLUDED,
        "Studied in depth by a partner project last year; we would duplicate it.",
    ),
}
PROMOTE = ["Parents in school councils"]


def _reference(round_slug: str, name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{round_slug}/{name}")


def _policy_fields(stdout) -> dict[str, PolicyField]:
    found = {}
    for slug, name in POLICY_FIELDS.items():
        field = (
            PolicyField.objects.filter(slug=slug).first()
            or PolicyField.objects.filter(name__iexact=name).first()
        )
        if field is None:
            field = PolicyField.objects.create(slug=slug, name=name)
            stdout.write(f"  policy field {name} created")
        found[slug] = field
    return found


def _reviewers(stdout) -> list:
    from allauth.account.models import EmailAddress

    User = get_user_model()
    group = Group.objects.get(name=REVIEWERS_GROUP)
    people = []
    for email, first, last in REVIEWERS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email, first_name=first, last_name=last)
            user.set_password(settings.DEMO_PASSWORD)
            user.full_clean()
            user.save()
            stdout.write(f"  reviewer {email} created")
        user.groups.add(group)
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people.append(user)
    return people


def _submit(selection_round, row, fields) -> Nomination:
    name, city, country, field_slugs, start, end, authorities = row[:7]
    reference = _reference(selection_round.slug, name)
    existing = Nomination.objects.filter(reference=reference).first()
    if existing is not None:
        return existing
    nomination = services.nomination_submit(
        selection_round=selection_round,
        data={
            "practice_name": name,
            "city": city,
            "country": country,
            "lead_organisation": authorities or f"A community association in {city}",
            "public_authorities": authorities,
            "start_date": start,
            "end_date": end,
            "goals": (
                f"Help people who moved to {city} recently take part in the life of the city "
                "on an equal footing, and measure whether they do."
            ),
            "description": (
                f"{name} is run in {city}. Staff and volunteers work with newcomers and "
                "long-term residents side by side.\n\nThe team meets its partners every month "
                "to adjust what it offers."
            ),
            "results": "Participation has grown every year and most participants stay on.",
            "funding": "The city budget, with a European grant for the first years.",
            "links": f"https://example.org/{_reference(selection_round.slug, name).hex[:8]}",
            "contact_name": "Demo Nominator",
            "contact_email": "nominator@example.org",
            "is_self_nomination": True,
        },
        policy_fields=[fields[slug] for slug in field_slugs],
        local_level=True,
        notify=False,
    )
    Nomination.objects.filter(pk=nomination.pk).update(reference=reference)
    nomination.reference = reference
    return nomination


def _closed_round(fields, reviewers, stdout) -> SelectionRound:
    selection_round, created = SelectionRound.objects.get_or_create(
        slug=CLOSED_ROUND["slug"],
        defaults={
            "name": CLOSED_ROUND["name"],
            "reference_date": CLOSED_ROUND["reference_date"],
        },
    )
    if selection_round.is_closed:
        return selection_round
    for row in CLOSED_NOMINATIONS:
        nomination = _submit(selection_round, row, fields)
        goals_ok, local_ok, first, second = row[7:]
        services.nomination_check(
            nomination=nomination,
            checked_by=reviewers[0],
            clear_goals=goals_ok,
            clear_goals_note=""
            if goals_ok
            else "The goals are about sport in general, not integration.",
            local_level=local_ok,
            local_level_note="" if local_ok else "Run by a national body for the whole country.",
        )
        nomination.refresh_from_db()
        for reviewer, scores in zip(reviewers, (first, second), strict=True):
            if scores is None or not nomination.is_long_listed:
                continue
            if Review.objects.filter(nomination=nomination, reviewer=reviewer).exists():
                continue
            innovation, success, sustainability, transferability = scores
            services.review_create(
                nomination=nomination,
                reviewer=reviewer,
                innovation=innovation,
                success=success,
                sustainability=sustainability,
                transferability=transferability,
                comment="Scored from the nomination and the documents sent with it.",
            )
        if nomination.practice_name in DECISIONS and not nomination.decision:
            decision, reason = DECISIONS[nomination.practice_name]
            decide = (
                services.nomination_pin
                if decision == Decision.PINNED
                else services.nomination_exclude
            )
            decide(nomination=nomination, decided_by=None, reason=reason)
    services.round_close(selection_round=selection_round)
    stdout.write(f"  round {selection_round.name}: {len(CLOSED_NOMINATIONS)} nominations, closed")
    return selection_round


def _link_practices(selection_round, stdout) -> None:
    """Demo practices that came through the call point to their nomination (matched by name)."""
    from .selectors import nomination_scores, proposed_short_list

    index = PracticeIndexPage.objects.first()
    if index is None:
        return
    rows = nomination_scores(selection_round=selection_round)
    for row in proposed_short_list(rows, selection_round):
        nomination = row.nomination
        if PracticePage.objects.filter(source_nomination=nomination).exists():
            continue
        page = (
            PracticePage.objects.child_of(index)
            .filter(title=nomination.practice_name, source_nomination__isnull=True)
            .order_by("pk")
            .first()
        )
        if page is not None and nomination.practice_name not in PROMOTE:
            page = page.specific
            was_published = page.live and not page.has_unpublished_changes
            page.source_nomination = nomination
            revision = page.save_revision(log_action=True)
            if was_published:
                revision.publish()
            stdout.write(f"  {page.title} linked to nomination {nomination.practice_name}")
        elif nomination.practice_name in PROMOTE:
            page, _created = services.nomination_promote(nomination=nomination, promoted_by=None)
            stdout.write(f"  draft profile {page.title} promoted from its nomination")


def _open_call(fields, stdout) -> None:
    now = timezone.now()
    selection_round, _created = SelectionRound.objects.get_or_create(
        slug=OPEN_ROUND["slug"],
        defaults={
            "name": OPEN_ROUND["name"],
            "reference_date": (now + datetime.timedelta(days=60)).date(),
        },
    )
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: the call for practices page was not created")
    elif not CallForPracticesPage.objects.exists():
        page = CallForPracticesPage(
            title="Call for practices",
            slug="call-for-practices",
            intro=(
                "<p>Does your city run a local measure that helps people with a migrant "
                "background take part in its life? Tell us about it. Researchers check every "
                "nomination against five pre-requisites, score the long list on innovation, "
                "success, sustainability and transferability, and visit the ten they choose.</p>"
                "<p>Most nominations come from the people who run the practice: "
                "self-nominations are welcome.</p>"
            ),
            opens_at=now - datetime.timedelta(days=14),
            closes_at=now + datetime.timedelta(days=45),
            selection_round=selection_round,
            thank_you_text="We read every nomination and will write to you once the round closes.",
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        stdout.write("  call for practices page created")
    for row in OPEN_NOMINATIONS:
        _submit(selection_round, row, fields)


@transaction.atomic
def seed_selection_demo(*, stdout) -> None:
    """Create (or complete) the selection demo; safe to call any number of times."""
    stdout.write("Selection of practices:")
    fields = _policy_fields(stdout)
    reviewers = _reviewers(stdout)
    selection_round = _closed_round(fields, reviewers, stdout)
    _link_practices(selection_round, stdout)
    _open_call(fields, stdout)


# The entry point seed_demo calls (settings.DEMO_CONTENT_LAYERS).
seed = seed_selection_demo
