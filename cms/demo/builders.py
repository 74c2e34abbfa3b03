"""Idempotent builders for the demo content.

Every object is looked up by a natural key (a page's slug under its parent, an image's or
document's title, a snippet's slug or name, a user's e-mail) and only created when missing;
existing pages are never rewritten.
"""

import datetime
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.utils.file import hash_filelike

from cms.models import (
    HomeFeaturedPractice,
    HomePage,
    KitDocument,
    KitPage,
    NewsIndexPage,
    NewsPage,
    NewsPageAuthor,
    Person,
    PolicyField,
    PracticeGalleryImage,
    PracticeIndexPage,
    PracticePage,
    SiteFooterSettings,
    StandardPage,
)

from . import content, media

# Top-level pages in menu order. Skeletons are created first, so that the page tree (and
# therefore the menu) keeps this order even though some bodies link to later pages.
TOP_LEVEL_ORDER = [
    "about",
    "method",
    "practices",
    "news",
    "kit",
    "definition-of-integration",
    "partners",
    "privacy",
]
MENU_SLUGS = {"about", "method", "practices", "news", "kit"}

# Images used in standard page bodies, by key: (title, label drawn on the image).
PAGE_IMAGES = {
    "about": ("Residential week: group work", "Residential week, Turin"),
}
SHARED_GENERATED_IMAGE = "Generated content: shared illustration"


@dataclass
class SeedReport:
    """What a run created, by kind, and the demo accounts."""

    created: Counter = field(default_factory=Counter)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class Seeder:
    today: datetime.date = field(default_factory=timezone.localdate)
    report: SeedReport = field(default_factory=SeedReport)
    seed_counter: int = 0

    # ------------------------------------------------------------------ media

    def _next_seed(self) -> int:
        self.seed_counter += 1
        return self.seed_counter

    def image(self, title: str, label: str, *, portrait: bool = False):
        """The image with this title, generated and saved if it does not exist yet."""
        image_model = get_image_model()
        existing = image_model.objects.filter(title=title).first()
        if existing is not None:
            return existing
        seed = sum(title.encode()) + self._next_seed()
        if portrait:
            data = media.portrait_image(label, seed)
            width, height = media.PORTRAIT_SIZE
            alt = f"Placeholder portrait: the initials of {label} on a plain background"
        else:
            data = media.abstract_image(label, seed)
            width, height = media.IMAGE_SIZE
            palette = media.palette_for(seed)[0]
            alt = f"Abstract illustration in {palette} tones, labelled “{label}”"
        image = image_model(
            title=title,
            description=alt,
            credit="Generated illustration",
            file=ImageFile(io.BytesIO(data), name=f"{slugify(title)[:80] or 'image'}.jpg"),
            width=width,
            height=height,
            file_size=len(data),
            file_hash=hash_filelike(io.BytesIO(data)),
        )
        image.save()
        self.report.created["images"] += 1
        return image

    def document(self, title: str, subtitle: str, sections: list[tuple[str, list[str]]]):
        """The document with this title, rendered as a PDF and saved if it does not exist yet."""
        document_model = get_document_model()
        existing = document_model.objects.filter(title=title).first()
        if existing is not None:
            return existing
        data = media.pdf_document(title, subtitle, sections)
        document = document_model(
            title=title,
            file=ContentFile(data, name=f"{slugify(title)[:80] or 'document'}.pdf"),
            file_size=len(data),
            file_hash=hash_filelike(io.BytesIO(data)),
        )
        document.save()
        self.report.created["documents"] += 1
        return document

    # ------------------------------------------------------------------ people and snippets

    def users(self) -> None:
        user_model = get_user_model()
        password = getattr(settings, "DEMO_PASSWORD", "academy-demo")
        editors = Group.objects.filter(name="Editors").first()
        for spec in content.USERS:
            user = user_model.objects.filter(email=spec["email"]).first()
            if user is None:
                names = {"first_name": spec["first_name"], "last_name": spec["last_name"]}
                if spec["role"] == "superuser":
                    user = user_model.objects.create_superuser(spec["email"], password, **names)
                else:
                    user = user_model.objects.create_user(spec["email"], password, **names)
                self.report.created["users"] += 1
            if spec["role"] == "editor" and editors is not None:
                user.groups.add(editors)
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            self.report.accounts.append((spec["email"], spec["role"], password))

    def policy_fields(self) -> dict[str, PolicyField]:
        fields = {}
        for spec in content.POLICY_FIELDS:
            policy_field, created = PolicyField.objects.get_or_create(
                slug=spec["slug"],
                defaults={"name": spec["name"], "description": spec["description"]},
            )
            if created:
                self.report.created["policy fields"] += 1
            fields[spec["slug"]] = policy_field
        return fields

    def people(self) -> dict[str, Person]:
        people = {}
        for spec in content.PEOPLE:
            person = Person.objects.filter(name=spec["name"]).first()
            if person is None:
                photo = self.image(f"Portrait: {spec['name']}", spec["name"], portrait=True)
                person = Person.objects.create(
                    name=spec["name"],
                    role=spec["role"],
                    organisation=spec["organisation"],
                    photo=photo,
                )
                self.report.created["people"] += 1
            people[spec["name"]] = person
        return people

    # ------------------------------------------------------------------ pages

    def publish(self, page: Page) -> None:
        page.save_revision().publish()

    def add_page(self, parent: Page, page: Page, *, publish: bool = True) -> Page:
        parent.add_child(instance=page)
        if publish:
            self.publish(page)
        self.report.created["pages"] += 1
        return page

    def home(self) -> tuple[HomePage, bool]:
        """The home page at the top of the tree, replacing Wagtail's welcome page."""
        root = Page.get_first_root_node()
        plain_page = ContentType.objects.get_for_model(Page)
        welcome_pages = list(root.get_children().filter(content_type=plain_page))
        for welcome in welcome_pages:
            # Free the slug for the real home page before the welcome page goes.
            Page.objects.filter(pk=welcome.pk).update(slug=f"welcome-{welcome.pk}")

        home = HomePage.objects.first()
        created = home is None
        if home is None:
            home = HomePage(
                title=content.HOME["title"],
                slug="home",
                hero_title=content.HOME["hero_title"],
                hero_intro=content.HOME["hero_intro"],
            )
            # Published once the featured practices exist, in finish_home().
            self.add_page(root, home, publish=False)

        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=content.SITE_NAME,
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = site.site_name or content.SITE_NAME
            site.save()
        # Deleting a page deletes the sites rooted at it: move any stragglers first.
        welcome_ids = [welcome.pk for welcome in welcome_pages]
        Site.objects.filter(root_page_id__in=welcome_ids).update(root_page=home)
        for welcome in welcome_pages:
            welcome.delete()
        return home, created

    def child(self, parent: Page, slug: str) -> Page | None:
        page = parent.get_children().filter(slug=slug).first()
        return page.specific if page is not None else None

    def top_level_skeletons(self, home: HomePage) -> dict[str, tuple[Page, bool]]:
        """Every top-level page, created (unpublished content) in menu order if missing."""
        standard = {spec["slug"]: spec for spec in content.STANDARD_PAGES}
        pages: dict[str, tuple[Page, bool]] = {}
        for slug in TOP_LEVEL_ORDER:
            existing = self.child(home, slug)
            if existing is not None:
                pages[slug] = (existing, False)
                continue
            if slug == "practices":
                page = PracticeIndexPage(title=content.PRACTICE_INDEX["title"], slug=slug)
            elif slug == "news":
                page = NewsIndexPage(title=content.NEWS_INDEX["title"], slug=slug)
            elif slug == "kit":
                page = KitPage(title=content.KIT["title"], slug=slug)
            else:
                page = StandardPage(title=standard[slug]["title"], slug=slug)
            page.show_in_menus = slug in MENU_SLUGS
            self.add_page(home, page, publish=False)
            pages[slug] = (page, True)
        return pages

    def stream(self, spec: Iterable[tuple], *, home: HomePage) -> list[dict]:
        """A StreamField value (JSON form) from the compact specs in ``content``."""
        blocks: list[dict] = []
        for item in spec:
            kind, *args = item
            if kind in {"heading", "subheading"}:
                value: object = {"text": args[0], "level": "h2" if kind == "heading" else "h3"}
                kind = "heading"
            elif kind == "paragraph":
                value = paragraphs(args[0])
            elif kind == "quote":
                value = {"quote": args[0], "attribution": args[1]}
            elif kind == "image":
                title, label = PAGE_IMAGES[args[0]]
                image = self.image(title, label)
                value = {"image": image.pk, "alt_text": image.description, "caption": args[1]}
            elif kind == "document":
                value = {"document": self.named_document(args[0]).pk, "title": args[1]}
            elif kind == "cta":
                title, text, page_slug, label = args
                target = self.child(home, page_slug)
                value = {
                    "title": title,
                    "text": text,
                    "page": target.pk if target else None,
                    "url": "" if target else "/",
                    "label": label,
                }
                kind = "call_to_action"
            elif kind == "table":
                caption, rows = args
                value = {
                    "caption": caption,
                    "table": {
                        "data": rows,
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_header_choice": "row",
                        "table_caption": "",
                        "cell": [],
                        "mergeCells": [],
                    },
                }
            else:
                raise ValueError(f"Unknown block spec {kind!r}")
            blocks.append({"type": kind, "value": value})
        return blocks

    def named_document(self, key: str):
        if key == "discussion-paper":
            paper = content.DISCUSSION_PAPER
            at_a_glance = (
                "Annex: the ten practices at a glance",
                [
                    f"{spec['city']}, {spec['country']}: {spec['title']}. {spec['summary']}"
                    for spec in content.PRACTICES
                ],
            )
            return self.document(
                paper["title"], paper["subtitle"], [*paper["sections"], at_a_glance]
            )
        raise ValueError(f"Unknown document {key!r}")

    def standard_pages(self, pages: dict[str, tuple[Page, bool]], home: HomePage) -> None:
        for spec in content.STANDARD_PAGES:
            page, created = pages[spec["slug"]]
            if not created:
                continue
            page.intro = spec["intro"]
            page.body = self.stream(spec["body"], home=home)
            self.publish(page)

    def practices(
        self, index: PracticeIndexPage, policy_fields: dict[str, PolicyField]
    ) -> dict[str, PracticePage]:
        practices = {}
        for spec in content.PRACTICES:
            existing = self.child(index, spec["slug"])
            if existing is not None:
                practices[spec["slug"]] = existing
                continue
            practices[spec["slug"]] = self.practice(index, spec, policy_fields)
        return practices

    def practice(
        self, index: PracticeIndexPage, spec: dict, policy_fields: dict[str, PolicyField]
    ) -> PracticePage:
        city = spec["city"]
        short = spec["title"]
        listing = self.image(f"{city}: {short}", city)
        gallery = [
            self.image(f"{city}: {short} ({number})", f"{city} {number}")
            for number in range(1, len(spec["gallery"]) + 1)
        ]
        infosheet = self.document(
            f"Infosheet: {spec['title']} ({city})",
            f"{city}, {spec['country']}. A functioning practice profile from the integration academy.",
            infosheet_sections(spec, policy_fields),
        )
        ratings = spec["ratings"]
        page = PracticePage(
            title=spec["title"],
            slug=spec["slug"],
            city=city,
            country=spec["country"],
            lead_organisation=spec["lead_organisation"],
            partners="\n".join(spec["partners"]),
            public_authorities="\n".join(spec["public_authorities"]),
            start_date=spec["start_date"],
            end_date=spec["end_date"],
            summary=spec["summary"],
            listing_image=listing,
            body=[
                *self.stream(spec["body"], home=index.get_parent().specific),
                {
                    "type": "document",
                    "value": {"document": infosheet.pk, "title": "Download the infosheet (PDF)"},
                },
            ],
            context_features=paragraphs(spec["context_features"]),
            assets_and_obstacles=paragraphs(spec["assets_and_obstacles"]),
            achievements_and_failures=paragraphs(spec["achievements_and_failures"]),
            transferability_notes=paragraphs(spec["transferability_notes"]),
            innovation_rating=ratings["innovation"][0],
            innovation_justification=ratings["innovation"][1],
            success_rating=ratings["success"][0],
            success_justification=ratings["success"][1],
            sustainability_rating=ratings["sustainability"][0],
            sustainability_justification=ratings["sustainability"][1],
            transferability_rating=ratings["transferability"][0],
            transferability_justification=ratings["transferability"][1],
            video_url=spec["video_url"],
            video_transcript="".join(
                f"<p><b>{escape(speaker)}:</b> {escape(line)}</p>"
                for speaker, line in spec["video_transcript"]
            ),
            infosheet=infosheet,
            latitude=spec["latitude"],
            longitude=spec["longitude"],
        )
        page.policy_fields = [policy_fields[slug] for slug in spec["policy_fields"]]
        page.gallery_images = [
            PracticeGalleryImage(
                image=image, alt_text=image.description, caption=caption, sort_order=number
            )
            for number, (image, caption) in enumerate(zip(gallery, spec["gallery"], strict=True))
        ]
        page.tags.add(*spec["tags"])
        return self.add_page(index, page)

    def news(self, index: NewsIndexPage, people: dict[str, Person], home: HomePage) -> None:
        for spec in content.NEWS:
            if self.child(index, spec["slug"]) is not None:
                continue
            date = self.today - datetime.timedelta(days=spec["days_ago"])
            page = NewsPage(
                title=spec["title"],
                slug=spec["slug"],
                date=date,
                first_published_at=timezone.make_aware(
                    datetime.datetime.combine(date, datetime.time(9, 30))
                ),
                intro=spec["intro"],
                body=self.stream(spec["body"], home=home),
                listing_image=self.image(f"News: {spec['title']}", date.strftime("%B %Y")),
            )
            page.news_authors = [
                NewsPageAuthor(person=people[name], sort_order=number)
                for number, name in enumerate(spec["authors"])
            ]
            page.tags.add(*spec["tags"])
            self.add_page(index, page)

    def kit(self, kit: KitPage) -> None:
        kit.intro = content.KIT["intro"]
        kit.discussion_paper = self.named_document("discussion-paper")
        kit.discussion_paper_summary = content.KIT["discussion_paper_summary"]
        kit.extra_documents = [
            KitDocument(
                document=self.document(spec["title"], spec["subtitle"], spec["sections"]),
                description=spec["description"],
                sort_order=number,
            )
            for number, spec in enumerate(content.KIT_DOCUMENTS)
        ]
        self.publish(kit)

    def finish_home(self, home: HomePage, practices: dict[str, PracticePage]) -> None:
        home.hero_image = self.image("Home: hero illustration", "Integration Academy")
        home.featured_practices = [
            HomeFeaturedPractice(practice=practices[slug], sort_order=number)
            for number, slug in enumerate(content.FEATURED_PRACTICES)
            if slug in practices
        ]
        home.cta_title = content.HOME["cta_title"]
        home.cta_text = content.HOME["cta_text"]
        home.cta_label = content.HOME["cta_label"]
        home.cta_page = self.child(home, content.HOME["cta_page"])
        self.publish(home)

    def footer(self, site: Site, privacy: Page | None) -> None:
        footer = SiteFooterSettings.for_site(site)
        defaults = {
            "partners": "\n".join(content.FOOTER["partners"]),
            "funding_statement": content.FOOTER["funding_statement"],
            "contact_email": content.FOOTER["contact_email"],
        }
        changed = False
        for name, value in defaults.items():
            if not getattr(footer, name):
                setattr(footer, name, value)
                changed = True
        if footer.privacy_page_id is None and privacy is not None:
            footer.privacy_page = privacy
            changed = True
        if changed:
            footer.save()

    # ------------------------------------------------------------------ --scale

    def generated(
        self,
        scale: int,
        *,
        practice_index: PracticeIndexPage,
        news_index: NewsIndexPage,
        policy_fields: dict[str, PolicyField],
        people: dict[str, Person],
    ) -> None:
        """(scale - 1) * 10 practices and (scale - 1) * 8 news updates with short text."""
        if scale <= 1:
            return
        image = self.image(SHARED_GENERATED_IMAGE, "Generated content")
        fields = list(policy_fields.values())
        tag_pool = sorted({tag for spec in content.PRACTICES for tag in spec["tags"]})
        existing = set(practice_index.get_children().values_list("slug", flat=True))
        for number in range(1, (scale - 1) * 10 + 1):
            slug = f"practice-gen-{number:04d}"
            if slug in existing:
                continue
            city, country, latitude, longitude = content.GENERATED_CITIES[
                number % len(content.GENERATED_CITIES)
            ]
            measure, description = content.GENERATED_MEASURES[
                number % len(content.GENERATED_MEASURES)
            ]
            start = datetime.date(2008 + number % 12, 1 + number % 12, 1)
            ended = number % 5 == 0
            page = PracticePage(
                title=f"{measure} ({city}, {number:04d})",
                slug=slug,
                city=city,
                country=country,
                lead_organisation=f"City of {city}",
                public_authorities=f"City of {city}",
                start_date=start,
                end_date=self.today - datetime.timedelta(days=30 + number % 300) if ended else None,
                summary=(
                    f"{measure} in {city}: {description}. This profile was generated for load "
                    "testing and does not describe a real measure."
                ),
                listing_image=image,
                body=[
                    {
                        "type": "paragraph",
                        "value": paragraphs(
                            f"The city of {city} runs {description}, with local partners."
                        ),
                    }
                ],
                innovation_rating=1 + number % 5,
                success_rating=1 + (number + 1) % 5,
                sustainability_rating=1 + (number + 2) % 5,
                transferability_rating=1 + (number + 3) % 5,
                latitude=latitude,
                longitude=longitude,
            )
            page.policy_fields = [fields[number % len(fields)], fields[(number + 3) % len(fields)]]
            page.tags.add(tag_pool[number % len(tag_pool)], tag_pool[(number + 7) % len(tag_pool)])
            self.add_page(practice_index, page)

        authors = list(people.values())
        news_tags = sorted({tag for spec in content.NEWS for tag in spec["tags"]})
        existing = set(news_index.get_children().values_list("slug", flat=True))
        for number in range(1, (scale - 1) * 8 + 1):
            slug = f"news-gen-{number:04d}"
            if slug in existing:
                continue
            topic = content.GENERATED_NEWS_TOPICS[number % len(content.GENERATED_NEWS_TOPICS)]
            city = content.GENERATED_CITIES[number % len(content.GENERATED_CITIES)][0]
            date = self.today - datetime.timedelta(days=number * 5)
            page = NewsPage(
                title=f"{topic.capitalize()} in {city} ({number:04d})",
                slug=slug,
                date=date,
                intro=f"A short report on a {topic} hosted by {city}. Generated for load testing.",
                body=[
                    {
                        "type": "paragraph",
                        "value": paragraphs(
                            f"Participants from several cities met for a {topic} in {city}."
                        ),
                    }
                ],
                listing_image=image,
            )
            page.news_authors = [NewsPageAuthor(person=authors[number % len(authors)])]
            page.tags.add(news_tags[number % len(news_tags)])
            self.add_page(news_index, page)

    # ------------------------------------------------------------------ everything

    def run(self, scale: int = 1) -> SeedReport:
        self.users()
        policy_fields = self.policy_fields()
        people = self.people()
        home, home_created = self.home()
        pages = self.top_level_skeletons(home)

        practice_index, index_created = pages["practices"]
        if index_created:
            practice_index.intro = content.PRACTICE_INDEX["intro"]
            self.publish(practice_index)
        news_index, news_created = pages["news"]
        if news_created:
            news_index.intro = content.NEWS_INDEX["intro"]
            self.publish(news_index)
        kit, kit_created = pages["kit"]
        if kit_created:
            self.kit(kit)
        self.standard_pages(pages, home)

        practices = self.practices(practice_index, policy_fields)
        self.news(news_index, people, home)
        if home_created:
            self.finish_home(home, practices)

        site = Site.objects.get(is_default_site=True)
        self.footer(site, pages["privacy"][0])
        self.generated(
            scale,
            practice_index=practice_index,
            news_index=news_index,
            policy_fields=policy_fields,
            people=people,
        )
        return self.report


def paragraphs(texts: str | list[str]) -> str:
    """Plain-text paragraphs as rich-text HTML."""
    if isinstance(texts, str):
        texts = [texts]
    return "".join(f"<p>{escape(text, quote=False)}</p>" for text in texts)


def infosheet_sections(spec: dict, policy_fields: dict[str, PolicyField]) -> list:
    """The sections of a practice's two-page infosheet."""
    period = (
        spec["start_date"].strftime("%B %Y")
        + " to "
        + (spec["end_date"].strftime("%B %Y") if spec["end_date"] else "today (live)")
    )
    facts = [
        f"Where: {spec['city']}, {spec['country']}",
        "Policy fields: " + ", ".join(policy_fields[slug].name for slug in spec["policy_fields"]),
        f"Lead organisation: {spec['lead_organisation']}",
        "Public authorities: " + "; ".join(spec["public_authorities"]),
        "Partners: " + "; ".join(spec["partners"]),
        f"Period: {period}",
    ]
    how_it_works = [
        text
        for kind, *args in spec["body"]
        if kind == "paragraph"
        for text in ([args[0]] if isinstance(args[0], str) else args[0])
    ]
    labels = {
        "innovation": "Innovation",
        "success": "Success",
        "sustainability": "Economic and financial sustainability",
        "transferability": "Transferability",
    }
    ratings = [
        f"{labels[key]}: {rating} out of 5. {why}" for key, (rating, why) in spec["ratings"].items()
    ]
    return [
        ("The practice in brief", [spec["summary"]]),
        ("Facts", facts),
        ("How it works", how_it_works),
        ("Context features that mattered", spec["context_features"]),
        ("Assets and obstacles", spec["assets_and_obstacles"]),
        ("Achievements and failures", spec["achievements_and_failures"]),
        ("What transfers, and under which conditions", spec["transferability_notes"]),
        ("Qualifying features", ratings),
    ]
