"""Demo content for the learning layer: the academy, a past edition whose trainees are alumni
with certificates, and a current edition with a cohort part-way through its modules.

The words are in ``academy.yaml`` (editions, modules, lessons), ``cohort.yaml`` (people) and
``agenda.yaml`` (the residential weeks) next to this module. ``seed_learning_demo(stdout=...)`` is idempotent: pages are found by their
slug, people by their e-mail address, enrolments by person and edition, and only what is
missing is created. Enrolment, progress and attendance go through the same services as the site.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from cms.demo.accounts import Accounts
from cms.demo.loader import find, load, stream
from cms.models import HomePage, Person

from .. import services
from ..models import (
    AcademyIndexPage,
    AgendaItem,
    AgendaPage,
    Attendance,
    AttendanceSource,
    Certificate,
    EditionFacilitator,
    EditionPage,
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    ItemKind,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Place,
    VisitSignup,
)
from ..selectors.reflections import reflections_for
from .scale import MIN_SCALE, seed_large_cohort


def _aware(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _person(accounts: Accounts, spec: dict):
    return accounts.get(spec["email"], spec["first_name"], spec["last_name"])


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _child(parent, slug: str, model):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _academy(home: HomePage, spec: dict) -> AcademyIndexPage:
    academy = AcademyIndexPage.objects.first()
    if academy is None:
        academy = _publish(
            home,
            AcademyIndexPage(
                title=spec["title"], slug=spec["slug"], intro=spec["intro"], show_in_menus=True
            ),
        )
    return academy


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
                        # Ids derived from the lesson: every run builds the same blocks.
                        body=stream(lesson["body"], ids=(edition.slug, lesson["slug"])),
                    ),
                )


def _edition(academy, spec: dict, dates: dict, facilitator, **fields) -> EditionPage:
    edition = _child(academy, spec["slug"], EditionPage)
    if edition is None:
        edition = EditionPage(
            slug=spec["slug"],
            summary=spec["summary"],
            venue=spec["venue"],
            intro=stream(spec["intro"]),
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


class _Cohort:
    """The generated people of the demo and what they write, from ``cohort.yaml``."""

    def __init__(self, words: dict, accounts: Accounts) -> None:
        self.words = words
        self.accounts = accounts

    def person(self, prefix: str, number: int, offset: int = 0):
        """A generated person; the offset keeps names distinct between the groups of a page."""
        first_names, last_names = self.words["first_names"], self.words["last_names"]
        first = first_names[(number + offset) % len(first_names)]
        last = last_names[((number + offset) * 7) % len(last_names)]
        return self.accounts.get(f"{prefix}{number + 1:02d}@example.org", first, last)

    def place(self, number: int) -> dict:
        return self.words["places"][number % len(self.words["places"])]

    def role(self, number: int) -> str:
        return self.words["roles"][number % len(self.words["roles"])]

    def motivation(self, number: int) -> str:
        return self.words["motivations"][number % len(self.words["motivations"])]

    def apply(self, user, edition, place: dict, role: str, number: int) -> Enrolment:
        return services.enrolment_apply(
            user=user,
            edition=edition,
            organisation=place["organisation"],
            role=role,
            city=place["city"],
            country=place["country"],
            motivation=self.motivation(number),
            notify=False,
        )

    def work_through(
        self,
        enrolment,
        lesson,
        *,
        reflections: dict[str, str],
        share: bool,
        on: datetime.date | None = None,
    ) -> None:
        """What a trainee does on a lesson page: answer the prompts, pass the checks, mark it
        done (``on`` that day, for a past edition's history)."""
        for block in lesson.body:
            if block.block_type == "reflection":
                services.reflection_save(
                    enrolment=enrolment,
                    lesson=lesson,
                    block_id=block.id,
                    text=reflections.get(lesson.slug)
                    or self.words["cohort_reflection"].format(city=enrolment.city),
                    shared=share,
                    on=on,
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
                    enrolment=enrolment, lesson=lesson, block_id=block.id, answers=answers, on=on
                )
        services.lesson_complete(enrolment=enrolment, lesson=lesson, on=on)


def _agenda(edition: EditionPage, words: dict, spec: dict, *, publish: bool) -> AgendaPage:
    """The edition's agenda page with its items, found by its slug or created (published or left
    as a draft)."""
    agenda = _child(edition, "agenda", AgendaPage)
    if agenda is not None:
        return agenda
    places = {}
    for place in words["places"]:
        places[place["name"]], _created = Place.objects.get_or_create(
            name=place["name"],
            defaults={"address": place["address"], "map_url": place.get("map_url", "")},
        )
    people = {}
    for person in words["speakers"]:
        people[person["name"]] = Person.objects.filter(name=person["name"]).first()
        if people[person["name"]] is None:
            people[person["name"]] = Person.objects.create(**person)
    modules = {module.slug: module for module in ModulePage.objects.child_of(edition)}
    items = []
    for day in spec["days"]:
        date = day.get("date") or edition.residential_start + datetime.timedelta(days=day["day"])
        for entry in day["items"]:
            practice = find("page", entry["practice"]) if entry.get("practice") else None
            item = AgendaItem(
                date=date,
                start=datetime.time.fromisoformat(entry["start"]),
                end=datetime.time.fromisoformat(entry["end"]),
                kind=entry["kind"],
                title=entry["title"],
                description=entry.get("description", ""),
                place=places.get(entry.get("place")),
                practice=practice,
                prework=modules.get(entry.get("prework")),
                required=entry.get("required", entry["kind"] != ItemKind.BREAK),
                capacity=entry.get("capacity"),
            )
            item.speakers = [people[name] for name in entry.get("speakers", [])]
            items.append(item)
    agenda = AgendaPage(
        title=spec["title"],
        slug="agenda",
        intro=spec["intro"],
        time_zone=spec["time_zone"],
        live=publish,
    )
    agenda.items = items
    edition.add_child(instance=agenda)
    revision = agenda.save_revision()
    if publish:
        revision.publish()
    return agenda


def _attended_2014(agenda: AgendaPage, enrolments: list[Enrolment], facilitator) -> None:
    """Every alumnus of 2014 attended the required sessions and one of the two study visits."""
    items = list(AgendaItem.objects.filter(page=agenda).order_by("date", "start", "pk"))
    visits = [item for item in items if item.takes_signups]
    signups, attendances = [], []
    for number, enrolment in enumerate(enrolments):
        visit = visits[number % len(visits)] if visits else None
        if visit is not None:
            signups.append(VisitSignup(enrolment=enrolment, item=visit))
        for item in items:
            if item.required or item == visit:
                attendances.append(
                    Attendance(
                        enrolment=enrolment,
                        item=item,
                        present=True,
                        source=AttendanceSource.FACILITATOR,
                        recorded_by=facilitator,
                    )
                )
    VisitSignup.objects.bulk_create(signups, ignore_conflicts=True)
    Attendance.objects.bulk_create(attendances, ignore_conflicts=True)


def _past_edition(
    academy, spec: dict, alumnus: dict, facilitator, cohort: _Cohort, stdout, agenda_words: dict
):
    edition = _edition(
        academy,
        spec,
        spec["dates"],
        facilitator,
        enrolment_mode=EnrolmentMode.APPLICATION,
        enrolment_closes=spec["enrolment_closes"],
    )
    _modules(edition, spec["modules"], timezone.now())
    lessons = _open_lessons(edition)
    alumni = [_person(cohort.accounts, alumnus)] + [
        cohort.person("alumni", number) for number in range(cohort.words["alumni_count"] - 1)
    ]
    finished = _aware(2014, 2, 19, 17)
    for number, user in enumerate(alumni):
        if Enrolment.objects.filter(user=user, edition=edition).exists():
            continue
        place = cohort.place(number)
        # Applications for 2014 were decided in 2013, before this platform: the service would
        # rightly refuse a closed edition, so the historical enrolment is recorded as it was.
        enrolment = Enrolment.objects.create(
            user=user,
            edition=edition,
            status=EnrolmentStatus.ACCEPTED,
            organisation=place["organisation"],
            role=cohort.role(number),
            city=place["city"],
            country=place["country"],
            motivation=cohort.motivation(number),
            decided_by=facilitator,
        )
        for lesson in lessons:
            cohort.work_through(
                enrolment, lesson, reflections={}, share=False, on=_aware(2014, 1, 20).date()
            )
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
    agenda = _agenda(edition, agenda_words, agenda_words["past_agenda"], publish=True)
    _attended_2014(agenda, list(Enrolment.objects.filter(edition=edition)), facilitator)
    certificates = Certificate.objects.filter(enrolment__edition=edition).count()
    stdout.write(f"  {edition.title}: {len(alumni)} alumni, {certificates} certificates")
    return edition


def _current_edition(
    academy, spec: dict, trainee: dict, facilitator, cohort: _Cohort, stdout, agenda_words: dict
):
    words = cohort.words
    today = timezone.localdate()
    edition = _edition(
        academy,
        spec,
        {name: today + datetime.timedelta(days=days) for name, days in spec["days"].items()},
        facilitator,
        enrolment_mode=EnrolmentMode.APPLICATION,
        enrolment_closes=today + datetime.timedelta(days=spec["enrolment_closes_in_days"]),
    )
    _modules(edition, spec["modules"], timezone.now())
    _agenda(edition, agenda_words, agenda_words["current_agenda"], publish=True)
    lessons = _open_lessons(edition)
    module_one, module_two = (module["slug"] for module in spec["modules"][:2])

    user = _person(cohort.accounts, trainee)
    if not Enrolment.objects.filter(user=user, edition=edition).exists():
        enrolment = cohort.apply(user, edition, cohort.place(0), cohort.role(0), 0)
        enrolment = services.enrolment_accept(
            enrolment=enrolment, decided_by=facilitator, notify=False
        )
        # The first module and the first lesson of the second: a passed check, a shared
        # reflection that the facilitator answered.
        done = [lesson for lesson in lessons if lesson.get_parent().slug == module_one]
        done += [lesson for lesson in lessons if lesson.get_parent().slug == module_two][:1]
        for lesson in done:
            cohort.work_through(
                enrolment, lesson, reflections=words["trainee_reflections"], share=True
            )
        shared = [r for r in reflections_for(enrolment=enrolment) if r.shared_with_facilitators]
        for reflection in shared:
            services.reflection_feedback(
                reflection=reflection, by=facilitator, text=words["trainee_feedback"]
            )

    progress = words["cohort_progress"]
    for number in range(words["cohort_size"]):
        user = cohort.person("cohort", number)
        if Enrolment.objects.filter(user=user, edition=edition).exists():
            continue
        enrolment = cohort.apply(
            user, edition, cohort.place(number + 1), cohort.role(number), number
        )
        enrolment = services.enrolment_accept(
            enrolment=enrolment, decided_by=facilitator, notify=False
        )
        for lesson in lessons[: progress[number % len(progress)]]:
            cohort.work_through(enrolment, lesson, reflections={}, share=number % 2 == 0)

    for number in range(words["pending_size"]):
        user = cohort.person("applicant", number, offset=words["cohort_size"])
        if not Enrolment.objects.filter(user=user, edition=edition).exists():
            place, role = cohort.place(number + 5), cohort.role(number + 2)
            cohort.apply(user, edition, place, role, number + 1)

    active = Enrolment.objects.filter(edition=edition).active().count()
    pending = Enrolment.objects.filter(edition=edition).pending().count()
    stdout.write(f"  {edition.title}: {active} trainees, {pending} applications to decide")
    return edition


@transaction.atomic
def seed_learning_demo(*, stdout, scale: int = 1) -> list[tuple[str, str]]:
    """Create (or complete) the academy demo; safe to call any number of times. From ``scale``
    10 on, a large edition is added (``scale.py``). Returns the demo accounts that log in, as
    (e-mail, role)."""
    academy_words = load("learning.demo", "academy")
    people = [academy_words[key] for key in ("trainee", "facilitator", "alumnus")]
    accounts = [(person["email"], person["role"]) for person in people]
    stdout.write("Academy:")
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: the academy was not created")
        return accounts
    cohort = _Cohort(load("learning.demo", "cohort"), Accounts())
    academy = _academy(home, academy_words["academy"])
    facilitator = _person(cohort.accounts, academy_words["facilitator"])
    agenda_words = load("learning.demo", "agenda")
    _past_edition(
        academy,
        academy_words["past_edition"],
        academy_words["alumnus"],
        facilitator,
        cohort,
        stdout,
        agenda_words,
    )
    _current_edition(
        academy,
        academy_words["current_edition"],
        academy_words["trainee"],
        facilitator,
        cohort,
        stdout,
        agenda_words,
    )
    if scale >= MIN_SCALE:
        seed_large_cohort(
            academy=academy,
            facilitator=facilitator,
            cohort=cohort,
            helpers={"publish": _publish, "child": _child, "edition": _edition},
            stdout=stdout,
        )
    if cohort.accounts.created:
        stdout.write(f"  {cohort.accounts.created} accounts created")
    return accounts
