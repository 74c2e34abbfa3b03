"""allauth's hooks for this site."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from cms.ratelimit import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        # One answer to "who is this" for allauth's limits and ours, proxies included.
        return client_address(request) or super().get_client_ip(request)
