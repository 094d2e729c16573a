"""Exchange clients."""
