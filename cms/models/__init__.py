"""The public site's models: accounts, media, snippets and page types."""

from cms.accounts.models import User

from .images import CustomImage, CustomRendition
from .kit import KitDocument, KitPage
from .news import NewsIndexPage, NewsPage, NewsPageAuthor, NewsPageTag
from .pages import HomeFeaturedPractice, HomePage, StandardPage
from .practices import PracticeGalleryImage, PracticeIndexPage, PracticePage, PracticeTag
from .settings import SiteFooterSettings
from .snippets import Person, PolicyField

__all__ = [
    "CustomImage",
    "CustomRendition",
    "HomeFeaturedPractice",
    "HomePage",
    "KitDocument",
    "KitPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageAuthor",
    "NewsPageTag",
    "Person",
    "PolicyField",
    "PracticeGalleryImage",
    "PracticeIndexPage",
    "PracticePage",
    "PracticeTag",
    "SiteFooterSettings",
    "StandardPage",
    "User",
]
