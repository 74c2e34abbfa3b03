"""What each person sees on a module or lesson page: the course for trainees, facilitators and
editors; the syllabus and a way in for everybody else; a lock reason instead of a locked lesson."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from learning import services
from learning.models import Enrolment, LessonCompletion, ModulePage
from tests.html import links, parse, squash, text, texts
from tests.learning.factories import LessonPageFactory, knowledge_check

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]

BODY_SENTENCE = "Context decides what works in integration policy."


def _enrolment(user, edition):
    return Enrolment.objects.get(user=user, edition=edition)


@pytest.fixture
def outsider(request):
    """Anybody without access to the course: nobody, a member, an applicant, another trainee."""
    return request.getfixturevalue(request.param) if request.param else None


@pytest.mark.parametrize("outsider", [None, "member", "applicant", "other_trainee"], indirect=True)
def test_outsiders_see_the_syllabus_and_a_way_in_but_never_the_lesson_body(
    client, outsider, edition, lessons
):
    if outsider:
        client.force_login(outsider)
    response = client.get(lessons["what"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert BODY_SENTENCE not in html
    assert "What functions" in html and "Why context matters" in html
    assert "Tell a functioning practice from a best practice" in html
    assert "90 minutes" in html
    assert ("See how to join Turin 2027", edition.url) in links(html)
    assert "Mark as complete" not in text(html)


@pytest.mark.parametrize("outsider", [None, "member", "applicant", "other_trainee"], indirect=True)
def test_outsiders_see_the_module_syllabus_without_its_intro(client, outsider, module_one, lessons):
    module_one.intro = "<p>Only trainees read this introduction.</p>"
    module_one.save_revision().publish()
    if outsider:
        client.force_login(outsider)
    html = client.get(module_one.url).content.decode()
    assert "Only trainees read this introduction." not in html
    assert "What functions" in html and "Why context matters" in html
    assert "See how to join Turin 2027" in html


def test_an_anonymous_visitor_is_offered_to_log_in(client, lessons):
    html = client.get(lessons["what"].url).content.decode()
    login = f"/accounts/login/?next={lessons['what'].url}"
    assert ("Log in if you are already a trainee", login) in links(html)


def test_a_trainee_reads_the_lesson_with_the_module_progress_and_can_mark_it_complete(
    client, trainee, lessons
):
    client.force_login(trainee)
    html = client.get(lessons["what"].url).content.decode()
    assert BODY_SENTENCE in html
    assert "Mark as complete" in html
    assert "0 of 2 required lessons" in html
    bar = parse(html).select_one("progress")
    assert bar is not None and bar["value"] == "0"
    assert text(html, f"#{bar['aria-labelledby']}") == "0 of 2 required lessons"
    assert ("Next lesson Why context matters", lessons["why"].url) in links(html)


def test_the_second_lesson_links_back_to_the_first(client, trainee, lessons):
    client.force_login(trainee)
    html = client.get(lessons["why"].url).content.decode()
    assert ("Previous lesson What functions", lessons["what"].url) in links(html)
    assert "Next lesson" not in text(html)


def test_a_completed_lesson_says_when_and_whether_it_changed_since(
    client, trainee, edition, lessons
):
    enrolment = _enrolment(trainee, edition)
    lessons["what"].save_revision().publish()
    lessons["what"].refresh_from_db()
    services.lesson_complete(enrolment=enrolment, lesson=lessons["what"])
    LessonCompletion.objects.update(completed_at=timezone.make_aware(datetime.datetime(2025, 3, 2)))
    client.force_login(trainee)

    html = client.get(lessons["what"].url).content.decode()
    assert "Completed on 2 March 2025" in html
    assert "1 of 2 required lessons" in html
    assert "updated since you completed it" not in html

    lessons["what"].title = "What functions, revised"
    lessons["what"].save_revision().publish()
    html = client.get(lessons["what"].url).content.decode()
    assert "Completed on 2 March 2025" in html
    assert "This lesson was updated since you completed it" in html


def test_a_locked_lesson_shows_the_reason_instead_of_the_body(client, trainee, lessons):
    client.force_login(trainee)
    html = client.get(lessons["transfer"].url).content.decode()
    assert BODY_SENTENCE not in html
    assert "This lesson is locked" in html
    assert "Opens once you complete every required lesson of the module" in html
    assert "Mark as complete" not in html


def test_a_lesson_of_an_unreleased_module_gives_its_date(client, trainee, edition, lessons):
    module = ModulePage.objects.get(slug="functioning-practices")
    module.release_at = timezone.make_aware(datetime.datetime(2099, 3, 3))
    module.save_revision().publish()
    client.force_login(trainee)
    html = client.get(lessons["what"].url).content.decode()
    assert "Opens on 3 March 2099." in html
    assert BODY_SENTENCE not in html


@pytest.mark.parametrize("role", ["facilitator", "editor"])
def test_facilitators_and_editors_preview_every_lesson_even_a_locked_one(
    client, request, role, lessons
):
    client.force_login(request.getfixturevalue(role))
    html = client.get(lessons["transfer"].url).content.decode()
    assert BODY_SENTENCE in html
    assert "This lesson is locked" not in html
    assert "Mark as complete" not in html  # they are not trainees


@pytest.mark.parametrize("role", ["trainee", "facilitator", "editor"])
def test_the_module_page_lists_its_lessons_for_the_course_team(client, request, role, lessons):
    client.force_login(request.getfixturevalue(role))
    module = lessons["what"].get_parent()
    html = client.get(module.url).content.decode()
    assert ("What functions", lessons["what"].url) in links(html)
    assert ("Why context matters", lessons["why"].url) in links(html)


def test_the_module_page_shows_the_trainee_progress(client, trainee, edition, lessons):
    services.lesson_complete(enrolment=_enrolment(trainee, edition), lesson=lessons["what"])
    client.force_login(trainee)
    html = client.get(lessons["what"].get_parent().url).content.decode()
    assert "1 of 2 required lessons" in html
    assert "Completed" in html


def test_a_lesson_with_a_check_asks_to_pass_it_and_shows_each_question(client, trainee, module_one):
    lesson = LessonPageFactory(
        parent=module_one,
        title="Check lesson",
        body=[{"type": "knowledge_check", "id": "check", "value": knowledge_check()}],
    )
    client.force_login(trainee)
    html = client.get(lesson.url).content.decode()
    assert "Pass the check above" in html
    assert "Mark as complete" not in html
    assert texts(html, "fieldset legend") == [
        "1. Why 'functioning' rather than 'best' practice?",
        "2. Which policy theme is about general rather than migrant-only measures?",
    ]
    # Each option is a labelled radio button (each question has one right option) whose name
    # and value are what the check grades.
    option = parse(html).select_one('input[type=radio][name="answer-q1"][value="q1-right"]')
    assert option is not None
    assert text(html, f'label[for="{option["id"]}"]') == "Context matters"


def test_a_required_reflection_must_be_answered_before_completing(client, trainee, module_one):
    lesson = LessonPageFactory(
        parent=module_one,
        title="Reflect",
        body=[
            {
                "type": "reflection",
                "id": "reflect",
                "value": {"prompt": "<p>What surprised you?</p>", "required": True},
            }
        ],
    )
    client.force_login(trainee)
    html = client.get(lesson.url).content.decode()
    assert "Answer the reflection prompt first" in html
    assert "Mark as complete" not in html
    document = parse(html)
    answer = document.select_one("form textarea")
    assert answer is not None and document.select_one(f'label[for="{answer["id"]}"]')
    share = document.find("label", string="Share with the facilitators")
    assert share is not None and document.select_one(f'input[type=checkbox][id="{share["for"]}"]')


def _heavy_lesson(module, size: int):
    body = []
    for index in range(size):
        body.append(
            {
                "type": "reflection",
                "id": f"reflect-{index}",
                "value": {"prompt": "<p>What would you change?</p>", "required": True},
            }
        )
        body.append({"type": "knowledge_check", "id": f"check-{index}", "value": knowledge_check()})
    return LessonPageFactory(parent=module, title=f"Heavy {size}", body=body)


@pytest.mark.parametrize("size", [1, 10])
def test_a_lesson_page_runs_the_same_number_of_queries_whatever_its_size(
    client, trainee, edition, module_one, lessons, size, django_assert_max_num_queries
):
    lesson = _heavy_lesson(module_one, size)
    enrolment = _enrolment(trainee, edition)
    for block in lesson.body:
        if block.block_type == "reflection":
            services.reflection_save(
                enrolment=enrolment, lesson=lesson, block_id=block.id, text="Ideas", shared=True
            )
        else:
            services.check_submit(
                enrolment=enrolment,
                lesson=lesson,
                block_id=block.id,
                answers={"q1": ["q1-right"], "q2": ["q2-wrong"]},
            )
    client.force_login(trainee)
    client.get(lesson.url)  # warm the site and session caches
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(lesson.url)
    assert response.content.decode().count("Your score: 50%") == size


# Measured: 28 for 2 and for 20 interactive blocks (most are the site frame: menus, footer),
# and up to 2 for the residential attendance in the trainee's progress.
QUERY_BUDGET = 30


def test_an_editor_can_add_a_lesson_under_a_module_but_not_under_an_edition(
    client, editor, edition, module_one
):
    client.force_login(editor)
    under_module = client.get(f"/admin/pages/add/learning/lessonpage/{module_one.pk}/")
    assert under_module.status_code == 200
    response = client.post(
        f"/admin/pages/add/learning/lessonpage/{module_one.pk}/",
        {
            "title": "Mainstreaming in practice",
            "slug": "mainstreaming-in-practice",
            "summary": "General policies that reach migrants too.",
            "estimated_minutes": "25",
            "is_required": "on",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    created = Page.objects.get(slug="mainstreaming-in-practice")
    assert created.get_parent().pk == module_one.pk and created.live

    # Wagtail refuses the wrong parent by sending the editor back to the dashboard.
    under_edition = client.get(f"/admin/pages/add/learning/lessonpage/{edition.pk}/")
    assert under_edition.status_code == 302 and under_edition.url == "/admin/"


def test_reading_practice_and_document_blocks_show_their_facts(
    client, trainee, module_one, practice_index
):
    from tests.cms.factories import DocumentFactory, PracticePageFactory

    practice = PracticePageFactory(parent=practice_index, title="Hamburg welcome centre")
    document = DocumentFactory(title="Discussion paper")
    lesson = LessonPageFactory(
        parent=module_one,
        title="Sources",
        body=[
            {
                "type": "reading",
                "id": "read",
                "value": {"title": "Mainstreaming explained", "author": "A. Researcher"},
            },
            {"type": "practice", "id": "card", "value": {"practice": practice.pk, "note": ""}},
            {"type": "document", "id": "doc", "value": {"document": document.pk, "title": ""}},
        ],
    )
    client.force_login(trainee)
    html = client.get(lesson.url).content.decode()
    assert "Mainstreaming explained" in html and "A. Researcher" in html
    assert "Hamburg welcome centre" in html and "Hamburg, Germany" in html
    assert "brings newcomers and long-term residents together" in html
    assert ("Hamburg welcome centre", practice.url) in links(html)
    assert ("Read the profile of Hamburg welcome centre", practice.url) in links(html)
    assert ("Discussion paper", document.url) in links(html) and "(PDF, " in text(html)


# The module outline ---------------------------------------------------------------------------


def outline(response) -> list[str]:
    return [squash(item.get_text(" ")) for item in parse(response).select(".lesson-outline li")]


def test_the_outline_lists_the_module_lessons_with_ticks_and_the_current_one(
    client, trainee, edition, lessons
):
    services.lesson_complete(enrolment=_enrolment(trainee, edition), lesson=lessons["what"])
    client.force_login(trainee)

    response = client.get(lessons["why"].url)

    details = parse(response).select_one("details.lesson-outline")
    assert squash(details.summary.get_text()) == "Module outline: Functioning practices"
    assert outline(response) == ["✓ What functions completed", "Why context matters"]
    current = details.select('a[aria-current="page"]')
    assert [(link.get_text(), link["href"]) for link in current] == [
        ("Why context matters", lessons["why"].url)
    ]
    assert details.find("nav")["aria-label"] == "Module outline"


def test_the_outline_of_a_locked_module_marks_its_lessons_locked(client, trainee, lessons):
    client.force_login(trainee)

    response = client.get(lessons["transfer"].url)

    assert outline(response) == [
        "✕ What transfers locked",
        "✕ Further reading locked optional",
    ]


@pytest.mark.parametrize("role", ["facilitator", "editor"])
def test_the_course_team_sees_the_outline_without_ticks(client, request, role, lessons):
    client.force_login(request.getfixturevalue(role))

    response = client.get(lessons["what"].url)

    assert outline(response) == ["What functions", "Why context matters"]


def test_outsiders_get_no_outline(client, lessons):
    assert parse(client.get(lessons["what"].url)).select(".lesson-outline") == []


@pytest.mark.parametrize("size", [2, 12])
def test_the_outline_costs_the_same_queries_whatever_the_module_size(
    client, trainee, edition, module_one, lessons, size, django_assert_max_num_queries
):
    enrolment = _enrolment(trainee, edition)
    extra = [LessonPageFactory(parent=module_one, title=f"Extra {n}") for n in range(size)]
    for lesson in extra[: size // 2]:
        services.lesson_complete(enrolment=enrolment, lesson=lesson)
    client.force_login(trainee)
    client.get(lessons["what"].url)  # warm the site and session caches

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(lessons["what"].url)

    assert len(outline(response)) == size + 2
    assert sum("completed" in item for item in outline(response)) == size // 2
