"""A page an editor made private (Wagtail's page privacy) stays out of every public listing, and
its own address asks for the password."""

import pytest
from wagtail.models import PageViewRestriction

from cms.models import HomeFeaturedPractice
from tests.cms.factories import (
    DocumentFactory,
    NewsPageFactory,
    PolicyFieldFactory,
    PracticePageFactory,
)
from tests.html import text_of

pytestmark = pytest.mark.django_db


def make_private(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="only-partners"
    )


@pytest.fixture
def private_practice(home, practice_index, kit):
    housing = PolicyFieldFactory(name="Housing", slug="housing")
    practice = PracticePageFactory(
        parent=practice_index,
        title="Confidential pilot in Lublin",
        city="Lublin",
        policy_fields=[housing],
        tags=["pilot"],
        infosheet=DocumentFactory(title="Infosheet: confidential pilot"),
        video_url="https://video.example.org/lublin",
    )
    HomeFeaturedPractice.objects.create(page=home, practice=practice)
    make_private(practice)
    return practice


def test_a_private_practice_is_listed_nowhere(client, practice_index, private_practice):
    public = PracticePageFactory(
        parent=practice_index,
        title="Open pilot in Zagreb",
        policy_fields=list(private_practice.policy_fields.all()),
    )

    index = client.get(practice_index.url)
    assert [practice.title for practice in index.context["practices"]] == [public.title]
    assert "Confidential pilot" not in text_of(client.get("/"))
    assert "Confidential pilot" not in text_of(client.get("/kit/"))
    assert client.get("/search/", {"q": "Lublin"}).context["results"].paginator.count == 0
    assert client.get(public.url).context["related_practices"] == []


def test_a_private_practice_asks_for_its_password(client, private_practice):
    response = client.get(private_practice.url)
    assert response.status_code == 200
    assert "Confidential pilot" not in text_of(response)
    assert response.context["form"].fields["password"]


def test_a_private_news_update_is_left_out_of_the_news_and_the_home_page(client, news_index):
    private = NewsPageFactory(parent=news_index, title="Partners-only briefing")
    make_private(private)
    NewsPageFactory(parent=news_index, title="Open call announced")

    assert [update.title for update in client.get(news_index.url).context["news_updates"]] == [
        "Open call announced"
    ]
    assert [update.title for update in client.get("/").context["latest_news"]] == [
        "Open call announced"
    ]
    assert private.url not in client.get(f"{news_index.url}feed/").content.decode()


def test_a_practice_without_fields_or_tags_has_no_related_practices(client, practice_index):
    lonely = PracticePageFactory(parent=practice_index)
    PracticePageFactory(parent=practice_index, policy_fields=[PolicyFieldFactory()])
    assert client.get(lonely.url).context["related_practices"] == []
