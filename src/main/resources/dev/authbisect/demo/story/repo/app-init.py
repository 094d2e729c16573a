"""tradebot backend."""
