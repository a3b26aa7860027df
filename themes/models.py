"""Models of `themes`."""
