"""The community's reading pages in the browser: the forum index, a forum's topics and a topic,
with no axe violation on a wide screen and on a phone, where nothing scrolls sideways."""

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import assert_accessible, visit
from tests.browser.test_phone import DESKTOP, PHONE, assert_fits_the_phone

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def forums(course):
    """The edition's cohort forum with a pinned welcome and a discussion with a quote, a table, a
    long link and a deleted post; a community of practice; an archived general forum."""
    from django.contrib.auth import get_user_model

    from community import markup, posting
    from community.models import ForumKind, Topic
    from tests.community.factories import ForumFactory, reply, start_topic

    people = get_user_model().objects.in_bulk(
        ["alumnus@example.org", "facilitator@example.org", "trainee@example.org"],
        field_name="email",
    )
    alumnus = people["alumnus@example.org"]
    facilitator = people["facilitator@example.org"]
    trainee = people["trainee@example.org"]
    cohort = ForumFactory(
        name="Ghent 2027 cohort",
        slug="ghent-2027",
        kind=ForumKind.COHORT,
        edition=course["edition"],
        description="Trainees, alumni and facilitators of the Ghent 2027 edition.",
    )
    ForumFactory(
        name="One-stop shops for newcomers", slug="one-stop-shops", kind=ForumKind.THEMATIC
    )
    ForumFactory(name="Earlier exchanges", slug="earlier", kind=ForumKind.GENERAL, archived=True)
    welcome = start_topic(
        facilitator,
        cohort,
        title="Welcome to the follow-up",
        source="## How this works\n\nAsk, answer, and share what worked **and** what did not.",
    )
    Topic.objects.filter(pk=welcome.pk).update(pinned=True)
    topic = start_topic(
        trainee,
        cohort,
        title="Language courses for parents: which hours work?",
        source="We tried evenings at the school, with few takers. "
        "https://example.org/a/very/long/address/that/should/wrap/on/a/phone/screen/somehow",
    )
    first = reply(
        facilitator,
        topic,
        "| City | Hours |\n| --- | --- |\n| Vejle | Mornings after drop-off |\n| Vienna | Saturdays |",
    )
    quoted = markup.quote(first.source, handle=None, number=first.number)
    reply(alumnus, topic, quoted + "Mornings worked for us too, @trainee.", quoted=first)
    gone = reply(trainee, topic, "Posted in the wrong place, sorry.")
    posting.post_delete(user=trainee, post=gone)
    return {"cohort": cohort, "topic": topic}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_community_pages_pass_axe(page, axe, forums, viewport):
    log_in(page, "alumnus@example.org")
    page.set_viewport_size(viewport)
    pages = {
        "/community/": 'role=heading[name="Ghent 2027 cohort"]',
        forums["cohort"].get_absolute_url(): 'role=link[name="Start a topic"]',
        forums["topic"].get_absolute_url(): 'role=button[name="Post reply"]',
    }
    for path, landmark in pages.items():
        visit(page, path)
        assert page.locator(landmark).count() >= 1, f"{path}: {landmark} missing"
        assert_accessible(page, axe)
        if viewport == PHONE:
            assert_fits_the_phone(page)


def test_quoting_a_post_in_the_browser_fills_the_reply(page, forums):
    log_in(page, "alumnus@example.org")
    visit(page, forums["topic"].get_absolute_url())

    page.get_by_role("link", name="Quote post 2").click()
    page.wait_for_load_state("load")

    reply = page.get_by_label("Your reply").input_value()
    assert reply.startswith("> @member-") and "wrote in post 2:\n> | City | Hours |" in reply
