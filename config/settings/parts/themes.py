"""Settings owned by the `themes` app, applied onto the shared settings by ``base.py``."""
from config.env import env_list, env_str


def apply(settings: dict) -> None:
    """Theme folders, the default theme, the theme-aware template loaders, sitemaps, and the
    image form that makes alt text required."""
    from themes.registry import theme_folders

    # Folders holding extra theme folders (each with a theme.json), beside this app's own.
    settings["THEMES_DIRS"] = env_list("THEMES_DIRS", [])
    settings["THEMES_DEFAULT"] = env_str("THEMES_DEFAULT", "city")

    # Each theme's static/ folder is served under /static/themes/<name>/.
    settings.setdefault("STATICFILES_DIRS", [])
    for folder in theme_folders(settings["THEMES_DIRS"]):
        if (folder / "static").is_dir():
            settings["STATICFILES_DIRS"].append((f"themes/{folder.name}", str(folder / "static")))

    # The active theme's templates come first; the cached loader keys its cache by theme.
    template = settings["TEMPLATES"][0]
    template["APP_DIRS"] = False
    template["OPTIONS"]["loaders"] = [
        ("themes.loaders.CachedLoader", [
            "themes.loaders.ThemeLoader",
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ]),
    ]
    template["OPTIONS"]["context_processors"].append("themes.context_processors.theme")

    # Right after the session/locale middleware, before anything renders a template.
    middleware = settings["MIDDLEWARE"]
    anchor = "django.contrib.sessions.middleware.SessionMiddleware"
    position = middleware.index(anchor) + 1 if anchor in middleware else len(middleware)
    middleware.insert(position, "themes.middleware.ActiveThemeMiddleware")

    settings["INSTALLED_APPS"] += ["wagtail.contrib.sitemaps", "wagtail.contrib.routable_page"]
    settings["WAGTAILIMAGES_IMAGE_FORM_BASE"] = "themes.forms.AltTextRequiredImageForm"
