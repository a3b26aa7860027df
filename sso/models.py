"""Models of `sso`."""
