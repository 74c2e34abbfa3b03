"""The long list, reviews, the weighted ranking, the diversity cap, pin and exclude, promotion."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from cms.models import PracticePage
from cms.selection import services
from cms.selection.models import Nomination, NominationStatus, Review
from cms.selection.selectors import (
    nomination_scores,
    policy_field_spread,
    proposed_short_list,
    round_ranking,
)

from .factories import NominationFactory, ReviewFactory, SelectionRoundFactory

pytestmark = pytest.mark.django_db


def submit(selection_round, fields, **data):
    defaults = {
        "practice_name": "Welcome walks",
        "city": "Vejle",
        "country": "Denmark",
        "lead_organisation": "Vejle Municipality",
        "involves_public_authorities": True,
        "public_authorities": "Vejle Municipality",
        "start_date": datetime.date(2019, 1, 1),
        "end_date": None,
        "goals": "Newcomers feel at home.",
        "description": "Weekly walks.",
        "contact_name": "Mette",
        "contact_email": "mette@example.org",
    }
    defaults.update(data)
    return services.nomination_submit(
        selection_round=selection_round,
        data=defaults,
        policy_fields=[fields["housing"]],
        local_level=True,
        notify=False,
    )


def check(nomination, user, goals=True, local=True):
    return services.nomination_check(
        nomination=nomination,
        checked_by=user,
        clear_goals=goals,
        clear_goals_note="",
        local_level=local,
        local_level_note="",
    )


def score(nomination, reviewer, values, comment=""):
    innovation, success, sustainability, transferability = values
    return services.review_create(
        nomination=nomination,
        reviewer=reviewer,
        innovation=innovation,
        success=success,
        sustainability=sustainability,
        transferability=transferability,
        comment=comment,
    )


class TestLongList:
    def test_a_nomination_meeting_a_to_d_is_long_listed_after_the_reviewer_check(
        self, selection_round, fields, reviewer
    ):
        nomination = submit(selection_round, fields)
        assert nomination.status == NominationStatus.PENDING
        nomination = check(nomination, reviewer)
        nomination.refresh_from_db()
        assert nomination.status == NominationStatus.LONG_LISTED
        assert nomination.checked_by == reviewer

    def test_a_computed_failure_rules_a_nomination_out_before_any_review(
        self, selection_round, fields
    ):
        no_authority = submit(
            selection_round, fields, involves_public_authorities=False, public_authorities=""
        )
        too_old = submit(
            selection_round,
            fields,
            practice_name="Old",
            start_date=datetime.date(2010, 1, 1),
            end_date=datetime.date(2015, 1, 1),
        )
        assert no_authority.status == NominationStatus.NOT_ELIGIBLE
        assert too_old.status == NominationStatus.NOT_ELIGIBLE

    def test_a_reviewer_no_on_goals_or_local_level_rules_it_out(
        self, selection_round, fields, reviewer
    ):
        not_goals = check(submit(selection_round, fields), reviewer, goals=False)
        not_local = check(submit(selection_round, fields, practice_name="B"), reviewer, local=False)
        assert not_goals.status == NominationStatus.NOT_ELIGIBLE
        assert not_local.status == NominationStatus.NOT_ELIGIBLE

    def test_moving_the_reference_date_recomputes_rule_d(self, fields, reviewer):
        selection_round = SelectionRoundFactory(reference_date=datetime.date(2024, 6, 1))
        nomination = check(
            submit(selection_round, fields, end_date=datetime.date(2022, 6, 1)), reviewer
        )
        assert nomination.status == NominationStatus.LONG_LISTED
        selection_round.reference_date = datetime.date(2024, 6, 2)
        selection_round.save()
        assert services.round_statuses_refresh(selection_round=selection_round) == 1
        nomination.refresh_from_db()
        assert nomination.status == NominationStatus.NOT_ELIGIBLE

    def test_the_end_date_before_the_start_is_refused_by_the_service_too(
        self, selection_round, fields
    ):
        with pytest.raises(ValidationError):
            submit(selection_round, fields, end_date=datetime.date(2018, 1, 1))
        assert Nomination.objects.count() == 0

    def test_rule_e_counts_long_listed_nominations_per_policy_field(self, selection_round, fields):
        NominationFactory.create_batch(
            2, selection_round=selection_round, policy_fields=[fields["housing"]]
        )
        NominationFactory(
            selection_round=selection_round, policy_fields=[fields["housing"], fields["health"]]
        )
        NominationFactory(
            selection_round=selection_round,
            policy_fields=[fields["education"]],
            status=NominationStatus.NOT_ELIGIBLE,
        )
        spread = {
            item["field"].slug: item["count"]
            for item in policy_field_spread(selection_round=selection_round)
        }
        assert spread == {"housing": 3, "health": 1, "education": 0, "employment": 0}


class TestReviews:
    def test_scores_outside_one_to_five_are_refused(self, selection_round, reviewer):
        nomination = NominationFactory(selection_round=selection_round)
        for bad in [(0, 3, 3, 3), (3, 6, 3, 3)]:
            with pytest.raises(ValidationError) as error:
                score(nomination, reviewer, bad)
            assert set(error.value.message_dict) == {"innovation" if bad[0] == 0 else "success"}
        assert Review.objects.count() == 0

    def test_a_second_review_by_the_same_reviewer_is_refused(self, selection_round, reviewer):
        nomination = NominationFactory(selection_round=selection_round)
        score(nomination, reviewer, (3, 3, 3, 3))
        with pytest.raises(ValidationError, match="already reviewed"):
            score(nomination, reviewer, (5, 5, 5, 5))
        assert Review.objects.get().innovation == 3

    def test_the_database_holds_one_review_per_reviewer_too(self, selection_round, reviewer):
        nomination = NominationFactory(selection_round=selection_round)
        ReviewFactory(nomination=nomination, reviewer=reviewer)
        with pytest.raises(IntegrityError):
            Review.objects.create(
                nomination=nomination,
                reviewer=reviewer,
                innovation=1,
                success=1,
                sustainability=1,
                transferability=1,
            )

    def test_a_review_can_change_until_the_round_closes(self, selection_round, reviewer):
        nomination = NominationFactory(selection_round=selection_round)
        review = score(nomination, reviewer, (3, 3, 3, 3))
        services.review_update(
            review=review, innovation=5, success=4, sustainability=3, transferability=2
        )
        review.refresh_from_db()
        assert (review.innovation, review.transferability) == (5, 2)
        services.round_close(selection_round=selection_round)
        review.nomination.selection_round.refresh_from_db()
        with pytest.raises(ValidationError, match="closed"):
            services.review_update(
                review=review, innovation=1, success=1, sustainability=1, transferability=1
            )

    def test_only_long_listed_nominations_are_scored(self, selection_round, reviewer):
        pending = NominationFactory(
            selection_round=selection_round, status=NominationStatus.PENDING
        )
        with pytest.raises(ValidationError, match="long-listed"):
            score(pending, reviewer, (3, 3, 3, 3))


class TestRanking:
    def test_averages_spread_and_equal_weights(self, selection_round, reviewer, second_reviewer):
        nomination = NominationFactory(selection_round=selection_round)
        score(nomination, reviewer, (5, 4, 3, 2))
        score(nomination, second_reviewer, (3, 4, 3, 4))
        [row] = nomination_scores(selection_round=selection_round)
        assert row.averages == {
            "innovation": 4.0,
            "success": 4.0,
            "sustainability": 3.0,
            "transferability": 3.0,
        }
        assert row.spreads["innovation"] == 2 and row.spreads["success"] == 0
        assert row.score == pytest.approx(3.5)
        assert row.review_count == 2

    def test_weights_set_on_the_round_change_the_order(self, selection_round, reviewer):
        innovative = NominationFactory(selection_round=selection_round, practice_name="Innovative")
        lasting = NominationFactory(selection_round=selection_round, practice_name="Lasting")
        score(innovative, reviewer, (5, 3, 1, 3))
        score(lasting, reviewer, (1, 3, 5, 3))
        ranked = [
            row.nomination.practice_name
            for row in nomination_scores(selection_round=selection_round)
        ]
        assert ranked == ["Innovative", "Lasting"]  # tie on score, then by name

        selection_round.weight_sustainability = 3
        selection_round.save()
        rows = nomination_scores(selection_round=selection_round)
        assert [row.nomination.practice_name for row in rows] == ["Lasting", "Innovative"]
        assert rows[0].score == pytest.approx((1 + 3 + 15 + 3) / 6)

    def test_unscored_nominations_come_last_and_are_not_proposed(self, selection_round, reviewer):
        NominationFactory(selection_round=selection_round, practice_name="Unscored")
        score(
            NominationFactory(selection_round=selection_round, practice_name="Scored"),
            reviewer,
            (2, 2, 2, 2),
        )
        rows = nomination_scores(selection_round=selection_round)
        assert [row.nomination.practice_name for row in rows] == ["Scored", "Unscored"]
        short = proposed_short_list(rows, selection_round)
        assert [row.nomination.practice_name for row in short] == ["Scored"]
        assert rows[1].note == "Not scored by every criterion yet."


@pytest.fixture
def scored_round(selection_round, fields, reviewer):
    """Six housing practices scored 5 down to 4 and two health ones lower.

    Housing 0 scores 5, Housing 1 4.75, Housing 2 and 4 4.25, Housing 3 and 5 4.
    """
    selection_round.short_list_size = 5
    selection_round.max_per_policy_field = 3
    selection_round.save()
    made = {}
    for number, value in enumerate([5, 5, 4, 4, 4, 4]):
        name = f"Housing {number}"
        made[name] = NominationFactory(
            selection_round=selection_round, practice_name=name, policy_fields=[fields["housing"]]
        )
        score(made[name], reviewer, (value, value, value, 5 - number % 2))
    for number, value in enumerate([3, 2]):
        name = f"Health {number}"
        made[name] = NominationFactory(
            selection_round=selection_round, practice_name=name, policy_fields=[fields["health"]]
        )
        score(made[name], reviewer, (value, value, value, value))
    return made


class TestShortList:
    def names(self, selection_round):
        rows = nomination_scores(selection_round=selection_round)
        return [
            row.nomination.practice_name for row in proposed_short_list(rows, selection_round)
        ], rows

    def test_the_cap_per_policy_field_spreads_the_short_list(self, selection_round, scored_round):
        names, rows = self.names(selection_round)
        assert names == ["Housing 0", "Housing 1", "Housing 2", "Health 0", "Health 1"]
        capped = next(row for row in rows if row.nomination.practice_name == "Housing 4")
        assert capped.note == "Housing already has 3 nominations on the short list."

    def test_the_size_of_the_round_limits_the_list(self, selection_round, scored_round):
        selection_round.short_list_size = 2
        names, rows = self.names(selection_round)
        assert len(names) == 2
        assert any("Below the short list's size of 2" in row.note for row in rows)

    def test_pinning_adds_a_nomination_whatever_its_rank(
        self, selection_round, scored_round, editor
    ):
        services.nomination_pin(
            nomination=scored_round["Housing 5"], decided_by=editor, reason="Unique approach"
        )
        names, rows = self.names(selection_round)
        assert names[0] == "Housing 5"
        assert "Housing 2" not in names  # the pin now holds one of the three housing places
        pinned = next(row for row in rows if row.nomination.practice_name == "Housing 5")
        assert pinned.note == "Pinned: Unique approach"

    def test_excluding_a_nomination_lets_the_next_one_in(
        self, selection_round, scored_round, editor
    ):
        services.nomination_exclude(
            nomination=scored_round["Housing 0"], decided_by=editor, reason="Already studied"
        )
        names, rows = self.names(selection_round)
        assert "Housing 0" not in names and "Housing 4" in names
        excluded = next(row for row in rows if row.nomination.practice_name == "Housing 0")
        assert excluded.note == "Excluded: Already studied"
        services.nomination_decision_clear(nomination=scored_round["Housing 0"], decided_by=editor)
        names, _rows = self.names(selection_round)
        assert "Housing 0" in names

    def test_a_decision_needs_a_reason_and_an_open_round(
        self, selection_round, scored_round, editor
    ):
        with pytest.raises(ValidationError, match="reason"):
            services.nomination_pin(
                nomination=scored_round["Health 1"], decided_by=editor, reason=" "
            )
        services.round_close(selection_round=selection_round)
        nomination = Nomination.objects.select_related("selection_round").get(
            pk=scored_round["Health 1"].pk
        )
        with pytest.raises(ValidationError, match="closed"):
            services.nomination_pin(nomination=nomination, decided_by=editor, reason="Late")

    def test_round_ranking_bundles_rows_short_list_and_spread(self, selection_round, scored_round):
        ranking = round_ranking(selection_round=selection_round)
        assert len(ranking["rows"]) == 8 and len(ranking["short_list"]) == 5
        assert ranking["spread"][0]["field"].slug == "housing"


class TestPromotion:
    def test_promotion_creates_one_draft_profile_with_averages_and_a_link(
        self, practice_index, selection_round, scored_round, second_reviewer, editor, fields
    ):
        nomination = scored_round["Housing 0"]
        score(nomination, second_reviewer, (5, 5, 2, 5))
        page, created = services.nomination_promote(nomination=nomination, promoted_by=editor)
        assert created
        page = PracticePage.objects.get(pk=page.pk)
        assert page.get_parent().pk == practice_index.pk
        assert not page.live and page.has_unpublished_changes
        assert page.title == "Housing 0" and page.city == nomination.city
        assert page.source_nomination == nomination
        assert list(page.policy_fields.all()) == [fields["housing"]]
        # (5 + 2) / 2 = 3.5 rounds half up.
        assert page.innovation_rating == 5
        assert page.sustainability_rating == 4
        assert "Average of 2 reviews" in page.innovation_justification
        assert page.get_latest_revision().user == editor

        again, created_again = services.nomination_promote(
            nomination=nomination, promoted_by=editor
        )
        assert not created_again and again.pk == page.pk
        assert PracticePage.objects.filter(source_nomination=nomination).count() == 1

    def test_only_short_listed_nominations_are_promoted(
        self, practice_index, selection_round, scored_round, editor
    ):
        with pytest.raises(ValidationError, match="short list"):
            services.nomination_promote(nomination=scored_round["Housing 4"], promoted_by=editor)
        assert not PracticePage.objects.exists()

    def test_promotion_needs_the_practice_index(self, selection_round, scored_round, editor):
        with pytest.raises(ValidationError, match="practice index"):
            services.nomination_promote(nomination=scored_round["Housing 0"], promoted_by=editor)
