"""Routes for what trainees do inside a lesson: complete it, answer a check, save a reflection."""

from django.urls import path

from .views import lessons

urlpatterns: list = [
    path(
        "learning/lessons/<int:lesson_id>/complete/",
        lessons.lesson_complete,
        name="lesson_complete",
    ),
    path(
        "learning/lessons/<int:lesson_id>/check/<str:block_id>/",
        lessons.check_submit,
        name="check_submit",
    ),
    path(
        "learning/lessons/<int:lesson_id>/reflection/<str:block_id>/",
        lessons.reflection_save,
        name="reflection_save",
    ),
]
