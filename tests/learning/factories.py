"""Factories for the learning app: an academy with an edition, its modules and lessons, and
the records trainees create."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from learning.models import (
    AcademyIndexPage,
    AgendaItem,
    AgendaPage,
    EditionFacilitator,
    EditionPage,
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    ItemKind,
    LessonPage,
    ModulePage,
    Place,
)
from tests.cms.factories import UserFactory


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


class AcademyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Academy"
    slug = "academy"

    class Meta:
        model = AcademyIndexPage


class EditionPageFactory(wagtail_factories.PageFactory):
    """An edition whose pre-training has started, with the residential course a month away."""

    title = factory.Sequence(lambda n: f"Edition {n}")
    slug = factory.Sequence(lambda n: f"edition-{n}")
    summary = "A blended course on local integration policy."
    venue = "Training centre, Turin"
    pre_training_start = factory.LazyFunction(lambda: _days(-14))
    pre_training_end = factory.LazyFunction(lambda: _days(28))
    residential_start = factory.LazyFunction(lambda: _days(30))
    residential_end = factory.LazyFunction(lambda: _days(35))
    follow_up_start = factory.LazyFunction(lambda: _days(36))
    follow_up_end = factory.LazyFunction(lambda: _days(200))
    enrolment_mode = EnrolmentMode.APPLICATION
    capacity = 30

    class Meta:
        model = EditionPage

    class Params:
        # The first academy: a finished edition whose dates never move (Turin, February 2014).
        turin_2014 = factory.Trait(
            title="Turin 2014",
            pre_training_start=datetime.date(2014, 1, 6),
            pre_training_end=datetime.date(2014, 2, 9),
            residential_start=datetime.date(2014, 2, 10),
            residential_end=datetime.date(2014, 2, 14),
            follow_up_start=datetime.date(2014, 2, 15),
            follow_up_end=datetime.date(2014, 5, 30),
        )


class ModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    learning_outcomes = "Tell a functioning practice from a best practice"
    estimated_minutes = 90

    class Meta:
        model = ModulePage


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    summary = "What a functioning practice is."
    estimated_minutes = 20
    is_required = True
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Context decides what works in integration policy.</p>")]
    )

    class Meta:
        model = LessonPage


class FacilitatorFactory(factory.django.DjangoModelFactory):
    edition = factory.SubFactory(EditionPageFactory)
    user = factory.SubFactory(UserFactory)

    class Meta:
        model = EditionFacilitator


class EnrolmentFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    edition = factory.SubFactory(EditionPageFactory)
    status = EnrolmentStatus.ACCEPTED
    organisation = "City of Ghent"
    role = "Integration officer"
    city = "Ghent"
    country = "Belgium"
    motivation = "I coordinate our reception policy and want to compare it with other cities."

    class Meta:
        model = Enrolment


class PlaceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Room {n}")
    address = "Viale Maestri del Lavoro 10, Turin"

    class Meta:
        model = Place


class AgendaPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"
    time_zone = "Europe/Rome"

    class Meta:
        model = AgendaPage


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """A required lecture on the first morning of the residential course."""

    page = factory.SubFactory(AgendaPageFactory)
    date = factory.LazyAttribute(lambda item: item.page.get_parent().specific.residential_start)
    start = datetime.time(9, 0)
    end = datetime.time(10, 30)
    kind = ItemKind.LECTURE
    title = factory.Sequence(lambda n: f"Session {n}")
    description = "Why context decides what works."
    required = True

    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if create and extracted:
            self.speakers.set(extracted)
            self.save()


def knowledge_check(*, pass_mark: int = 50, **settings) -> dict:
    """A two-question check, each question with one right option; option ids are fixed so tests
    can post answers. ``settings``: ``max_attempts``, ``reveal_answers``."""
    return {
        "title": "Check your understanding",
        "pass_mark": pass_mark,
        **settings,
        "questions": [
            {
                "type": "item",
                "id": "q1",
                "value": {
                    "question": "Why 'functioning' rather than 'best' practice?",
                    "options": [
                        {
                            "type": "item",
                            "id": "q1-right",
                            "value": {"text": "Context matters", "correct": True},
                        },
                        {
                            "type": "item",
                            "id": "q1-wrong",
                            "value": {"text": "It is shorter", "correct": False},
                        },
                    ],
                    "explanation": "<p>What works depends on where it works.</p>",
                },
            },
            {
                "type": "item",
                "id": "q2",
                "value": {
                    "question": "Which policy theme is about general rather than migrant-only measures?",
                    "options": [
                        {
                            "type": "item",
                            "id": "q2-right",
                            "value": {"text": "Mainstreaming", "correct": True},
                        },
                        {
                            "type": "item",
                            "id": "q2-wrong",
                            "value": {"text": "Localisation", "correct": False},
                        },
                    ],
                    "explanation": "<p>Mainstreaming builds migrants' needs into general policy.</p>",
                },
            },
        ],
    }
