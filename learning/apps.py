from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import phases
        from .agenda import changes
        from .agenda.phase import ResidentialAttendanceProvider

        # The phases the learning app measures itself; the community registers the follow-up.
        phases.register(phases.PreTrainingProvider())
        phases.register(ResidentialAttendanceProvider())
        page_published.connect(changes.record_on_publish, dispatch_uid="agenda-changes")
