"""The large edition of ``seed_demo --scale N`` (N of 10 or more): 40 lessons and 500 trainees at
every stage of the pre-training, with shared reflections, for measuring the cohort pages.

Pages are published as an editor would; people, enrolments, completions and reflections are
written in bulk, each as the services would have left it: verified addresses, accepted places
decided by the facilitator, completions pinned to the lesson's live revision, in course order,
of lessons whose prompts are optional. Running it again adds only what is missing.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from cms.demo.accounts import demo_password
from cms.demo.loader import load, stream

from ..knowledge_checks import REFLECTION, blocks_of
from ..models import (
    EditionPage,
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Reflection,
)

MIN_SCALE = 10


def _pages(
    academy, words: dict, facilitator, publish, child, edition_factory
) -> tuple[EditionPage, list[LessonPage]]:
    today = timezone.localdate()
    spec = words["edition"]
    edition = edition_factory(
        academy,
        spec,
        {name: today + datetime.timedelta(days=days) for name, days in spec["days"].items()},
        facilitator,
        enrolment_mode=EnrolmentMode.APPLICATION,
        enrolment_closes=today + datetime.timedelta(days=spec["enrolment_closes_in_days"]),
    )
    for module_number in range(1, words["modules"] + 1):
        slug = f"module-{module_number}"
        module = child(edition, slug, ModulePage)
        if module is None:
            module = publish(
                edition,
                ModulePage(
                    title=words["module_title"].format(number=module_number),
                    slug=slug,
                    intro=words["module_intro"],
                    learning_outcomes=words["module_outcomes"],
                    estimated_minutes=words["lessons_per_module"] * 20,
                ),
            )
        for number in range(1, words["lessons_per_module"] + 1):
            lesson_slug = f"lesson-{module_number}-{number}"
            if child(module, lesson_slug, LessonPage) is None:
                # The first lesson of each module asks for an optional reflection.
                body = words["lesson_body"] + (words["prompt_body"] if number == 1 else [])
                publish(
                    module,
                    LessonPage(
                        title=words["lesson_title"].format(module=module_number, number=number),
                        slug=lesson_slug,
                        summary=words["lesson_summary"],
                        estimated_minutes=20,
                        body=stream(body, ids=(edition.slug, lesson_slug)),
                    ),
                )
    return edition, list(LessonPage.objects.live().descendant_of(edition).order_by("path"))


def _people(cohort, count: int) -> list:
    """The generated trainees, created together with one password hash and verified addresses."""
    user_model = get_user_model()
    emails = [f"large{number + 1:03d}@example.org" for number in range(count)]
    existing = {user.email: user for user in user_model.objects.filter(email__in=emails)}
    password = make_password(demo_password())
    first_names, last_names = cohort.words["first_names"], cohort.words["last_names"]
    new = [
        user_model(
            email=email,
            first_name=first_names[number % len(first_names)],
            last_name=last_names[(number * 7 + number // len(first_names)) % len(last_names)],
            password=password,
        )
        for number, email in enumerate(emails)
        if email not in existing
    ]
    user_model.objects.bulk_create(new)
    users = {user.email: user for user in user_model.objects.filter(email__in=emails)}
    verified = set(
        EmailAddress.objects.filter(user__in=users.values()).values_list("email", flat=True)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in users.values()
        if user.email not in verified
    )
    cohort.accounts.created += len(new)
    return [users[email] for email in emails]


def seed_large_cohort(*, academy, facilitator, cohort, helpers: dict, stdout) -> EditionPage:
    words = load("learning.demo", "scale")
    edition, lessons = _pages(
        academy,
        words,
        facilitator,
        helpers["publish"],
        helpers["child"],
        helpers["edition"],
    )
    users = _people(cohort, words["trainees"])
    enrolled = set(Enrolment.objects.filter(edition=edition).values_list("user_id", flat=True))
    now = timezone.now()
    new = []
    for number, user in enumerate(users):
        if user.pk in enrolled:
            continue
        place = cohort.place(number)
        new.append(
            Enrolment(
                user=user,
                edition=edition,
                status=EnrolmentStatus.ACCEPTED,
                organisation=place["organisation"],
                role=cohort.role(number),
                city=place["city"],
                country=place["country"],
                motivation=cohort.motivation(number),
                decided_at=now,
                decided_by=facilitator,
            )
        )
    Enrolment.objects.bulk_create(new)

    # Progress varies from none to every lesson: each trainee has done a different number of
    # lessons, in course order, as the module pages would have let them.
    prompts = {lesson.pk: block.id for lesson in lessons for block in blocks_of(lesson, REFLECTION)}
    completions, reflections = [], []
    for number, enrolment in enumerate(Enrolment.objects.filter(pk__in=[e.pk for e in new])):
        done = (number * 37) % (len(lessons) + 1)
        for lesson in lessons[:done]:
            completions.append(
                LessonCompletion(
                    enrolment=enrolment, lesson=lesson, revision_id=lesson.live_revision_id
                )
            )
            if lesson.pk in prompts and number % 3 == 0:
                answered = number % 2 == 0
                reflections.append(
                    Reflection(
                        enrolment=enrolment,
                        lesson=lesson,
                        block_id=prompts[lesson.pk],
                        text=words["reflection"].format(city=enrolment.city),
                        shared_with_facilitators=True,
                        feedback=words["feedback"] if answered else "",
                        feedback_by=facilitator if answered else None,
                        feedback_at=now if answered else None,
                    )
                )
    LessonCompletion.objects.bulk_create(completions, batch_size=2000)
    Reflection.objects.bulk_create(reflections, batch_size=2000)
    trainees = Enrolment.objects.filter(edition=edition).active().count()
    stdout.write(f"  {edition.title}: {trainees} trainees, {len(lessons)} lessons")
    return edition
