"""URLs of `themes`: the public search page, feeds, sitemap, theme tokens and display preferences.
Mounted at the site root (``config/urls.py``), before the Wagtail page tree."""
from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from themes import api, search_page, views
from themes.feeds import AtomPagesFeed, PagesFeed
from themes.sitemap import VisibleSitemap

app_name = "themes"

urlpatterns = [
    path("search/", search_page.search, name="search"),
    path("feeds/<slug:source>/rss/", PagesFeed(), name="feed_rss"),
    path("feeds/<slug:source>/atom/", AtomPagesFeed(), name="feed_atom"),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": VisibleSitemap}}, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("api/theme/", api.theme_api, name="theme_api"),
    path("theme/<slug:name>/tokens.css", views.tokens_css, name="tokens_css"),
    path("accessibility/elder-mode/", views.elder_mode, name="elder_mode"),
]
