"""Admin bulk actions on enrolments: accept or decline the selected applications.

Each enrolment goes through the same service as the cohort page, so capacity, e-mails and the
decision record behave identically; a refusal (a full edition, an enrolment already decided) is
reported as a message and the other enrolments are still decided.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction

from . import permissions, services
from .forms import BulkDecisionForm
from .models import Enrolment


class EnrolmentDecisionBulkAction(BulkAction):
    """Shared by accept and decline; subclasses name the service to call."""

    models = [Enrolment]
    form_class = BulkDecisionForm
    template_name = "learning/staff/admin/confirm_decision.html"
    decide = None  # the service, set by subclasses

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Ids come from the query string: anything that is not a number is simply ignored.
        ids = [
            value
            for value in map(str, object_ids)
            if value.isascii() and value.isdigit() and len(value) < 10
        ]
        return list(
            model.objects.filter(pk__in=ids)
            .select_related("user", "edition")
            .order_by("edition__title", "user__last_name", "user__email")
        )

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means every application still waiting: deciding again on enrolments that
        # were decided long ago is never what an editor wants from one click.
        return Enrolment.objects.pending().values_list("pk", flat=True)

    def check_perm(self, obj):
        user = self.request.user
        return user.has_perm("learning.change_enrolment") and permissions.can_decide_enrolments(
            user, obj.edition
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}

    def get_execution_context(self):
        return {
            "action": self,
            "note": self.cleaned_form.cleaned_data["note"],
            "user": self.request.user,
        }

    @classmethod
    def execute_action(cls, objects, *, action, note, user, **kwargs):
        decided, refusals = 0, []
        for enrolment in objects:
            try:
                cls.decide(enrolment=enrolment, decided_by=user, note=note)
            except ValidationError as error:
                refusals.append(f"{enrolment.user}: {' '.join(error.messages)}")
            else:
                decided += 1
        for refusal in refusals:
            messages.error(action.request, refusal)
        return decided, 0

    @staticmethod
    def done_message(count: int) -> str:
        raise NotImplementedError

    def get_success_message(self, num_parent_objects, num_child_objects):
        if not num_parent_objects:
            return None
        return self.done_message(num_parent_objects) % {"count": num_parent_objects}


class AcceptBulkAction(EnrolmentDecisionBulkAction):
    display_name = _("Accept")
    action_type = "accept"
    aria_label = _("Accept the selected applications")
    action_priority = 10
    decide = staticmethod(services.enrolment_accept)
    question = _("Accept these applications? Each applicant receives an e-mail.")
    button_text = _("Yes, accept")

    @staticmethod
    def done_message(count: int) -> str:
        return ngettext(
            "%(count)d application accepted.", "%(count)d applications accepted.", count
        )


class DeclineBulkAction(EnrolmentDecisionBulkAction):
    display_name = _("Decline")
    action_type = "decline"
    aria_label = _("Decline the selected applications")
    action_priority = 20
    classes = {"serious"}
    decide = staticmethod(services.enrolment_decline)
    question = _("Decline these applications? Each applicant receives an e-mail.")
    button_text = _("Yes, decline")

    @staticmethod
    def done_message(count: int) -> str:
        return ngettext(
            "%(count)d application declined.", "%(count)d applications declined.", count
        )
