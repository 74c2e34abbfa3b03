from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    """The call for practices and the selection pipeline, with its own tables and permissions."""

    name = "cms.selection"
    label = "selection"
    verbose_name = _("Selection of practices")
    default_auto_field = "django.db.models.BigAutoField"
