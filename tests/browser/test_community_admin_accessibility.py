"""The community's admin dashboard panel, listings and forms, and the site's moderation pages,
pass axe-core in a real browser, for an editor with a flagged post waiting."""

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import assert_accessible, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def moderation_data():
    """The community world with a topic whose reply is flagged twice, one older flag resolved,
    and a pinned topic in the log."""
    from community import moderation
    from community.models import Forum, Topic
    from tests.community.conftest import _build_world
    from tests.community.factories import reply, start_topic

    keys = _build_world()
    people = keys["people"]
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.in_bulk(people.values())
    person = {role: users[pk] for role, pk in people.items()}
    cohort = Forum.objects.get(pk=keys["forums"]["cohort"])
    topic = start_topic(person["alumnus"], cohort, title="Language cafés")
    post = reply(person["trainee"], topic, "That is a silly idea.")
    flag = moderation.post_flag(user=person["alumnus"], post=post, reason="abuse", note="Unkind")
    moderation.post_flag(user=person["facilitator"], post=post, reason="off_topic")
    moderation.topic_pin(
        moderator=person["facilitator"], topic=Topic.objects.get(pk=topic.pk), reason="Welcome"
    )
    return {"flag": flag, "post": post, "cohort": cohort}


def _admin(page, path: str):
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    page.wait_for_load_state("load")
    assert page.evaluate("getComputedStyle(document.body).display") != ""


def test_the_community_admin_is_accessible(page, axe, moderation_data):
    log_in(page, "editor@example.org")
    flag, cohort = moderation_data["flag"], moderation_data["cohort"]

    _admin(page, "/admin/")
    panel = page.locator("#community-section")
    assert panel.get_by_role("link", name="Open flags in the admin").count() == 1
    assert_accessible(page, axe)

    _admin(page, "/admin/community/forums/")
    assert page.locator("table").get_by_text("Ghent 2027 cohort").count() >= 1
    assert_accessible(page, axe)

    _admin(page, f"/admin/community/forums/edit/{cohort.pk}/")
    assert page.get_by_label("Name").count() >= 1
    assert_accessible(page, axe)

    _admin(page, "/admin/community/flags/")
    assert page.locator("table").get_by_text("Rude, abusive or discriminating").count() == 1
    assert_accessible(page, axe)

    _admin(page, f"/admin/community/flags/inspect/{flag.pk}/")
    assert page.get_by_role("button", name="Hide the post").count() == 1
    assert_accessible(page, axe)

    _admin(page, "/admin/community/moderation-log/")
    assert page.get_by_text("Welcome").count() >= 1
    assert_accessible(page, axe)


def test_the_sites_moderation_pages_are_accessible(page, axe, moderation_data):
    log_in(page, "editor@example.org")
    post = moderation_data["post"]

    visit(page, "/community/moderation/")
    assert page.get_by_role("button", name="Keep the post").count() == 1
    assert_accessible(page, axe)

    visit(page, "/community/moderation/log/")
    assert page.get_by_role("columnheader", name="Reason").count() == 1
    assert_accessible(page, axe)

    visit(page, f"/community/posts/{post.pk}/hide/")
    assert page.get_by_label("Reason for hiding (kept in the log)").count() == 1
    assert_accessible(page, axe)

    visit(page, f"/community/posts/{post.pk}/flag/")
    assert page.get_by_role("radio", name="Spam or advertising").count() == 1
    assert_accessible(page, axe)
