"""Settings shared by every environment; what differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "cms.accounts",
    "cms",
    "cms.selection",
    "learning",
    "community",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.RejectNulBytesMiddleware",
    "cms.request_memory.RequestMemoryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above sessions, so a cached page is served without reading one; above compression, so it is
    # stored compressed. Validators are computed on the uncompressed body, below compression.
    "cms.middleware.PageCacheMiddleware",
    "cms.middleware.PublicGZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cms.middleware.SiteMiddleware",
    # Before CSRF, which would refuse an oversized nomination with a bare 400.
    "cms.selection.middleware.OversizedNominationMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: e-mail is the login; verification is mandatory so that a
# "member" is always someone whose address is known to work.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "cms.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}

# How many reverse proxies in front of the site append to X-Forwarded-For: rate limits read the
# client's address that many entries from the right (cms.ratelimit.client_address). 0 when the site
# is reached directly; a larger number than the real one would let clients forge their address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
# One way of writing dates on the site and in the admin ("1 December 2026, 16:14"): the formats of
# cms/formats/<language>/ win over Django's locale files. The admin's date pickers keep an
# unambiguous numeric input format (Wagtail's default), which Django's English input formats accept.
FORMAT_MODULE_PATH = ["cms.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files that nominators send through the public call are never public: they live outside
# MEDIA_ROOT, have no URL, and reach staff only through the nominations' admin (which checks
# permissions). Production points PRIVATE_MEDIA_ROOT at a folder the web server does not serve.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "cms.selection.uploads.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds a public page stays in the page cache (cms.pagecache); 0 turns the cache off. Pages of
# these apps are never cached: they show each trainee their own course.
PAGE_CACHE_SECONDS = 0
# The query parameters a public page reads (paging and the practice and news filters): a URL with
# any other parameter is served but never stored.
PAGE_CACHE_QUERY_PARAMETERS = frozenset(
    {"page", "city", "country", "policy_field", "tag", "status"}
)
PAGE_CACHE_EXCLUDED_APPS = ["learning", "community"]

# The demo seeders `seed_demo` runs after the public site's, in this order. Each takes `stdout`
# (and `scale`, if it builds more at larger scales) and returns its demo accounts as (e-mail,
# role). Named here, in the project wiring, so that the content side of `cms` never imports the
# apps built on it.
DEMO_CONTENT_LAYERS = [
    "cms.selection.demo.seed_selection_demo",
    "learning.demo.seed_learning_demo",
    "community.demo.seed_community_demo",
]

# Posts per person (or address) and hour on the site's own forms (cms.ratelimit).
# What a member may post in the community (community.services): one post every few seconds, a
# daily number of new topics, both tighter in a member's first day, and no identical repeat.
COMMUNITY_POSTING_LIMITS = {
    "seconds_between_posts": 5,
    "new_member_seconds_between_posts": 30,
    "topics_per_day": 20,
    "new_member_topics_per_day": 3,
    "duplicate_window_seconds": 5 * 60,
}

POST_RATE_LIMITS = {
    "learning:apply": 10,
    "learning:lesson": 120,
    "learning:agenda": 120,
    "selection:nominations": 5,
    # Every POST to the forum pages (topics, replies, edits, mark read); the services' own limits
    # (a post every few seconds) are tighter for posting.
    "community:forums": 240,
    # Flags on posts, notification levels, the profile form (a photo upload each time) and the
    # moderators' actions: each its own count, so one does not use up another's.
    "community:flags": 30,
    "community:levels": 120,
    "community:profile": 30,
    "community:moderation": 240,
}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "academy@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Integration Academy"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "cms.CustomImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Each page save enqueues search and reference-index tasks; their progress is noise.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
