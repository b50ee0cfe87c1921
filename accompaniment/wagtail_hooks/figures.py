"""Admin hooks for the accompaniment figures (dashboard panel, CSV/XLSX exports)."""
