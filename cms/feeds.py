"""The news RSS feed, built on Django's syndication framework."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from cms.models import NewsIndexPage, NewsPage

FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, *, index: NewsIndexPage):
        super().__init__()
        self.index = index
        self.request = None

    def __call__(self, request, *args, **kwargs):
        # Links built with the request read the site's root paths once, not once per item.
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return self.index.seo_title or self.index.title

    def link(self) -> str:
        return self.index.get_url(request=self.request)

    def description(self) -> str:
        return self.index.search_description or self.index.intro

    def items(self):
        return (
            NewsPage.objects.live()
            .public()
            .child_of(self.index)
            .order_by("-date", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.intro

    def item_link(self, item: NewsPage) -> str:
        return item.get_url(request=self.request)

    def item_pubdate(self, item: NewsPage) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))

    def item_updateddate(self, item: NewsPage) -> datetime.datetime | None:
        return item.last_published_at
