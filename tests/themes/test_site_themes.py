"""Each Wagtail Site renders through its own theme: stylesheet, tokens, template overrides."""
import pytest

from themes.models import ThemeSettings
from themes.resolver import theme_for_site

pytestmark = pytest.mark.django_db


def test_sites_resolve_to_their_chosen_theme(two_sites):
    city, dept = two_sites
    assert theme_for_site(city).name == "city"  # no choice: the default (THEMES_DEFAULT)
    assert theme_for_site(dept).name == "department"


def test_a_removed_theme_falls_back_to_the_default(two_sites):
    _, dept = two_sites
    ThemeSettings.objects.filter(site=dept).update(theme="gone")
    assert theme_for_site(dept).name == "city"


def test_each_host_gets_its_own_theme_in_the_same_process(client, two_sites):
    city_html = client.get("/no-such-page/", HTTP_HOST="127.0.0.1").content.decode()
    dept_html = client.get("/no-such-page/", HTTP_HOST="localhost").content.decode()
    # rendered alternately, so a template cache keyed without the theme would leak one into the other
    city_again = client.get("/no-such-page/", HTTP_HOST="127.0.0.1").content.decode()
    assert 'class="theme-city' in city_html and "/static/themes/city/theme.css" in city_html
    assert 'class="theme-department' in dept_html and "/static/themes/department/theme.css" in dept_html
    # the department theme fills theme/header_top.html: it names the parent government
    assert "parent-gov" in dept_html and "parent-gov" not in city_html
    assert "parent-gov" not in city_again
    assert "明川市市场监督管理局" in dept_html


def test_tokens_css_serves_the_theme_variables(client):
    response = client.get("/theme/department/tokens.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "--color-primary:#0b4f9c;" in response.content.decode()
    assert client.get("/theme/department/tokens.css", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.get("/theme/nope/tokens.css").status_code == 404


def test_theme_settings_form_offers_registered_themes_only():
    field = ThemeSettings._meta.get_field("theme").formfield()
    values = [value for value, _ in field.choices]
    assert values[0] == "" and "city" in values and "department" in values
