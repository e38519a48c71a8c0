"""Modal windows: help, news item."""
