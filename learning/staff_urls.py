"""Routes for facilitators and editors, and the public certificate check."""

from django.urls import path

from .views import staff_certificates

urlpatterns = [
    path("certificates/<str:code>/", staff_certificates.certificate, name="certificate"),
]
