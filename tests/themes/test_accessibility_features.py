"""Accessibility features that do not need a browser: elder-friendly mode without JavaScript,
landmarks and skip link on every themed page, required alt text for images in the editor."""
import pytest

pytestmark = pytest.mark.django_db


def test_elder_mode_link_sets_a_cookie_and_returns(client, two_sites):
    response = client.get("/accessibility/elder-mode/?enable=1&next=/search/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 302 and response["Location"] == "/search/"
    assert response.cookies["elder_mode"].value == "1"
    page = client.get("/search/", HTTP_HOST="127.0.0.1").content.decode()
    assert '<html lang="zh-Hans" class="elder-mode">' in page
    assert 'aria-pressed="true"' in page
    off = client.get("/accessibility/elder-mode/?enable=0&next=/search/", HTTP_HOST="127.0.0.1")
    assert off.cookies["elder_mode"].value == ""
    page = client.get("/search/", HTTP_HOST="127.0.0.1").content.decode()
    assert '<html lang="zh-Hans">' in page


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_elder_mode_never_redirects_off_site(client, two_sites, target):
    response = client.get("/accessibility/elder-mode/", {"enable": "1", "next": target}, HTTP_HOST="127.0.0.1")
    assert response["Location"] == "/"


def test_themed_pages_have_landmarks_skip_link_and_labelled_search(client, two_sites):
    html = client.get("/search/", HTTP_HOST="localhost").content.decode()
    assert '<html lang="zh-Hans"' in html
    assert '<a class="skip-link" href="#main">' in html and 'id="main"' in html
    for landmark in ('role="banner"', 'role="contentinfo"', "<main", 'aria-label="主导航"', 'role="search"'):
        assert landmark in html, landmark
    assert '<label class="visually-hidden" for="header-search-q">' in html


def test_image_form_requires_alt_text():
    from wagtail.images import get_image_model
    from wagtail.images.forms import get_image_form

    form_class = get_image_form(get_image_model())
    form = form_class(data={"title": "市政府大楼"})
    form.is_valid()
    assert "description" in form.errors
    assert form.fields["description"].required
