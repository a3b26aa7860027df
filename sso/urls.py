"""URLs of `sso`."""

urlpatterns: list = []
