"""The learning app's routes outside the page tree: the dashboard, applying and withdrawing, the
cohort page of the course team, the public certificate check, and the agenda's actions and
calendar files. What a trainee does inside a
lesson is routed by the lesson page itself (``LessonPage`` is a routable page)."""

from django.urls import path

from .views import agenda, certificates, cohort, dashboard, enrolment

app_name = "learning"
urlpatterns = [
    path("learning/dashboard/", dashboard.dashboard, name="dashboard"),
    path("learning/<str:slug>/apply/", enrolment.apply, name="apply"),
    path("learning/<str:slug>/withdraw/", enrolment.withdraw, name="withdraw"),
    path("learning/<str:slug>/cohort/", cohort.cohort, name="cohort"),
    path(
        "learning/<str:slug>/cohort/applications/",
        cohort.applications,
        name="cohort_applications",
    ),
    path(
        "learning/<str:slug>/cohort/applications/decide/",
        cohort.decide_bulk,
        name="cohort_decide_bulk",
    ),
    path("learning/<str:slug>/cohort/reflections/", cohort.reflections, name="cohort_reflections"),
    path("learning/<str:slug>/cohort/trainees/<int:pk>/", cohort.trainee, name="cohort_trainee"),
    path(
        "learning/<str:slug>/cohort/enrolments/<int:pk>/decide/",
        cohort.decide,
        name="cohort_decide",
    ),
    path(
        "learning/<str:slug>/cohort/enrolments/<int:pk>/attendance/",
        cohort.attendance,
        name="cohort_attendance",
    ),
    path(
        "learning/<str:slug>/cohort/reflections/<int:pk>/feedback/",
        cohort.feedback,
        name="cohort_feedback",
    ),
    path("certificates/<str:code>/", certificates.certificate, name="certificate"),
    path("certificates/<str:code>/pdf/", certificates.certificate_pdf, name="certificate_pdf"),
    path("academy/<str:slug>/agenda.ics", agenda.agenda_ics, name="agenda_ics"),
    path("learning/<str:slug>/agenda/changes/", agenda.changes, name="agenda_changes"),
    path("learning/agenda/items/<int:pk>/star/", agenda.star, name="agenda_star"),
    path("learning/agenda/items/<int:pk>/sign-up/", agenda.signup, name="agenda_signup"),
    path("learning/agenda/items/<int:pk>/leave/", agenda.leave, name="agenda_leave"),
    path("learning/agenda/items/<int:pk>/code/", agenda.check_in_code, name="agenda_code"),
    path("learning/agenda/items/<int:pk>/check-in/", agenda.check_in, name="agenda_check_in"),
    path("learning/feeds/<str:token>.ics", agenda.personal_feed, name="personal_feed"),
    path("learning/<str:slug>/feed/renew/", agenda.feed_regenerate, name="feed_regenerate"),
]
