"""The call for practices page: where it lives in the tree, and editors publish it."""

import datetime

import pytest
from django.utils import timezone
from django.utils.dateformat import format as date_format
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.models import HomePage, PracticeIndexPage
from cms.selection.models import CallForPracticesPage
from tests.html import text

from .call_form import nomination_form, visible_text

pytestmark = pytest.mark.django_db


class TestCallInTheTree(WagtailPageTestCase):
    def test_the_call_sits_under_the_home_page_only_and_has_no_children(self):
        self.assertAllowedParentPageTypes(CallForPracticesPage, {HomePage})
        self.assertCanNotCreateAt(PracticeIndexPage, CallForPracticesPage)
        self.assertAllowedSubpageTypes(CallForPracticesPage, set())


def test_there_is_one_call_page(call_page, home):
    assert CallForPracticesPage.can_create_at(home) is False


def test_editor_publishes_the_call(client, editor, home, selection_round):
    client.force_login(editor)
    url = f"/admin/pages/add/selection/callforpracticespage/{home.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    assert "Nominations go to this round." in text(form)
    opens = timezone.localtime() - datetime.timedelta(days=1)
    closes = opens + datetime.timedelta(days=30)
    data = nested_form_data(
        {
            "title": "Call for practices",
            "slug": "call-for-practices",
            "intro": rich_text("<p>Tell us what works in your city.</p>"),
            "opens_at": opens.strftime("%Y-%m-%d %H:%M"),
            "closes_at": closes.strftime("%Y-%m-%d %H:%M"),
            "selection_round": selection_round.pk,
            "thank_you_text": "",
        }
    )
    response = client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302
    page = CallForPracticesPage.objects.get()
    assert page.live and page.is_open()
    response = client.get(page.url)
    assert "Tell us what works in your city." in visible_text(response)
    assert "Nominate a practice" in visible_text(response)
    assert nomination_form(response) is not None


def test_a_call_must_close_after_it_opens(home, selection_round):
    from django.core.exceptions import ValidationError

    now = timezone.now()
    page = CallForPracticesPage(
        title="Call",
        slug="call",
        intro="<p>x</p>",
        opens_at=now,
        closes_at=now - datetime.timedelta(days=1),
        selection_round=selection_round,
    )
    with pytest.raises(ValidationError, match="close after it opens"):
        home.add_child(instance=page)


def test_a_call_not_yet_open_says_when_it_opens(client, call_page):
    call_page.opens_at = timezone.now() + datetime.timedelta(days=3)
    call_page.save()
    response = client.get(call_page.url)
    opens_on = date_format(timezone.localtime(call_page.opens_at), "j F Y")
    assert f"This call opens on {opens_on}." in visible_text(response)
    assert nomination_form(response) is None
