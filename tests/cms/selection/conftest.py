"""Fixtures for the selection pipeline: a round, its open call, and a reviewer."""

import pytest

from tests.cms.factories import PolicyFieldFactory, UserFactory

from .factories import CallForPracticesPageFactory, SelectionRoundFactory


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "migrations: migrates the test database back and forth (slow-ish)"
    )


@pytest.fixture
def selection_round(db):
    return SelectionRoundFactory(name="Round 2024", slug="round-2024")


@pytest.fixture
def call_page(home, selection_round):
    return CallForPracticesPageFactory(parent=home, selection_round=selection_round)


@pytest.fixture
def reviewer(db):
    return UserFactory(email="reviewer@example.org", groups=["Reviewers"])


@pytest.fixture
def second_reviewer(db):
    return UserFactory(email="reviewer2@example.org", groups=["Reviewers"])


@pytest.fixture
def fields(db):
    return {
        slug: PolicyFieldFactory(name=slug.title(), slug=slug)
        for slug in ("housing", "employment", "education", "health")
    }
