"""Sitemap sections for listing and commune pages, read from the public API."""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.test import RequestFactory
from django.urls import reverse

from . import api


class ApiSitemap(Sitemap):
    query = ""
    field = ""

    def __init__(self, request=None):
        self.request = request or RequestFactory().get("/")

    def rows(self):
        _, rows = api.execute_all_pages(self.request, self.query, self.field)
        return rows


class ListingSitemap(ApiSitemap):
    query = "sitemap_listings"
    field = "listings"
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return self.rows()

    def location(self, item):
        return reverse("frontend:listing", args=[item["slug"]])

    def lastmod(self, item):
        value = item.get("lastPublishedAt")
        return datetime.fromisoformat(value) if value else None


class CommuneSitemap(ApiSitemap):
    query = "sitemap_communes"
    field = "communes"
    changefreq = "weekly"

    def items(self):
        return self.rows()

    def location(self, item):
        return reverse("frontend:commune", args=[item["slug"]])

    def priority(self, item):
        return 0.6 if item["listingCount"] else 0.3


class StaticSitemap(Sitemap):
    """The application's own pages."""

    changefreq = "daily"
    priority = 0.9

    def items(self):
        return ["frontend:map", "frontend:aid-finder", "frontend:communes", "frontend:key-figures"]

    def location(self, item):
        return reverse(item)
