"""Shared infrastructure that every app may use: the public content version, the
per-client counters and the spreadsheet safety helpers. It imports no project app
(docs/architecture.md: the bottom layer)."""
