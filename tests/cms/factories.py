"""Factories for the public site's models, built on wagtail-factories."""

import datetime

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from cms.models import (
    HomePage,
    KitPage,
    NewsIndexPage,
    NewsPage,
    Person,
    PolicyField,
    PracticeIndexPage,
    PracticePage,
    StandardPage,
)


class EmailAddressFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory("tests.cms.factories.UserFactory")
    email = factory.SelfAttribute("user.email")
    verified = True
    primary = True

    class Meta:
        model = EmailAddress


class UserFactory(factory.django.DjangoModelFactory):
    """A person with an account; `UserFactory(verified=True)` is a member who confirmed the address."""

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct-horse-battery")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        verified = factory.Trait(
            email_address=factory.RelatedFactory(EmailAddressFactory, factory_related_name="user")
        )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))


class PolicyFieldFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Policy field {n}")
    slug = factory.Sequence(lambda n: f"policy-field-{n}")

    class Meta:
        model = PolicyField


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name")
    role = "Researcher"
    organisation = "Migration research centre"

    class Meta:
        model = Person


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="infosheet.pdf", data=b"%PDF-1.4 test infosheet")

    class Meta:
        model = get_document_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def file_size(self, create, extracted, **kwargs):
        # The admin's upload form records the size; documents made in code must ask for it.
        if create:
            self.get_file_size()


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    hero_title = "Learning from cities that make integration work"
    hero_intro = "A training academy for the people who shape local integration policy."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "What this page is about."

    class Meta:
        model = StandardPage


class PracticeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Functioning practices"
    slug = "practices"

    class Meta:
        model = PracticeIndexPage


class PracticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Practice {n:03d}")
    city = "Hamburg"
    country = "Germany"
    lead_organisation = "City department for social affairs"
    public_authorities = "City of Hamburg"
    start_date = datetime.date(2010, 1, 1)
    summary = "A local measure that brings newcomers and long-term residents together."
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>Newcomers and residents meet every week.</p>"))]
    )
    innovation_rating = 4
    innovation_justification = "A new way of reaching people."
    success_rating = 3
    success_justification = "Half of the goals were met."
    sustainability_rating = 3
    sustainability_justification = "Paid from the regular budget."
    transferability_rating = 5
    transferability_justification = "Simple and cheap to copy."
    listing_image = factory.SubFactory(ImageFactory)

    class Meta:
        model = PracticePage
        skip_postgeneration_save = True

    @factory.post_generation
    def policy_fields(self, create, extracted, **kwargs):
        if extracted:
            self.policy_fields.set(extracted)
            self.save()

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            self.save()


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News update {n:03d}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    intro = "What happened at the academy this month."
    listing_image = factory.SubFactory(ImageFactory)

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            self.save()


class KitPageFactory(wagtail_factories.PageFactory):
    title = "The kit"
    slug = "kit"
    discussion_paper = factory.SubFactory(DocumentFactory, title="Discussion paper")

    class Meta:
        model = KitPage


def build_home():
    """A home page at the top of the tree, served by the default site."""
    from wagtail.models import Page, Site

    # Wagtail's migrations leave a welcome page where the home page belongs.
    for welcome in Page.objects.filter(depth=2):
        welcome.delete()
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Academy"},
    )
    return home
