"""Local development: debug on, permissive hosts, a fixed non-secret key."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],0.0.0.0")

# GraphiQL (development only, see frontend_templates/graphql/graphiql.html) is served
# from the npm packages, never from a CDN.
from .base import BASE_DIR, STATICFILES_DIRS  # noqa: E402

STATICFILES_DIRS = [
    *STATICFILES_DIRS,
    ("vendor/graphiql", BASE_DIR / "node_modules" / "graphiql"),
    ("vendor/react", BASE_DIR / "node_modules" / "react" / "umd"),
    ("vendor/react-dom", BASE_DIR / "node_modules" / "react-dom" / "umd"),
]
