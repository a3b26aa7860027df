"""What the SSO hardening costs per login: validating one signed SAML response with this project's
settings (strict; signed assertion *and* message required; SHA-1 refused; NameID required) against
allauth's default security settings as the baseline, in the same run.

    .venv/bin/python bench/sso_acs.py --runs 300

Self-contained: makes a throwaway IdP key pair with openssl and signs a SimpleSAMLphp-shaped
response (RSA-SHA256, assertion and response signed) with xmlsec, so no IdP needs to run.
"""
from __future__ import annotations

import argparse
import base64
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="bench-sso-"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from onelogin.saml2.auth import OneLogin_Saml2_Auth  # noqa: E402

from sso import saml  # noqa: E402
from sso.idps import IdpConfig  # noqa: E402
from tests.sso import forge  # noqa: E402

IDP = "https://idp.example.gov.cn/saml2/idp/metadata.php"


def t(delta_minutes: int = 0) -> str:
    return (datetime.now(timezone.utc) + timedelta(minutes=delta_minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def response_xml(acs: str, audience: str) -> bytes:
    attrs = {"uid": ["lina"], "mail": ["lina@scjgj.example.gov.cn"], "displayName": ["李娜"],
             "department": ["市场监督管理局"], "roles": ["editor", "reviewer", "portal_user"]}
    attribute_xml = "".join(
        f'<saml:Attribute Name="{k}">' + "".join(f"<saml:AttributeValue>{v}</saml:AttributeValue>" for v in vs) + "</saml:Attribute>"
        for k, vs in attrs.items()
    )
    return f"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"
 ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{t()}" Destination="{acs}"><saml:Issuer>{IDP}</saml:Issuer>
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
<saml:Assertion ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{t()}"><saml:Issuer>{IDP}</saml:Issuer>
<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">lina@scjgj.example.gov.cn</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="{t(5)}" Recipient="{acs}"/></saml:SubjectConfirmation></saml:Subject>
<saml:Conditions NotBefore="{t(-1)}" NotOnOrAfter="{t(5)}"><saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>
<saml:AuthnStatement AuthnInstant="{t()}" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>
<saml:AttributeStatement>{attribute_xml}</saml:AttributeStatement></saml:Assertion></samlp:Response>""".encode()


ALLAUTH_DEFAULT_SECURITY = {  # allauth.socialaccount.providers.saml.utils.build_saml_config defaults
    "authnRequestsSigned": False, "logoutRequestSigned": False, "logoutResponseSigned": False,
    "wantAssertionsSigned": False, "wantMessagesSigned": False, "wantNameId": False,
    "wantAttributeStatement": True, "rejectDeprecatedAlgorithm": True, "requestedAuthnContext": False,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    keys = Path(tempfile.mkdtemp(prefix="bench-sso-keys-"))
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2", "-subj", "/CN=bench",
                    "-keyout", str(keys / "idp.key"), "-out", str(keys / "idp.crt")], check=True, capture_output=True)
    cert = "".join(line for line in (keys / "idp.crt").read_text().splitlines() if "-----" not in line)
    idp_part = {"entityId": IDP, "singleSignOnService": {"url": "https://idp.example.gov.cn/sso"}, "x509cert": cert}

    idp = IdpConfig(slug="gov", name="bench")
    hardened = saml.saml_settings(idp, sp_only=True)
    hardened["idp"] = idp_part
    baseline = {**hardened, "security": ALLAUTH_DEFAULT_SECURITY}
    acs, audience = hardened["sp"]["assertionConsumerService"]["url"], hardened["sp"]["entityId"]
    path = acs.removeprefix(settings.BASE_URL)

    root = forge.parse(response_xml(acs, audience))
    forge.resign(root, str(keys / "idp.key"), str(keys / "idp.crt"))
    encoded = base64.b64encode(forge.etree.tostring(root)).decode()
    host = settings.BASE_URL.split("://", 1)[1]
    request = {"https": "off", "http_host": host, "script_name": "", "path_info": path, "get_data": {},
               "post_data": {"SAMLResponse": encoded}}

    def timed(config: dict, extra_checks: bool) -> list[float]:
        samples = []
        for _ in range(args.runs):
            start = time.perf_counter()
            if extra_checks:
                saml.check_post_message(encoded)
            auth = OneLogin_Saml2_Auth(request, config)
            auth.process_response()
            assert auth.is_authenticated(), auth.get_last_error_reason()
            samples.append(time.perf_counter() - start)
        return samples

    timed(baseline, False)  # warm up
    base = timed(baseline, False)
    hard = timed(hardened, True)
    print(f"{'ms per response':<48}{'mean':>8}{'p50':>8}{'p95':>8}")
    for label, s in (("allauth defaults (baseline)", base), ("hardened (sso.saml) + pre-checks", hard)):
        s = sorted(s)
        print(f"{label:<48}{statistics.mean(s) * 1000:8.2f}{s[len(s) // 2] * 1000:8.2f}{s[int(len(s) * 0.95)] * 1000:8.2f}")
    print(f"ratio hardened / baseline (mean): {statistics.mean(hard) / statistics.mean(base):.2f}")


if __name__ == "__main__":
    main()
