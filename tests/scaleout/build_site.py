"""Build the scale-out test's site in its database and print what the test needs, as JSON.

Run as ``python -m tests.scaleout.build_site`` under ``tests.scaleout.settings``, after migrate.
"""

import json

import django


def build() -> dict:
    from cms.models import SiteFooterSettings
    from learning.models import EnrolmentMode
    from tests.cms.factories import StandardPageFactory, UserFactory, build_home
    from tests.learning.factories import (
        AcademyIndexPageFactory,
        EditionPageFactory,
        LessonPageFactory,
        ModulePageFactory,
    )

    home = build_home()
    SiteFooterSettings.for_site(home.get_site())  # as a site in use has them
    about = StandardPageFactory(parent=home, title="About", slug="about", intro="First version.")
    edition = EditionPageFactory(
        parent=AcademyIndexPageFactory(parent=home),
        title="Vienna 2027",
        slug="vienna-2027",
        enrolment_mode=EnrolmentMode.OPEN,
    )
    module = ModulePageFactory(parent=edition, title="Functioning practices")
    first = LessonPageFactory(parent=module, title="What works where")
    LessonPageFactory(parent=module, title="Reading a practice profile")
    trainee = UserFactory(email="trainee@example.org", verified=True)
    UserFactory(email="editor@example.org", verified=True, is_staff=True, is_superuser=True)
    return {
        "about": {"id": about.pk, "url": about.url, "title": about.title, "slug": about.slug},
        "edition_slug": edition.slug,
        "lesson_url": first.url,
        "trainee": trainee.email,
        "editor": "editor@example.org",
        "password": "correct-horse-battery",
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(build()))  # noqa: T201 (read by the test)
