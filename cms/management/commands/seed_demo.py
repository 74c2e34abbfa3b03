"""``manage.py seed_demo``: idempotent, realistic demo content for the whole site.

The public site is seeded first, then the seeders that ``settings.DEMO_CONTENT_LAYERS`` names, in
order. Each app keeps its demo words in data files under ``<app>/demo/`` and never imports an
app seeded after it.
"""

import inspect
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.module_loading import import_string
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.demo.accounts import demo_password
from cms.demo.builders import Seeder
from cms.models import NewsPage, Person, PolicyField, PracticePage

# Loggers that report every page save, search-index update and background task at INFO.
CHATTY_LOGGERS = ("django_tasks", "wagtail", "modelsearch")


@contextmanager
def quiet_loggers(names: tuple[str, ...], level: int = logging.WARNING) -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in names]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, old_level in zip(loggers, previous, strict=True):
            logger.setLevel(old_level)


class Command(BaseCommand):
    help = (
        "Load the demo content: pages, practices, news, the kit, images, documents, the "
        "selection of practices, the academy and demo accounts. Safe to run again: only what "
        "is missing is created."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=None,
            help=(
                "Also create data for benchmarks: about 300*N forum topics and a thread of "
                "50,000*N posts; for N > 1, (N-1)*10 generated practices and (N-1)*8 news "
                "updates; for N >= 10, a large academy edition of 40 lessons and 500 trainees."
            ),
        )

    def handle(self, *args: object, **options: object) -> None:
        settings_module = getattr(settings, "SETTINGS_MODULE", "") or ""
        if settings_module.endswith(".production"):
            raise CommandError(
                "seed_demo refuses to run with production settings "
                f"({settings_module}): it creates accounts with a known password."
            )
        # Without --scale, the realistic demo alone: layers are called without ``scale``.
        asked = options["scale"]
        scale = 1 if asked is None else int(asked)  # type: ignore[call-overload]
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")

        started = time.monotonic()
        chatty = CHATTY_LOGGERS if int(options["verbosity"]) < 2 else ()  # type: ignore[call-overload]
        with quiet_loggers(chatty), transaction.atomic():
            report = Seeder().run(scale=scale)
            password = demo_password()
            for path in settings.DEMO_CONTENT_LAYERS:
                seeder = import_string(path)
                # A layer that builds more at larger scales says so by taking ``scale``.
                if asked is not None and "scale" in inspect.signature(seeder).parameters:
                    accounts = seeder(stdout=self.stdout, scale=scale)
                else:
                    accounts = seeder(stdout=self.stdout)
                report.accounts.extend((email, role, password) for email, role in accounts)
        elapsed = time.monotonic() - started

        created = ", ".join(f"{count} {kind}" for kind, count in sorted(report.created.items()))
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready in {elapsed:.1f} s.")
            + f" Created this run: {created or 'nothing (already loaded)'}."
        )
        totals = [
            ("users", get_user_model().objects.count()),
            ("pages", Page.objects.count()),
            ("practices", PracticePage.objects.count()),
            ("news updates", NewsPage.objects.count()),
            ("images", get_image_model().objects.count()),
            ("documents", get_document_model().objects.count()),
            ("policy fields", PolicyField.objects.count()),
            ("people", Person.objects.count()),
            ("tags", Tag.objects.count()),
        ]
        self.stdout.write("In the database: " + ", ".join(f"{n} {k}" for k, n in totals) + ".")

        self.stdout.write("")
        self.stdout.write("Demo accounts:")
        rows = [("E-mail", "Role", "Password"), *report.accounts]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        for number, row in enumerate(rows):
            self.stdout.write(
                ("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))).rstrip()
            )
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
