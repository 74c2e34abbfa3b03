"""The learning app's routes outside the page tree: the dashboard, applying and withdrawing, the
cohort page of the course team, and the public certificate check. What a trainee does inside a
lesson is routed by the lesson page itself (``LessonPage`` is a routable page)."""

from django.urls import path

from .views import certificates, cohort, dashboard, enrolment

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
]
