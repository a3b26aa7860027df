"""Models of `cms.delivery`."""
