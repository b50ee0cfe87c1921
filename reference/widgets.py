"""The wagtailgeowidget map, with Leaflet served by the site instead of a CDN."""

from django import forms
from django.utils.functional import cached_property
from wagtailgeowidget.panels import LeafletPanel
from wagtailgeowidget.widgets import LeafletField


class SelfHostedLeafletField(LeafletField):
    """wagtailgeowidget's widget loads Leaflet from unpkg.com; the admin must work on a
    closed network, so the same files come from the npm package, collected as static."""

    @cached_property
    def media(self):
        return forms.Media(
            css={
                "all": (
                    "vendor/leaflet/leaflet.css",
                    "wagtailgeowidget/css/leaflet-field.css",
                )
            },
            js=(
                "vendor/leaflet/leaflet.js",
                "wagtailgeowidget/js/leaflet-field.js",
                "reference/js/leaflet-field-offline.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
            ),
        )


class MapPanel(LeafletPanel):
    """A location picked on a map; see SelfHostedLeafletField."""

    def widget_overrides(self):
        return {
            self.field_name: SelfHostedLeafletField(
                address_field=self.address_field,
                zoom_field=self.zoom_field,
                hide_latlng=self.hide_latlng,
                zoom=self.zoom,
                srid=4326,
                id_prefix="id_",
            )
        }
