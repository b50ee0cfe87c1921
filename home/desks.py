"""A desk's territory, from its settings (home.DeskSettings), with settings.TERRITORY as the
fallback when there is no site."""

from django.core.exceptions import ValidationError

from reference.territory import Territory, parse_bbox

from .models import DeskSettings


def desk_territory(site):
    """The territory of the desk served by ``site`` (a Wagtail Site), or the default desk's
    (settings.TERRITORY) when ``site`` is None."""
    if site is None:
        return Territory.from_settings()
    desk = DeskSettings.for_site(site)
    fallback = Territory.from_settings()
    try:
        bbox = parse_bbox(desk.territory_bbox)
    except ValidationError:
        # Written by hand in the database: the settings' box rather than an error page.
        bbox = fallback.bbox
    return Territory(
        code=desk.territory_code or fallback.code,
        name=desk.territory_name or fallback.name,
        bbox=bbox,
        center=(desk.map_center_latitude, desk.map_center_longitude),
        zoom=desk.map_zoom,
    )
