"""Design tokens for headless clients at /api/theme/."""
import pytest

pytestmark = pytest.mark.django_db


def test_theme_api_answers_for_the_requesting_site(client, two_sites):
    body = client.get("/api/theme/", HTTP_HOST="localhost").json()
    assert body["theme"] == "department"
    assert body["site"]["hostname"] == "localhost"
    assert body["tokens"]["color"]["primary"] == "#0b4f9c"
    assert body["css_variables"]["--color-primary"] == "#0b4f9c"
    assert body["logo"].endswith("/static/themes/department/logo.svg")
    assert body["footer"]["organizer"] == "明川市市场监督管理局"


def test_theme_api_answers_for_a_named_site(client, two_sites):
    body = client.get("/api/theme/?site=localhost", HTTP_HOST="127.0.0.1").json()
    assert body["theme"] == "department"
    assert client.get("/api/theme/?site=127.0.0.1:80").json()["theme"] == "city"


def test_site_settings_override_theme_footer(client, two_sites):
    from themes.models import ThemeSettings

    city, _ = two_sites
    ThemeSettings.objects.update_or_create(site=city, defaults={"organizer": "明川市政府办公厅", "popular_searches": "社保，公积金、 营业执照"})
    body = client.get("/api/theme/", HTTP_HOST="127.0.0.1").json()
    assert body["footer"]["organizer"] == "明川市政府办公厅"
    assert body["popular_searches"] == ["社保", "公积金", "营业执照"]


@pytest.mark.parametrize("value", ["nope.example", "localhost:notaport"])
def test_unknown_site_is_a_json_404(client, two_sites, value):
    response = client.get(f"/api/theme/?site={value}")
    assert response.status_code == 404
    assert response.json()["error"] == "unknown_site"
