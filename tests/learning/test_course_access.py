"""Where access to the course is decided: a lesson's serve() sends an outsider a template with no
lesson body in it; the lesson's own routes take trainees' posts with the CSRF check; access comes
from permissions that a site grants to its own groups, not from a group's name."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from learning import permissions
from learning.models import LessonCompletion
from tests.cms.factories import UserFactory

pytestmark = pytest.mark.django_db

OUTSIDER_TEMPLATE = "learning/lesson_page_outsider.html"
LESSON_TEMPLATE = "learning/lesson_page.html"


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


@pytest.mark.parametrize("role", [None, "member", "applicant", "other_trainee"])
def test_an_outsider_gets_the_outsider_template_without_any_lesson_body(
    client, request, role, lessons
):
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(lessons["what"].url)

    assert response.status_code == 200
    assert OUTSIDER_TEMPLATE in template_names(response)
    assert LESSON_TEMPLATE not in template_names(response)
    assert response.context["body_items"] == []


@pytest.mark.parametrize("role", [None, "member"])
def test_an_outsider_gets_the_module_outsider_template(client, request, role, lessons):
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(lessons["what"].get_parent().url)

    assert "learning/module_page_outsider.html" in template_names(response)
    assert "learning/module_page.html" not in template_names(response)


def test_a_trainee_gets_the_lesson_template(client, trainee, lessons):
    client.force_login(trainee)
    response = client.get(lessons["what"].url)

    assert LESSON_TEMPLATE in template_names(response)
    assert response.context["page_state"].show_body


def test_the_lesson_routes_check_the_csrf_token(trainee, lessons):
    lesson = lessons["what"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee)

    response = client.post(lesson.url + lesson.reverse_subpage("lesson_complete"))

    assert response.status_code == 403
    assert not LessonCompletion.objects.exists()


def test_the_lesson_page_links_its_own_routes(client, trainee, lessons):
    client.force_login(trainee)
    html = client.get(lessons["what"].url).content.decode()

    assert f'action="{lessons["what"].url}complete/"' in html


def test_a_site_group_with_page_edit_permission_previews_the_course_but_not_the_cohort(
    edition, lessons
):
    # Wagtail's Moderators group may edit every page: it reads what it may edit, and no more.
    moderator = UserFactory(email="moderator@example.org", groups=["Moderators"])

    assert permissions.can_view_course(moderator, edition)
    assert permissions.can_preview_course(moderator, edition)
    assert not permissions.can_view_cohort(moderator, edition)
    assert not permissions.can_decide_enrolments(moderator, edition)


def test_a_group_given_the_enrolment_permissions_sees_the_cohort_of_every_edition(edition):
    group = Group.objects.create(name="Programme office")
    group.permissions.add(
        *Group.objects.get(name="Editors").permissions.filter(
            content_type__app_label="learning", codename__endswith="_enrolment"
        )
    )
    officer = UserFactory(email="office@example.org", groups=["Programme office"])

    assert permissions.can_view_cohort(officer, edition)
    assert permissions.can_decide_enrolments(officer, edition)
    assert not permissions.can_view_course(officer, edition)


def test_an_editor_previews_a_locked_lesson_and_a_module_from_the_admin(client, editor, lessons):
    # The admin's preview goes through the same access decision as the live page.
    module = lessons["transfer"].get_parent().specific
    module.intro = "<p>Only the course team and trainees read this introduction.</p>"
    module.save_revision()
    client.force_login(editor)

    lesson_html = client.get(f"/admin/pages/{lessons['transfer'].pk}/view_draft/").content.decode()
    module_html = client.get(f"/admin/pages/{module.pk}/view_draft/").content.decode()

    assert "Context decides what works in integration policy." in lesson_html
    assert "This lesson is locked" not in lesson_html
    assert "Only the course team and trainees read this introduction." in module_html
