"""The academy demo: two editions, a cohort with real progress, alumni with certificates, and
safe to run twice.

The demo is seeded once for the module, in a transaction rolled back when the module ends;
each test runs in its own savepoint inside it.
"""

import io
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.db.models import F
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cms.demo.accounts import demo_password
from learning.demo import seed_learning_demo
from learning.models import (
    Certificate,
    CheckAttempt,
    EditionPage,
    Enrolment,
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Reflection,
)
from learning.selectors.cohort import cohort_summary
from learning.selectors.progress import cohort_progress, progress_for
from tests import html
from tests.cms.factories import PracticeIndexPageFactory, PracticePageFactory, build_home

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "users": get_user_model().objects.count(),
        "editions": EditionPage.objects.count(),
        "modules": ModulePage.objects.count(),
        "lessons": LessonPage.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "completions": LessonCompletion.objects.count(),
        "attempts": CheckAttempt.objects.count(),
        "reflections": Reflection.objects.count(),
        "certificates": Certificate.objects.count(),
    }


@dataclass
class Seeding:
    output: str
    mail: list


def a_site_with_one_practice() -> None:
    """A home page served by the default site, and one practice profile a lesson refers to."""
    home = build_home()
    practice_index = PracticeIndexPageFactory(parent=home, show_in_menus=True)
    PracticePageFactory(parent=practice_index, slug="recognition-advice-hamburg")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The academy demo, loaded once for the module into a fresh site, with the on-commit
    callbacks (where mail is sent) run as after a real commit."""
    with django_db_blocker.unblock(), transaction.atomic():
        a_site_with_one_practice()
        mail.outbox = []
        out = io.StringIO()
        with TestCase.captureOnCommitCallbacks(execute=True):
            seed_learning_demo(stdout=out)
        yield Seeding(output=out.getvalue(), mail=list(mail.outbox))
        transaction.set_rollback(True)


def test_the_demo_sends_no_mail_to_its_invented_people(seeded):
    assert Enrolment.objects.count() > 20
    assert seeded.mail == []


def test_running_twice_changes_nothing(seeded):
    first = counts()
    seed_learning_demo(stdout=io.StringIO())

    assert counts() == first
    assert first["editions"] == 2
    assert "Turin 2014" in seeded.output


def test_the_current_edition_is_open_with_four_modules_of_real_lessons(seeded):
    current = EditionPage.objects.get(slug="ghent")
    assert current.url == "/academy/ghent/"
    assert current.enrolment_is_open()
    assert current.residential_start > timezone.localdate()

    modules = list(ModulePage.objects.child_of(current).order_by("path"))
    assert len(modules) == 4
    for module in modules:
        assert 3 <= LessonPage.objects.child_of(module).count() <= 4
    assert modules[1].requires_previous
    assert modules[3].release_at > timezone.now()

    block_types = {
        block.block_type
        for lesson in LessonPage.objects.descendant_of(current)
        for block in lesson.body
    }
    assert {"paragraph", "knowledge_check", "reflection", "practice"} <= block_types


def test_the_past_edition_has_alumni_with_certificates(seeded):
    past = EditionPage.objects.get(slug="turin-2014")
    assert past.residential_start.isoformat() == "2014-02-10"
    assert past.residential_end.isoformat() == "2014-02-19"
    assert "Turin" in past.venue

    alumnus = Enrolment.objects.get(user__email="alumni@example.org", edition=past)
    assert alumnus.status == EnrolmentStatus.COMPLETED
    assert alumnus.is_alumnus
    assert alumnus.completed_at.year == 2014
    assert alumnus.certificate.issued_at.year == 2014
    assert Certificate.objects.filter(enrolment__edition=past).count() >= 5


def test_the_alumnus_certificate_page_works(client, seeded):
    certificate = Certificate.objects.get(enrolment__user__email="alumni@example.org")

    page = html.text(client.get(reverse("learning:certificate", args=[certificate.code])))

    assert "Alain Dubois" in page
    assert "Turin 2014" in page
    assert "19 February 2014" in page


def test_the_alumnus_certificate_pdf_lists_both_phases_by_the_completion_date(client, seeded):
    certificate = Certificate.objects.get(enrolment__user__email="alumni@example.org")

    response = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))

    pdf = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Alain Dubois" in text
    assert "1 online module, 1 hour of study" in text
    assert "10 days in International training centre, Turin" in text
    assert "Edition completed on 19 February 2014." in text


def test_the_demo_trainee_is_part_way_through(seeded):
    current = EditionPage.objects.get(slug="ghent")
    enrolment = Enrolment.objects.get(user__email="trainee@example.org", edition=current)
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    assert EmailAddress.objects.get(email="trainee@example.org").verified

    progress = progress_for(enrolment=enrolment)
    assert 0 < progress.percent < 100
    assert progress.modules[0].complete
    assert not progress.modules[1].complete
    assert progress.next_lesson is not None
    assert CheckAttempt.objects.filter(enrolment=enrolment, passed=True).exists()
    reflection = Reflection.objects.get(enrolment=enrolment, shared_with_facilitators=True)
    assert reflection.feedback
    assert reflection.feedback_by.email == "facilitator@example.org"


def test_the_cohort_looks_real_to_the_facilitator(client, seeded):
    current = EditionPage.objects.get(slug="ghent")
    facilitator = get_user_model().objects.get(email="facilitator@example.org")
    assert set(current.facilitators.values_list("user__email", flat=True)) == {
        "facilitator@example.org"
    }
    past = EditionPage.objects.get(slug="turin-2014")
    assert past.facilitators.filter(user=facilitator).exists()

    enrolments = Enrolment.objects.filter(edition=current)
    assert enrolments.active().count() >= 20
    assert enrolments.pending().count() >= 3
    percents = {p.percent for p in cohort_progress(edition=current)}
    assert len(percents) >= 5

    client.force_login(facilitator)
    page = html.text(client.get(reverse("learning:cohort", args=[current.slug])))
    assert "Tereza Novak" in page
    assert "applications wait for a decision" in page
    applications = html.text(
        client.get(reverse("learning:cohort_applications", args=[current.slug]))
    )
    assert "Applications to decide" in applications


def test_demo_accounts_log_in_with_the_demo_password(client, seeded):
    for email in ("trainee@example.org", "facilitator@example.org", "alumni@example.org"):
        assert client.login(email=email, password=demo_password()), email


def test_from_scale_ten_a_large_edition_is_built_as_the_services_would(client, seeded):
    out = io.StringIO()
    seed_learning_demo(stdout=out, scale=10)
    first = counts()
    seed_learning_demo(stdout=io.StringIO(), scale=10)

    # Idempotent: a second run finds everything there.
    assert counts() == first
    large = EditionPage.objects.get(slug="large-cohort")
    assert "Large cohort" in out.getvalue()
    assert LessonPage.objects.live().descendant_of(large).count() == 40
    enrolments = Enrolment.objects.filter(edition=large)
    assert enrolments.active().count() == 500
    assert not enrolments.exclude(status=EnrolmentStatus.ACCEPTED).exists()
    assert not enrolments.filter(decided_by=None).exists()
    # Every completion is pinned to the revision the trainee saw, as lesson_complete does.
    completions = LessonCompletion.objects.filter(enrolment__edition=large)
    assert completions.count() > 5000
    assert not completions.exclude(revision_id=F("lesson__live_revision_id")).exists()
    summary = cohort_summary(edition=large)
    overall = {progress.percent for progress in summary.progress(summary.enrolments)}
    assert len(overall) >= 10 and 0 in overall
    assert Reflection.objects.filter(enrolment__edition=large, feedback="").exists()
    assert Reflection.objects.filter(enrolment__edition=large).exclude(feedback="").exists()
    # The demo's own accounts log in as usual; the generated trainees have verified addresses.
    trainee = enrolments.first().user
    assert trainee.emailaddress_set.filter(verified=True).exists()
