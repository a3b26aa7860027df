"""Models of `portal`."""
