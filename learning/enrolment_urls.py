"""Routes for applying to an edition, withdrawing, and the learning dashboard."""

from django.urls import path

from .views import dashboard, enrolment

urlpatterns = [
    path("learning/dashboard/", dashboard.dashboard, name="dashboard"),
    path("learning/<str:edition>/apply/", enrolment.apply, name="apply"),
    path("learning/<str:edition>/withdraw/", enrolment.withdraw, name="withdraw"),
]
