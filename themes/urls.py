"""URLs of `themes`."""

urlpatterns: list = []
