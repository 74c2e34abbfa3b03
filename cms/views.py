"""Site views that are not pages: search, robots.txt, the health check and the error pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cms.selectors import MAX_QUERY_LENGTH, search_pages


def search(request: HttpRequest) -> HttpResponse:
    context = search_pages(query=request.GET.get("q", ""), page_number=request.GET.get("page"))
    context["max_query_length"] = MAX_QUERY_LENGTH
    return render(request, "cms/search.html", context)


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 429 page for limits whose window we do not know (allauth's sign-up, login, password
    reset and e-mail confirmation limits); our own limits render the same page with the wait."""
    return render(request, "429.html", {"minutes": None}, status=429)


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and uptime checks: the process answers. It reads no table and no session,
    so a slow database does not take every web process out of the pool at once."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
