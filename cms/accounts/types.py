"""Type names for people that every app may use: who is asking is a signed-in user or nobody."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

AnyUser = AbstractBaseUser | AnonymousUser
