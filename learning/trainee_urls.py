"""Routes for trainees and applicants: dashboard, apply, withdraw, lesson actions."""

urlpatterns: list = []
