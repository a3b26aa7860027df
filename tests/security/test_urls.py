"""#13 item 1: every URL-like field accepts http(s) only, on input (model/admin form, import, admin
webhooks, connector config) and on output (pages, API, portal widgets)."""
import pytest
from django.core.exceptions import ValidationError

from cms.delivery.models import WebhookSubscriber
from cms.models import ServiceGuidePage
from config.safe_url import is_http_url, safe_url

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

HOSTILE = ["javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x", "ftp://x.example/",
           "file:///etc/passwd", "https://", "http://exa mple.com/", "\x00https://x.example/"]


@pytest.mark.parametrize("value", HOSTILE)
def test_the_rule(value):
    assert not is_http_url(value) and safe_url(value) == ""


def test_good_links_pass():
    assert safe_url("https://zwfw.example.gov.cn/a?b=1#c") == "https://zwfw.example.gov.cn/a?b=1#c"
    assert safe_url("/services/getihu/") == "/services/getihu/" and safe_url("/services/", allow_relative=False) == ""
    # same-page references (search facets are "?q=…&type=…") cannot change the scheme
    assert safe_url("?q=%E8%90%A5&type=service_guide") == "?q=%E8%90%A5&type=service_guide"
    assert safe_url("#main") == "#main" and safe_url("?q=1", allow_relative=False) == ""


@pytest.mark.parametrize("value", HOSTILE[:3])
def test_models_refuse_them(make_page, market, value):
    guide = make_page(ServiceGuidePage, market, title="指南")
    guide.online_url = value
    with pytest.raises(ValidationError) as refused:
        guide.full_clean()
    assert "online_url" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        WebhookSubscriber(name="x", url=value.strip(), secret="s").full_clean()
    assert "url" in refused.value.message_dict


def test_a_stored_javascript_url_never_renders_as_a_link(client, make_page, market, api_settings):
    guide = make_page(ServiceGuidePage, market, title="指南", online_url="https://ok.example/")
    ServiceGuidePage.objects.filter(pk=guide.pk).update(online_url="javascript:alert(document.cookie)")
    html = client.get(guide.url).content.decode()
    assert "javascript:" not in html and "网上办理</a>" not in html
    api = client.get(f"/api/v1/content/{guide.pk}/").json()
    assert api["online_url"] == ""


def test_connector_urls_must_be_http():
    from portal.connectors.base import check_url_template

    assert check_url_template("file:///etc/passwd", "")
    assert check_url_template("javascript:alert(1)", "")
    assert not check_url_template("{backend}/api/todo?u={user.username}", "https://oa.example.gov.cn")
    assert not check_url_template("https://feeds.example.gov.cn/rss", "")


def test_widget_links_are_filtered():
    from portal.widgets.builtins import app_url

    assert app_url({"url": "javascript:alert(1)"}) == ""
    assert app_url({"url": "https://oa.example.gov.cn/"}) == "https://oa.example.gov.cn/"
