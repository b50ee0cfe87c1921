"""Per-site settings of the desk (contact, map defaults)."""

import strawberry

from .blocks import rich_text_html
from .site import current_desk


@strawberry.type(name="SiteSettings", description="Settings of the desk for the current site.")
class SiteSettingsType:
    desk_name: str = strawberry.field(description="Name of the desk.")
    territory_name: str = strawberry.field(description="Name of the territory.")
    contact_email: str = strawberry.field(description="Desk e-mail address.")
    contact_phone: str = strawberry.field(description="Desk phone number.")
    contact_address: str = strawberry.field(description="Desk postal address.")
    legal_notice_html: str = strawberry.field(description="Legal notice, as HTML.")
    website: str = strawberry.field(description="Website of the département.")
    map_center_latitude: float = strawberry.field(description="Latitude where the map opens.")
    map_center_longitude: float = strawberry.field(description="Longitude where the map opens.")
    map_zoom: int = strawberry.field(description="Initial zoom of the map.")


def resolve_site_settings(info):
    desk = current_desk(info).settings
    if desk is None:
        return None
    return SiteSettingsType(
        desk_name=desk.desk_name,
        territory_name=desk.territory_name,
        contact_email=desk.contact_email,
        contact_phone=desk.contact_phone,
        contact_address=desk.contact_address,
        legal_notice_html=rich_text_html(desk.legal_notice),
        website=desk.website,
        map_center_latitude=desk.map_center_latitude,
        map_center_longitude=desk.map_center_longitude,
        map_zoom=desk.map_zoom,
    )
