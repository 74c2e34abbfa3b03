"""Fast, isolated settings for the test suite."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One folder per pytest-xdist worker: a worker that finishes empties its own folder only.
MEDIA_ROOT = BASE_DIR / ".test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")
# Nominators' files: a folder of this process's own (each test worker has one), removed at exit.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="academy-private-media-"))
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)
STORAGES = {
    **STORAGES,
    "private": {**STORAGES["private"], "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# `seed_demo --scale N` in tests builds the forum data's shape, not the benchmark's bulk (50,000
# posts a scale step would cost the suite a minute).
DEMO_FORUM_SCALE_SIZES = {"topics_per_scale": 10, "long_posts_per_scale": 300}
