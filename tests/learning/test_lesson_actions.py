"""What a trainee does inside a lesson, posted to the lesson views: mark it complete, answer a
knowledge check, save a reflection; and what everybody else is refused."""

import pytest
from django.contrib.messages import get_messages

from learning.models import CheckAttempt, Enrolment, LessonCompletion, Reflection
from tests.html import links, parse, squash, text
from tests.learning.factories import LessonPageFactory, knowledge_check

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]


@pytest.fixture
def practice_lesson(module_one):
    """A lesson with a required reflection prompt and a knowledge check, with fixed block ids."""
    return LessonPageFactory(
        parent=module_one,
        title="Practise",
        slug="practise",
        body=[
            {"type": "paragraph", "id": "intro", "value": "<p>Read this first.</p>"},
            {
                "type": "reflection",
                "id": "reflect",
                "value": {"prompt": "<p>Which practice functions in your city?</p>"},
            },
            {"type": "knowledge_check", "id": "check", "value": knowledge_check(pass_mark=50)},
        ],
    )


def complete_url(lesson):
    return lesson.url + lesson.reverse_subpage("lesson_complete")


def check_url(lesson, block_id="check"):
    return lesson.url + lesson.reverse_subpage("check_submit", args=[block_id])


def reflection_url(lesson, block_id="reflect"):
    return lesson.url + lesson.reverse_subpage("reflection_save", args=[block_id])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# Who may post --------------------------------------------------------------------------------


@pytest.mark.parametrize("url_of", [complete_url, check_url, reflection_url])
def test_an_anonymous_visitor_is_sent_to_log_in(client, practice_lesson, url_of):
    response = client.post(url_of(practice_lesson), {"answer-q1": "q1-right"})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not LessonCompletion.objects.exists()
    assert not CheckAttempt.objects.exists()
    assert not Reflection.objects.exists()


@pytest.mark.parametrize("role", ["member", "applicant", "other_trainee", "facilitator", "editor"])
@pytest.mark.parametrize("url_of", [complete_url, check_url, reflection_url])
def test_only_trainees_of_the_edition_may_post(client, request, role, practice_lesson, url_of):
    client.force_login(request.getfixturevalue(role))
    response = client.post(url_of(practice_lesson), {"answer-q1": "q1-right"})
    assert response.status_code == 403
    assert not LessonCompletion.objects.exists()
    assert not CheckAttempt.objects.exists()
    assert not Reflection.objects.exists()


def test_a_get_is_not_allowed(client, trainee, lessons):
    client.force_login(trainee)
    assert client.get(complete_url(lessons["what"])).status_code == 405
    assert not LessonCompletion.objects.filter(lesson=lessons["what"]).exists()


def test_an_unknown_lesson_or_block_is_not_found(client, trainee, practice_lesson):
    client.force_login(trainee)
    assert (
        client.post(f"{practice_lesson.get_parent().url}no-such-lesson/complete/").status_code
        == 404
    )
    assert client.post(check_url(practice_lesson, "nope")).status_code == 404
    assert client.post(reflection_url(practice_lesson, "nope")).status_code == 404
    # A reflection prompt's id is not a knowledge check's, and the other way round.
    assert client.post(check_url(practice_lesson, "reflect")).status_code == 404
    assert client.post(reflection_url(practice_lesson, "check")).status_code == 404
    assert not LessonCompletion.objects.exists()
    assert not CheckAttempt.objects.exists()
    assert not Reflection.objects.exists()


def test_an_unpublished_lesson_is_not_found(client, trainee, lessons):
    lessons["what"].unpublish()
    client.force_login(trainee)
    assert client.post(complete_url(lessons["what"])).status_code == 404
    assert not LessonCompletion.objects.filter(lesson=lessons["what"]).exists()


# Completing -----------------------------------------------------------------------------------


def test_a_trainee_marks_a_lesson_complete_once_however_often_they_click(client, trainee, lessons):
    client.force_login(trainee)
    first = client.post(complete_url(lessons["what"]))
    second = client.post(complete_url(lessons["what"]), follow=True)
    assert first.status_code == 302 and first.url == f"{lessons['what'].url}#lesson-actions"
    assert LessonCompletion.objects.filter(lesson=lessons["what"]).count() == 1
    assert "Completed on" in second.content.decode()


def test_completing_a_locked_lesson_by_posting_directly_is_refused(client, trainee, lessons):
    client.force_login(trainee)
    response = client.post(complete_url(lessons["transfer"]), follow=True)
    assert not LessonCompletion.objects.exists()
    assert any("Opens once you complete" in message for message in messages_of(response))
    assert "This lesson is locked" in response.content.decode()


def test_a_lesson_with_a_check_is_not_completed_by_marking_it(client, trainee, practice_lesson):
    client.force_login(trainee)
    response = client.post(complete_url(practice_lesson), follow=True)
    assert not LessonCompletion.objects.exists()
    assert any("Pass the knowledge check" in message for message in messages_of(response))


# Knowledge checks -----------------------------------------------------------------------------


def test_a_check_with_a_missing_answer_is_refused_and_nothing_saved(
    client, trainee, practice_lesson
):
    client.force_login(trainee)
    response = client.post(check_url(practice_lesson), {"answer-q1": "q1-right"}, follow=True)
    assert not CheckAttempt.objects.exists()
    assert any("Answer the question" in message for message in messages_of(response))
    assert "Answer the question" in text(response, "#check-check [data-lesson-feedback]")


def test_a_check_with_a_foreign_option_is_refused_and_nothing_saved(
    client, trainee, practice_lesson
):
    client.force_login(trainee)
    response = client.post(
        check_url(practice_lesson), {"answer-q1": "q2-right", "answer-q2": "q2-right"}, follow=True
    )
    assert not CheckAttempt.objects.exists()
    assert any("is not an option of that question" in m for m in messages_of(response))


def test_a_failed_check_shows_the_score_and_what_was_wrong_but_not_the_answers(
    client, trainee, practice_lesson
):
    client.force_login(trainee)
    response = client.post(
        check_url(practice_lesson), {"answer-q1": "q1-wrong", "answer-q2": "q2-wrong"}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain == [(f"{practice_lesson.url}#check-check", 302)]
    assert CheckAttempt.objects.get().passed is False
    assert "Your score: 0%. Not passed yet" in html
    assert html.count("Not quite.") == 2
    assert "Context matters (right answer)" not in html
    assert "What works depends on where it works." not in html
    assert not LessonCompletion.objects.exists()


def test_a_passed_check_completes_the_lesson_once_the_reflection_is_written(
    client, trainee, practice_lesson
):
    client.force_login(trainee)
    client.post(reflection_url(practice_lesson), {"reflection-reflect-text": "Our job centre."})
    response = client.post(
        check_url(practice_lesson), {"answer-q1": "q1-right", "answer-q2": "q2-right"}, follow=True
    )
    html = response.content.decode()
    assert "Your score: 100%. You passed." in html
    assert html.count("Right.") == 2
    assert LessonCompletion.objects.filter(lesson=practice_lesson).count() == 1
    assert "Completed on" in html


def test_a_passed_check_alone_leaves_the_reflection_to_do(client, trainee, practice_lesson):
    client.force_login(trainee)
    response = client.post(
        check_url(practice_lesson), {"answer-q1": "q1-right", "answer-q2": "q2-right"}, follow=True
    )
    assert not LessonCompletion.objects.exists()
    assert "Answer the reflection prompt" in response.content.decode()


def test_a_check_on_a_locked_lesson_is_refused(client, trainee, module_two, lessons):
    locked = LessonPageFactory(
        parent=module_two,
        body=[{"type": "knowledge_check", "id": "check", "value": knowledge_check()}],
    )
    client.force_login(trainee)
    client.post(check_url(locked), {"answer-q1": "q1-right", "answer-q2": "q2-right"})
    assert not CheckAttempt.objects.exists()


# Reflections ----------------------------------------------------------------------------------


def test_a_trainee_saves_and_shares_a_reflection_and_sees_it_again(
    client, trainee, practice_lesson
):
    client.force_login(trainee)
    response = client.post(
        reflection_url(practice_lesson),
        {"reflection-reflect-text": "Vejle's mentoring scheme.", "reflection-reflect-shared": "on"},
        follow=True,
    )
    reflection = Reflection.objects.get()
    assert reflection.text == "Vejle's mentoring scheme." and reflection.shared_with_facilitators
    html = response.content.decode()
    assert response.redirect_chain == [(f"{practice_lesson.url}#reflection-reflect", 302)]
    # The result shows inside the prompt the trainee answered, focusable and announced, and not
    # in the message list at the top of the page.
    feedback = parse(html).select_one("#reflection-reflect [data-lesson-feedback]")
    assert squash(feedback.get_text()) == "Your reflection is saved."
    assert feedback["role"] == "status" and feedback["tabindex"] == "-1"
    assert parse(html).select_one(".messages") is None
    answer = parse(html).select_one('textarea[name="reflection-reflect-text"]')
    assert squash(answer.get_text()) == "Vejle's mentoring scheme."
    shared = parse(html).select_one('input[type=checkbox][name="reflection-reflect-shared"]')
    assert shared.has_attr("checked")


def test_a_reflection_shows_the_facilitator_feedback(
    client, trainee, facilitator, edition, practice_lesson
):
    from learning import services

    enrolment = Enrolment.objects.get(user=trainee)
    reflection = services.reflection_save(
        enrolment=enrolment, lesson=practice_lesson, block_id="reflect", text="Ideas", shared=True
    )
    services.reflection_feedback(reflection=reflection, by=facilitator, text="Compare with Ghent.")
    client.force_login(trainee)
    html = client.get(practice_lesson.url).content.decode()
    assert "Feedback from the facilitators" in html and "Compare with Ghent." in html


def test_a_reflection_of_a_hundred_thousand_characters_is_refused(client, trainee, practice_lesson):
    client.force_login(trainee)
    response = client.post(
        reflection_url(practice_lesson), {"reflection-reflect-text": "x" * 100_000}, follow=True
    )
    assert not Reflection.objects.exists()
    assert any("Keep your reflection to" in message for message in messages_of(response))


def test_an_empty_reflection_is_refused(client, trainee, practice_lesson):
    client.force_login(trainee)
    response = client.post(reflection_url(practice_lesson), {"reflection-reflect-text": "  "})
    assert not Reflection.objects.exists()
    assert "Write your reflection before you save it." in messages_of(response)
    page = client.get(response.url)
    assert "Write your reflection before you save it." in text(
        page, "#reflection-reflect [data-lesson-feedback]"
    )


def test_lesson_posts_are_rate_limited_per_person(
    client, trainee, other_trainee, lessons, settings
):
    settings.POST_RATE_LIMITS = {**settings.POST_RATE_LIMITS, "learning:lesson": 1}
    client.force_login(trainee)
    assert client.post(complete_url(lessons["what"])).status_code == 302

    response = client.post(complete_url(lessons["why"]))

    assert response.status_code == 429
    assert not LessonCompletion.objects.filter(lesson=lessons["why"]).exists()
    # The limit is per person: somebody else is not held back.
    client.force_login(other_trainee)
    assert client.post(complete_url(lessons["what"])).status_code != 429


# The way on after completing ------------------------------------------------------------------


def way_on(response) -> list[tuple[str, str]]:
    return links(response, "#lesson-actions")


def test_after_marking_complete_the_next_lesson_is_the_primary_action_where_the_button_was(
    client, trainee, module_one, lessons
):
    client.force_login(trainee)
    response = client.post(complete_url(lessons["what"]), follow=True)

    assert response.redirect_chain == [(f"{lessons['what'].url}#lesson-actions", 302)]
    assert way_on(response) == [
        ("Next lesson: Why context matters", lessons["why"].url),
        ("Back to the module", module_one.url),
    ]
    first = parse(response).select_one("#lesson-actions a")
    assert "button--secondary" not in first["class"]
    feedback = parse(response).select_one("#lesson-actions [data-lesson-feedback]")
    assert squash(feedback.get_text()) == "Lesson complete. Well done."
    assert parse(response).select_one(".messages") is None


def test_the_last_lesson_of_a_module_leads_to_the_next_module_once_it_is_open(
    client, trainee, module_one, module_two, lessons
):
    client.force_login(trainee)
    client.post(complete_url(lessons["what"]))

    response = client.post(complete_url(lessons["why"]), follow=True)

    assert way_on(response) == [
        ("Next module: Transferability", lessons["transfer"].url),
        ("Back to the module", module_one.url),
    ]


def test_the_last_lesson_of_a_module_whose_next_module_is_locked_leads_to_my_learning(
    client, trainee, edition, module_one, module_two, lessons
):
    from learning import services

    # The second module needs every required lesson of the first, and "what" is not complete.
    enrolment = Enrolment.objects.get(user=trainee)
    services.lesson_complete(enrolment=enrolment, lesson=lessons["why"])
    client.force_login(trainee)

    response = client.get(lessons["why"].url)

    assert way_on(response) == [
        ("Back to My learning", "/learning/dashboard/"),
        ("Back to the module", module_one.url),
    ]


def test_the_last_lesson_of_the_last_module_leads_to_my_learning(
    client, trainee, module_one, module_two, lessons
):
    client.force_login(trainee)
    for key in ("what", "why", "transfer", "extra"):
        client.post(complete_url(lessons[key]))

    response = client.get(lessons["extra"].url)

    assert way_on(response)[0] == ("Back to My learning", "/learning/dashboard/")
