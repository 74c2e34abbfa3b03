"""Deleting a reviewer must not change a round's ranking: the admin refuses and says why."""

import pytest
from django.contrib.auth import get_user_model

from cms.selection.selectors import nomination_scores
from cms.selection.services import round_close
from tests.cms.selection.factories import NominationFactory, ReviewFactory
from tests.html import text

pytestmark = pytest.mark.django_db


def ranking(selection_round) -> list[tuple[str, float | None, int]]:
    return [
        (item.nomination.practice_name, item.score, item.review_count)
        for item in nomination_scores(selection_round=selection_round)
    ]


def test_a_reviewer_of_a_closed_round_is_kept_and_the_ranking_with_them(
    client, superuser, selection_round, reviewer, second_reviewer
):
    first = NominationFactory(selection_round=selection_round, practice_name="Welcome desk")
    second = NominationFactory(selection_round=selection_round, practice_name="Housing first")
    for nomination, mine, theirs in [(first, 5, 2), (second, 3, 3)]:
        ReviewFactory(
            nomination=nomination,
            reviewer=reviewer,
            **dict.fromkeys(["innovation", "success", "sustainability", "transferability"], mine),
        )
        ReviewFactory(
            nomination=nomination,
            reviewer=second_reviewer,
            **dict.fromkeys(["innovation", "success", "sustainability", "transferability"], theirs),
        )
    round_close(selection_round=selection_round)
    before = ranking(selection_round)
    assert [name for name, _score, _count in before] == ["Welcome desk", "Housing first"]
    client.force_login(superuser)

    response = client.post(f"/admin/users/delete/{reviewer.pk}/", follow=True)

    assert get_user_model().objects.filter(pk=reviewer.pk).exists()
    assert "cannot be deleted" in text(response)
    assert "2 reviews" in text(response)
    assert ranking(selection_round) == before
