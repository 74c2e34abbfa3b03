"""Factories for the selection pipeline: rounds, the call page, nominations and reviews."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from cms.selection.models import (
    CallForPracticesPage,
    Nomination,
    NominationStatus,
    Review,
    SelectionRound,
)


class SelectionRoundFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Round {2020 + n}")
    slug = factory.Sequence(lambda n: f"round-{2020 + n}")
    reference_date = datetime.date(2024, 6, 1)

    class Meta:
        model = SelectionRound


class CallForPracticesPageFactory(wagtail_factories.PageFactory):
    title = "Call for practices"
    slug = "call-for-practices"
    intro = "<p>Tell us about a local measure that works.</p>"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    selection_round = factory.SubFactory(SelectionRoundFactory)

    class Meta:
        model = CallForPracticesPage


class NominationFactory(factory.django.DjangoModelFactory):
    selection_round = factory.SubFactory(SelectionRoundFactory)
    practice_name = factory.Sequence(lambda n: f"Nominated practice {n:03d}")
    city = "Ghent"
    country = "Belgium"
    lead_organisation = "City social services"
    involves_public_authorities = True
    public_authorities = "City of Ghent"
    start_date = datetime.date(2019, 1, 1)
    end_date = None
    goals = "Newcomers find work that matches their skills."
    description = "Job coaches meet newcomers in the neighbourhood."
    contact_name = "Alex Example"
    contact_email = factory.Sequence(lambda n: f"nominator{n}@example.org")
    is_self_nomination = True
    clear_goals = True
    local_level = True
    status = NominationStatus.LONG_LISTED

    class Meta:
        model = Nomination
        skip_postgeneration_save = True

    @factory.post_generation
    def policy_fields(self, create, extracted, **kwargs):
        if extracted:
            self.policy_fields.set(extracted)


class ReviewFactory(factory.django.DjangoModelFactory):
    nomination = factory.SubFactory(NominationFactory)
    reviewer = factory.SubFactory("tests.cms.factories.UserFactory", groups=["Reviewers"])
    innovation = 3
    success = 3
    sustainability = 3
    transferability = 3

    class Meta:
        model = Review
