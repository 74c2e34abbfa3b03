"""Member profiles: the directory of the people a member may see, one member's profile with their
recent posts, and the form where members keep their own profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.ratelimit import limit_posts

from .. import member_selectors, member_services, permissions
from ..member_forms import DirectoryFilterForm, ProfileForm
from ..models import Visibility
from ..profiles import profile_for


def _not_yet_a_member(request: HttpRequest) -> HttpResponse:
    """Signed in, but without a confirmed address or a place in an edition: say what to do."""
    return TemplateResponse(request, "community/members/not_yet.html", {}, status=403)


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_directory(request.user):
        return _not_yet_a_member(request)
    choices = member_selectors.directory_choices(viewer=request.user)
    form = DirectoryFilterForm(request.GET, choices=choices)
    filters = form.filters()
    found = member_selectors.directory_page(
        viewer=request.user, filters=filters, page_number=request.GET.get("page"), choices=choices
    )
    params = request.GET.copy()
    params.pop("page", None)
    return TemplateResponse(
        request,
        "community/members/directory.html",
        {
            "form": form,
            "filters": filters,
            "page_obj": found.page,
            "cards": found.cards,
            "querystring": params.urlencode(),
        },
    )


@login_required
def member(request: HttpRequest, handle: str) -> HttpResponse:
    profile_page = member_selectors.profile_page(viewer=request.user, handle=handle)
    if profile_page is None:
        raise Http404(_("No member profile here."))
    return TemplateResponse(
        request,
        "community/members/profile.html",
        {"profile_page": profile_page, "Visibility": Visibility},
    )


@login_required
@limit_posts("community:profile")
def profile_edit(request: HttpRequest) -> HttpResponse:
    if not permissions.can_edit_own_profile(request.user):
        return _not_yet_a_member(request)
    profile = profile_for(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                saved = member_services.profile_update(user=request.user, **form.profile_data())
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your profile is saved."))
                return HttpResponseRedirect(saved.get_absolute_url())
    else:
        form = ProfileForm(
            initial=member_selectors.profile_form_initial(user=request.user, profile=profile)
        )
    return TemplateResponse(
        request,
        "community/members/profile_edit.html",
        {
            "form": form,
            "profile": profile,
            "suggestions": member_selectors.expertise_suggestions(),
            "cancel_url": reverse("community:member", kwargs={"handle": profile.handle}),
        },
        status=400 if form.is_bound else 200,
    )


def _add_errors(form: ProfileForm, error: ValidationError) -> None:
    if form.files.get("photo"):
        form.photo_not_kept = True
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
