import pytest

from .call_form import nomination_form, visible_text

pytestmark = pytest.mark.django_db


def test_call_page_renders(client, call_page, fields):
    response = client.get(call_page.url)
    assert response.status_code == 200
    assert "Nominate a practice" in visible_text(response)
    assert nomination_form(response) is not None


def test_admin_screens_render(client, superuser, call_page, fields):
    from django.urls import reverse

    from .factories import NominationFactory, ReviewFactory

    nomination = NominationFactory(
        selection_round=call_page.selection_round, policy_fields=[fields["housing"]]
    )
    ReviewFactory(nomination=nomination)
    client.force_login(superuser)
    for url in [
        reverse("wagtailadmin_home"),
        reverse("nominations:index"),
        reverse("selection_rounds:index"),
        reverse("nominations:inspect", args=[nomination.pk]),
        reverse("nominations:review", args=[nomination.pk]),
        reverse("nominations:ranking", args=[call_page.selection_round.pk]),
        reverse("nominations:export", args=[call_page.selection_round.pk]),
        reverse("nominations:edit", args=[nomination.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
