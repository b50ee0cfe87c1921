"""Public, anonymous open-data downloads under /donnees-ouvertes/.

Every file is the desk's of the request's host (a Wagtail site): its rows, its attribution
and territory. Files are built in a constant number of queries (opendata.datasets), kept in
the server cache under the desk and the content version that publishing, withdrawing or
editing reference data changes (graphql_api.cache), and sent with public HTTP caching headers, an ETag, a
Link to the licence and CORS open to every origin (no credentials: nothing private here).
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe
from wagtail.models import Site

from core.content_version import content_version
from home.desks import desk_settings_of, desk_territory

from .datasets import DATASETS, LICENCE_NAME, LICENCE_URL, ROWS
from .formats import to_csv, to_geojson

HTTP_MAX_AGE = settings.OPENDATA_HTTP_MAX_AGE
SERVER_CACHE_SECONDS = settings.OPENDATA_CACHE_SECONDS
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "CSV (UTF-8 avec BOM, séparateur « ; »)"),
    "geojson": ("application/geo+json", "GeoJSON (RFC 7946, WGS84)"),
}


def request_desk(request):
    """(site, settings, territory) of the desk the request's host serves; the default desk's
    territory (settings.TERRITORY) when there is no site at all. Kept in the cache per host
    under the content version (sites and desk settings bump it), so that a cached file is
    served without a query."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"opendata:desk:{content_version()}:{hostname}:{request.get_port()}"
    found = cache.get(key)
    if found is None:
        site = Site.find_for_request(request)
        desk = desk_settings_of(site) if site is not None else None
        found = (site, desk, desk_territory(site, desk=desk))
        cache.set(key, found, SERVER_CACHE_SECONDS)
    return found


def attribution(desk, territory):
    name = desk.desk_name if desk is not None else ""
    return f"{name or settings.WAGTAIL_SITE_NAME} – {territory.name}"


def _build(slug, fmt, site, desk, territory):
    dataset = DATASETS[slug]
    rows = ROWS[slug](site)
    if fmt == "csv":
        return to_csv(dataset, rows)
    return to_geojson(dataset, rows, attribution=attribution(desk, territory))


def _public_response(request, content, content_type, *, filename=None):
    etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(content, content_type=content_type)
        if filename:
            response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={HTTP_MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


@require_safe
def dataset_file(request, slug, fmt):
    if slug not in DATASETS or fmt not in FORMATS:
        raise Http404("Jeu de données inconnu.")
    site, desk, territory = request_desk(request)
    # The desk is part of the key: another host never gets this desk's file.
    key = f"opendata:{content_version()}:{site.pk if site else 0}:{slug}.{fmt}"
    content = cache.get(key)
    if content is None:
        content = _build(slug, fmt, site, desk, territory)
        cache.set(key, content, SERVER_CACHE_SECONDS)
    return _public_response(request, content, FORMATS[fmt][0], filename=f"{slug}.{fmt}")


def catalogue_data(request):
    """A DCAT-AP-like description (JSON-LD) of the datasets, for the open-data portal."""
    base = request.build_absolute_uri("/donnees-ouvertes/")
    _, desk, territory = request_desk(request)
    publisher = attribution(desk, territory)
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@type": "dcat:Catalog",
        "@id": f"{base}catalogue.json",
        "dct:title": f"Données ouvertes – {publisher}",
        "dct:description": (
            "Les annonces d'installation publiées et l'offre de soins du guichet unique santé, "
            f"territoire {territory.name} (département {territory.code})."
        ),
        "dct:language": "fr",
        "dct:license": LICENCE_URL,
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": publisher},
        "dct:spatial": {
            "dct:identifier": f"departement:{territory.code}",
            "dcat:bbox": list(territory.bbox),
        },
        "dcat:dataset": [
            {
                "@type": "dcat:Dataset",
                "@id": f"{base}{dataset.slug}",
                "dct:identifier": dataset.slug,
                "dct:title": dataset.title,
                "dct:description": dataset.description,
                "dct:license": LICENCE_URL,
                "dct:rights": f"{LICENCE_NAME}. Attribution : « {publisher} ».",
                "dct:accrualPeriodicity": "continu (à chaque publication)",
                "columns": list(dataset.columns),
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dcat:downloadURL": f"{base}{dataset.slug}.{fmt}",
                        "dcat:mediaType": media_type.split(";")[0],
                        "dct:format": fmt.upper(),
                        "dct:description": label,
                        "dct:license": LICENCE_URL,
                    }
                    for fmt, (media_type, label) in FORMATS.items()
                ],
            }
            for dataset in DATASETS.values()
        ],
    }


@require_safe
def catalogue(request):
    content = json.dumps(catalogue_data(request), ensure_ascii=False, indent=2).encode("utf-8")
    return _public_response(request, content, "application/ld+json; charset=utf-8")


@require_safe
def index(request):
    """A French page of the site listing the files, the licence and how to cite the source."""
    datasets = [
        {
            "slug": dataset.slug,
            "title": dataset.title,
            "description": dataset.description,
            "columns": list(dataset.columns),
            "formats": [{"extension": fmt, "label": label} for fmt, (_, label) in FORMATS.items()],
        }
        for dataset in DATASETS.values()
    ]
    html = render_to_string(
        "opendata/index.html",
        {
            "publisher": attribution(*request_desk(request)[1:]),
            "licence": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            "datasets": datasets,
        },
        request=request,
    )
    return _public_response(request, html.encode("utf-8"), "text/html; charset=utf-8")
