"""URL map. Each app owns its URLs; the Wagtail page tree catches everything else (last)."""
from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("sso/", include("sso.urls")),
    path("portal/messages/", include("notifications.urls")),
    path("portal/oversight/", include("oversight.urls")),
    path("portal/", include("portal.urls")),
    path("api/search/", include("search.urls")),
    path("interaction/", include("interaction.urls")),
    path("api/", include("cms.delivery.urls")),
    path("", include("themes.urls")),
    path("", include("cms.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploaded images when no web server is in front (./run); production serves them from nginx
    # (deploy/nginx/gov.conf) and leaves SERVE_MEDIA off.
    from django.urls import re_path
    from django.views.static import serve

    # Images only (originals and renditions): documents go through Wagtail's serve view, which
    # checks who may read them.
    for folder in ("original_images", "images"):
        urlpatterns += [re_path(r"^%s%s/(?P<path>.*)$" % (settings.MEDIA_URL.lstrip("/"), folder), serve,
                                {"document_root": settings.MEDIA_ROOT / folder})]

urlpatterns += [path("", include(wagtail_urls))]
