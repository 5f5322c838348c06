"""Front desk pages, by topic."""
