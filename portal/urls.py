"""URLs of `portal`."""

urlpatterns: list = []
