"""What the seeding steps of ``manage.py seed_demo`` share: the SeedContext (records looked up
by key, what was created) and helpers placing records on the map and writing StreamField data.
"""

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from reference.models import Commune


@dataclass
class SeedContext:
    """What the steps share: looked-up records by key, and what was created."""

    today: date = field(default_factory=timezone.localdate)
    now: object = field(default_factory=timezone.now)
    communes: dict = field(default_factory=dict)
    professions: dict = field(default_factory=dict)
    audiences: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    partners: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    moderator: object = None
    created: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def count(self, label, n=1):
        if n:
            self.created[label] = self.created.get(label, 0) + n

    def commune(self, code):
        if code not in self.communes:
            self.communes[code] = Commune.objects.filter(insee_code=code).first()
        return self.communes[code]


def near_centroid(commune, key, spread=0.008):
    """A point near the commune's centre, deterministic for ``key``, inside the territory."""
    if commune.centroid_latitude is None or commune.centroid_longitude is None:
        return None
    rng = random.Random(key)  # noqa: S311 - a stable layout, not a secret
    min_lon, min_lat, max_lon, max_lat = settings.TERRITORY["bbox"]
    latitude = min(max(commune.centroid_latitude + rng.uniform(-spread, spread), min_lat), max_lat)
    longitude = min(max(commune.centroid_longitude + rng.uniform(-spread, spread), min_lon), max_lon)
    return round(latitude, 6), round(longitude, 6)


def place(obj, commune, key):
    point = near_centroid(commune, key)
    if point:
        obj.set_coordinates(*point)


def stream(blocks, ctx):
    """StreamField raw data from (type, value) pairs; page slugs and image keys become ids."""
    result = []
    for block_type, value in blocks:
        if isinstance(value, dict):
            value = dict(value)
            if isinstance(value.get("page"), str):
                value["page"] = ctx.pages[value["page"]].pk
            if isinstance(value.get("image"), str):
                value["image"] = ctx.images[value["image"]].pk
        result.append({"type": block_type, "value": value})
    return result


def amount(value):
    """A figure of the demo content as a Decimal (None stays None)."""
    return None if value is None else Decimal(value)
