"""Address search for the location pickers: one interface, two backends.

``search_addresses(query, commune=None, limit=5)`` answers from the BAN addresses imported
into the database (``LocalBanGeocoder``, offline, the default). When GEOCODER_REMOTE_URL is
set, a BAN search service in the api-adresse format is asked first (``RemoteBanGeocoder``);
any network or format error, a timeout or an empty answer falls back to the local addresses.
Answers are cached briefly, keyed on the public content version (an import renews it).
"""

import hashlib
import http.client
import json
import logging
import re
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, F, IntegerField, Value, When

from core.content_version import content_version

from .addresses import Address, AddressKind, normalise_text
from .models import Commune
from .territory import Territory
from .validators import INSEE_CODE_PATTERN

logger = logging.getLogger(__name__)

MIN_QUERY_LENGTH = 3  # characters, accents and punctuation left aside
MAX_QUERY_LENGTH = 200
# Each word is a LIKE filter and a ranking term on ~400k rows: a few well-chosen ones find an
# address as well as twenty, and a long query must not hold a worker for seconds.
MAX_QUERY_WORDS = 6
DEFAULT_LIMIT, MAX_LIMIT = 5, 10
CACHE_SECONDS = 120
# An api-adresse answer for 10 results is ~5 kB: anything far larger is not one.
MAX_REMOTE_BYTES = 512 * 1024
MUNICIPALITY = "municipality"
KINDS = {*AddressKind.values, MUNICIPALITY}
# ASCII: the pattern's \d would otherwise accept any Unicode digit (« ２６１１３ »).
INSEE_CODE = re.compile(INSEE_CODE_PATTERN, re.ASCII)
LIMIT = re.compile(r"[0-9]{1,2}")
NUMBER = re.compile(r"[0-9]+")
LEADING_NUMBER = re.compile(r"[0-9]{1,4}")


@dataclass(frozen=True)
class AddressMatch:
    label: str  # « 12 Place de la République 26150 Die »
    latitude: float
    longitude: float
    commune_code: str
    commune: str
    kind: str  # housenumber, street, locality or municipality

    def as_json(self):
        return asdict(self)


def search_addresses(query, *, commune=None, limit=DEFAULT_LIMIT, territory=None) -> list[AddressMatch]:
    """Addresses (or communes) matching the query, best first. ``commune``: a Commune or an
    INSEE code restricting the search to it; ``territory``: the desk's (reference.territory.Territory,
    the default desk's when None), outside which nothing is found. Queries shorter than 3
    characters find nothing."""
    territory = territory or Territory.from_settings()
    normalised = normalise_text(query)
    if len("".join(query_words(normalised.split()))) < MIN_QUERY_LENGTH:
        return []
    limit = max(1, min(int(limit), MAX_LIMIT))
    code = commune.insee_code if isinstance(commune, Commune) else (commune or None)
    geocoder = get_geocoder()
    raw_key = f"{content_version()}|{geocoder.name}|{territory.code}|{territory.bbox}|{code or ''}|{limit}|{normalised}"
    key = f"reference:address-search:{hashlib.sha256(raw_key.encode()).hexdigest()}"
    matches = cache.get(key)
    if matches is None:
        matches = geocoder.search(query, commune_code=code, limit=limit, territory=territory)
        cache.set(key, matches, CACHE_SECONDS)
    return matches


def get_geocoder():
    local = LocalBanGeocoder()
    if settings.GEOCODER_REMOTE_URL:
        return RemoteBanGeocoder(settings.GEOCODER_REMOTE_URL, settings.GEOCODER_TIMEOUT_SECONDS, fallback=local)
    return local


class LocalBanGeocoder:
    """The Address table: every word of the query must start a word of the address."""

    name = "local"

    def search(self, query, *, commune_code=None, limit=DEFAULT_LIMIT, territory=None):
        territory = territory or Territory.from_settings()
        tokens = normalise_text(query).split()
        # Communes are matched in memory (a few hundred names): every word counts there.
        communes = matching_communes(tokens, commune_code, territory)
        exact = [match for match, is_exact in communes if is_exact]
        words = query_words(tokens)
        addresses = list(self._addresses(words, commune_code, limit, territory)) if words else []
        # A commune named exactly comes first (as api-adresse does); other communes only when
        # no address matches, so that a territory without imported BAN still gets answers.
        matches = exact + addresses if addresses else [match for match, _ in communes]
        return matches[:limit]

    def _addresses(self, tokens, commune_code, limit, territory):
        # The addresses of the desk's territory only (the table is shared by the desks).
        addresses = (
            Address.objects.filter(commune__departement_code=territory.code)
            .select_related("commune")
            .only(
                *("kind", "number", "suffix", "street_name", "locality_name", "postcode", "latitude", "longitude"),
                *("commune__insee_code", "commune__name"),
            )
        )
        for token in tokens:
            addresses = addresses.filter(search_text__contains=f" {token}")
        if commune_code:
            addresses = addresses.filter(commune__insee_code=commune_code)
        for address in addresses.order_by(*_ranking(tokens))[:limit]:
            yield AddressMatch(
                label=address.label,
                latitude=address.latitude,
                longitude=address.longitude,
                commune_code=address.commune.insee_code,
                commune=address.commune.name,
                kind=address.kind,
            )


def query_words(tokens):
    """The words of a normalised query that reach the SQL: each once, no one-letter word
    other than a number (« l », « d » of « l'église », « d'isère » filter nothing), at most
    MAX_QUERY_WORDS of them (numbers first, then the longest), in the query's order."""
    words = [word for word in dict.fromkeys(tokens) if len(word) > 1 or NUMBER.fullmatch(word)]
    if len(words) > MAX_QUERY_WORDS:
        useful = sorted(range(len(words)), key=lambda i: (not NUMBER.fullmatch(words[i]), -len(words[i]), i))
        words = [words[i] for i in sorted(useful[:MAX_QUERY_WORDS])]
    return words


def _ranking(tokens):
    """A query starting with a number wants that number first; then addresses where more words
    of the query are whole words (« die » before « dieulefit »); then, without a number, streets
    and lieux-dits before their numbers; then the larger communes, then the names in order."""
    number = int(tokens[0]) if LEADING_NUMBER.fullmatch(tokens[0]) else None
    kinds = [AddressKind.HOUSENUMBER, AddressKind.STREET, AddressKind.LOCALITY]
    if number is None:
        kinds = kinds[1:] + kinds[:1]
    whole_words = sum(
        Case(When(search_text__contains=f" {token} ", then=Value(1)), default=Value(0), output_field=IntegerField())
        for token in dict.fromkeys(tokens)
    )
    order = [
        whole_words.desc(),
        Case(*(When(kind=kind, then=Value(rank)) for rank, kind in enumerate(kinds)), output_field=IntegerField()),
    ]
    if number is not None:
        order.insert(0, Case(When(number=number, then=Value(0)), default=Value(1), output_field=IntegerField()))
    return [*order, F("commune__population").desc(nulls_last=True), "street_name", "locality_name", "number", "suffix"]


def matching_communes(tokens, commune_code=None, territory=None):
    """(AddressMatch at the commune's centre, named exactly?) for the territory's communes whose
    name holds every word of the query, exact names first, then by population."""
    wanted = f" {' '.join(tokens)} "
    found = []
    territory = territory or Territory.from_settings()
    for code, name, words, latitude, longitude, population in territory_communes(territory.code):
        if (commune_code and code != commune_code) or not all(f" {token}" in words for token in tokens):
            continue
        rank = (words != wanted, not words.startswith(wanted.rstrip()), -(population or 0), name)
        found.append((rank, AddressMatch(name, latitude, longitude, code, name, MUNICIPALITY)))
    found.sort(key=lambda item: item[0])
    return [(match, not rank[0]) for rank, match in found]


def territory_communes(territory_code):
    """(code, name, search words, latitude, longitude, population) of the communes of the
    territory ``territory_code`` with a centre; one query per territory and content version."""
    key = f"reference:geocoder-communes:{content_version()}:{territory_code}"
    communes = cache.get(key)
    if communes is None:
        rows = (
            Commune.objects.filter(departement_code=territory_code, centroid_latitude__isnull=False)
            .exclude(centroid_longitude=None)
            .values_list("insee_code", "name", "centroid_latitude", "centroid_longitude", "population")
        )
        communes = [
            (code, name, f" {normalise_text(name)} ", latitude, longitude, population)
            for code, name, latitude, longitude, population in rows
        ]
        cache.set(key, communes, CACHE_SECONDS * 30)
    return communes


class RemoteBanGeocoder:
    """A BAN search service in the api-adresse format (GET ?q=&limit=&citycode=, GeoJSON)."""

    name = "remote"

    def __init__(self, url, timeout, *, fallback):
        self.url, self.timeout, self.fallback = url, timeout, fallback

    def search(self, query, *, commune_code=None, limit=DEFAULT_LIMIT, territory=None):
        territory = territory or Territory.from_settings()
        try:
            matches = [match for match in self._ask(query, commune_code, limit) if in_territory(match, territory)]
        except (OSError, ValueError, TypeError, KeyError, IndexError, http.client.HTTPException) as error:
            logger.warning(
                "Remote address search failed (%s: %s); answering from the local addresses.",
                type(error).__name__,
                error,
            )
            matches = []
        return matches[:limit] or self.fallback.search(
            query, commune_code=commune_code, limit=limit, territory=territory
        )

    def _ask(self, query, commune_code, limit):
        if urllib.parse.urlsplit(self.url).scheme not in ("http", "https"):
            raise ValueError(f"GEOCODER_REMOTE_URL must be an http(s) address, not {self.url!r}")
        params = {"q": query[:MAX_QUERY_LENGTH], "limit": limit}
        if commune_code:
            params["citycode"] = commune_code
        separator = "&" if urllib.parse.urlsplit(self.url).query else "?"
        request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
            f"{self.url}{separator}{urllib.parse.urlencode(params)}",
            headers={"Accept": "application/json", "User-Agent": "guichet-unique-sante (address search)"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - as above
            payload = response.read(MAX_REMOTE_BYTES + 1)
        if len(payload) > MAX_REMOTE_BYTES:
            raise ValueError("answer too large")
        return [feature_match(feature) for feature in json.loads(payload)["features"]]


def feature_match(feature):
    """An AddressMatch from an api-adresse GeoJSON Feature; KeyError/ValueError when malformed."""
    properties = feature["properties"]
    longitude, latitude = (float(value) for value in feature["geometry"]["coordinates"][:2])
    kind = properties.get("type")
    if kind not in KINDS:
        raise ValueError(f"unknown result type {kind!r}")
    return AddressMatch(
        label=str(properties["label"]),
        latitude=latitude,
        longitude=longitude,
        commune_code=str(properties["citycode"]),
        commune=str(properties["city"]),
        kind=kind,
    )


def in_territory(match, territory=None):
    """Inside the territory's box and in one of its communes (by INSEE code); the default
    desk's territory when None."""
    territory = territory or Territory.from_settings()
    code = match.commune_code
    return territory.contains(match.latitude, match.longitude) and (
        code[: 3 if code.startswith("97") else 2] == territory.code
    )


class SearchParameterError(ValueError):
    """A French message for a 400 answer."""


def parse_search_parameters(params):
    """(query, commune code or None, limit) from a request's GET parameters, or SearchParameterError."""
    query = params.get("q")
    if query is None or not query.strip():
        raise SearchParameterError("Indiquez le texte à rechercher (paramètre « q »).")
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchParameterError(f"Le texte à rechercher doit compter au plus {MAX_QUERY_LENGTH} caractères.")
    if "\x00" in query:
        raise SearchParameterError("Le texte à rechercher ne doit pas contenir de caractère nul.")
    commune = (params.get("commune") or "").strip().upper() or None
    if commune is not None and not _is_insee_code(commune):
        raise SearchParameterError(
            "Le paramètre « commune » doit être un code INSEE à 5 caractères, par exemple 26113 pour Die."
        )
    limit_text = (params.get("limit") or "").strip()
    if not limit_text:
        return query.strip(), commune, DEFAULT_LIMIT
    # Not str.isdigit(): it accepts « ² » or « ① », which int() refuses.
    if not LIMIT.fullmatch(limit_text) or not 1 <= int(limit_text) <= MAX_LIMIT:
        raise SearchParameterError(f"Le paramètre « limit » doit être un nombre entier de 1 à {MAX_LIMIT}.")
    return query.strip(), commune, int(limit_text)


def _is_insee_code(code):
    return INSEE_CODE.fullmatch(code) is not None
