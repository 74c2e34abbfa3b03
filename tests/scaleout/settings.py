"""Production settings as the scale-out test runs them: two web processes and the worker on one
machine, reached over plain HTTP on loopback.

Only what that needs differs from production: cookies without the Secure flag (in production a
TLS-terminating proxy stands in front), static files found where they lie instead of collected,
mail written to files the test reads, and a low limit on lesson posts so the test can reach it.
"""

import os

from cms.settings.production import *  # noqa: F403
from cms.settings.production import POST_RATE_LIMITS, STORAGES

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["SCALEOUT_MAIL_DIR"]

POST_RATE_LIMITS = {
    **POST_RATE_LIMITS,
    "learning:lesson": int(os.environ.get("SCALEOUT_LESSON_POST_LIMIT", "4")),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
