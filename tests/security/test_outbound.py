"""#13 item 15: one outbound HTTP module (config.outbound): private/loopback destinations refused
unless allowed, webhooks sent with no transaction open, 4xx (except 408/429) permanent."""
import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from cms.delivery import tasks
from cms.delivery.models import WebhookDelivery, WebhookSubscriber
from config import outbound
from tests.fixtures.content import publish

pytestmark = [pytest.mark.embedded]


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x", "http://localhost:9/", "http://10.0.0.1/",
                                 "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/",
                                 "http://[::ffff:127.0.0.1]:9/", "http://0.0.0.0:9/", "http://192.168.1.1/"])
def test_private_destinations_are_refused(settings, url):
    settings.OUTBOUND_ALLOWED_HOSTS = []
    result = outbound.send("POST", url, content=b"{}", timeout=1)
    assert result.status_code is None and result.error.startswith("refused: forbidden_address")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1/", "javascript:alert(1)", "http:///x"])
def test_only_http_urls_are_called(settings, url):
    result = outbound.send("GET", url, timeout=1)
    assert result.status_code is None and result.error.startswith("refused: bad_url")


def test_allowed_hosts_and_the_switch(settings, receiver):
    settings.OUTBOUND_ALLOWED_HOSTS = []
    assert not outbound.send("GET", receiver.url + "/a", timeout=2).ok
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    assert outbound.send("GET", receiver.url + "/b", timeout=2).ok
    settings.OUTBOUND_ALLOWED_HOSTS, settings.OUTBOUND_BLOCK_PRIVATE = [], False
    assert outbound.send("GET", receiver.url + "/c", timeout=2).ok
    assert [r.path for r in receiver.requests] == ["/b", "/c"]
    assert receiver.requests[0].headers["Host"] == receiver.url.split("//")[1]


def test_the_portal_refuses_private_feeds_but_not_its_configured_back_ends(settings):
    from portal import http as portal_http

    settings.OUTBOUND_ALLOWED_HOSTS = []
    settings.PORTAL_BACKENDS = {"oa": "http://127.0.0.1:9"}
    with pytest.raises(outbound.OutboundError) as refused:
        portal_http.request("GET", "http://10.1.1.1/feed", timeout=1, allowed_origin="http://10.1.1.1")
    assert refused.value.reason == "forbidden_address"
    with pytest.raises(Exception) as other:  # allowed: fails only because nothing listens there
        portal_http.request("GET", "http://127.0.0.1:9/x", timeout=1, allowed_origin="http://127.0.0.1:9")
    assert not isinstance(other.value, outbound.OutboundError)


@pytest.mark.django_db
@pytest.mark.parametrize("status,final,attempts", [(404, "failed", 1), (410, "failed", 1), (400, "failed", 1),
                                                   (408, "pending", 1), (429, "pending", 1), (503, "pending", 1),
                                                   (200, "delivered", 1)])
def test_client_errors_are_permanent(site_root, receiver, status, final, attempts,
                                     django_capture_on_commit_callbacks):
    receiver.status = status
    WebhookSubscriber.objects.create(name="接收方", url=receiver.url + "/hook", secret="s")
    with django_capture_on_commit_callbacks(execute=True):
        publish(site_root, Page(title="页面", slug="p"))
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (final, attempts)
    assert len(receiver.requests) == 1


@pytest.mark.django_db(transaction=True)
def test_webhooks_are_sent_with_no_transaction_open(site_root, receiver, monkeypatch):
    seen = []
    real_send = outbound.send

    def spy(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return real_send(*args, **kwargs)

    monkeypatch.setattr(outbound, "send", spy)
    WebhookSubscriber.objects.create(name="接收方", url=receiver.url + "/hook", secret="s")
    publish(site_root, Page(title="页面", slug="p"))
    assert seen == [False] and len(receiver.requests) == 1
    assert WebhookDelivery.objects.get().status == "delivered"


@pytest.mark.django_db
def test_a_claimed_delivery_is_leased(site_root):
    subscriber = WebhookSubscriber.objects.create(name="接收方", url="https://example.test/hook", secret="s")
    from cms.delivery.models import ContentEvent

    event = ContentEvent.objects.create(event="published", page_id=1, content_type="page", title="t",
                                        payload={}, created_at=timezone.now())
    delivery = WebhookDelivery.objects.create(event=event, subscriber=subscriber)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert tasks.claim(delivery.pk) is not None
    assert tasks.claim(delivery.pk) is None  # another worker skips it while the send runs
