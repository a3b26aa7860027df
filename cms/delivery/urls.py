"""URLs of `cms.delivery`."""

urlpatterns: list = []
