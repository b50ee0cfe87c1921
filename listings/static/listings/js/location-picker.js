/*
 * Location picker of the listing forms: a Leaflet map synchronised with the latitude and
 * longitude fields, framed on the chosen commune, with commune names, and a button that
 * finds the typed address (the site's own address search, /referentiels/adresses/).
 *
 * The fields stay the accessible way to enter a position, and the address is also found
 * by the server when the form is sent without a point: the map is a convenience, hidden
 * from screen readers. Without a tile server, commune outlines are the background.
 */
(function () {
  "use strict";

  var NAMES_FROM_ZOOM = 11;
  var MAX_NAMES = 60;
  // How close to show a found address: streets need tiles; on outlines alone, the
  // neighbourhood of the point within its commune says more.
  var POINT_ZOOM_WITH_TILES = 17;
  var POINT_ZOOM_ON_OUTLINES = 14;

  function init(container) {
    var mapElement = container.querySelector(".location-picker__map");
    var form = container.closest("form");
    var latitude = container.querySelector("input[name='latitude']");
    var longitude = container.querySelector("input[name='longitude']");
    var commune = form && form.querySelector("select[name='commune']");
    var address = form && form.querySelector("input[name='address']");
    if (!mapElement || !latitude || !longitude || typeof L === "undefined") {
      return;
    }
    mapElement.style.height = "22rem";
    // keyboard: false, and no tab stop inside: the map is hidden from assistive technologies
    // (aria-hidden), so nothing in it may take the focus (axe: aria-hidden-focus).
    var map = L.map(mapElement, { keyboard: false }).setView([44.73, 5.05], 9);
    map.attributionControl.setPrefix(false);
    function removeTabStops() {
      mapElement.querySelectorAll("a, button, input, [tabindex]").forEach(function (element) {
        element.setAttribute("tabindex", "-1");
      });
    }
    removeTabStops();
    map.on("layeradd", removeTabStops);

    var outlines = null;
    var names = L.layerGroup().addTo(map);
    var tileUrl = container.dataset.tileUrl;
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(map);
    } else if (container.dataset.boundariesUrl) {
      fetch(container.dataset.boundariesUrl)
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (geojson) {
          if (!geojson) {
            return;
          }
          outlines = L.geoJSON(geojson, { interactive: false, style: outlineStyle }).addTo(map);
          showNames();
        });
    }

    function chosenCode() {
      var option = commune && commune.selectedOptions[0];
      return option ? option.dataset.insee || "" : "";
    }

    function outlineStyle(feature) {
      var chosen = feature.properties.code === chosenCode();
      return chosen
        ? { color: "#a3340f", weight: 3, fillOpacity: 0.06 }
        : { color: "#555", weight: 1, fillOpacity: 0.03 };
    }

    // Commune names, once zoomed in enough for them to fit: the map alone says where one is.
    function showNames() {
      names.clearLayers();
      if (!outlines || map.getZoom() < NAMES_FROM_ZOOM) {
        return;
      }
      var view = map.getBounds();
      var shown = 0;
      outlines.eachLayer(function (layer) {
        var bounds = layer.getBounds();
        if (shown >= MAX_NAMES || !view.intersects(bounds)) {
          return;
        }
        shown += 1;
        // At the middle of the part on screen: zoomed in on a point, its commune stays named.
        var visible = L.latLngBounds(
          [Math.max(bounds.getSouth(), view.getSouth()), Math.max(bounds.getWest(), view.getWest())],
          [Math.min(bounds.getNorth(), view.getNorth()), Math.min(bounds.getEast(), view.getEast())]
        );
        var label = L.divIcon({ className: "picker-label", html: "", iconSize: null });
        var marker = L.marker(visible.getCenter(), { icon: label, interactive: false, keyboard: false });
        marker.addTo(names);
        marker.getElement().textContent = layer.feature.properties.nom;
      });
    }
    map.on("moveend", showNames);

    function frameCommune() {
      var code = chosenCode();
      if (outlines) {
        outlines.setStyle(outlineStyle);
      }
      if (!code || !container.dataset.frameUrl) {
        return;
      }
      fetch(container.dataset.frameUrl.replace("00000", code))
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (frame) {
          if (frame && frame.bbox) {
            map.fitBounds([[frame.bbox[1], frame.bbox[0]], [frame.bbox[3], frame.bbox[2]]], { padding: [12, 12] });
          } else if (frame && frame.centre) {
            map.setView(frame.centre, 13);
          }
        });
    }

    var marker = null;
    function place(lat, lng, zoom) {
      if (marker) {
        marker.setLatLng([lat, lng]);
      } else {
        marker = L.marker([lat, lng], { draggable: true, keyboard: false }).addTo(map);
        marker.on("dragend", function () {
          var position = marker.getLatLng();
          write(position.lat, position.lng);
        });
      }
      if (zoom) {
        map.setView([lat, lng], Math.max(map.getZoom(), zoom));
      }
    }

    function write(lat, lng) {
      latitude.value = lat.toFixed(6);
      longitude.value = lng.toFixed(6);
    }

    if (latitude.value && longitude.value) {
      place(parseFloat(latitude.value), parseFloat(longitude.value), 15);
    } else {
      frameCommune();
    }
    map.on("click", function (event) {
      write(event.latlng.lat, event.latlng.lng);
      place(event.latlng.lat, event.latlng.lng, 0);
    });
    [latitude, longitude].forEach(function (input) {
      input.addEventListener("change", function () {
        var lat = parseFloat(latitude.value);
        var lng = parseFloat(longitude.value);
        if (isFinite(lat) && isFinite(lng)) {
          place(lat, lng, 15);
        }
      });
    });
    if (commune) {
      commune.addEventListener("change", frameCommune);
    }
    setUpAddressSearch(container, address, commune, chosenCode, function (result) {
      write(result.latitude, result.longitude);
      place(result.latitude, result.longitude, tileUrl ? POINT_ZOOM_WITH_TILES : POINT_ZOOM_ON_OUTLINES);
    });
  }

  // The « Placer l'adresse sur la carte » button: searches the address typed in the form,
  // in the chosen commune, and lists what it finds as buttons.
  function setUpAddressSearch(container, address, commune, chosenCode, onChoose) {
    var search = container.querySelector("[data-address-search]");
    var url = container.dataset.addressSearchUrl;
    if (!search || !url || !address) {
      return;
    }
    search.hidden = false;
    var button = search.querySelector("[data-address-search-button]");
    var status = search.querySelector(".address-search__status");
    var results = search.querySelector(".address-search__results");

    function say(text) {
      status.textContent = text;
    }

    function choose(result) {
      results.replaceChildren();
      onChoose(result);
      if (commune && result.commune_code && result.commune_code !== chosenCode()) {
        var option = commune.querySelector("option[data-insee='" + result.commune_code + "']");
        if (option) {
          commune.value = option.value;
          commune.dispatchEvent(new Event("change"));
        }
      }
      say("Point placé : " + result.label + ". Vous pouvez le déplacer sur la carte.");
    }

    button.addEventListener("click", function () {
      var text = address.value.trim();
      var code = chosenCode();
      results.replaceChildren();
      if (text.length < 3) {
        say("Saisissez d'abord l'adresse (au moins 3 caractères) dans le champ « Adresse ».");
        address.focus();
        return;
      }
      say("Recherche en cours…");
      var query = url + "?limit=5&q=" + encodeURIComponent(text) + (code ? "&commune=" + code : "");
      fetch(query, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {  // 400 (bad query), 429 (too many searches), 503…
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (answer) {
          var found = (answer && answer.results) || [];
          if (!found.length) {
            say("Aucune adresse trouvée" + (code ? " dans cette commune" : "") +
              " : vérifiez l'adresse, ou cliquez sur la carte, ou saisissez la latitude et la longitude.");
            return;
          }
          say(found.length === 1 ? "1 adresse trouvée : choisissez-la pour placer le point." :
            found.length + " adresses trouvées : choisissez la bonne pour placer le point.");
          found.forEach(function (result) {
            var item = document.createElement("li");
            var choice = document.createElement("button");
            choice.type = "button";
            choice.className = "link-button";
            choice.textContent = result.label;
            choice.addEventListener("click", function () { choose(result); });
            item.appendChild(choice);
            results.appendChild(item);
          });
        })
        .catch(function () {
          say("La recherche d'adresse ne répond pas : cliquez sur la carte, ou saisissez la latitude et la longitude.");
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-location-picker]").forEach(init);
  });
})();
