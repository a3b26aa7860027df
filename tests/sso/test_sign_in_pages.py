"""The staff sign-in pages in the site's theme: Chinese, labelled, the IdP chooser, no links to
features that are off, and plain messages for refused passwords, lock-out and SSO errors."""
from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]

IDP_XML = "<md:EntityDescriptor xmlns:md='urn:oasis:names:tc:SAML:2.0:metadata' entityID='x'/>"


@pytest.fixture
def two_idps(db):
    from sso.models import IdentityProvider

    IdentityProvider.objects.create(slug="demo", name="明川市统一身份认证（演示）", metadata_xml=IDP_XML)
    IdentityProvider.objects.create(slug="district", name="东城区统一身份认证", metadata_xml=IDP_XML)


def test_the_sign_in_page_is_themed_labelled_and_offers_no_sign_up_or_reset(client):
    response = client.get("/accounts/login/?next=/portal/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "themes/base.css" in body and 'class="site-header"' in body  # the theme's frame
    assert re.search(r'<html lang="zh-Hans"', body)
    assert "<h1>工作人员登录</h1>" in body
    for field in ("id_login", "id_password"):
        assert f'<label for="{field}">' in body
    assert "/accounts/signup/" not in body and "/accounts/password/reset/" not in body
    assert 'autocomplete="current-password"' in body


def test_it_offers_every_identity_provider_and_keeps_next(client, two_idps):
    body = client.get("/accounts/login/?local=1&next=/portal/").content.decode()
    assert 'href="/sso/saml/demo/login/?next=%2Fportal%2F"' in body
    assert "通过东城区统一身份认证登录" in body
    assert "本地账号登录（系统管理员应急使用）" in body


def test_the_sso_chooser_is_themed_and_lists_each_idp(client, two_idps):
    response = client.get("/sso/login/?next=/portal/")
    body = response.content.decode()
    assert response.status_code == 200 and "themes/base.css" in body
    assert body.count('class="button button--primary idp-button"') == 2
    assert "/sso/saml/district/login/?next=%2Fportal%2F" in body


def test_a_wrong_password_gets_an_alert_tied_to_the_form(client):
    get_user_model().objects.create_user("clerk", password="right-password-123")
    response = client.post("/accounts/login/", {"login": "clerk", "password": "wrong"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert" id="login-errors"' in body and 'aria-describedby="login-errors"' in body


def test_lock_out_after_repeated_failures_says_so(client, settings, monkeypatch):
    from types import SimpleNamespace

    from django.core.cache import cache

    from sso import throttle

    # The first waits are 1 s, 2 s, ...: on a busy machine the wait could end between two posts.
    # The throttle's clock stands still here, so every post happens at the same instant.
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: 1_900_000_000.0))
    cache.clear()
    get_user_model().objects.create_user("clerk", password="right-password-123")
    messages = []
    for _ in range(7):
        body = client.post("/accounts/login/", {"login": "clerk", "password": "wrong"}).content.decode()
        messages.append(re.search(r'id="login-errors">\s*<p>(.*?)</p>', body, re.S).group(1).strip())
    assert messages[0] != messages[-1]  # the lock-out message is not the wrong-password one
    body = client.post("/accounts/login/", {"login": "clerk", "password": "right-password-123"}).content.decode()
    # still locked out, even with the right password (the wait it names may have gone down a second)
    assert re.sub(r"\d+", "N", messages[-1]) in re.sub(r"\d+", "N", body) and "秒后再试" in messages[-1]
    cache.clear()


def test_sso_errors_are_plain_themed_pages(client, two_idps):
    response = client.get("/sso/saml/demo/acs/finish/")
    body = response.content.decode()
    assert response.status_code == 400 and "themes/base.css" in body
    assert 'role="alert"' in body and "登录流程已过期" in body and "expired_acs_session" in body
