"""#13 item 2: a strict Content-Security-Policy on every response (admin allowances only under
/admin/), HSTS and the HTTPS redirect on by default in production."""
import os
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def directives(response) -> dict[str, set[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    assert header, "no Content-Security-Policy header"
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: set(part[1:]) for part in parts}


@pytest.mark.parametrize("path", ["/", "/search/?q=x", "/api/v1/content/", "/portal/", "/accounts/login/",
                                  "/does-not-exist/"])
def test_public_responses_carry_a_strict_policy(client, site, path):
    policy = directives(client.get(path))
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["script-src"] >= {"'self'"} and policy["style-src"] == {"'self'"}
    assert policy["object-src"] == {"'none'"} and policy["base-uri"] == {"'self'"}
    assert policy["frame-ancestors"] == {"'self'"}


def test_the_admin_gets_its_allowances_only_there(client, site):
    policy = directives(client.get("/admin/login/"))
    assert "'unsafe-inline'" in policy["script-src"] and policy["object-src"] == {"'none'"}


def test_a_nonce_is_added_when_a_template_uses_it(rf):
    from django.http import HttpResponse

    from config.csp import ContentSecurityPolicyMiddleware

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    request = rf.get("/")
    response = ContentSecurityPolicyMiddleware(view)(request)
    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]


def test_the_reused_header_is_the_one_django_csp_builds_and_overrides_still_apply(rf):
    from csp.decorators import csp_update
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from config.csp import ContentSecurityPolicyMiddleware

    plain = lambda request: HttpResponse("x")  # noqa: E731
    ours = ContentSecurityPolicyMiddleware(plain)
    for path in ("/", "/admin/pages/", "/", "/admin/pages/"):
        reference = CSPMiddleware(plain)(rf.get(path))["Content-Security-Policy"]
        if path.startswith("/admin/"):
            assert "'unsafe-inline'" in ours(rf.get(path))["Content-Security-Policy"]
        else:
            assert ours(rf.get(path))["Content-Security-Policy"] == reference
    updated = ContentSecurityPolicyMiddleware(csp_update({"img-src": "https://tiles.example"})(plain))
    assert "https://tiles.example" in updated(rf.get("/"))["Content-Security-Policy"]
    assert "https://tiles.example" not in ours(rf.get("/"))["Content-Security-Policy"]


def test_production_redirects_to_https_and_sends_hsts():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 50,
           "ALLOWED_HOSTS": "www.example.gov.cn", "DEBUG": "false"}
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        env.pop(name, None)
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_REDIRECT_EXEMPT)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1].startswith("True 31536000")
