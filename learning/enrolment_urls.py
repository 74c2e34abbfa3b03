"""Routes for applying to an edition, withdrawing, and the learning dashboard."""

from django.urls import path

from .views import dashboard, enrolment

urlpatterns = [
    path("learning/dashboard/", dashboard.dashboard, name="dashboard"),
    path("learning/<str:slug>/apply/", enrolment.apply, name="apply"),
    path("learning/<str:slug>/withdraw/", enrolment.withdraw, name="withdraw"),
]
