"""Public, anonymous open-data downloads under /donnees-ouvertes/.

Files are built in a constant number of queries (opendata.datasets), kept in the server
cache under the content version that publishing, withdrawing or editing reference data
changes (graphql_api.cache), and sent with public HTTP caching headers, an ETag, a
Link to the licence and CORS open to every origin (no credentials: nothing private here).
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from core.content_version import content_version

from .datasets import DATASETS, LICENCE_NAME, LICENCE_URL, ROWS
from .formats import to_csv, to_geojson

HTTP_MAX_AGE = settings.OPENDATA_HTTP_MAX_AGE
SERVER_CACHE_SECONDS = settings.OPENDATA_CACHE_SECONDS
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "CSV (UTF-8 avec BOM, séparateur « ; »)"),
    "geojson": ("application/geo+json", "GeoJSON (RFC 7946, WGS84)"),
}


def attribution():
    return f"{settings.WAGTAIL_SITE_NAME} – {settings.TERRITORY['name']}"


def _build(slug, fmt):
    dataset = DATASETS[slug]
    rows = ROWS[slug]()
    if fmt == "csv":
        return to_csv(dataset, rows)
    return to_geojson(dataset, rows, attribution=attribution())


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
    key = f"opendata:{content_version()}:{slug}.{fmt}"
    content = cache.get(key)
    if content is None:
        content = _build(slug, fmt)
        cache.set(key, content, SERVER_CACHE_SECONDS)
    return _public_response(request, content, FORMATS[fmt][0], filename=f"{slug}.{fmt}")


def catalogue_data(request):
    """A DCAT-AP-like description (JSON-LD) of the datasets, for the open-data portal."""
    base = request.build_absolute_uri("/donnees-ouvertes/")
    publisher = attribution()
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
            f"territoire {settings.TERRITORY['name']} (département {settings.TERRITORY['code']})."
        ),
        "dct:language": "fr",
        "dct:license": LICENCE_URL,
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": publisher},
        "dct:spatial": {
            "dct:identifier": f"departement:{settings.TERRITORY['code']}",
            "dcat:bbox": list(settings.TERRITORY["bbox"]),
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
        {"publisher": attribution(), "licence": LICENCE_NAME, "licence_url": LICENCE_URL, "datasets": datasets},
        request=request,
    )
    return _public_response(request, html.encode("utf-8"), "text/html; charset=utf-8")
