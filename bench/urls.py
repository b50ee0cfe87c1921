"""The site's URLs plus the map floor, so both sides of bench/map_benchmark.py cross the same
middleware stack. Used with ROOT_URLCONF = "bench.urls" (the benchmark overrides it).

The floor comes first: cms.urls ends with Wagtail's page-serving catch-all, which would
answer /bench/map-floor/ with a 404 if the floor were appended after it.
"""

from django.urls import path

from cms import urls as cms_urls

from .map_floor import map_floor

urlpatterns = [path("bench/map-floor/", map_floor, name="bench_map_floor"), *cms_urls.urlpatterns]
