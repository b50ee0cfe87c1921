/*
 * Location picker of the listing forms: a Leaflet map synchronised with the latitude and
 * longitude fields. The fields stay the accessible way to enter a position; the map is a
 * convenience (hidden from screen readers). Without a tile server, commune outlines are
 * the background.
 */
(function () {
  "use strict";

  function init(container) {
    var mapElement = container.querySelector(".location-picker__map");
    var latitude = container.querySelector("input[name='latitude']");
    var longitude = container.querySelector("input[name='longitude']");
    if (!mapElement || !latitude || !longitude || typeof L === "undefined") {
      return;
    }
    mapElement.style.height = "22rem";
    var start = [parseFloat(latitude.value) || 44.73, parseFloat(longitude.value) || 5.05];
    // keyboard: false, and no tab stop inside: the map is hidden from assistive technologies
    // (aria-hidden), so nothing in it may take the focus (axe: aria-hidden-focus).
    var map = L.map(mapElement, { keyboard: false }).setView(start, latitude.value ? 13 : 9);
    map.attributionControl.setPrefix(false);
    function removeTabStops() {
      mapElement.querySelectorAll("a, button, input, [tabindex]").forEach(function (element) {
        element.setAttribute("tabindex", "-1");
      });
    }
    removeTabStops();
    map.on("layeradd", removeTabStops);
    var tileUrl = container.dataset.tileUrl;
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(map);
    } else if (container.dataset.boundariesUrl) {
      fetch(container.dataset.boundariesUrl)
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (geojson) {
          if (geojson) {
            L.geoJSON(geojson, { interactive: false, style: { color: "#555", weight: 1, fillOpacity: 0.03 } }).addTo(map);
          }
        });
    }
    var marker = null;

    function place(lat, lng, pan) {
      if (marker) {
        marker.setLatLng([lat, lng]);
      } else {
        marker = L.marker([lat, lng], { draggable: true, keyboard: false }).addTo(map);
        marker.on("dragend", function () {
          var position = marker.getLatLng();
          write(position.lat, position.lng);
        });
      }
      if (pan) {
        map.panTo([lat, lng]);
      }
    }

    function write(lat, lng) {
      latitude.value = lat.toFixed(6);
      longitude.value = lng.toFixed(6);
    }

    if (latitude.value && longitude.value) {
      place(parseFloat(latitude.value), parseFloat(longitude.value), false);
    }
    map.on("click", function (event) {
      write(event.latlng.lat, event.latlng.lng);
      place(event.latlng.lat, event.latlng.lng, false);
    });
    [latitude, longitude].forEach(function (input) {
      input.addEventListener("change", function () {
        var lat = parseFloat(latitude.value);
        var lng = parseFloat(longitude.value);
        if (isFinite(lat) && isFinite(lng)) {
          place(lat, lng, true);
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-location-picker]").forEach(init);
  });
})();
