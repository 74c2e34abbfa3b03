"""The call form asks for what each pre-requisite needs; a missing or unclear answer needs review
and never turns a nomination down; only a definite answer that fails a rule is "not met"."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.selection.models import Nomination, NominationStatus
from tests.html import text_of

from .call_form import errors_described_by, legend_of_group, nomination_form, visible_text
from .test_call import valid_data

pytestmark = pytest.mark.django_db


def checks_of(nomination: Nomination) -> dict[str, tuple[bool | None, str]]:
    from cms.selection.selectors import nomination_checks

    return {check.code: (check.met, check.reason) for check in nomination_checks(nomination)}


def nominate(client, call_page, fields, **answers) -> Nomination:
    response = client.post(call_page.url, valid_data(fields, **answers))
    assert response.status_code == 302, response.context["form"].errors
    return Nomination.objects.get()


# The test round's reference date is 1 June 2024.
@pytest.mark.parametrize(
    ("answers", "code", "met", "reason", "status"),
    [
        (
            {"involves_public_authorities": "yes", "public_authorities": "Vejle Municipality"},
            "c",
            True,
            "1 public authority named: Vejle Municipality.",
            NominationStatus.PENDING,  # (a) still waits for a reviewer
        ),
        (
            {"involves_public_authorities": "no", "public_authorities": ""},
            "c",
            False,
            "The nominator says no public authority is involved.",
            NominationStatus.NOT_ELIGIBLE,
        ),
        (
            {"involves_public_authorities": "not_sure", "public_authorities": ""},
            "c",
            None,
            "The nominator was not sure whether a public authority is involved.",
            NominationStatus.PENDING,
        ),
        (
            {"local_level": "not_sure"},
            "b",
            None,
            "A reviewer has not checked it yet.",
            NominationStatus.PENDING,
        ),
        (
            {"local_level": "no"},
            "b",
            False,
            "No.",
            NominationStatus.NOT_ELIGIBLE,
        ),
        (
            {"start_date": "2015-03-01"},
            "d",
            True,
            "Live on the reference date 1 June 2024, started 1 March 2015.",
            NominationStatus.PENDING,
        ),
        (
            {"start_date": "2023-01-01"},
            "d",
            False,
            "Ran from 1 January 2023 to 1 June 2024: less than two years of implementation "
            "(two years are reached on 1 January 2025).",
            NominationStatus.NOT_ELIGIBLE,
        ),
        (
            {"start_date": "2022-01-01", "start_date_is_approximate": "on"},
            "d",
            None,
            "Started in about 2022 (the exact date is not known): two years of implementation "
            "by 1 June 2024 hold only if it started by 1 June 2022.",
            NominationStatus.PENDING,
        ),
        (
            {"start_date": "2015-01-01", "start_date_is_approximate": "on"},
            "d",
            True,
            "Live on the reference date 1 June 2024, started 1 January 2015.",
            NominationStatus.PENDING,
        ),
        (
            {"start_date": "2010-01-01", "end_date": "2021-12-31", "ongoing": ""},
            "d",
            False,
            "Ended on 31 December 2021, more than two years before the reference date 1 June 2024.",
            NominationStatus.NOT_ELIGIBLE,
        ),
    ],
)
def test_each_answer_gives_its_check_and_only_a_definite_no_rules_out(
    client, call_page, fields, answers, code, met, reason, status
):
    nomination = nominate(client, call_page, fields, **answers)

    assert checks_of(nomination)[code] == (met, reason)
    assert nomination.status == status


def test_a_nomination_with_every_answer_unsure_waits_for_review(client, call_page, fields):
    nomination = nominate(
        client,
        call_page,
        fields,
        local_level="not_sure",
        involves_public_authorities="not_sure",
        public_authorities="",
        start_date="2022-03-01",
        start_date_is_approximate="on",
    )

    assert nomination.local_level is None and nomination.involves_public_authorities is None
    assert [met for met, _reason in checks_of(nomination).values()] == [None] * 4
    assert nomination.status == NominationStatus.PENDING


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (
            {"involves_public_authorities": "yes", "public_authorities": " "},
            "public_authorities",
            "Name the public authorities involved, one per line.",
        ),
        (
            {"involves_public_authorities": "no", "public_authorities": "City council"},
            "public_authorities",
            "You answered that no public authority is involved: clear this field, or change "
            "the answer above.",
        ),
        (
            {"involves_public_authorities": ""},
            "involves_public_authorities",
            "This field is required.",
        ),
        ({"start_date": ""}, "start_date", "This field is required."),
    ],
)
def test_answers_that_do_not_fit_are_sent_back_with_a_message(
    client, call_page, fields, answers, field, message
):
    response = client.post(call_page.url, valid_data(fields, **answers))

    assert response.status_code == 400
    shown, _errors_id = errors_described_by(nomination_form(response), field)
    assert shown == [message]
    assert message in text_of(response, "[role=alert]")
    assert Nomination.objects.count() == 0


def test_the_form_asks_each_pre_requisite_in_plain_words(client, call_page, fields):
    response = client.get(call_page.url)
    form = nomination_form(response)

    assert legend_of_group(form, "involves_public_authorities") == (
        "Is a public authority involved in the practice? (required)"
    )
    assert legend_of_group(form, "local_level").startswith(
        "Is the practice run at local level (a city, municipality or district)?"
    )
    words = visible_text(response)
    assert "When did the practice start working with people? (required)" in words
    assert "at least two years of work behind them" in words
    assert "I know only the month or the year it started" in words
    assert "I am not sure" in words
    assert "If you do not know an answer, say so: a reviewer will look into it" in words


def test_the_thank_you_page_says_what_happens_next(client, call_page, fields):
    call_page.outcome_by = datetime.date(2030, 3, 15)
    call_page.save_revision().publish()
    response = client.post(call_page.url, valid_data(fields))

    words = visible_text(client.get(response["Location"]))

    closes = timezone.localtime(call_page.closes_at).strftime("%-d %B %Y")
    assert f"The call is open until {closes}." in words
    assert "After the call closes, reviewers check each nomination against the pre-requisites" in (
        words
    )
    assert "Where an answer is missing or unclear, they look into it" in words
    assert "Reviewers score it on innovation, success" in words
    assert "We will write to you by 15 March 2030" in words


def test_without_a_date_the_thank_you_page_promises_none(client, call_page, fields):
    response = client.post(call_page.url, valid_data(fields))

    words = visible_text(client.get(response["Location"]))

    assert "We will write to you once the selection is made" in words
    assert "We will write to you by" not in words


def test_the_confirmation_mail_says_what_happens_next(
    client, call_page, fields, django_capture_on_commit_callbacks
):
    call_page.outcome_by = datetime.date(2030, 3, 15)
    call_page.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(call_page.url, valid_data(fields))

    body = " ".join(mail.outbox[0].body.split())
    closes = timezone.localtime(call_page.closes_at).strftime("%-d %B %Y")
    assert f"1. The call is open until {closes}." in body
    assert (
        "2. After the call closes, reviewers check each nomination against the pre-requisites: "
        "clear integration goals, work at local level, public authorities involved, and at "
        "least two years of implementation"
    ) in body
    assert "4. We will write to you by 15 March 2030 to say whether your practice was chosen." in (
        body
    )
    assert str(Nomination.objects.get().reference) in body


def test_a_reviewer_settles_an_unsure_answer(client, reviewer, call_page, fields):
    nomination = nominate(
        client, call_page, fields, involves_public_authorities="not_sure", public_authorities=""
    )
    client.force_login(reviewer)
    inspect = reverse("nominations:inspect", args=[nomination.pk])
    assert "Needs review The nominator was not sure" in text_of(client.get(inspect), "main")

    response = client.post(
        reverse("nominations:check", args=[nomination.pk]),
        {
            "clear_goals": "yes",
            "local_level": "yes",
            "authorities_verdict": "yes",
            "authorities_note": "The district office funds the guides.",
        },
    )

    assert response["Location"] == inspect
    nomination.refresh_from_db()
    assert checks_of(nomination)["c"] == (True, "The district office funds the guides.")
    assert nomination.status == NominationStatus.LONG_LISTED
    assert "Yes The district office funds the guides." in text_of(client.get(inspect), "main")
