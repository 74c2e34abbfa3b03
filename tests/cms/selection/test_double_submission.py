"""The same nomination sent twice (a double click, a second tab, two requests at the same moment)
is filed once, and its nominator gets one confirmation."""

import threading

import pytest
from django.core import mail
from django.db import connection

from cms.selection.models import Nomination
from tests.cms.selection.test_call import valid_data
from tests.cms.selection.test_services import submit


@pytest.mark.django_db
def test_sending_the_form_twice_files_one_nomination_and_one_mail(
    client, call_page, fields, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(call_page.url, valid_data(fields))
        second = client.post(
            call_page.url,
            valid_data(
                fields,
                practice_name="NEIGHBOURHOOD welcome walks",
                contact_email="Mette@Example.org",
            ),
        )

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Nomination.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_another_practice_or_another_contact_is_a_new_nomination(selection_round, fields):
    first = submit(selection_round, fields)
    assert submit(selection_round, fields) == first
    submit(selection_round, fields, practice_name="Another practice")
    submit(selection_round, fields, contact_email="someone.else@example.org")

    assert Nomination.objects.count() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=f"two requests at once need concurrent transactions; this run uses {connection.vendor}",
)
def test_two_submissions_at_the_same_moment_file_one_nomination(selection_round, fields):
    barrier = threading.Barrier(2)
    results, errors = [], []

    def send():
        try:
            barrier.wait()
            results.append(submit(selection_round, fields).pk)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Nomination.objects.count() == 1
    assert results == [Nomination.objects.get().pk] * 2
