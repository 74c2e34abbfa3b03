"""Honest knowledge checks: a limited number of attempts when the editor sets one, the right
answers and explanations only when the check's reveal setting allows, one answer for a question
with one right option, and every submission stored."""

import pytest
from django.core.exceptions import ValidationError

from learning import services
from learning.blocks import RevealAnswers
from learning.models import CheckAttempt, Enrolment, LessonCompletion
from learning.selectors.lessons import AttemptSummary, check_attempt_summaries
from tests.html import parse, squash
from tests.learning.factories import EnrolmentFactory, LessonPageFactory, knowledge_check

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]

RIGHT = {"answer-q1": "q1-right", "answer-q2": "q2-right"}
HALF = {"answer-q1": "q1-right", "answer-q2": "q2-wrong"}
WRONG = {"answer-q1": "q1-wrong", "answer-q2": "q2-wrong"}


def check_lesson(module, **settings):
    """A lesson whose only interactive block is a check that needs both answers right."""
    return LessonPageFactory(
        parent=module,
        title="Check lesson",
        slug="check-lesson",
        body=[
            {
                "type": "knowledge_check",
                "id": "check",
                "value": knowledge_check(pass_mark=100, **settings),
            }
        ],
    )


def check_url(lesson):
    return lesson.url + lesson.reverse_subpage("check_submit", args=["check"])


def the_check(response):
    return parse(response).select_one("#check-check")


def words(element) -> str:
    return squash(element.get_text(" "))


@pytest.fixture
def signed_in(client, trainee):
    client.force_login(trainee)
    return client


# Settings and defaults ------------------------------------------------------------------------


def test_a_check_saved_before_the_settings_existed_allows_unlimited_attempts(signed_in, module_one):
    lesson = check_lesson(module_one)
    for _ in range(4):
        signed_in.post(check_url(lesson), WRONG)
    html = signed_in.get(lesson.url).content.decode()

    assert CheckAttempt.objects.count() == 4
    assert the_check(html).find("form") is not None
    assert "Attempt" not in words(the_check(html))


def test_the_block_defaults_to_unlimited_attempts_revealed_after_a_pass(module_one):
    check = check_lesson(module_one).body[0].value

    assert check["max_attempts"] is None
    assert check["reveal_answers"] == RevealAnswers.AFTER_PASS


# A wrong try ----------------------------------------------------------------------------------


def test_a_wrong_try_says_which_questions_were_wrong_without_the_right_option(
    signed_in, module_one
):
    lesson = check_lesson(module_one)

    response = signed_in.post(check_url(lesson), HALF, follow=True)

    check = the_check(response)
    assert "Your score: 50%. Not passed yet" in words(check)
    results = [squash(result.get_text()) for result in check.select(".lesson-check__result")]
    assert results == ["Right.", "Not quite."]
    assert "right answer" not in words(check).lower()
    assert "What works depends on where it works." not in words(check)
    assert "Mainstreaming builds" not in words(check)
    # The form starts blank again: the wrong answer is not ticked for the next try.
    assert check.select("input[checked]") == []
    assert check.find("button", string="Submit again") is not None


def test_the_counter_says_which_attempt_comes_next(signed_in, module_one):
    lesson = check_lesson(module_one, max_attempts=3)
    assert "Attempt 1 of 3" in words(the_check(signed_in.get(lesson.url)))

    response = signed_in.post(check_url(lesson), WRONG, follow=True)

    assert "Attempt 2 of 3" in words(the_check(response))
    assert "You have 3 attempts." in words(the_check(response))


# Attempts used up -----------------------------------------------------------------------------


def test_when_the_attempts_are_used_up_the_form_is_gone_and_the_best_score_shows(
    signed_in, module_one
):
    lesson = check_lesson(module_one, max_attempts=2)
    signed_in.post(check_url(lesson), HALF)
    response = signed_in.post(check_url(lesson), WRONG, follow=True)

    check = the_check(response)
    assert check.find("form") is None
    assert check.find("button") is None
    assert "You have used all 2 attempts. Your best score: 50%, below the pass mark." in words(
        check
    )
    # Revealed after a pass only (the default): still no right answer.
    assert "right answer" not in words(check).lower()


def test_using_every_attempt_completes_the_lesson_with_the_score_on_record(signed_in, module_one):
    # Like Moodle's "passing grade or all attempts completed": the last attempt never leaves the
    # lesson locked for good; the facilitators see the score.
    lesson = check_lesson(module_one, max_attempts=2)
    signed_in.post(check_url(lesson), HALF)
    assert not LessonCompletion.objects.filter(lesson=lesson).exists()

    response = signed_in.post(check_url(lesson), WRONG, follow=True)

    assert LessonCompletion.objects.filter(lesson=lesson).count() == 1
    actions = words(parse(response).select_one("#lesson-actions"))
    assert (
        "You used every attempt at the check “Check your understanding” without reaching the "
        "pass mark. The lesson counts as complete and your best score is on record for your "
        "facilitators"
    ) in actions
    assert "Pass the check" not in actions


def test_a_post_after_the_last_attempt_is_refused_inside_the_check(signed_in, module_one):
    lesson = check_lesson(module_one, max_attempts=1)
    signed_in.post(check_url(lesson), WRONG)

    response = signed_in.post(check_url(lesson), RIGHT)

    assert response.status_code == 302
    assert response.url == f"{lesson.url}#check-check"
    assert CheckAttempt.objects.count() == 1
    page = signed_in.get(response.url)
    feedback = the_check(page).select_one("[data-lesson-feedback]")
    assert "You have used your only attempt at this check." in words(feedback)
    assert feedback["role"] == "status" and feedback["tabindex"] == "-1"
    # Shown where the trainee acted, not in the page's message list.
    assert parse(page).select_one(".messages") is None


def test_the_service_refuses_an_attempt_beyond_the_limit(edition, trainee, module_one):
    lesson = check_lesson(module_one, max_attempts=2)
    enrolment = Enrolment.objects.get(user=trainee)
    wrong = {"q1": ["q1-wrong"], "q2": ["q2-wrong"]}
    for _ in range(2):
        services.check_submit(enrolment=enrolment, lesson=lesson, block_id="check", answers=wrong)

    with pytest.raises(ValidationError, match="used all 2 attempts"):
        services.check_submit(enrolment=enrolment, lesson=lesson, block_id="check", answers=wrong)
    assert CheckAttempt.objects.count() == 2


def test_a_passed_check_takes_no_more_attempts(edition, trainee, module_one):
    lesson = check_lesson(module_one)
    enrolment = Enrolment.objects.get(user=trainee)
    right = {"q1": ["q1-right"], "q2": ["q2-right"]}
    services.check_submit(enrolment=enrolment, lesson=lesson, block_id="check", answers=right)

    with pytest.raises(ValidationError, match="already passed"):
        services.check_submit(enrolment=enrolment, lesson=lesson, block_id="check", answers=right)
    assert CheckAttempt.objects.count() == 1


# When the right answers show ------------------------------------------------------------------


def test_after_a_pass_the_right_answers_and_explanations_show_and_the_form_is_gone(
    signed_in, module_one
):
    lesson = check_lesson(module_one)
    signed_in.post(check_url(lesson), WRONG)

    response = signed_in.post(check_url(lesson), RIGHT, follow=True)

    check = the_check(response)
    assert "Your score: 100%. You passed." in words(check)
    assert "What works depends on where it works." in words(check)
    assert "Context matters (right answer)" in words(check)
    assert check.find("form") is None
    # The passing answers are shown ticked, as read-only inputs.
    ticked = check.select("input[checked]")
    assert [tick["value"] for tick in ticked] == ["q1-right", "q2-right"]
    assert all(tick.has_attr("disabled") for tick in ticked)


def test_never_keeps_the_answers_hidden_even_after_a_pass(signed_in, module_one):
    lesson = check_lesson(module_one, reveal_answers=RevealAnswers.NEVER)

    response = signed_in.post(check_url(lesson), RIGHT, follow=True)

    check = the_check(response)
    assert "You passed." in words(check)
    assert "right answer" not in words(check).lower()
    assert "What works depends on where it works." not in words(check)
    assert check.select("input[checked]") == []


def test_after_the_last_attempt_the_answers_show_to_a_trainee_who_did_not_pass(
    signed_in, module_one
):
    lesson = check_lesson(
        module_one, max_attempts=1, reveal_answers=RevealAnswers.AFTER_LAST_ATTEMPT
    )

    response = signed_in.post(check_url(lesson), HALF, follow=True)

    check = the_check(response)
    assert "You have used your only attempt. Your score: 50%" in words(check)
    assert "Not quite. The right answer: Mainstreaming" in words(check)
    assert "Mainstreaming builds migrants' needs into general policy." in words(check)


def test_after_a_pass_policy_hides_the_answers_from_a_trainee_out_of_attempts(
    signed_in, module_one
):
    lesson = check_lesson(module_one, max_attempts=1, reveal_answers=RevealAnswers.AFTER_PASS)

    response = signed_in.post(check_url(lesson), HALF, follow=True)

    assert "The right answer" not in words(the_check(response))


# One right option, several right options -------------------------------------------------------


def several_right_check() -> dict:
    value = knowledge_check(pass_mark=100)
    value["questions"][1]["value"]["options"][1]["value"]["correct"] = True
    return value


def test_one_right_option_is_a_radio_group_and_several_are_checkboxes(signed_in, module_one):
    lesson = LessonPageFactory(
        parent=module_one,
        body=[{"type": "knowledge_check", "id": "check", "value": several_right_check()}],
    )

    check = the_check(signed_in.get(lesson.url))

    assert {field["type"] for field in check.select('input[name="answer-q1"]')} == {"radio"}
    assert {field["type"] for field in check.select('input[name="answer-q2"]')} == {"checkbox"}
    hints = [squash(hint.get_text()) for hint in check.select("fieldset > p.hint")]
    assert hints == ["Choose one answer.", "Choose every right answer."]
    for fieldset in check.select("fieldset"):
        assert check.select_one(f"#{fieldset['aria-describedby']}") is not None


def test_a_forged_post_of_two_options_to_a_one_answer_question_is_simply_wrong(
    signed_in, module_one
):
    lesson = check_lesson(module_one)

    response = signed_in.post(
        check_url(lesson), {"answer-q1": ["q1-right", "q1-wrong"], "answer-q2": "q2-right"}
    )

    assert response.status_code == 302
    attempt = CheckAttempt.objects.get()
    assert attempt.score == 50 and not attempt.passed
    assert attempt.answers["q1"] == ["q1-right", "q1-wrong"]


def test_every_right_option_of_a_several_answer_question_is_needed(signed_in, module_one):
    lesson = LessonPageFactory(
        parent=module_one,
        body=[{"type": "knowledge_check", "id": "check", "value": several_right_check()}],
    )

    signed_in.post(check_url(lesson), RIGHT)
    signed_in.post(
        check_url(lesson), {"answer-q1": "q1-right", "answer-q2": ["q2-right", "q2-wrong"]}
    )

    assert list(CheckAttempt.objects.order_by("pk").values_list("score", flat=True)) == [50, 100]


# Attempts for the cohort ----------------------------------------------------------------------


def test_attempt_summaries_count_each_check_of_each_trainee_in_one_query(
    edition, trainee, module_one, django_assert_num_queries
):
    lesson = check_lesson(module_one)
    mine = Enrolment.objects.get(user=trainee)
    other = EnrolmentFactory(edition=edition)
    idle = EnrolmentFactory(edition=edition)
    wrong = {"q1": ["q1-wrong"], "q2": ["q2-wrong"]}
    half = {"q1": ["q1-right"], "q2": ["q2-wrong"]}
    right = {"q1": ["q1-right"], "q2": ["q2-right"]}
    for answers in (wrong, half, right):
        services.check_submit(enrolment=mine, lesson=lesson, block_id="check", answers=answers)
    services.check_submit(enrolment=other, lesson=lesson, block_id="check", answers=half)

    with django_assert_num_queries(1):
        summaries = check_attempt_summaries(
            edition=edition, enrolment_ids=[mine.pk, other.pk, idle.pk]
        )

    assert summaries == {
        (mine.pk, lesson.pk, "check"): AttemptSummary(attempts=3, best_score=100, passed=True),
        (other.pk, lesson.pk, "check"): AttemptSummary(attempts=1, best_score=50, passed=False),
    }
