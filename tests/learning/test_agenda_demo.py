"""The demo's residential weeks: the 2014 agenda in Turin with its alumni's attendance, and the
current edition's provisional one. The demo is seeded once for the module."""

import io

import pytest
from django.db import transaction
from django.urls import reverse

from learning.demo import seed_learning_demo
from learning.models import (
    AgendaItem,
    AgendaPage,
    Attendance,
    EditionPage,
    Enrolment,
    ItemKind,
    ItemStar,
    Phase,
    VisitSignup,
)
from learning.selectors.progress import progress_for
from tests.html import text, texts
from tests.learning.test_demo import a_site_with_one_practice

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        a_site_with_one_practice()
        seed_learning_demo(stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_turin_2014_has_a_published_five_day_agenda_of_every_kind(seeded, client):
    edition = EditionPage.objects.get(slug="turin-2014")
    agenda = AgendaPage.objects.child_of(edition).live().get()
    items = AgendaItem.objects.filter(page=agenda)

    assert len({item.date for item in items}) == 5
    assert {item.kind for item in items} == set(ItemKind.values)
    assert items.filter(kind=ItemKind.STUDY_VISIT).count() == 2
    # The practice the demo site has is linked; the others are left out, not broken.
    assert items.filter(practice__slug="recognition-advice-hamburg").count() == 1

    response = client.get("/academy/turin-2014/agenda/")
    assert "Case study: recognition advice in Hamburg" in texts(response, ".agenda-item__title")
    assert "Study visits: Casa del Quartiere San Salvario" in text(
        client.get("/academy/turin-2014/"), ".residential-summary"
    )


def test_the_2014_alumni_attended_and_their_residential_phase_counts_it(seeded):
    edition = EditionPage.objects.get(slug="turin-2014")
    required = AgendaItem.objects.filter(
        page__in=AgendaPage.objects.child_of(edition), required=True
    )
    for enrolment in Enrolment.objects.filter(edition=edition):
        assert Attendance.objects.filter(enrolment=enrolment, item__in=required).count() == (
            required.count()
        )
        assert VisitSignup.objects.filter(enrolment=enrolment).count() == 1
        phase = progress_for(enrolment=enrolment).phase(Phase.RESIDENTIAL)
        assert phase.complete
        assert enrolment.is_alumnus


def test_the_current_editions_trainee_plans_the_week_on_its_provisional_agenda(seeded, client):
    current = EditionPage.objects.get(slug="ghent")
    agenda = AgendaPage.objects.child_of(current).live().get()
    items = AgendaItem.objects.filter(page=agenda)
    assert items.count() == 6
    assert "A provisional programme" in text(client.get(agenda.url))

    trainee = Enrolment.objects.filter(edition=current).active().first()
    client.force_login(trainee.user)
    lecture = items.filter(kind=ItemKind.LECTURE).first()
    visit = items.filter(kind=ItemKind.STUDY_VISIT).get()
    client.post(reverse("learning:agenda_star", args=[lecture.pk]), {"starred": "1"})
    response = client.post(reverse("learning:agenda_signup", args=[visit.pk]), follow=True)

    assert "You have a place on the study visit" in text(response)
    assert VisitSignup.objects.filter(enrolment=trainee, item=visit).exists()
    assert ItemStar.objects.filter(enrolment=trainee, item=lecture).exists()


def test_seeding_again_adds_no_agenda_item_or_attendance(seeded):
    before = (AgendaItem.objects.count(), Attendance.objects.count(), VisitSignup.objects.count())
    seed_learning_demo(stdout=io.StringIO())
    assert (
        AgendaItem.objects.count(),
        Attendance.objects.count(),
        VisitSignup.objects.count(),
    ) == before
