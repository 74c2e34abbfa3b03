"""Routes for what trainees do inside a lesson: complete it, answer a check, save a reflection."""

urlpatterns: list = []
