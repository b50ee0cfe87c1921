"""Admin hooks for cases and assignment rules (viewsets, log actions)."""
