"""RSS of the published news (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import selectors


class NewsFeed(Feed):
    title = _("Tin tức cải cách hành chính")
    description = _("Tin bài mới đăng trên trang công khai.")

    def link(self):
        return reverse("portal:news")

    def items(self):
        return selectors.articles_public()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.author_name or None

    def item_categories(self, item):
        return [item.category.name] if item.category else []
