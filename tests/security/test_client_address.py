"""One client-address rule (config.client_address) for audit log, rate limits and analytics."""
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from config.client_address import client_address, parse_networks

rf = RequestFactory()


def _req(remote="198.51.100.7", xff=None):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return rf.get("/", **meta)


def test_it_uses_the_peer_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_req(xff="1.2.3.4")) == "198.51.100.7"


def test_it_believes_only_our_own_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # the client wrote a fake left-most entry; the balancer appended the real peer
    assert client_address(_req("10.1.2.3", "6.6.6.6, 203.0.113.9")) == "203.0.113.9"
    # two hops of ours
    assert client_address(_req("10.1.2.3", "203.0.113.9, 10.9.9.9")) == "203.0.113.9"
    # a request that bypassed the balancer: the header is not believed
    assert client_address(_req("198.51.100.7", "6.6.6.6")) == "198.51.100.7"


@pytest.mark.parametrize("xff", ["", "garbage", "\x00", "203.0.113.9:443", "[2001:db8::1]:443"])
def test_it_never_raises_on_a_malformed_header(settings, xff):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    result = client_address(_req("10.1.2.3", xff))
    assert result in {"10.1.2.3", "203.0.113.9", "2001:db8::1"}


def test_it_rejects_a_bad_setting():
    with pytest.raises(ImproperlyConfigured):
        parse_networks(["10.0.0.0/8", "not-a-net"])


@pytest.mark.django_db
def test_the_audit_log_records_the_client_not_the_balancer(client, settings):
    from sso.models import AuthEvent

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    client.post("/admin/login/", {"username": "nobody", "password": "wrong"},
                HTTP_X_FORWARDED_FOR="203.0.113.44")
    addresses = set(AuthEvent.objects.values_list("ip_address", flat=True))
    assert "203.0.113.44" in addresses
