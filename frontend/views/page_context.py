"""What every page of the public site gets: the desk, the enums' labels and the map's config."""

from ..desk import enum_labels, site_settings
from ..map_config import map_config


def base_context(request, **extra):
    desk = site_settings(request)
    return {
        "desk": desk,
        "labels": enum_labels(request),
        "map_config": map_config(request, desk),
        **extra,
    }
