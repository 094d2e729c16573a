"""Services used by the HTTP handlers."""
