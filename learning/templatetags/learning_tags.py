"""Template tags the rest of the site uses to show the academy without importing it."""

from django import template

from cms import page_frame

from ..models import EnrolmentMode
from ..selectors import editions

register = template.Library()


@register.simple_tag(takes_context=True)
def current_edition(context) -> dict | None:
    """The edition to promote now (see ``selectors.editions.current_edition``) as the facts the
    home page's call to action shows, or None. Kept in the shared cache until the site's content next changes
    or the day ends, since which edition is current and whether it takes enrolments go by date."""
    request = context.get("request")

    def build() -> dict | None:
        edition = editions.current_edition()
        if edition is None:
            return None
        return {
            "pk": edition.pk,
            "title": edition.title,
            "summary": edition.summary,
            "residential_start": edition.residential_start,
            "residential_end": edition.residential_end,
            "venue": edition.venue,
            "url": edition.get_url(request=request),
            "enrolment_is_open": edition.enrolment_is_open(),
            # The home page (in cms, which may not import learning's enums) asks a yes/no.
            "enrols_directly": edition.enrolment_mode == EnrolmentMode.OPEN,
        }

    site = page_frame.find_site(request) if request else None
    return page_frame.site_wide("current_edition", build, site=site)
