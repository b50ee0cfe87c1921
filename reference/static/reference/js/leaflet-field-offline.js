/*
 * wagtailgeowidget always adds a tile layer. On a closed network there may be no tile
 * server: when none is configured, draw the territory's commune boundaries instead, so
 * that editors can still place a point where it belongs.
 */
(function () {
  "use strict";
  if (typeof LeafletField === "undefined") {
    return;
  }
  var originalInitMap = LeafletField.prototype.initMap;
  var boundaries = null;

  function loadBoundaries() {
    if (!boundaries) {
      var config = document.getElementById("gus-map-config");
      var url = config && config.dataset.boundariesUrl;
      boundaries = url
        ? fetch(url, { credentials: "same-origin" }).then(function (response) {
            return response.ok ? response.json() : null;
          })
        : Promise.resolve(null);
    }
    return boundaries;
  }

  LeafletField.prototype.initMap = function (mapEl, defaultLocation) {
    if (this.tileLayer) {
      return originalInitMap.call(this, mapEl, defaultLocation);
    }
    var map = L.map(mapEl[0]).setView(defaultLocation, this.zoom);
    mapEl[0].style.background = "#eef2f5";
    loadBoundaries().then(function (geojson) {
      if (geojson) {
        L.geoJSON(geojson, {
          interactive: false,
          style: { color: "#555", weight: 1, fillOpacity: 0.03 },
        }).addTo(map);
      }
    });
    this.map = map;
    this.marker = L.marker(defaultLocation, { draggable: true }).addTo(map);
  };
})();
