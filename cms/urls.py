"""The project's URLs: every app's routes, then Wagtail's page serving last."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views
from cms.pagecache import public_view
from cms.sitemaps import SiteSitemap

# allauth answers its rate limits with the root URLconf's handler429.
handler429 = views.too_many_requests

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("search/", views.search, name="search"),
    path("sitemap.xml", public_view(sitemap), {"sitemaps": {"pages": SiteSitemap}}, name="sitemap"),
    path("robots.txt", public_view(views.robots_txt), name="robots_txt"),
    # Never cached nor wrapped: the load balancer's probe and the benchmark's baseline.
    path("healthz", views.healthz, name="healthz"),
]

if getattr(settings, "DJANGO_ADMIN_ENABLED", False):
    from django.contrib import admin

    urlpatterns.insert(0, path("django-admin/", admin.site.urls))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("community/", include("community.urls")),
    path("", include("learning.urls")),
    path("", include(wagtail_urls)),
]
