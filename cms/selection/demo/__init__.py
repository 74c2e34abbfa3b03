"""Demo content for the selection pipeline: a closed round with its short list and an open call.

The words are in ``selection.yaml`` next to this module. ``seed_selection_demo(stdout=...)`` is
idempotent: rounds, pages, people and nominations are found by natural keys (slugs, e-mail
addresses, a reference derived from the practice name) and only what is missing is created.
It goes through the same services as the site.
"""

import datetime
import uuid

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from cms.demo.accounts import Accounts
from cms.demo.loader import load
from cms.models import HomePage, PolicyField, PracticeIndexPage, PracticePage

from .. import services
from ..models import CallForPracticesPage, Nomination, Review, SelectionRound
from ..permissions import REVIEWERS_GROUP
from ..selectors import nomination_scores, proposed_short_list

NAMESPACE = uuid.UUID("5b1c1c1e-8a53-4a53-9d55-8c9f3a0f6d21")
DECIDE = {"pinned": services.nomination_pin, "excluded": services.nomination_exclude}


def _reference(round_slug: str, name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{round_slug}/{name}")


def _policy_fields(words: dict, stdout) -> dict[str, PolicyField]:
    found = {}
    for spec in words["policy_fields"]:
        slug, name = spec["slug"], spec["name"]
        field = (
            PolicyField.objects.filter(slug=slug).first()
            or PolicyField.objects.filter(name__iexact=name).first()
        )
        if field is None:
            field = PolicyField.objects.create(slug=slug, name=name)
            stdout.write(f"  policy field {name} created")
        found[slug] = field
    return found


def _reviewers(words: dict, stdout) -> list:
    accounts = Accounts()
    group = Group.objects.get(name=REVIEWERS_GROUP)
    people = []
    for spec in words["reviewers"]:
        created = accounts.created
        people.append(
            accounts.get(spec["email"], spec["first_name"], spec["last_name"], groups=(group,))
        )
        if accounts.created > created:
            stdout.write(f"  reviewer {spec['email']} created")
    return people


def _submit(selection_round, spec: dict, words: dict, fields) -> Nomination:
    name, city = spec["name"], spec["city"]
    reference = _reference(selection_round.slug, name)
    existing = Nomination.objects.filter(reference=reference).first()
    if existing is not None:
        return existing
    texts = {key: text.format(name=name, city=city) for key, text in words["nomination"].items()}
    authorities = spec["public_authorities"]
    nomination = services.nomination_submit(
        selection_round=selection_round,
        data={
            "practice_name": name,
            "city": city,
            "country": spec["country"],
            "lead_organisation": authorities or texts["lead_organisation"],
            # Nominators who name an authority answered yes; the words say so for the others.
            "involves_public_authorities": spec.get("involves_public_authorities", True),
            "public_authorities": authorities,
            "start_date": spec["start_date"],
            "start_date_is_approximate": spec.get("start_date_is_approximate", False),
            "end_date": spec["end_date"],
            "goals": texts["goals"],
            "description": texts["description"],
            "results": texts["results"],
            "funding": texts["funding"],
            "links": f"https://example.org/{reference.hex[:8]}",
            "contact_name": texts["contact_name"],
            "contact_email": texts["contact_email"],
            "is_self_nomination": True,
        },
        policy_fields=[fields[slug] for slug in spec["policy_fields"]],
        local_level=True,
        notify=False,
    )
    Nomination.objects.filter(pk=nomination.pk).update(reference=reference)
    nomination.reference = reference
    return nomination


def _closed_round(words: dict, fields, reviewers, stdout) -> SelectionRound:
    spec = words["closed_round"]
    selection_round, _created = SelectionRound.objects.get_or_create(
        slug=spec["slug"],
        defaults={"name": spec["name"], "reference_date": spec["reference_date"]},
    )
    if selection_round.is_closed:
        return selection_round
    decisions = {decision["name"]: decision for decision in words["decisions"]}
    for row in words["closed_nominations"]:
        nomination = _submit(selection_round, row, words, fields)
        services.nomination_check(
            nomination=nomination,
            checked_by=reviewers[0],
            clear_goals=row["clear_goals"],
            clear_goals_note="" if row["clear_goals"] else words["checks"]["clear_goals_note"],
            local_level=row["local_level"],
            local_level_note="" if row["local_level"] else words["checks"]["local_level_note"],
            authorities_verdict=row.get("authorities_verdict"),
            authorities_note=row.get("authorities_note", ""),
        )
        nomination.refresh_from_db()
        for reviewer, scores in zip(reviewers, row.get("scores", []), strict=False):
            if not nomination.is_long_listed:
                continue
            if Review.objects.filter(nomination=nomination, reviewer=reviewer).exists():
                continue
            services.review_create(
                nomination=nomination,
                reviewer=reviewer,
                comment=words["review_comment"],
                **scores,
            )
        decision = decisions.get(nomination.practice_name)
        if decision is not None and not nomination.decision:
            DECIDE[decision["decision"]](
                nomination=nomination, decided_by=None, reason=decision["reason"]
            )
    services.round_close(selection_round=selection_round)
    count = len(words["closed_nominations"])
    stdout.write(f"  round {selection_round.name}: {count} nominations, closed")
    return selection_round


def _link_practices(words: dict, selection_round, stdout) -> None:
    """Demo practices that came through the call point to their nomination (matched by name)."""
    index = PracticeIndexPage.objects.first()
    if index is None:
        return
    promote = set(words["promote"])
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
        if page is not None and nomination.practice_name not in promote:
            page = page.specific
            was_published = page.live and not page.has_unpublished_changes
            page.source_nomination = nomination
            revision = page.save_revision(log_action=True)
            if was_published:
                revision.publish()
            stdout.write(f"  {page.title} linked to nomination {nomination.practice_name}")
        elif nomination.practice_name in promote:
            page, _created = services.nomination_promote(nomination=nomination, promoted_by=None)
            stdout.write(f"  draft profile {page.title} promoted from its nomination")


def _open_call(words: dict, fields, stdout) -> None:
    spec, call = words["open_round"], words["call_page"]
    now = timezone.now()
    days = datetime.timedelta(days=1)
    selection_round, _created = SelectionRound.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "reference_date": (now + call["round_reference_date_in_days"] * days).date(),
        },
    )
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: the call for practices page was not created")
    elif not CallForPracticesPage.objects.exists():
        page = CallForPracticesPage(
            title=call["title"],
            slug=call["slug"],
            intro=call["intro"],
            opens_at=now - call["opened_days_ago"] * days,
            closes_at=now + call["closes_in_days"] * days,
            selection_round=selection_round,
            thank_you_text=call["thank_you_text"],
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        stdout.write("  call for practices page created")
    for row in words["open_nominations"]:
        _submit(selection_round, row, words, fields)


@transaction.atomic
def seed_selection_demo(*, stdout) -> list[tuple[str, str]]:
    """Create (or complete) the selection demo; safe to call any number of times.
    Returns the demo accounts that log in, as (e-mail, role)."""
    words = load("cms.selection.demo", "selection")
    stdout.write("Selection of practices:")
    fields = _policy_fields(words, stdout)
    reviewers = _reviewers(words, stdout)
    selection_round = _closed_round(words, fields, reviewers, stdout)
    _link_practices(words, selection_round, stdout)
    _open_call(words, fields, stdout)
    return [(spec["email"], spec["role"]) for spec in words["reviewers"]]
