// Maps of the public site, reading only the public GraphQL API (GET, cacheable).
// Leaflet and Leaflet.markercluster are served by the site (node_modules, see STATICFILES_DIRS).
// The map is an enhancement: every page lists the same information without it.

// The map's GraphQL documents live in frontend/queries/ and are sent by their SHA-256
// (persisted documents): the page's map config gives name → hash (graphql_api/persisted.py).
const COMMUNES_QUERY = "map_communes";
const LISTING_MAP_QUERY = "map_listings";
const FACILITIES_QUERY = "map_facilities";

function readJson(id, fallback = null) {
  const element = document.getElementById(id);
  if (!element) return fallback;
  try {
    return JSON.parse(element.textContent);
  } catch {
    return fallback;
  }
}

const config = readJson("map-config", {});
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
const labels = readJson("map-labels", {});

async function graphql(document, variables) {
  const params = new URLSearchParams({ documentId: `sha256:${(config.documents || {})[document]}` });
  if (variables) params.set("variables", JSON.stringify(variables));
  const response = await fetch(`${config.graphqlUrl || "/graphql/"}?${params}`, {
    headers: { Accept: "application/json" },
  });
  const body = await response.json();
  if (body.errors) throw new Error(body.errors.map((error) => error.message).join(" ; "));
  return body.data;
}

async function allPages(query, field, variables = {}) {
  const results = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await graphql(query, { ...variables, offset }))[field];
    results.push(...page.results);
    if (offset + 100 >= page.totalCount || page.results.length === 0) return results;
  }
}

function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function plural(count, singular, many) {
  return `${count}\u00a0${count > 1 ? many : singular}`;
}

function label(group, value) {
  return (labels[group] || {})[value] || value;
}

function communeUrl(slug) {
  return `/communes/${encodeURIComponent(slug)}/`;
}

function listingUrl(slug) {
  return `/annonces/${encodeURIComponent(slug)}/`;
}

function countClass(count) {
  if (count >= 4) return 4;
  if (count >= 2) return 2;
  return count >= 1 ? 1 : 0;
}

const COMMUNE_FILL = { 0: "#f4f1ea", 1: "#b7ded6", 2: "#5eb1a3", 4: "#1b6f62" };

function baseMap(element, options = {}) {
  const map = L.map(element, {
    center: config.center, // always given (frontend/map_config.py)
    zoom: config.zoom || 9,
    zoomSnap: 0.25,
    zoomAnimation: !reducedMotion,
    fadeAnimation: !reducedMotion,
    markerZoomAnimation: !reducedMotion,
    minZoom: 6,
    maxZoom: 18,
    ...options,
  });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 18 }).addTo(map);
  } else {
    element.classList.add("map--no-tiles");
  }
  return map;
}

function communeStyle(commune, selected) {
  const klass = countClass(commune.listingCount);
  return {
    color: selected ? "#0b2e4f" : klass ? "#17564c" : "#a39d8f",
    weight: selected ? 3 : klass ? 1 : 0.5,
    fillColor: COMMUNE_FILL[klass],
    fillOpacity: klass ? 0.75 : 0.55,
    className: `commune-shape commune-shape--${klass}`,
  };
}

function communesLayer(communes, selectedCode) {
  const layer = L.featureGroup();
  for (const commune of communes) {
    if (!commune.boundary) continue;
    const selected = commune.inseeCode === selectedCode;
    const shape = L.geoJSON(commune.boundary, { style: () => communeStyle(commune, selected) });
    const count = plural(commune.listingCount, "opportunité", "opportunités");
    shape.bindTooltip(`${escapeHtml(commune.name)} : ${count}`, { sticky: true });
    shape.bindPopup(
      `<p class="popup__title">${escapeHtml(commune.name)}</p><p>${count}</p>` +
        `<p><a href="${communeUrl(commune.slug)}">Voir la commune : offre de soins, zonage, aides</a></p>`,
    );
    shape.commune = commune;
    layer.addLayer(shape);
  }
  return layer;
}

// Commune names: those with opportunities, then the most populous, each placed only where it overlaps no name
// already shown, so that zooming in reveals more of them. Decorative (aria-hidden): the
// page lists the same communes.
function labelBudget(zoom) {
  if (zoom < 9.5) return 32;
  if (zoom < 10.5) return 60;
  return 150;
}

function communeLabels(map, communes) {
  map.createPane("labels");
  const pane = map.getPane("labels");
  pane.style.zIndex = 450; // above the communes' shapes, under the markers
  pane.style.pointerEvents = "none";
  const ranked = communes
    .filter((c) => c.centroidLatitude != null && c.centroidLongitude != null)
    // Communes with opportunities first (what a visitor looks for), then the most populous.
    .sort((a, b) => (b.listingCount > 0) - (a.listingCount > 0) || (b.population || 0) - (a.population || 0));
  const layer = L.layerGroup().addTo(map);
  const refresh = () => {
    layer.clearLayers();
    const size = map.getSize();
    const placed = [];
    // Fewer names on a small screen: about one per 100 × 100 px of map.
    const budget = Math.min(labelBudget(map.getZoom()), Math.round((size.x * size.y) / 10_000));
    for (const commune of ranked) {
      const point = map.latLngToContainerPoint([commune.centroidLatitude, commune.centroidLongitude]);
      if (point.x < 0 || point.y < 0 || point.x > size.x || point.y > size.y) continue;
      const half = { x: commune.name.length * 3.6 + 6, y: 10 }; // about 0.8rem bold text
      // Drawn under the point, below a cluster's circle (site.css .commune-label).
      const box = [point.x - half.x, point.y + 18, point.x + half.x, point.y + 18 + 2 * half.y];
      if (placed.some((o) => box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1])) continue;
      placed.push(box);
      const icon = L.divIcon({
        className: "commune-label",
        html: `<span aria-hidden="true">${escapeHtml(commune.name)}</span>`,
        iconSize: null,
      });
      layer.addLayer(
        L.marker([commune.centroidLatitude, commune.centroidLongitude], {
          icon,
          pane: "labels",
          interactive: false,
          keyboard: false,
        }),
      );
      if (placed.length >= budget) break;
    }
  };
  map.on("zoomend moveend resize", refresh);
  refresh();
}

// The territory's outline (reference/outline.py), drawn over the communes.
async function territoryOutline(map) {
  if (!config.outlineUrl) return;
  const response = await fetch(config.outlineUrl, { headers: { Accept: "application/geo+json, application/json" } });
  if (!response.ok) return;
  L.geoJSON(await response.json(), {
    style: { color: "#0b2e4f", weight: 3, opacity: 0.9, fill: false, className: "territory-outline" },
    interactive: false,
  }).addTo(map);
}

// Phones: the map or the list, one at a time (wide screens show both: site.css).
function viewSwitch(map) {
  const group = document.querySelector("[data-view-switch]");
  const app = document.querySelector("[data-map-app]");
  if (!group || !app) return () => {};
  const buttons = [...group.querySelectorAll("a[data-view]")].map((link) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = link.textContent;
    button.dataset.view = link.dataset.view;
    link.replaceWith(button);
    return button;
  });
  const show = (view) => {
    app.dataset.view = view;
    for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset.view === view));
    if (view === "map") map.invalidateSize();
  };
  for (const button of buttons) button.addEventListener("click", () => show(button.dataset.view));
  const page = Number(new URLSearchParams(window.location.search).get("page") || 1);
  show(window.location.hash === "#resultats" || page > 1 ? "list" : "map");
  return show;
}

function listingPopup(properties) {
  const professions = (properties.professions || []).map((p) => escapeHtml(p.name)).join(", ");
  const photo = properties.photoUrl
    ? `<img class="popup__photo" src="${escapeHtml(properties.photoUrl)}" alt="" width="200" height="150">`
    : "";
  return (
    `${photo}<p class="popup__kind">${escapeHtml(label("listingKind", properties.kindCode))}</p>` +
    `<p class="popup__title"><a href="${listingUrl(properties.slug)}">${escapeHtml(properties.title)}</a></p>` +
    `<p><a href="${communeUrl(properties.communeSlug || "")}" data-commune="${escapeHtml(properties.communeInseeCode)}">` +
    `${escapeHtml(properties.communeName)}</a></p>` +
    (professions ? `<p>${professions}</p>` : "")
  );
}

function clusterIcon(cluster) {
  const count = cluster.getChildCount();
  const size = count >= 10 ? 44 : 36;
  return L.divIcon({
    html: `<span aria-hidden="true">${count}</span><span class="visually-hidden">${count} opportunités regroupées : zoomer</span>`,
    className: "listing-cluster",
    iconSize: L.point(size, size),
  });
}

// A pin in the colour the desk gives the listing's kind (a palette class: the CSP forbids inline styles).
function listingIcon(kindCode) {
  const colour = (labels.listingKindColour || {})[kindCode];
  return L.divIcon({
    html: '<span class="listing-pin__dot"></span>',
    className: `listing-pin${colour ? ` listing-pin--${colour}` : ""}`,
    iconSize: L.point(26, 34),
    iconAnchor: L.point(13, 34),
    popupAnchor: L.point(0, -30),
  });
}

function facilityMarker(facility) {
  const symbol = (labels.facilitySymbol || {})[facility.kind] || "•";
  const interns = facility.hostsInterns;
  const kindLabel = label("facilityKind", facility.kind);
  const marker = L.marker([facility.latitude, facility.longitude], {
    icon: L.divIcon({
      html: `${symbol}${interns ? '<span class="facility-icon__star">★</span>' : ""}`,
      className: `facility-icon${interns ? " facility-icon--interns" : ""}`,
      iconSize: null,
    }),
    title: `${facility.name} (${kindLabel}${interns ? ", accueille des internes" : ""})`,
    keyboard: false, // the same places are listed in the page, without the map
  });
  marker.bindPopup(
    `<p class="popup__kind">${escapeHtml(kindLabel)}</p><p class="popup__title">${escapeHtml(facility.name)}</p>` +
      `<p>${escapeHtml(facility.address)}</p>` +
      (interns ? "<p><strong>Accueille des internes</strong></p>" : "") +
      `<p><a href="${communeUrl(facility.commune.slug)}">${escapeHtml(facility.commune.name)}</a></p>`,
  );
  return marker;
}

// The list follows the map (on wide screens by default): the server renders the list of
// the part in view (/carte/?…&zone=west,south,east,north&partie=liste) as it renders the
// page; the address keeps the zone, so the view can be shared or reloaded.
function followMap(map, say, bindList) {
  const toggle = document.querySelector("[data-follow-map]");
  const results = document.querySelector("[data-results]");
  if (!toggle || !results) return;
  toggle.checked = window.matchMedia("(min-width: 62rem)").matches;
  let timer = null;
  let controller = null;
  const refresh = async () => {
    const params = new URLSearchParams(window.location.search);
    params.delete("page");
    params.delete("partie");
    if (toggle.checked) {
      const bounds = map.getBounds();
      const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value)).toFixed(4);
      const edges = [
        clamp(bounds.getWest(), 180),
        clamp(bounds.getSouth(), 90),
        clamp(bounds.getEast(), 180),
        clamp(bounds.getNorth(), 90),
      ];
      params.set("zone", edges.join(","));
    } else {
      params.delete("zone");
    }
    const query = params.toString();
    window.history.replaceState(null, "", query ? `${window.location.pathname}?${query}` : window.location.pathname);
    params.set("partie", "liste");
    controller?.abort();
    controller = new AbortController();
    const response = await fetch(`${window.location.pathname}?${params}`, {
      signal: controller.signal,
      headers: { Accept: "text/html" },
    });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("[data-results]");
    if (!fresh) return;
    results.replaceChildren(...fresh.childNodes);
    results.dataset.zone = params.get("zone") || "";
    bindList();
    const title = results.querySelector("#results-title");
    const count = title?.textContent.match(/^\d+/)?.[0] ?? "0";
    const listButton = document.querySelector("[data-view-switch] [data-view='list']");
    if (listButton) listButton.textContent = `Liste (${count})`;
    say(title ? title.textContent : "");
  };
  const run = () => refresh().catch((error) => error.name === "AbortError" || console.error(error));
  // Only the visitor's moves (drag, wheel, zoom buttons, keys), not the map's own framing.
  let touched = false;
  for (const type of ["pointerdown", "wheel", "keydown"]) {
    map.getContainer().addEventListener(type, () => (touched = true), { passive: true });
  }
  map.on("moveend", () => {
    if (!toggle.checked || !touched) return;
    clearTimeout(timer);
    timer = setTimeout(run, 350);
  });
  toggle.addEventListener("change", run);
}

async function opportunitiesMap(element) {
  const status = (element.closest("section") || document).querySelector("[data-map-status]");
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const filter = readJson("map-filter", null);
  if (filter) delete filter.bbox; // the list may follow a part of the map; the map shows all
  const selection = readJson("map-selection", {}) || {};
  const map = baseMap(element, { scrollWheelZoom: false });
  map.attributionControl.setPrefix(false);
  element.dataset.state = "loading";

  const [communes, listingMap] = await Promise.all([
    allPages(COMMUNES_QUERY, "communes"),
    graphql(LISTING_MAP_QUERY, { filter: filter && Object.keys(filter).length ? filter : null }),
  ]);
  const communeSlugs = new Map(communes.map((c) => [c.inseeCode, c.slug]));
  const shapes = communesLayer(communes, selection.commune).addTo(map);
  communeLabels(map, communes);
  territoryOutline(map).catch((error) => console.warn("Contour du territoire indisponible", error));
  const showView = viewSwitch(map);

  const features = listingMap.listingMap.features || [];
  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    iconCreateFunction: clusterIcon,
    animate: !reducedMotion,
  });
  const markers = new Map();
  for (const feature of features) {
    const [lng, lat] = feature.geometry.coordinates;
    const properties = { ...feature.properties, communeSlug: communeSlugs.get(feature.properties.communeInseeCode) };
    const marker = L.marker([lat, lng], {
      icon: listingIcon(properties.kindCode),
      title: `${properties.title} – ${properties.communeName}`,
      alt: properties.title,
      riseOnHover: true,
    });
    marker.bindPopup(listingPopup(properties), { minWidth: 200 });
    markers.set(String(feature.id), marker);
    cluster.addLayer(marker);
  }
  cluster.addTo(map);

  // Frame: the selected commune (and radius), else the listings found, else the territory.
  const selected = communes.find((c) => c.inseeCode === selection.commune);
  const zone = selection.zone;
  if (zone) {
    map.fitBounds([
      [zone.minLatitude, zone.minLongitude],
      [zone.maxLatitude, zone.maxLongitude],
    ]);
  } else if (selected && selection.radiusKm && selected.centroidLatitude != null) {
    const circle = L.circle([selected.centroidLatitude, selected.centroidLongitude], {
      radius: selection.radiusKm * 1000,
      color: "#0b2e4f",
      weight: 2,
      dashArray: "6 6",
      fill: false,
      interactive: false,
    }).addTo(map);
    map.fitBounds(circle.getBounds(), { padding: [10, 10] });
  } else if (selected) {
    const shape = shapes.getLayers().find((layer) => layer.commune === selected);
    if (shape) map.fitBounds(shape.getBounds(), { padding: [40, 40], maxZoom: 12 });
  } else if (filter && Object.keys(filter).length && features.length) {
    map.fitBounds(cluster.getBounds(), { padding: [40, 40], maxZoom: 11 });
  } else if (shapes.getLayers().length) {
    map.fitBounds(shapes.getBounds(), { padding: [5, 5] });
  }

  element.dataset.communeCount = String(shapes.getLayers().length);
  element.dataset.listingCount = String(features.length);
  element.dataset.state = "ready";
  say(
    `Carte chargée : ${plural(features.length, "opportunité", "opportunités")}, ` +
      `${plural(shapes.getLayers().length, "commune", "communes")}.`,
  );

  // "Locate on the map" buttons of the list (again each time the list follows the map).
  const bindList = () => {
    for (const button of document.querySelectorAll("[data-locate]")) {
      const marker = markers.get(button.dataset.locate);
      if (!marker) continue;
      button.hidden = false;
      button.addEventListener("click", () => {
        showView("map");
        element.scrollIntoView({ behavior: reducedMotion ? "auto" : "smooth", block: "center" });
        cluster.zoomToShowLayer(marker, () => {
          marker.openPopup();
          const link = marker.getPopup().getElement()?.querySelector("a");
          if (link) link.focus({ preventScroll: true });
        });
      });
    }
  };
  bindList();
  followMap(map, say, bindList);

  // The care offer layer, loaded when first shown.
  const toolbar = document.querySelector("[data-map-toolbar]");
  const toggle = document.querySelector("[data-toggle-facilities]");
  if (toolbar) toolbar.hidden = false;
  if (toggle) {
    let facilities = null;
    const legend = document.querySelector("[data-legend-facilities]");
    const update = async () => {
      if (toggle.checked) {
        if (!facilities) {
          const kindCodes = Object.keys(labels.facilitySymbol || {});
          const places = await allPages(FACILITIES_QUERY, "healthFacilities", { kindCodes });
          facilities = L.layerGroup(
            places.filter((f) => f.latitude != null && f.longitude != null).map(facilityMarker),
          );
          element.dataset.facilityCount = String(facilities.getLayers().length);
        }
        facilities.addTo(map);
        if (legend) legend.hidden = false;
        say(`Offre de soins affichée : ${plural(facilities.getLayers().length, "lieu", "lieux")}.`);
      } else if (facilities) {
        facilities.remove();
        if (legend) legend.hidden = true;
        say("Offre de soins masquée.");
      }
    };
    toggle.addEventListener("change", () => update().catch(failed));
    if (toggle.checked) update().catch(failed);
  }

  function failed(error) {
    element.dataset.state = "error";
    say(`La carte n'a pas pu être chargée : ${error.message}`);
  }
}

function placeMap(element) {
  const map = baseMap(element, { scrollWheelZoom: false, zoomControl: true });
  map.attributionControl.setPrefix(false);
  const boundary = element.dataset.boundary ? readJson(element.dataset.boundary) : null;
  const points = element.dataset.points ? readJson(element.dataset.points, []) : [];
  const group = L.featureGroup().addTo(map);
  if (boundary) {
    L.geoJSON(boundary, {
      style: { color: "#17564c", weight: 2, fillColor: "#b7ded6", fillOpacity: 0.4 },
      interactive: false,
    }).addTo(group);
  }
  for (const point of points) {
    if (point.latitude == null || point.longitude == null) continue;
    const marker = point.facilityKind
      ? facilityMarker({ ...point, kind: point.facilityKind, commune: point.commune || { name: "", slug: "" } })
      : L.marker([point.latitude, point.longitude], {
          icon: listingIcon(point.kind),
          title: point.title,
          alt: point.title,
          keyboard: false,
        });
    if (!point.facilityKind && point.slug) {
      marker.bindPopup(`<p class="popup__title"><a href="${listingUrl(point.slug)}">${escapeHtml(point.title)}</a></p>`);
    }
    marker.addTo(group);
  }
  if (group.getLayers().length) {
    map.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 14 });
  }
  element.dataset.state = "ready";
}

for (const element of document.querySelectorAll("[data-map]")) {
  if (typeof L === "undefined") break; // Leaflet missing: the server's image stays
  for (const image of element.querySelectorAll("[data-static-map]")) image.remove();
  const kind = element.dataset.map;
  const run = kind === "opportunities" ? opportunitiesMap(element) : Promise.resolve(placeMap(element));
  run.catch((error) => {
    element.dataset.state = "error";
    const status = (element.closest("section") || document).querySelector("[data-map-status]");
    if (status) status.textContent = `La carte n'a pas pu être chargée : ${error.message}`;
    console.error(error);
  });
}
