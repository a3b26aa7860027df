"""Each theme has its own favicon: linked from every page and answered at /favicon.ico."""
from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.mark.parametrize("host, theme", [("127.0.0.1", "city"), ("localhost", "department")])
def test_pages_link_their_themes_icon_and_favicon_ico_points_to_it(client, two_sites, host, theme):
    html = client.get("/search/", HTTP_HOST=host).content.decode()
    assert f'<link rel="icon" href="/static/themes/{theme}/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico", HTTP_HOST=host)
    assert response.status_code == 301 and response["Location"] == f"/static/themes/{theme}/favicon.svg"
    assert finders.find(f"themes/{theme}/favicon.svg")


def test_a_theme_without_a_favicon_uses_its_logo(tmp_path):
    import json
    import shutil

    from themes.registry import get_theme, load_theme_folder

    folder = tmp_path / "plain"
    shutil.copytree(get_theme("department").folder, folder)
    data = json.loads((folder / "theme.json").read_text())
    data.pop("favicon")
    (folder / "theme.json").write_text(json.dumps(data, ensure_ascii=False))
    assert load_theme_folder(folder).favicon == data["logo"]
