"""Adapter: Content-Security-Policy (filled in with the browser issue)."""
