"""A per-request budget for public reads: at most N SQL queries and a wall-clock deadline.

The GraphQL cost rule refuses expensive documents before they run; this is the
backstop for everything else (an HTML page, a cost estimate that was wrong, a slow
database): a public read that goes over its budget is stopped at its next SQL query
and answered 503 with a French message and `Retry-After`, so that no worker is held for
long and nothing is half-written (only reads are budgeted).

- Budgeted: GET and HEAD requests, and POST to the public GraphQL endpoint, except the
  paths of REQUEST_BUDGET_EXEMPT_PREFIXES (administration, contributor space, uploads).
- On SQLite a statement still running at the deadline is interrupted too (progress
  handler); on PostgreSQL the server's statement_timeout bounds one statement.
- CPU work between two queries is not interrupted: the cost rule bounds that.
"""

import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import connections

from .middleware import unavailable_response

logger = logging.getLogger("cms.budget")

MESSAGE = "Le service est momentanément surchargé : la requête a été interrompue. Réessayez dans un instant."


class RequestBudgetExceeded(Exception):
    """Raised at the first SQL query past the budget."""


class RequestBudget:
    def __init__(self, max_queries, seconds):
        self.max_queries = max_queries
        self.deadline = time.monotonic() + seconds
        self.queries = 0
        self.exceeded = None  # why, once exceeded
        self.sqlite_connections = []  # where the progress handler was installed

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        connection = context["connection"]
        if connection.vendor == "sqlite" and connection.connection not in self.sqlite_connections:
            connection.connection.set_progress_handler(self.sqlite_progress, 10_000)
            self.sqlite_connections.append(connection.connection)
        if self.exceeded is None:
            if self.queries > self.max_queries:
                self.exceeded = f"more than {self.max_queries} SQL queries"
            elif time.monotonic() > self.deadline:
                self.exceeded = "deadline"
        if self.exceeded is not None:
            raise RequestBudgetExceeded(self.exceeded)
        return execute(sql, params, many, context)

    def sqlite_progress(self):
        """SQLite progress handler: a non-zero return interrupts the running statement."""
        if time.monotonic() > self.deadline:
            self.exceeded = self.exceeded or "deadline"
            return 1
        return 0

    @contextmanager
    def watching(self):
        """Count and time every query on every database connection inside the block."""
        with _all_connections_wrapped(self):
            yield self


@contextmanager
def _all_connections_wrapped(budget):
    entered = []
    try:
        for alias in connections:
            wrapper = connections[alias].execute_wrapper(budget)
            wrapper.__enter__()
            entered.append(wrapper)
        yield
    finally:
        for sqlite_connection in budget.sqlite_connections:
            sqlite_connection.set_progress_handler(None, 0)
        for wrapper in reversed(entered):
            wrapper.__exit__(None, None, None)


def is_budgeted(request):
    path = request.path_info
    if any(path.startswith(prefix) for prefix in settings.REQUEST_BUDGET_EXEMPT_PREFIXES):
        return False
    return request.method in ("GET", "HEAD") or (request.method == "POST" and path == "/graphql/")


def limits_for(request):
    for prefix, limits in settings.REQUEST_BUDGET_OVERRIDES.items():
        if request.path_info.startswith(prefix):
            return limits
    return settings.REQUEST_BUDGET_MAX_QUERIES, settings.REQUEST_BUDGET_SECONDS


class RequestBudgetMiddleware:
    """Runs each budgeted request inside a RequestBudget; 503 when it ran out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_budgeted(request):
            return self.get_response(request)
        budget = RequestBudget(*limits_for(request))
        request.budget = budget
        try:
            with budget.watching():
                response = self.get_response(request)
        except RequestBudgetExceeded:
            response = None
        # A view (or the GraphQL executor) may have caught the exception: the flag tells.
        if budget.exceeded is not None:
            logger.warning(
                "Request over budget (%s): %s %s, %d queries",
                budget.exceeded,
                request.method,
                request.path_info,
                budget.queries,
            )
            return over_budget_response(request)
        return response

    def process_exception(self, request, exception):
        budget = getattr(request, "budget", None)
        # Also an interrupted SQLite statement (OperationalError "interrupted") past the deadline.
        if isinstance(exception, RequestBudgetExceeded) or (budget is not None and budget.exceeded is not None):
            return over_budget_response(request)
        return None


def over_budget_response(request):
    return unavailable_response(request, MESSAGE, retry_after=5)
