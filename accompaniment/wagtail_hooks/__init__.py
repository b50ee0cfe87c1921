"""Wagtail hooks of the accompaniment app, one module per screen family: the cases and
assignment rules (``cases``), the figures panel and its exports (``figures``)."""

from . import cases, figures  # noqa: F401 - imported for their @hooks.register side effects
