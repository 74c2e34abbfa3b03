"""allauth's hooks for this site."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from cms.links import absolute_url
from cms.ratelimit import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        # One answer to "who is this" for allauth's limits and ours, proxies included.
        return client_address(request) or super().get_client_ip(request)

    # Links in allauth's mails use the site's public address, like every other mail.
    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return absolute_url(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return absolute_url(super().get_reset_password_from_key_url(key))
