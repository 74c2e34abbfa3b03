"""The demo content: a closed round with a short list, an open call, and safe to run twice."""

import io

import pytest

from cms.selection.demo import seed_selection_demo
from cms.selection.models import CallForPracticesPage, Nomination, NominationStatus, Review
from cms.selection.selectors import nomination_scores, proposed_short_list
from tests.cms.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def test_demo_builds_a_closed_round_and_an_open_call_and_is_idempotent(home, practice_index):
    hamburg = PracticePageFactory(
        parent=practice_index,
        title="Recognition advice at the first job-centre visit",
        city="Hamburg",
        slug="hamburg",
    )
    unrelated = PracticePageFactory(parent=practice_index, city="Hamburg", slug="elsewhere")
    out = io.StringIO()
    seed_selection_demo(stdout=out)
    counts = (Nomination.objects.count(), Review.objects.count())
    seed_selection_demo(stdout=io.StringIO())
    assert (Nomination.objects.count(), Review.objects.count()) == counts

    closed = Nomination.objects.filter(selection_round__slug="selection-2024")
    assert closed.count() == 30
    assert closed.filter(status=NominationStatus.NOT_ELIGIBLE).count() == 10
    selection_round = closed.first().selection_round
    assert selection_round.is_closed
    short_list = proposed_short_list(
        nomination_scores(selection_round=selection_round), selection_round
    )
    assert len(short_list) == 10
    assert {row.nomination.practice_name for row in short_list} >= {
        "Women's cycling and city walks"
    }
    assert "Shared flats for young refugees" not in {
        row.nomination.practice_name for row in short_list
    }

    page = CallForPracticesPage.objects.get()
    assert page.is_open()
    hamburg.refresh_from_db()
    assert hamburg.source_nomination is not None
    assert hamburg.source_nomination.practice_name == hamburg.title
    unrelated.refresh_from_db()
    assert unrelated.source_nomination is None


def test_demo_copes_without_a_home_page(db):
    seed_selection_demo(stdout=io.StringIO())
    assert not CallForPracticesPage.objects.exists()
    assert Nomination.objects.filter(selection_round__slug="selection-2024").count() == 30
