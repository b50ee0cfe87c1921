"""Persisted documents: GraphQL queries registered by their SHA-256, sent by hash.

The site's own documents (frontend/queries/*.graphql) and those integrators register
(files in the folders of GRAPHQL_PERSISTED_DOCUMENT_DIRS, e.g. the département's
website) are known by the hexadecimal SHA-256 of their UTF-8 text. A client sends
`documentId` ("sha256:<hash>" or the bare hash, GraphQL-over-HTTP style) or Apollo's
`extensions.persistedQuery.sha256Hash` instead of `query`.

With GRAPHQL_PERSISTED_ONLY, anonymous clients may run registered documents only: a
query sent as text must be the exact text of a registered document.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

from .limits import PublicError

UNKNOWN_MESSAGE = "Document persisté inconnu : vérifiez son empreinte SHA-256 ou envoyez la requête en clair."
ONLY_MESSAGE = (
    "Ce serveur n'accepte que les documents enregistrés : envoyez l'empreinte (documentId) d'un document connu."
)


def document_hash(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def registry():
    """{sha256: text} of every registered document (read once per process)."""
    documents = {}
    for folder in settings.GRAPHQL_PERSISTED_DOCUMENT_DIRS:
        for path in sorted(Path(folder).glob("*.graphql")):
            text = path.read_text(encoding="utf-8")
            documents[document_hash(text)] = text
    return documents


def requested_id(data):
    """The document id a request body or query string carries, or None."""
    document_id = data.get("documentId")
    if isinstance(document_id, str) and document_id:
        return document_id.removeprefix("sha256:").lower()
    extensions = data.get("extensions")
    if isinstance(extensions, dict):
        persisted = extensions.get("persistedQuery")
        if isinstance(persisted, dict) and isinstance(persisted.get("sha256Hash"), str):
            return persisted["sha256Hash"].lower()
    return None


def resolve_query(data):
    """The query text to run for this request data; PublicError when not allowed."""
    document_id = requested_id(data)
    query = data.get("query")
    if document_id is not None:
        text = registry().get(document_id)
        if text is None:
            raise PublicError(UNKNOWN_MESSAGE)
        return text
    if settings.GRAPHQL_PERSISTED_ONLY and isinstance(query, str) and document_hash(query) not in registry():
        raise PublicError(ONLY_MESSAGE)
    return query
