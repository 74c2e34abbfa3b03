from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import agenda_changes, phases

        phases.register_defaults()
        page_published.connect(agenda_changes.record_on_publish, dispatch_uid="agenda-changes")
