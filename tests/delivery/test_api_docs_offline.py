"""/api/docs/ works without internet: the Swagger UI comes from this site's static files."""
from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_the_api_docs_load_only_local_assets(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets) and any(a.endswith("swagger-ui.css") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), f"{asset} is not served by this site"
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is missing from the static files"
    assert "cdn" not in html.lower()
