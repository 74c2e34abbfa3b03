"""Local development: debug on, console e-mail, the Django admin available."""

import os

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.admin"]
DJANGO_ADMIN_ENABLED = True
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
