"""A per-request budget for public reads: at most N SQL queries and a wall-clock deadline.

The GraphQL cost rule refuses expensive documents before they run; this is the
backstop for everything else (an HTML page, a cost estimate that was wrong, a slow
database): a public read that goes over its budget is stopped at its next SQL query
and answered 503 with a French message and `Retry-After`, so that no worker is held for
long and nothing is half-written (only reads are budgeted).

- Budgeted: GET and HEAD requests, and POST to the public GraphQL endpoint, except the
  paths of REQUEST_BUDGET_EXEMPT_PREFIXES (administration, contributor space, uploads).
- A statement still running at the deadline is interrupted too: on SQLite by a progress
  handler, on PostgreSQL by a watchdog thread that cancels it (psycopg's cancel(), made
  to be called from another thread).
- CPU work between two queries is not interrupted: the cost rule bounds that.
"""

import logging
import threading
import time
from contextlib import contextmanager

from django.conf import settings

from .middleware import unavailable_response

logger = logging.getLogger("cms.budget")

MESSAGE = "Le service est momentanément surchargé : la requête a été interrompue. Réessayez dans un instant."


class RequestBudgetExceeded(Exception):
    """Raised at the first SQL query past the budget."""


# The budget of the request this thread is serving. One guard is installed per database
# connection when it opens (cms.apps) and reads it: nothing is added to or removed from a
# connection per request, which stays correct when test servers share one connection
# between threads (and never calls into SQLite while another thread runs a statement).
_current = threading.local()


class RequestBudget:
    def __init__(self, max_queries, seconds):
        self.max_queries = max_queries
        self.deadline = time.monotonic() + seconds
        self.queries = 0
        self.exceeded = None  # why, once exceeded

    def count_query(self):
        self.queries += 1
        if self.exceeded is None:
            if self.queries > self.max_queries:
                self.exceeded = f"more than {self.max_queries} SQL queries"
            elif time.monotonic() > self.deadline:
                self.exceeded = "deadline"
        if self.exceeded is not None:
            raise RequestBudgetExceeded(self.exceeded)

    def past_deadline(self):
        if time.monotonic() > self.deadline:
            self.exceeded = self.exceeded or "deadline"
            return True
        return False

    @contextmanager
    def watching(self):
        """Count and time every query this thread runs inside the block."""
        previous = getattr(_current, "budget", None)
        _current.budget = self
        try:
            yield self
        finally:
            _current.budget = previous
            watchdog.forget(self)


class Watchdog:
    """One thread per process that cancels the PostgreSQL statement of a request past its
    deadline. Cancelling and forgetting share a lock, so a statement is only ever
    cancelled while its request is still running."""

    def __init__(self, period=0.05):
        self.period = period
        self.lock = threading.Lock()
        self.watched = {}  # id(budget) -> (budget, raw psycopg connection)
        self.thread = None

    def watch(self, budget, raw_connection):
        with self.lock:
            self.watched[id(budget)] = (budget, raw_connection)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self.run, name="request-budget-watchdog", daemon=True)
                self.thread.start()

    def forget(self, budget):
        with self.lock:
            self.watched.pop(id(budget), None)

    def run(self):
        while True:
            time.sleep(self.period)
            with self.lock:
                for key, (budget, raw_connection) in list(self.watched.items()):
                    if budget.past_deadline():
                        del self.watched[key]
                        try:
                            raw_connection.cancel()
                        except Exception:  # a closed connection has nothing to cancel
                            logger.debug("Could not cancel a statement", exc_info=True)


watchdog = Watchdog()


def guard_query(execute, sql, params, many, context):
    """Execute wrapper installed on every connection: counts the query against the budget."""
    budget = getattr(_current, "budget", None)
    if budget is not None:
        budget.count_query()
        connection = context["connection"]
        if connection.vendor == "postgresql" and budget.queries == 1:
            watchdog.watch(budget, connection.connection)
    return execute(sql, params, many, context)


def sqlite_progress():
    """SQLite progress handler: a non-zero return interrupts the running statement."""
    budget = getattr(_current, "budget", None)
    return 1 if budget is not None and budget.past_deadline() else 0


def install_guard(sender, connection, **kwargs):
    """connection_created receiver (cms.apps): guard every new database connection."""
    if guard_query not in connection.execute_wrappers:
        connection.execute_wrappers.append(guard_query)
    if connection.vendor == "sqlite":
        connection.connection.set_progress_handler(sqlite_progress, 10_000)


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
