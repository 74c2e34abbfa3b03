"""Idempotent builders for the public site's demo content, from the data files in this folder.

Every object is looked up by a natural key (a page's slug under its parent, an image's or
document's title, a snippet's slug or name, a user's e-mail) and only created when missing;
existing pages are never rewritten.
"""

import datetime
import io
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from typing import Any

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

from . import loader, media
from .accounts import Accounts

RATING_LABELS = {
    "innovation": "Innovation",
    "success": "Success",
    "sustainability": "Economic and financial sustainability",
    "transferability": "Transferability",
}


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

    def __post_init__(self) -> None:
        self.site = loader.load("cms.demo", "site")
        self.practice_data = loader.load("cms.demo", "practices")
        self.news_data = loader.load("cms.demo", "news")
        self.kit_data = loader.load("cms.demo", "kit")

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

    def kit_document(self, spec: dict, *, annex: tuple[str, list[str]] | None = None):
        sections = [(section["heading"], section["paragraphs"]) for section in spec["sections"]]
        if annex is not None:
            sections.append(annex)
        return self.document(spec["title"], spec["subtitle"], sections)

    def discussion_paper(self):
        annex = (
            "Annex: the ten practices at a glance",
            [
                f"{spec['city']}, {spec['country']}: {spec['title']}. {spec['summary']}"
                for spec in self.practice_data["practices"]
            ],
        )
        return self.kit_document(self.kit_data["discussion_paper"], annex=annex)

    def lookup(self, kind: str, key: str) -> Any:
        """What a reference in the data names; images and documents are made if missing."""
        found = loader.find(kind, key)
        if found is not None or kind == "page":
            return found
        if kind == "image":
            labels = {spec["title"]: spec["label"] for spec in self.site["images"]}
            return self.image(key, labels.get(key, key))
        if key == self.kit_data["discussion_paper"]["title"]:
            return self.discussion_paper()
        for spec in self.kit_data["documents"]:
            if spec["title"] == key:
                return self.kit_document(spec)
        return None

    def stream(self, blocks: list[dict]) -> list[dict]:
        body = loader.stream(blocks, self.lookup)
        # The generated images describe themselves: their description is the alternative text.
        for block in body:
            if block["type"] == "image" and "alt_text" not in block["value"]:
                image = get_image_model().objects.get(pk=block["value"]["image"])
                block["value"] = {**block["value"], "alt_text": image.description}
        return body

    # ------------------------------------------------------------------ people and snippets

    def users(self) -> None:
        accounts = Accounts()
        editors = Group.objects.filter(name="Editors").first()
        for spec in self.site["users"]:
            accounts.get(
                spec["email"],
                spec["first_name"],
                spec["last_name"],
                superuser=spec["role"] == "superuser",
                groups=(editors,) if spec["role"] == "editor" and editors is not None else (),
            )
            self.report.accounts.append((spec["email"], spec["role"], accounts.password))
        if accounts.created:
            self.report.created["users"] += accounts.created

    def policy_fields(self) -> dict[str, PolicyField]:
        fields = {}
        for spec in self.site["policy_fields"]:
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
        for spec in self.site["people"]:
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

        spec = self.site["home"]
        home = HomePage.objects.first()
        created = home is None
        if home is None:
            home = HomePage(
                title=spec["title"],
                slug="home",
                hero_title=spec["hero_title"],
                hero_intro=spec["hero_intro"],
            )
            # Published once the featured practices exist, in finish_home().
            self.add_page(root, home, publish=False)

        site_name = self.site["site_name"]
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=site_name,
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = site.site_name or site_name
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
        """Every top-level page, created (unpublished content) in menu order if missing.

        Skeletons come first so that the page tree (and therefore the menu) keeps the order
        of the data even though some bodies link to later pages."""
        titles = {spec["slug"]: spec["title"] for spec in self.site["standard_pages"]}
        pages: dict[str, tuple[Page, bool]] = {}
        for slug in self.site["top_level_pages"]:
            existing = self.child(home, slug)
            if existing is not None:
                pages[slug] = (existing, False)
                continue
            if slug == "practices":
                page = PracticeIndexPage(title=self.practice_data["index"]["title"], slug=slug)
            elif slug == "news":
                page = NewsIndexPage(title=self.news_data["index"]["title"], slug=slug)
            elif slug == "kit":
                page = KitPage(title=self.kit_data["kit"]["title"], slug=slug)
            else:
                page = StandardPage(title=titles[slug], slug=slug)
            page.show_in_menus = slug in self.site["menu"]
            self.add_page(home, page, publish=False)
            pages[slug] = (page, True)
        return pages

    def standard_pages(self, pages: dict[str, tuple[Page, bool]]) -> None:
        for spec in self.site["standard_pages"]:
            page, created = pages[spec["slug"]]
            if not created:
                continue
            page.intro = spec["intro"]
            page.body = self.stream(spec["body"])
            self.publish(page)

    def practices(
        self, index: PracticeIndexPage, policy_fields: dict[str, PolicyField]
    ) -> dict[str, PracticePage]:
        practices = {}
        for spec in self.practice_data["practices"]:
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
                *self.stream(spec["body"]),
                {
                    "type": "document",
                    "value": {"document": infosheet.pk, "title": "Download the infosheet (PDF)"},
                },
            ],
            context_features=spec["context_features"],
            assets_and_obstacles=spec["assets_and_obstacles"],
            achievements_and_failures=spec["achievements_and_failures"],
            transferability_notes=spec["transferability_notes"],
            **{
                f"{feature}_{part}": ratings[feature][part]
                for feature in RATING_LABELS
                for part in ("rating", "justification")
            },
            video_url=spec["video_url"],
            video_transcript=spec["video_transcript"],
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

    def news(self, index: NewsIndexPage, people: dict[str, Person]) -> None:
        for spec in self.news_data["news"]:
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
                body=self.stream(spec["body"]),
                listing_image=self.image(f"News: {spec['title']}", date.strftime("%B %Y")),
            )
            page.news_authors = [
                NewsPageAuthor(person=people[name], sort_order=number)
                for number, name in enumerate(spec["authors"])
            ]
            page.tags.add(*spec["tags"])
            self.add_page(index, page)

    def kit(self, kit: KitPage) -> None:
        spec = self.kit_data["kit"]
        kit.intro = spec["intro"]
        kit.discussion_paper = self.discussion_paper()
        kit.discussion_paper_summary = spec["discussion_paper_summary"]
        kit.extra_documents = [
            KitDocument(
                document=self.kit_document(document),
                description=document["description"],
                sort_order=number,
            )
            for number, document in enumerate(self.kit_data["documents"])
        ]
        self.publish(kit)

    def finish_home(self, home: HomePage) -> None:
        spec = self.site["home"]
        home.hero_image = self.image("Home: hero illustration", "Integration Academy")
        featured = [loader.reference(ref) for ref in spec["featured_practices"]]
        home.featured_practices = [
            HomeFeaturedPractice(practice=practice, sort_order=number)
            for number, practice in enumerate(page for page in featured if page is not None)
        ]
        home.cta_title = spec["cta_title"]
        home.cta_text = spec["cta_text"]
        home.cta_label = spec["cta_label"]
        home.cta_page = loader.reference(spec["cta_page"])
        self.publish(home)

    def footer(self, site: Site) -> None:
        spec = self.site["footer"]
        footer = SiteFooterSettings.for_site(site)
        defaults = {
            "partners": "\n".join(spec["partners"]),
            "funding_statement": spec["funding_statement"],
            "contact_email": spec["contact_email"],
        }
        changed = False
        for name, value in defaults.items():
            if not getattr(footer, name):
                setattr(footer, name, value)
                changed = True
        privacy = loader.reference(spec["privacy_page"])
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
        words = loader.load("cms.demo", "generated")
        cities, measures, topics = words["cities"], words["measures"], words["news_topics"]
        image = self.image(words["shared_image"], "Generated content")
        fields = list(policy_fields.values())
        tag_pool = sorted({tag for spec in self.practice_data["practices"] for tag in spec["tags"]})
        existing = set(practice_index.get_children().values_list("slug", flat=True))
        for number in range(1, (scale - 1) * 10 + 1):
            slug = f"practice-gen-{number:04d}"
            if slug in existing:
                continue
            place = cities[number % len(cities)]
            city = place["city"]
            measure = measures[number % len(measures)]
            start = datetime.date(2008 + number % 12, 1 + number % 12, 1)
            ended = number % 5 == 0
            page = PracticePage(
                title=f"{measure['name']} ({city}, {number:04d})",
                slug=slug,
                city=city,
                country=place["country"],
                lead_organisation=f"City of {city}",
                public_authorities=f"City of {city}",
                start_date=start,
                end_date=self.today - datetime.timedelta(days=30 + number % 300) if ended else None,
                summary=(
                    f"{measure['name']} in {city}: {measure['description']}. This profile was "
                    "generated for load testing and does not describe a real measure."
                ),
                listing_image=image,
                body=[
                    {
                        "type": "paragraph",
                        "value": paragraph(
                            f"The city of {city} runs {measure['description']}, with local "
                            "partners."
                        ),
                    }
                ],
                innovation_rating=1 + number % 5,
                success_rating=1 + (number + 1) % 5,
                sustainability_rating=1 + (number + 2) % 5,
                transferability_rating=1 + (number + 3) % 5,
                **{
                    f"{feature}_justification": words["rating_justification"]
                    for feature in RATING_LABELS
                },
                latitude=place["latitude"],
                longitude=place["longitude"],
            )
            page.policy_fields = [fields[number % len(fields)], fields[(number + 3) % len(fields)]]
            page.tags.add(tag_pool[number % len(tag_pool)], tag_pool[(number + 7) % len(tag_pool)])
            self.add_page(practice_index, page)

        authors = list(people.values())
        news_tags = sorted({tag for spec in self.news_data["news"] for tag in spec["tags"]})
        existing = set(news_index.get_children().values_list("slug", flat=True))
        for number in range(1, (scale - 1) * 8 + 1):
            slug = f"news-gen-{number:04d}"
            if slug in existing:
                continue
            topic = topics[number % len(topics)]
            city = cities[number % len(cities)]["city"]
            date = self.today - datetime.timedelta(days=number * 5)
            page = NewsPage(
                title=f"{topic.capitalize()} in {city} ({number:04d})",
                slug=slug,
                date=date,
                intro=f"A short report on a {topic} hosted by {city}. Generated for load testing.",
                body=[
                    {
                        "type": "paragraph",
                        "value": paragraph(
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
            practice_index.intro = self.practice_data["index"]["intro"]
            self.publish(practice_index)
        news_index, news_created = pages["news"]
        if news_created:
            news_index.intro = self.news_data["index"]["intro"]
            self.publish(news_index)
        kit, kit_created = pages["kit"]
        if kit_created:
            self.kit(kit)
        self.standard_pages(pages)

        self.practices(practice_index, policy_fields)
        self.news(news_index, people)
        if home_created:
            self.finish_home(home)

        self.footer(Site.objects.get(is_default_site=True))
        self.generated(
            scale,
            practice_index=practice_index,
            news_index=news_index,
            policy_fields=policy_fields,
            people=people,
        )
        return self.report


def paragraph(text: str) -> str:
    """A generated plain-text sentence as rich-text HTML."""
    return f"<p>{escape(text, quote=False)}</p>"


def infosheet_sections(spec: dict, policy_fields: dict[str, PolicyField]) -> list:
    """The sections of a practice's two-page infosheet, written from the profile's words."""
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
        for block in spec["body"]
        if block["type"] == "paragraph"
        for text in media.plain_text(block["value"])
    ]
    ratings = [
        f"{label}: {spec['ratings'][key]['rating']} out of 5. {spec['ratings'][key]['justification']}"
        for key, label in RATING_LABELS.items()
    ]
    return [
        ("The practice in brief", [spec["summary"]]),
        ("Facts", facts),
        ("How it works", how_it_works),
        ("Context features that mattered", media.plain_text(spec["context_features"])),
        ("Assets and obstacles", media.plain_text(spec["assets_and_obstacles"])),
        ("Achievements and failures", media.plain_text(spec["achievements_and_failures"])),
        (
            "What transfers, and under which conditions",
            media.plain_text(spec["transferability_notes"]),
        ),
        ("Qualifying features", ratings),
    ]
