/*
 * The admin's map widget (reference/widgets.py): a point picked on a Leaflet map served by
 * the site. Shown at once, on the saved point or framing the territory; without a tile
 * server the commune outlines are the background; addresses are searched through the
 * desk's own service (never a third-party geocoder). The stored value is wagtailgeowidget's
 * "SRID=4326;POINT(lon lat)"; an untouched empty map stays empty.
 */
(function () {
  "use strict";
  if (!window.StimulusModule || !window.wagtail || !window.wagtail.app || typeof L === "undefined") {
    return;
  }

  var boundaries = {};

  function loadBoundaries(url) {
    if (!boundaries[url]) {
      boundaries[url] = fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .catch(function () {
          return null;
        });
    }
    return boundaries[url];
  }

  function parseLatLng(text) {
    var parts = (text || "").split(",").map(function (part) {
      return parseFloat(part.trim());
    });
    if (parts.length !== 2 || isNaN(parts[0]) || isNaN(parts[1])) {
      return null;
    }
    if (Math.abs(parts[0]) > 90 || Math.abs(parts[1]) > 180) {
      return null;
    }
    return L.latLng(parts[0], parts[1]);
  }

  // The commune chooser shows « Valence (26362) »: its INSEE code narrows the search.
  function inseeCodeOf(fieldId) {
    var input = fieldId && document.getElementById("id_" + fieldId);
    if (!input) {
      return "";
    }
    var chooser = input.closest("[data-chooser-url], .chooser") || input.parentElement;
    var title = chooser && chooser.querySelector("[data-chooser-title], .chooser__title");
    var text = title ? title.textContent : input.tagName === "SELECT" && input.selectedOptions[0] ? input.selectedOptions[0].textContent : "";
    var match = /\((\d[0-9AB]\d{3})\)\s*$/.exec((text || "").trim());
    return match ? match[1] : "";
  }

  class MapFieldController extends window.StimulusModule.Controller {
    static targets = ["value", "map", "latlng", "query", "results", "message"];
    static values = { options: Object };

    connect() {
      var options = this.optionsValue;
      var map = L.map(this.mapTarget, { attributionControl: Boolean(options.tileLayer) });
      this.map = map;
      if (options.tileLayer) {
        L.tileLayer(options.tileLayer, Object.assign({ maxZoom: 19 }, options.tileLayerOptions || {})).addTo(map);
      } else {
        loadBoundaries(options.boundariesUrl).then(function (geojson) {
          if (geojson) {
            L.geoJSON(geojson, { interactive: false, style: { color: "#555", weight: 1, fillOpacity: 0.03 } }).addTo(map);
          }
        });
      }
      if (options.point) {
        this.place(L.latLng(options.point[0], options.point[1]), { write: false });
        map.setView(this.marker.getLatLng(), options.zoom);
      } else {
        map.fitBounds(options.bounds);
      }
      map.on("click", (event) => this.place(event.latlng));
      // A map drawn in a hidden tab gets its size when the tab is shown.
      this.resizeObserver = new ResizeObserver(() => map.invalidateSize());
      this.resizeObserver.observe(this.mapTarget);
    }

    disconnect() {
      if (this.resizeObserver) {
        this.resizeObserver.disconnect();
      }
      if (this.map) {
        this.map.remove();
      }
    }

    place(latLng, { write = true } = {}) {
      if (!this.marker) {
        this.marker = L.marker(latLng, { draggable: true, keyboard: true, title: "Position du lieu" }).addTo(this.map);
        this.marker.on("dragend", () => this.place(this.marker.getLatLng()));
      } else {
        this.marker.setLatLng(latLng);
      }
      this.latlngTarget.value = latLng.lat.toFixed(6) + ", " + latLng.lng.toFixed(6);
      if (write) {
        var srid = this.optionsValue.srid || 4326;
        this.valueTarget.value = "SRID=" + srid + ";POINT(" + latLng.lng + " " + latLng.lat + ")";
        this.valueTarget.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    typed() {
      var latLng = parseLatLng(this.latlngTarget.value);
      if (!latLng) {
        this.say("Coordonnées illisibles : saisissez la latitude puis la longitude, séparées par une virgule (ex. 44.9334, 4.8924).", true);
        return;
      }
      this.say("");
      this.place(latLng);
      this.map.setView(latLng, this.optionsValue.zoom);
    }

    clear() {
      if (this.marker) {
        this.marker.remove();
        this.marker = null;
      }
      this.valueTarget.value = "";
      this.latlngTarget.value = "";
      this.valueTarget.dispatchEvent(new Event("change", { bubbles: true }));
      this.map.fitBounds(this.optionsValue.bounds);
      this.say("Position effacée.");
    }

    addressText() {
      var id = this.optionsValue.addressField;
      var field = id && document.getElementById("id_" + id);
      return field ? field.value.trim() : "";
    }

    search() {
      var options = this.optionsValue;
      var query = this.queryTarget.value.trim() || this.addressText();
      if (!query) {
        this.say("Saisissez une adresse à rechercher.", true);
        return;
      }
      this.queryTarget.value = query;
      var params = new URLSearchParams({ q: query, limit: String(options.searchLimit || 5) });
      var commune = inseeCodeOf(options.communeField);
      if (commune) {
        params.set("commune", commune);
      }
      this.say("Recherche en cours…");
      fetch(options.searchUrl + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then((data) => this.show(query, (data && data.results) || []))
        .catch(() => this.say("La recherche d'adresse est indisponible : placez le repère sur la carte.", true));
    }

    show(query, results) {
      var list = this.resultsTarget;
      list.replaceChildren();
      if (!results.length) {
        list.hidden = true;
        this.say("Aucune adresse trouvée pour « " + query + " ».", true);
        return;
      }
      results.forEach((result) => {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small button-secondary";
        button.textContent = result.label;
        button.addEventListener("click", () => this.choose(result));
        item.appendChild(button);
        list.appendChild(item);
      });
      list.hidden = false;
      this.say(results.length === 1 ? "1 adresse trouvée." : results.length + " adresses trouvées.");
    }

    choose(result) {
      var latLng = L.latLng(result.latitude, result.longitude);
      this.place(latLng);
      this.map.setView(latLng, this.optionsValue.zoom);
      this.resultsTarget.hidden = true;
      this.resultsTarget.replaceChildren();
      var addressId = this.optionsValue.addressField;
      var address = addressId && document.getElementById("id_" + addressId);
      if (address && !address.value.trim()) {
        address.value = result.label;
        address.dispatchEvent(new Event("change", { bubbles: true }));
      }
      this.say("Repère placé sur « " + result.label + " ».");
    }

    say(text, isError) {
      this.messageTarget.textContent = text;
      this.messageTarget.classList.toggle("gus-map-field__message--error", Boolean(isError));
    }
  }

  window.wagtail.app.register("gus-map-field", MapFieldController);
})();
