"""Themes for the public site: a registry of named themes (templates, static files, design tokens),
the theme chosen per Wagtail Site, the public page templates, accessibility features such as the
elder-friendly mode, error pages, sitemap and feeds.
"""
