"""Settings shared by every environment.

Everything that differs between machines comes from environment variables (see the
table in README.md); secrets never have a value here.
"""

import datetime
import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    # Project apps first so that their templates and translations win.
    "provisioning",
    "users",
    "media_library",
    "reference",
    "home",
    "partners",
    "aides",
    "listings",
    "accompaniment",
    "graphql_api",
    "cms",
    "axes",
    "frontend",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailgeowidget",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that may query the database on a public read (cms/ratelimit.py, cms/budget.py).
    "cms.ratelimit.RateLimitMiddleware",
    "cms.budget.RequestBudgetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: a cached anonymous page is answered before any view (cms/pagecache.py).
    "cms.pagecache.PageCacheMiddleware",
    # Brute-force protection of the login forms (cms/lockout.py).
    "axes.middleware.AxesMiddleware",
]

# seed_demo creates contributor accounts with one published password: never in production.
DEMO_CONTENT_ALLOWED = True

# --- Login brute-force protection (django-axes, cms/lockout.py) ---------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked account before checking
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
# The pair (account, address): an attacker cannot lock a person out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cms.lockout.lockout_response"
# The same trusted-proxy rule as the rate limits (PUBLIC_FORM_TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_address"
AXES_ENABLE_ADMIN = False  # no Django admin here: staff unlock from the Wagtail admin

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "frontend_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "reference.context_processors.map_settings",
            ],
        },
    },
]

# SQLite is the embedded default for a first run; PostgreSQL comes by DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Leaflet comes from the npm registry (package.json) and is served by the site itself:
# nothing is loaded from a CDN at run time.
STATICFILES_DIRS = [
    BASE_DIR / "static_src",
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

# Photos awaiting moderation live here, outside MEDIA_ROOT (media_library/storage.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

STORAGES = {
    "default": {"BACKEND": "media_library.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Cache: Redis when REDIS_URL is set, process memory otherwise (first run, tests).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "gus"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# E-mail: console by default so that a first run never tries to reach a server.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "guichet-sante@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (e-mails, renditions) goes through Django's task framework.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail -----------------------------------------------------------------------
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Guichet unique santé")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_USER_EDIT_FORM = "users.forms.UserEditForm"
WAGTAIL_USER_CREATION_FORM = "users.forms.UserCreationForm"
WAGTAILIMAGES_IMAGE_MODEL = "media_library.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "media_library.CustomDocument"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# On PostgreSQL, full-text search stems and matches in French ("médecins" finds "médecin").
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "french"}}
WAGTAILEMBEDS_FINDERS = []  # no oEmbed provider is reachable from a closed network
WAGTAIL_MODERATION_ENABLED = True
# Finishing a workflow publishes the revision the moderators reviewed, not whatever was
# saved last (an edit saved meanwhile stays a draft). Re-approval on edit stays off:
# Wagtail saves a revision when a moderator acts from the edit view, which would
# otherwise restart the review forever.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflows.publish_reviewed_revision"
# Nothing in the admin may call a third-party host: no avatars from Gravatar, no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Slugs the editors get are plain ASCII: /aides/pret-d-honneur/, not /aides/pr%C3%AAt-…/.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# --- Address search ----------------------------------------------------------------
# The location pickers search addresses through reference/geocoding.py. By default it
# answers offline from the BAN addresses imported with `manage.py import_ban_addresses`;
# a remote BAN service (the national api-adresse or a self-hosted addok) is asked only
# when this URL is set, e.g. https://api-adresse.data.gouv.fr/search/ (off by default).
GEOCODER_REMOTE_URL = os.environ.get("GEOCODER_REMOTE_URL", "")
GEOCODER_TIMEOUT_SECONDS = float(os.environ.get("GEOCODER_TIMEOUT_SECONDS", "3"))

# --- Territory ---------------------------------------------------------------------
# The département this desk serves. Another territory changes these values, not code.
TERRITORY = {
    "code": os.environ.get("TERRITORY_CODE", "26"),
    "name": os.environ.get("TERRITORY_NAME", "Drôme"),
    # (min longitude, min latitude, max longitude, max latitude), WGS84.
    "bbox": tuple(float(v) for v in os.environ.get("TERRITORY_BBOX", "4.60,44.10,5.85,45.40").split(",")),
    # (latitude, longitude) and zoom the maps open on before the desk's own settings exist.
    "center": tuple(float(v) for v in os.environ.get("TERRITORY_CENTER", "44.73,5.05").split(",")),
    "zoom": int(os.environ.get("TERRITORY_ZOOM", "9")),
}

# --- Contributions ------------------------------------------------------------------
# Public listing form: submissions per client address and hour, and how many reverse
# proxies put their address in X-Forwarded-For (0: trust only REMOTE_ADDR).
PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR = int(os.environ.get("PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR", "5"))
PUBLIC_FORM_TRUSTED_PROXIES = int(os.environ.get("PUBLIC_FORM_TRUSTED_PROXIES", "0"))
LOGIN_URL = "contributions:login"

# --- Listing life cycle (listings/freshness.py, listings/privacy.py) -------------------
# Days before expiry when the contributor is asked to confirm; days after that notice
# before an unconfirmed listing is withdrawn; validity of the e-mailed confirmation link;
# days offline before a refused, withdrawn or expired listing's contact data is purged.
LISTING_EXPIRY_NOTICE_DAYS = int(os.environ.get("LISTING_EXPIRY_NOTICE_DAYS", "14"))
LISTING_WITHDRAW_GRACE_DAYS = int(os.environ.get("LISTING_WITHDRAW_GRACE_DAYS", "30"))
LISTING_CONFIRMATION_LINK_DAYS = int(os.environ.get("LISTING_CONFIRMATION_LINK_DAYS", "60"))
LISTING_PURGE_AFTER_DAYS = int(os.environ.get("LISTING_PURGE_AFTER_DAYS", "180"))

# Personal accompaniment (accompaniment app; see docs/registre-des-traitements.md).
# Cases installed, closed or paused for this many days are anonymised (scheduled command).
ACCOMPANIMENT_RETENTION_DAYS = int(os.environ.get("ACCOMPANIMENT_RETENTION_DAYS", "730"))
# How long a status link e-mailed to a person works; every e-mail carries a fresh one.
ACCOMPANIMENT_LINK_DAYS = int(os.environ.get("ACCOMPANIMENT_LINK_DAYS", "180"))
# On: a chargé d'accompagnement sees only the cases they follow (managers see all).
ACCOMPANIMENT_REFERENT_ONLY = env_bool("ACCOMPANIMENT_REFERENT_ONLY")
# Requests (« Être accompagné(e) », « Je suis intéressé(e) », new links) accepted per client per hour.
ACCOMPANIMENT_MAX_REQUESTS_PER_HOUR = int(os.environ.get("ACCOMPANIMENT_MAX_REQUESTS_PER_HOUR", "5"))
# Public figures: a count under this is not shown (« moins de 5 »).
ACCOMPANIMENT_PUBLIC_MIN_COUNT = 5
LOGIN_REDIRECT_URL = "contributions:dashboard"

# --- Aid guides (aides) ----------------------------------------------------------------
# Days after an aid page's last review ("dernière vérification") before editors are asked
# to check its amounts and conditions again (aides/review.py, manage.py check_aid_reviews).
AID_REVIEW_AFTER_DAYS = int(os.environ.get("AID_REVIEW_AFTER_DAYS", "180"))

# --- Open data -------------------------------------------------------------------------
# Public listing page URL pattern for the open-data files, e.g. "https://site/annonces/{slug}/".
OPENDATA_LISTING_URL = os.environ.get("OPENDATA_LISTING_URL", "")
OPENDATA_HTTP_MAX_AGE = int(os.environ.get("OPENDATA_HTTP_MAX_AGE", "300"))
OPENDATA_CACHE_SECONDS = int(os.environ.get("OPENDATA_CACHE_SECONDS", "300"))

# --- Public site (frontend) --------------------------------------------------------
# The header's primary navigation: (label, path). A desk whose pages have other slugs
# changes the paths here.
FRONTEND_NAVIGATION = [
    ("Carte des opportunités", "/carte/"),
    ("Trouver mes aides", "/aides/trouver/"),
    ("Les aides", "/aides/"),
    ("Communes", "/communes/"),
    ("De l'internat à l'installation", "/parcours/"),
    ("Partenaires", "/partenaires/"),
    ("Être accompagné(e)", "/etre-accompagne/"),
]
# Where the "Proposer une annonce" links lead.
FRONTEND_SUBMIT_LISTING_PATH = "/proposer-une-annonce/"

# --- Maps (wagtailgeowidget) ---------------------------------------------------------
# No tile server by default: the admin map then shows the département's outline on a
# plain background, so that it works on a closed network.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILE_URL
GEO_WIDGET_LEAFLET_TILE_LAYER_OPTIONS = {"attribution": MAP_TILE_ATTRIBUTION}
GEO_WIDGET_DEFAULT_LOCATION = {"lat": TERRITORY["center"][0], "lng": TERRITORY["center"][1]}
GEO_WIDGET_ZOOM = TERRITORY["zoom"]
# An untouched map leaves the position empty instead of silently saving the default point.
GEO_WIDGET_EMPTY_LOCATION = True

# --- GraphQL API -----------------------------------------------------------------------
# The public endpoint /graphql/ is anonymous and read-only (graphql_api/views.py).
# CORS: the listed origins may call it from a browser, never with credentials.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^/graphql/?$"
CORS_ALLOW_METHODS = ["GET", "OPTIONS", "POST"]
STRAWBERRY_DJANGO = {
    "FIELD_DESCRIPTION_FROM_HELP_TEXT": False,
    "PAGINATION_DEFAULT_LIMIT": 20,
    "PAGINATION_MAX_LIMIT": 100,  # backstop: larger requests are refused with a message first
}
GRAPHQL_MAX_PAGE_SIZE = STRAWBERRY_DJANGO["PAGINATION_MAX_LIMIT"]
GRAPHQL_MAX_DEPTH = int(os.environ.get("GRAPHQL_MAX_DEPTH", "8"))
GRAPHQL_MAX_ALIASES = int(os.environ.get("GRAPHQL_MAX_ALIASES", "15"))
GRAPHQL_MAX_TOKENS = int(os.environ.get("GRAPHQL_MAX_TOKENS", "2000"))
GRAPHQL_MAX_BODY_BYTES = int(os.environ.get("GRAPHQL_MAX_BODY_BYTES", "20000"))
# Persisted documents (graphql_api/persisted.py): folders of registered *.graphql files;
# GRAPHQL_PERSISTED_ONLY=1 lets anonymous clients run those only.
GRAPHQL_PERSISTED_DOCUMENT_DIRS = [
    BASE_DIR / "frontend" / "queries",
    *env_list("GRAPHQL_PERSISTED_DOCUMENT_DIRS"),
]
GRAPHQL_PERSISTED_ONLY = env_bool("GRAPHQL_PERSISTED_ONLY")
# Upper bound of the work of one document (graphql_api/cost.py); the site's own need < 40 %.
GRAPHQL_MAX_COST = int(os.environ.get("GRAPHQL_MAX_COST", "20000"))

# Paths that are personal, write, or serve files and probes: never shared by the page
# cache, never stopped by the request budget.
PRIVATE_AREAS = [
    "/admin/",
    "/espace-contributeur/",
    "/proposer-une-annonce/",
    # Forms with a signed start time and a submission key, and the person's private status
    # page (its token is in the URL): never cached, never shared.
    "/etre-accompagne/",
    "/mon-accompagnement/",
    "/annonces/confirmer/",
    "/medias-en-attente/",
    "/healthz/",
    "/readyz/",
    "/static/",
]

# Paths whose links carry a signed token (cms.middleware.AccessLogMiddleware logs them without it).
ACCESS_LOG_TOKEN_PATHS = [
    "/mon-accompagnement/",
    "/etre-accompagne/confirmer-interet/",
    "/annonces/confirmer/",
    "/espace-contributeur/invitation/",
    "/espace-contributeur/mot-de-passe/nouveau/",
]

# --- Security headers (cms.middleware.SecurityHeadersMiddleware, production) -----------
# None: the policies of cms.middleware.default_policies() (the site's own assets only on
# the public site; inline scripts and styles in the admin). A dict {directive: [sources]}
# replaces one of them.
CONTENT_SECURITY_POLICY = None
CONTENT_SECURITY_POLICY_ADMIN = None
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ("/admin/",)
CONTENT_SECURITY_POLICY_REPORT_ONLY = False
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), interest-cohort=()"

# --- Full-page cache of anonymous HTML (cms/pagecache.py) ---------------------------------
# Server-side lifetime (0 turns it off); the content version invalidates it on publish.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_BROWSER_MAX_AGE = int(os.environ.get("PAGE_CACHE_BROWSER_MAX_AGE", "60"))
PAGE_CACHE_EXCLUDED_PREFIXES = [*PRIVATE_AREAS, "/graphql/", "/documents/", "/media/"]

# --- Rate limits per client (cms/ratelimit.py): path → (requests, seconds) ---------------
# The first matching entry applies; a path ending in "/" covers what is under it. The map
# page makes about 8 API requests; a person rarely opens more than a page a second.
RATE_LIMITS = {
    "/graphql/contributions/": (60, 60),
    "/graphql/": (int(os.environ.get("RATE_LIMIT_GRAPHQL_PER_MINUTE", "240")), 60),
    **{
        path: (int(os.environ.get("RATE_LIMIT_PAGES_PER_MINUTE", "120")), 60)
        for path in [
            "/carte/",
            "/communes/",
            "/annonces/",
            "/aides/trouver/",
            "/sitemap.xml",
            "/donnees-ouvertes/",
            "/referentiels/adresses/",  # the pickers' address search, which may call a remote service
            "/referentiels/communes/",  # a commune's frame for the pickers
            # Forms: their own quotas count accepted submissions; this bounds attempts.
            "/proposer-une-annonce/",
            "/espace-contributeur/demander-un-compte/",
            "/etre-accompagne/",
            "/mon-accompagnement/",
        ]
    },
}

# --- Request budget (cms/budget.py) ---------------------------------------------------------
# Public reads stop at their first SQL query past either limit and answer 503.
REQUEST_BUDGET_MAX_QUERIES = int(os.environ.get("REQUEST_BUDGET_MAX_QUERIES", "300"))
REQUEST_BUDGET_SECONDS = float(os.environ.get("REQUEST_BUDGET_SECONDS", "2"))
# Authenticated areas and writes are not budgeted (a request must never stop half-way there).
REQUEST_BUDGET_EXEMPT_PREFIXES = [*PRIVATE_AREAS, "/graphql/contributions/"]
# Pages that walk every public record (sitemap, open data exports) get a larger budget;
# the full-page cache serves them between two content changes.
REQUEST_BUDGET_OVERRIDES = {
    "/sitemap.xml": (5_000, 30.0),
    "/donnees-ouvertes/": (5_000, 30.0),
}
if GEOCODER_REMOTE_URL:
    # The remote BAN service may take its whole timeout before the local search answers.
    REQUEST_BUDGET_OVERRIDES["/referentiels/adresses/"] = (20, GEOCODER_TIMEOUT_SECONDS + 2)
# Server cache of anonymous responses (seconds), invalidated on publish; HTTP max-age for GET.
GRAPHQL_CACHE_SECONDS = int(os.environ.get("GRAPHQL_CACHE_SECONDS", "300"))
GRAPHQL_HTTP_MAX_AGE = int(os.environ.get("GRAPHQL_HTTP_MAX_AGE", "60"))
# Largest response kept in the server cache (bytes); larger ones are rebuilt each time.
GRAPHQL_CACHE_MAX_ENTRY_BYTES = int(os.environ.get("GRAPHQL_CACHE_MAX_ENTRY_BYTES", str(2 * 1024 * 1024)))
