"""A project-owned image model, so fields such as a credit line can be added without a data migration."""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image


class CustomImage(AbstractImage):
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    def get_rendition(self, filter: Filter | str) -> AbstractRendition:
        # Wagtail writes every rendition it hands out back to the rendition cache, a round trip
        # to Redis per image per request even when the listing prefetched it (card_renditions).
        # A prefetched rendition needs no cache: return it as Wagtail would, without the write.
        if self._get_prefetched_renditions() is not None:
            wanted = self.clean_filter_for_svg(
                Filter(spec=filter) if isinstance(filter, str) else filter
            )
            found = self.find_existing_renditions(wanted).get(wanted)
            if found is not None:
                return found
        return super().get_rendition(filter)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def card_renditions(image_field: str, *filter_specs: str) -> Prefetch:
    """Prefetches the given renditions of an image that the queryset already joins.

    Wagtail's ``CustomImage.objects.prefetch_renditions()`` only works on an image queryset; a
    ``Prefetch`` of the image itself is skipped by Django when ``select_related`` has filled the
    same relation. Reaching through the joined image fetches every card's rendition in one query,
    and ``{% image %}`` then finds it on the image (the attribute Wagtail reads).
    """
    return Prefetch(
        f"{image_field}__renditions",
        queryset=CustomRendition.objects.filter(filter_spec__in=filter_specs),
        to_attr="prefetched_renditions",
    )
