"""#13 item 12: one throttle for every login form, per account+address, per address and per account,
that slows an attacker without locking the official out; the audit log records it."""
import time

import pytest
from django.contrib.auth.models import User

from sso import throttle
from sso.models import AuthEvent

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

FORMS = {
    "admin": ("/admin/login/", "username"),
    "accounts": ("/accounts/login/", "login"),
}


@pytest.fixture(autouse=True)
def clean_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def official(db):
    return User.objects.create_user("wangfang", "w@example.test", "Correct-horse-2026", is_staff=True)


def attempt(client, form, password, address):
    path, field = FORMS[form]
    client.logout()
    response = client.post(path, {field: "wangfang", "password": password}, REMOTE_ADDR=address)
    return response.status_code == 302 and "_auth_user_id" in client.session


@pytest.mark.parametrize("form", FORMS)
def test_guessing_is_slowed_and_the_official_is_not_locked_out(client, official, settings, form):
    settings.SSO_ALLOW_LOCAL_LOGIN = True
    for _ in range(6):
        assert not attempt(client, form, "wrong", "203.0.113.66")
    # the attacker's address now waits, even with the right password ...
    assert not attempt(client, form, "Correct-horse-2026", "203.0.113.66")
    assert AuthEvent.objects.filter(reason="throttled", username="wangfang", ip_address="203.0.113.66").exists()
    # ... while the official, elsewhere, signs in at once
    assert attempt(client, form, "Correct-horse-2026", "198.51.100.10")


def test_the_same_throttle_covers_both_forms(client, official, settings):
    settings.SSO_ALLOW_LOCAL_LOGIN = True
    for form in ("admin", "accounts", "admin", "accounts", "admin", "accounts"):
        attempt(client, form, "wrong", "203.0.113.67")
    assert throttle.retry_after("wangfang", _request("203.0.113.67")) > 0


def _request(address):
    from django.test import RequestFactory

    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_waits_double_and_the_account_key_never_locks(settings):
    now = time.time()
    attacker = _request("203.0.113.1")
    for _ in range(5):
        throttle.record_failure("lina", attacker, now=now)
    assert throttle.retry_after("lina", attacker, now=now) == 0  # five free
    throttle.record_failure("lina", attacker, now=now)
    assert throttle.retry_after("lina", attacker, now=now) == 1
    for _ in range(20):
        throttle.record_failure("lina", attacker, now=now)
    assert throttle.retry_after("lina", attacker, now=now) == 15 * 60  # capped
    # a distributed guess from 60 addresses: the official's own address waits at most 30 s
    for n in range(60):
        throttle.record_failure("lina", _request(f"198.18.0.{n}"), now=now)
    assert 0 < throttle.retry_after("lina", _request("192.0.2.55"), now=now) <= 30
    # spraying many accounts from one address slows that address
    for n in range(31):
        throttle.record_failure(f"user{n}", _request("203.0.113.9"), now=now)
    assert throttle.retry_after("someone-else", _request("203.0.113.9"), now=now) > 0


def test_a_success_clears_its_own_key(settings):
    request = _request("203.0.113.2")
    for _ in range(6):
        throttle.record_failure("lina", request)
    throttle.record_success("lina", request)
    assert throttle.retry_after("lina", request) == 0


@pytest.mark.parametrize("form", FORMS)
def test_both_login_forms_say_how_long_to_wait(client, official, settings, form):
    """One throttle, one message: the Wagtail admin's login and allauth's sign-in both show the
    wait (capped at 15 minutes after enough failures), not "wrong password"."""
    settings.SSO_ALLOW_LOCAL_LOGIN = True
    for _ in range(20):
        attempt(client, form, "wrong", "203.0.113.68")
    path, field = FORMS[form]
    response = client.post(path, {field: "wangfang", "password": "Correct-horse-2026"}, REMOTE_ADDR="203.0.113.68")
    body = response.content.decode()
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "登录尝试过于频繁，请 15 分钟后再试。" in body
    response = client.post(path, {field: "wangfang", "password": "Correct-horse-2026"}, REMOTE_ADDR="203.0.113.68",
                           HTTP_ACCEPT_LANGUAGE="en")
    assert "Too many sign-in attempts: please try again in 15 minutes." in response.content.decode()


def test_the_wait_is_said_in_seconds_or_whole_minutes():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert throttle.wait_message(45) == "登录尝试过于频繁，请 45 秒后再试。"
        assert throttle.wait_message(61) == "登录尝试过于频繁，请 2 分钟后再试。"
    with translation.override("en"):
        assert throttle.wait_message(1) == "Too many sign-in attempts: please try again in 1 second."
        assert throttle.wait_message(60) == "Too many sign-in attempts: please try again in 1 minute."
