from django.urls import path

from .views import forums, members, moderation, notifications

app_name = "community"

urlpatterns = [
    path("", forums.index, name="index"),
    path("mark-read/", forums.mark_all_read, name="mark_all_read"),
    path("search/", forums.search, name="search"),
    # Notifications and e-mail
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.mark_notifications_read, name="notifications_read"),
    path("notifications/settings/", notifications.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", notifications.unsubscribe, name="unsubscribe"),
    # Members
    path("members/", members.directory, name="members"),
    path("members/<slug:handle>/", members.member, name="member"),
    path("profile/", members.profile_edit, name="profile"),
    # Moderation
    path("moderation/", moderation.queue, name="moderation"),
    path("moderation/log/", moderation.log, name="moderation_log"),
    path("moderation/flags/<int:flag_id>/", moderation.flag_resolve, name="flag_resolve"),
    path("topics/<int:topic_id>/moderate/", moderation.topic_moderate, name="topic_moderate"),
    path("posts/<int:post_id>/hide/", moderation.post_hide, name="post_hide"),
    path("posts/<int:post_id>/restore/", moderation.post_restore, name="post_restore"),
    path("posts/<int:post_id>/flag/", moderation.post_flag, name="post_flag"),
    # Posts
    path("posts/<int:post_id>/edit/", forums.post_edit, name="post_edit"),
    path("posts/<int:post_id>/delete/", forums.post_delete, name="post_delete"),
    # Forums and topics
    path("<slug:forum>/", forums.forum_detail, name="forum"),
    path("<slug:forum>/new/", forums.topic_new, name="topic_new"),
    path("<slug:forum>/mark-read/", forums.forum_mark_read, name="forum_mark_read"),
    path("<slug:forum>/level/", notifications.forum_level, name="forum_level"),
    path("<slug:forum>/<int:topic_id>-<slug:slug>/", forums.topic_detail, name="topic"),
    path("<slug:forum>/<int:topic_id>-<slug:slug>/reply/", forums.topic_reply, name="topic_reply"),
    path(
        "<slug:forum>/<int:topic_id>-<slug:slug>/level/",
        notifications.topic_level,
        name="topic_level",
    ),
]
