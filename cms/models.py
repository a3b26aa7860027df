"""Models of `cms`."""
