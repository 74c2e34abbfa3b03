"""Demo content for the learning layer: the academy, a past edition whose trainees are alumni
with certificates, and a current edition with a cohort part-way through its modules.

``seed_learning_demo(stdout=...)`` is idempotent: pages are found by their slug, people by their
e-mail address, enrolments by person and edition, and only what is missing is created. Enrolment,
progress and attendance go through the same services as the site.
"""

import datetime
import uuid

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from cms.models import HomePage, PracticePage

from . import demo_content as content
from . import selectors, services
from .models import (
    AcademyIndexPage,
    Certificate,
    EditionFacilitator,
    EditionPage,
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    ModulePage,
)

NAMESPACE = uuid.UUID("2f0d6a43-3c8e-4d0e-9f55-6a1c0b7de815")
MODULE_ONE = content.MODULES[0]["slug"]
MODULE_TWO = content.MODULES[1]["slug"]

FACILITATOR = ("facilitator@example.org", "Francesca", "Ferrero")
TRAINEE = ("trainee@example.org", "Tereza", "Novak")
ALUMNUS = ("alumni@example.org", "Alain", "Dubois")
# The demo accounts that log in, for the table ``seed_demo`` prints.
ACCOUNTS = [
    (TRAINEE[0], "trainee, part-way through the current edition"),
    (FACILITATOR[0], "facilitator of the current and the 2014 editions"),
    (ALUMNUS[0], "alumnus of Turin 2014, with a certificate"),
]


def _aware(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _block_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


class _People:
    """Demo accounts: the three that log in share the demo password; generated trainees get
    the same hash, computed once, since hashing is slow on purpose."""

    def __init__(self):
        self.password = getattr(settings, "DEMO_PASSWORD", "academy-demo")
        self._hash = None
        self.created = 0

    def get(self, email: str, first_name: str, last_name: str):
        user_model = get_user_model()
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            if self._hash is None:
                self._hash = make_password(self.password)
            user = user_model(email=email, first_name=first_name, last_name=last_name)
            user.password = self._hash
            user.full_clean()
            user.save()
            self.created += 1
        # Enrolment needs a verified address, as on the site.
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        return user


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _child(parent, slug: str, model):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _academy(home: HomePage) -> AcademyIndexPage:
    academy = AcademyIndexPage.objects.first()
    if academy is None:
        academy = _publish(
            home,
            AcademyIndexPage(
                title=content.ACADEMY["title"],
                slug=content.ACADEMY["slug"],
                intro=content.ACADEMY["intro"],
                show_in_menus=True,
            ),
        )
    return academy


def _lesson_body(edition_slug: str, lesson: dict) -> list[dict]:
    """StreamField data with ids derived from the lesson, so every run builds the same blocks."""
    body = []
    for index, block in enumerate(lesson["body"]):
        kind, *args = block
        block_id = _block_id(edition_slug, lesson["slug"], index)
        if kind == "paragraph":
            body.append({"type": "paragraph", "value": args[0], "id": block_id})
        elif kind == "heading":
            body.append(
                {"type": "heading", "value": {"text": args[0], "level": "h2"}, "id": block_id}
            )
        elif kind == "practice":
            practice = PracticePage.objects.live().filter(slug=args[0]).first()
            if practice is not None:
                body.append(
                    {
                        "type": "practice",
                        "value": {"practice": practice.pk, "note": args[1]},
                        "id": block_id,
                    }
                )
        elif kind == "reading":
            title, author, note = args
            body.append(
                {
                    "type": "reading",
                    "value": {"title": title, "author": author, "url": "", "note": note},
                    "id": block_id,
                }
            )
        elif kind == "reflection":
            body.append(
                {
                    "type": "reflection",
                    "value": {"prompt": args[0], "required": True},
                    "id": block_id,
                }
            )
        elif kind == "check":
            title, pass_mark, questions = args
            body.append(
                {
                    "type": "knowledge_check",
                    "value": {
                        "title": title,
                        "pass_mark": pass_mark,
                        "questions": [
                            {
                                "type": "item",
                                "id": f"{block_id}-q{q}",
                                "value": {
                                    "question": question,
                                    "options": [
                                        {
                                            "type": "item",
                                            "id": f"{block_id}-q{q}-o{o}",
                                            "value": {"text": text, "correct": correct},
                                        }
                                        for o, (text, correct) in enumerate(options, start=1)
                                    ],
                                    "explanation": explanation,
                                },
                            }
                            for q, (question, options, explanation) in enumerate(questions, start=1)
                        ],
                    },
                    "id": block_id,
                }
            )
    return body


def _modules(edition: EditionPage, modules: list[dict], now: datetime.datetime) -> None:
    for spec in modules:
        module = _child(edition, spec["slug"], ModulePage)
        if module is None:
            release_in_days = spec.get("release_in_days")
            module = _publish(
                edition,
                ModulePage(
                    title=spec["title"],
                    slug=spec["slug"],
                    intro=spec["intro"],
                    learning_outcomes=spec["outcomes"],
                    estimated_minutes=spec["minutes"],
                    requires_previous=spec.get("requires_previous", False),
                    release_at=(
                        now.replace(hour=9, minute=0, second=0, microsecond=0)
                        + datetime.timedelta(days=release_in_days)
                        if release_in_days
                        else None
                    ),
                ),
            )
        for lesson in spec["lessons"]:
            if _child(module, lesson["slug"], LessonPage) is None:
                _publish(
                    module,
                    LessonPage(
                        title=lesson["title"],
                        slug=lesson["slug"],
                        summary=lesson["summary"],
                        estimated_minutes=lesson["minutes"],
                        is_required=lesson.get("required", True),
                        body=_lesson_body(edition.slug, lesson),
                    ),
                )


def _edition(academy, spec: dict, dates: dict, facilitator, **fields) -> EditionPage:
    edition = _child(academy, spec["slug"], EditionPage)
    if edition is None:
        edition = EditionPage(
            slug=spec["slug"],
            summary=spec["summary"],
            venue=spec["venue"],
            intro=[{"type": "paragraph", "value": f"<p>{spec['intro']}</p>"}],
            capacity=spec["capacity"],
            application_help=spec.get("application_help", ""),
            **dates,
            **fields,
        )
        edition.title = spec["title"].format(year=edition.residential_start.year)
        edition.facilitators = [EditionFacilitator(user=facilitator)]
        _publish(academy, edition)
    return edition


def _open_lessons(edition: EditionPage) -> list[LessonPage]:
    """Every live lesson in course order, skipping modules that are not released yet."""
    now = timezone.now()
    lessons = []
    for module in ModulePage.objects.child_of(edition).live().order_by("path"):
        if module.release_at and module.release_at > now:
            continue
        lessons.extend(LessonPage.objects.child_of(module).live().order_by("path"))
    return lessons


def _work_through(enrolment, lesson, *, reflections: dict[str, str], share: bool) -> None:
    """What a trainee does on a lesson page: answer the prompts, pass the checks, mark it done."""
    for block in lesson.body:
        if block.block_type == "reflection":
            services.reflection_save(
                enrolment=enrolment,
                lesson=lesson,
                block_id=block.id,
                text=reflections.get(lesson.slug)
                or content.COHORT_REFLECTION.format(city=enrolment.city),
                shared=share,
            )
        elif block.block_type == "knowledge_check":
            answers = {
                question.id: [
                    option.id
                    for option in question.value["options"].bound_blocks
                    if option.value["correct"]
                ]
                for question in block.value["questions"].bound_blocks
            }
            services.check_submit(
                enrolment=enrolment, lesson=lesson, block_id=block.id, answers=answers
            )
    services.lesson_complete(enrolment=enrolment, lesson=lesson)


def _apply(user, edition, place: tuple[str, str, str], role: str, number: int) -> Enrolment:
    organisation, city, country = place
    return services.enrolment_apply(
        user=user,
        edition=edition,
        organisation=organisation,
        role=role,
        city=city,
        country=country,
        motivation=content.MOTIVATIONS[number % len(content.MOTIVATIONS)],
        notify=False,
    )


def _generated(people: _People, prefix: str, number: int, offset: int = 0):
    """A generated person; the offset keeps names distinct between the groups of a page."""
    first = content.FIRST_NAMES[(number + offset) % len(content.FIRST_NAMES)]
    last = content.LAST_NAMES[((number + offset) * 7) % len(content.LAST_NAMES)]
    return people.get(f"{prefix}{number + 1:02d}@example.org", first, last)


def _past_edition(academy, facilitator, people: _People, stdout) -> EditionPage:
    spec = content.PAST_EDITION
    edition = _edition(
        academy,
        spec,
        {name: datetime.date(*value) for name, value in spec["dates"].items()},
        facilitator,
        enrolment_mode=EnrolmentMode.APPLICATION,
        enrolment_closes=datetime.date(*spec["enrolment_closes"]),
    )
    _modules(edition, spec["modules"], timezone.now())
    lessons = _open_lessons(edition)
    alumni = [people.get(*ALUMNUS)] + [
        _generated(people, "alumni", number) for number in range(content.ALUMNI_COUNT - 1)
    ]
    finished = _aware(2014, 2, 19, 17)
    for number, user in enumerate(alumni):
        if Enrolment.objects.filter(user=user, edition=edition).exists():
            continue
        organisation, city, country = content.PLACES[number % len(content.PLACES)]
        # Applications for 2014 were decided in 2013, before this platform: the service would
        # rightly refuse a closed edition, so the historical enrolment is recorded as it was.
        enrolment = Enrolment.objects.create(
            user=user,
            edition=edition,
            status=EnrolmentStatus.ACCEPTED,
            organisation=organisation,
            role=content.ROLES[number % len(content.ROLES)],
            city=city,
            country=country,
            motivation=content.MOTIVATIONS[number % len(content.MOTIVATIONS)],
            decided_by=facilitator,
        )
        for lesson in lessons:
            _work_through(enrolment, lesson, reflections={}, share=False)
        services.residential_attendance_set(enrolment=enrolment, by=facilitator, attended=True)
        # Put the facts back in 2014, when they happened.
        Enrolment.objects.filter(pk=enrolment.pk).update(
            applied_at=_aware(2013, 11, 20 + number % 8),
            decided_at=_aware(2013, 12, 18),
            residential_attended_at=finished,
            completed_at=finished,
        )
        LessonCompletion.objects.filter(enrolment=enrolment).update(
            completed_at=_aware(2014, 1, 20 + number % 8)
        )
        Certificate.objects.filter(enrolment=enrolment).update(issued_at=finished)
    certificates = Certificate.objects.filter(enrolment__edition=edition).count()
    stdout.write(f"  {edition.title}: {len(alumni)} alumni, {certificates} certificates")
    return edition


def _current_edition(academy, facilitator, people: _People, stdout) -> EditionPage:
    spec = content.CURRENT_EDITION
    today = timezone.localdate()
    edition = _edition(
        academy,
        spec,
        {name: today + datetime.timedelta(days=days) for name, days in spec["days"].items()},
        facilitator,
        enrolment_mode=EnrolmentMode.APPLICATION,
        enrolment_closes=today + datetime.timedelta(days=spec["enrolment_closes_in_days"]),
    )
    _modules(edition, content.MODULES, timezone.now())
    lessons = _open_lessons(edition)

    trainee = people.get(*TRAINEE)
    if not Enrolment.objects.filter(user=trainee, edition=edition).exists():
        enrolment = _apply(trainee, edition, content.PLACES[0], content.ROLES[0], 0)
        enrolment = services.enrolment_accept(
            enrolment=enrolment, decided_by=facilitator, notify=False
        )
        # The first module and the first lesson of the second: a passed check, a shared
        # reflection that the facilitator answered.
        done = [lesson for lesson in lessons if lesson.get_parent().slug == MODULE_ONE]
        done += [lesson for lesson in lessons if lesson.get_parent().slug == MODULE_TWO][:1]
        for lesson in done:
            _work_through(enrolment, lesson, reflections=content.TRAINEE_REFLECTIONS, share=True)
        shared = [
            r for r in selectors.reflections_for(enrolment=enrolment) if r.shared_with_facilitators
        ]
        for reflection in shared:
            services.reflection_feedback(
                reflection=reflection, by=facilitator, text=content.TRAINEE_FEEDBACK
            )

    for number in range(content.COHORT_SIZE):
        user = _generated(people, "cohort", number)
        if Enrolment.objects.filter(user=user, edition=edition).exists():
            continue
        place = content.PLACES[(number + 1) % len(content.PLACES)]
        enrolment = _apply(user, edition, place, content.ROLES[number % len(content.ROLES)], number)
        enrolment = services.enrolment_accept(
            enrolment=enrolment, decided_by=facilitator, notify=False
        )
        completed = content.COHORT_PROGRESS[number % len(content.COHORT_PROGRESS)]
        for lesson in lessons[:completed]:
            _work_through(enrolment, lesson, reflections={}, share=number % 2 == 0)

    for number in range(content.PENDING_SIZE):
        user = _generated(people, "applicant", number, offset=content.COHORT_SIZE)
        if not Enrolment.objects.filter(user=user, edition=edition).exists():
            place = content.PLACES[(number + 5) % len(content.PLACES)]
            _apply(
                user, edition, place, content.ROLES[(number + 2) % len(content.ROLES)], number + 1
            )

    active = Enrolment.objects.filter(edition=edition).active().count()
    pending = Enrolment.objects.filter(edition=edition).pending().count()
    stdout.write(f"  {edition.title}: {active} trainees, {pending} applications to decide")
    return edition


@transaction.atomic
def seed_learning_demo(*, stdout) -> None:
    """Create (or complete) the academy demo; safe to call any number of times."""
    stdout.write("Academy:")
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: the academy was not created")
        return
    people = _People()
    academy = _academy(home)
    facilitator = people.get(*FACILITATOR)
    _past_edition(academy, facilitator, people, stdout)
    _current_edition(academy, facilitator, people, stdout)
    if people.created:
        stdout.write(f"  {people.created} accounts created")


# The entry point seed_demo calls (settings.DEMO_CONTENT_LAYERS).
seed = seed_learning_demo
