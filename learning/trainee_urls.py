"""Routes for trainees and applicants: lesson actions, applying, withdrawing, the dashboard."""

from .enrolment_urls import urlpatterns as enrolment_urlpatterns
from .lesson_urls import urlpatterns as lesson_urlpatterns

urlpatterns = [*lesson_urlpatterns, *enrolment_urlpatterns]
