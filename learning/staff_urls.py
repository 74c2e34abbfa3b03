"""Routes for facilitators and editors, and the public certificate check."""

from django.urls import path

from .views import staff_certificates, staff_cohort

urlpatterns = [
    path("learning/<str:slug>/cohort/", staff_cohort.cohort, name="cohort"),
    path(
        "learning/<str:slug>/cohort/enrolments/<int:pk>/decide/",
        staff_cohort.decide,
        name="cohort_decide",
    ),
    path(
        "learning/<str:slug>/cohort/enrolments/<int:pk>/attendance/",
        staff_cohort.attendance,
        name="cohort_attendance",
    ),
    path(
        "learning/<str:slug>/cohort/reflections/<int:pk>/feedback/",
        staff_cohort.feedback,
        name="cohort_feedback",
    ),
    path("certificates/<str:code>/", staff_certificates.certificate, name="certificate"),
]
