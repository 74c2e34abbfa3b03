"""Permission policies for the Wagtail admin that more than one app uses."""

from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """For records that only the services write (certificates, the moderation log, agenda items
    listed across agendas): the admin may list and inspect them, never add, change or delete."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)
