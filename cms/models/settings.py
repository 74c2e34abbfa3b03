"""Site-wide settings editors change in the admin: the footer's partners, funding and privacy link."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cms.text import one_per_line


@register_setting(icon="list-ul")
class SiteFooterSettings(BaseSiteSetting):
    partners = models.TextField(
        _("partners"), blank=True, help_text=_("One partner organisation per line.")
    )
    funding_statement = models.TextField(_("funding statement"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    # The footer of every page links the privacy page: fetched with the settings, not after them.
    select_related = ["privacy_page"]

    panels = [
        FieldPanel("partners"),
        FieldPanel("funding_statement"),
        FieldPanel("privacy_page"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("site footer")

    @property
    def partner_list(self) -> list[str]:
        return one_per_line(self.partners)
