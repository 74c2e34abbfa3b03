"""Admin registration: policy fields and people as snippets with their own listings; the page
cache's view of each page served."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import pagecache
from cms.models import Person, PolicyField


class PolicyFieldViewSet(SnippetViewSet):
    model = PolicyField
    icon = "tag"
    menu_label = _("Policy fields")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "organisation"]


class ContentViewSetGroup(SnippetViewSetGroup):
    items = (PolicyFieldViewSet, PersonViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Site content")
    menu_name = "site-content"


register_snippet(ContentViewSetGroup)


@hooks.register("before_serve_page")
def classify_page_for_cache(page, request, serve_args, serve_kwargs):
    pagecache.classify_page(request, page)
