"""Report pages, by topic."""
