"""URLs of `search`."""

urlpatterns: list = []
