"""Models of `search`."""
