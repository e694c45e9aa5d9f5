"""Adapter: content checks (filled in with the checks issue)."""
