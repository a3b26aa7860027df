"""Connector mapping, feed parsing and the outbound HTTP rules, as pure functions."""
import pytest

from portal import http
from portal.connectors.feed import parse_feed
from portal.connectors.rest import map_answer
from portal.registry import FetchContext
from portal.templating import render



def test_rest_mapping_picks_items_fields_and_top_level_values():
    answer = {"data": {"pending": 2, "list": [{"t": "甲", "u": {"href": "/a"}}, {"t": "乙", "u": {"href": "/b"}}]}}
    config = {"items_path": "data.list", "fields": {"title": "t", "url": "u.href"}, "root": {"count": "data.pending"}}
    assert map_answer(answer, config) == {"count": 2, "items": [{"title": "甲", "url": "/a"}, {"title": "乙", "url": "/b"}]}


def test_url_templates_quote_user_values_and_fill_only_their_own_names():
    ctx = FetchContext(user_id=7, username="a&b c", display_name="", department="市 局", roles=())
    fields = {**ctx.template_fields(), "backend": "http://oa.test"}
    url = render("{backend}/api?u={user.username}&d={user.department}&x={user.__class__}", fields, url=True)
    assert url == "http://oa.test/api?u=a%26b%20c&d=%E5%B8%82%20%E5%B1%80&x="


def test_rss_and_atom_become_plain_items():
    rss = (b'<rss version="2.0"><channel><item><title>A &lt;b&gt;bold&lt;/b&gt;</title><link>https://x/1</link>'
           b"<pubDate>Tue, 24 Nov 2026 09:00:00 +0800</pubDate></item></channel></rss>")
    assert parse_feed(rss, 5) == [{"title": "A bold", "url": "https://x/1", "date": "2026-11-24T09:00:00+08:00", "summary": ""}]
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>B</title><link href="https://x/2"/>'
            b"<updated>2026-11-24T01:00:00Z</updated></entry></feed>")
    assert parse_feed(atom, 5)[0]["url"] == "https://x/2"


def test_the_portal_refuses_to_call_another_host_than_the_back_end():
    with pytest.raises(http.OutboundError) as refused:
        http.request("GET", "http://evil.example/steal", timeout=1, allowed_origin="http://127.0.0.1:9/oa")
    assert refused.value.reason == "forbidden_host"


def test_origin_comparison_includes_scheme_and_port():
    assert http.origin("http://127.0.0.1:8001/oa") == http.origin("http://127.0.0.1:8001/12315/x")
    assert http.origin("http://127.0.0.1:8001/") != http.origin("http://127.0.0.1:8002/")
    assert http.origin("http://a.example/") != http.origin("https://a.example/")


@pytest.mark.django_db
def test_redirects_are_followed_only_within_the_back_ends_origin(client, official, demo):
    from tests.portal.conftest import make_layout, make_widget

    other_host = demo.url.replace("127.0.0.1", "localhost")  # the same server under another name
    make_widget("same", url="{backend}/api/todos?redirect=/oa/api/todos")
    make_widget("elsewhere", url="{backend}/api/todos?redirect=" + other_host + "/oa/api/todos")
    make_layout("two", ["same", "elsewhere"])
    client.force_login(official)
    widgets = {w["key"]: w for w in client.get("/portal/api/home/").json()["widgets"]}
    assert widgets["same"]["status"] == "ok" and widgets["same"]["data"]["count"] >= 3
    assert widgets["elsewhere"]["status"] == "error"


def test_links_from_back_ends_are_kept_only_when_http_or_site_relative():
    from portal.registry import widget_types

    raw = {"items": [{"title": "<b>x</b>", "url": "javascript:alert(1)"}, {"title": "ok", "url": "https://oa.example/1"},
                     {"title": "rel", "url": "/notices/1/"}, {"title": "proto", "url": "//evil.example/"}]}
    items = widget_types.get("todo").normalize(raw, {})["items"]
    assert [item["url"] for item in items] == ["", "https://oa.example/1", "/notices/1/", ""]
    html = widget_types.get("todo").render({"status": "ok", "data": {"count": 1, "items": items[:1]}})
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html and "javascript:" not in html


def test_an_unreadable_key_file_is_reported_at_start_up(settings):
    from portal.checks import check_jwt_keys

    settings.PORTAL_JWT_PRIVATE_KEY_FILE = "/nonexistent/portal.key"
    assert [problem.id for problem in check_jwt_keys()] == ["portal.E001", "portal.W001"]
