"""SAML messages of the demo IdP: its metadata, the signed Response to an AuthnRequest, and the
logout messages, plus the HTTP-Redirect binding (deflate, base64, detached signature).

Pure functions over strings and keys, so the tests can check every refusal without a server.
Signatures use python3-saml's helpers (xmlsec): assertions and whole responses are signed with
RSA-SHA256, as the SP demands (``sso.saml``: signed assertions and messages, no SHA-1).
"""
from __future__ import annotations

import base64
import time
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, unquote

from onelogin.saml2.constants import OneLogin_Saml2_Constants as C
from onelogin.saml2.utils import OneLogin_Saml2_Utils as U
from onelogin.saml2.xml_utils import OneLogin_Saml2_XML as X

from sso.demo_idp.accounts import DemoOfficial

ASSERTION_LIFETIME = 300  # seconds, as SimpleSAMLphp and most IdPs
SESSION_LIFETIME = 8 * 60 * 60
NS = {"samlp": C.NS_SAMLP, "saml": C.NS_SAML, "md": C.NS_MD, "ds": C.NS_DS}


class MessageError(ValueError):
    """A message the IdP refuses; ``str(exc)`` is a short reason code shown to the user."""


@dataclass(frozen=True)
class ServiceProvider:
    """What the IdP knows about its one SP, read from the SP's own metadata."""

    entity_id: str
    acs_url: str
    sls_url: str
    cert: str
    authn_requests_signed: bool


@dataclass(frozen=True)
class Inbound:
    """An AuthnRequest or LogoutRequest/Response that arrived over the HTTP-Redirect binding."""

    kind: str  # "AuthnRequest", "LogoutRequest", "LogoutResponse"
    id: str
    issuer: str
    relay_state: str | None
    acs_url: str = ""
    name_id: str = ""
    in_response_to: str = ""


def saml_time(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def _cert_body(cert_pem: str) -> str:
    return U.format_cert(cert_pem, heads=False)


def idp_metadata(entity_id: str, base_url: str, cert_pem: str) -> str:
    return (
        f'<md:EntityDescriptor xmlns:md="{C.NS_MD}" xmlns:ds="{C.NS_DS}" entityID="{escape(entity_id)}">'
        f'<md:IDPSSODescriptor protocolSupportEnumeration="{C.NS_SAMLP}" WantAuthnRequestsSigned="true">'
        f'<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{_cert_body(cert_pem)}'
        f"</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        f'<md:SingleLogoutService Binding="{C.BINDING_HTTP_REDIRECT}" Location="{escape(base_url)}/slo"/>'
        f"<md:NameIDFormat>{C.NAMEID_UNSPECIFIED}</md:NameIDFormat>"
        f'<md:SingleSignOnService Binding="{C.BINDING_HTTP_REDIRECT}" Location="{escape(base_url)}/sso"/>'
        f"</md:IDPSSODescriptor></md:EntityDescriptor>"
    )


def _parse(xml: bytes | str):
    data = xml.encode() if isinstance(xml, str) else xml
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise MessageError("dtd_or_entity")
    try:
        return X.to_etree(data)
    except Exception as exc:
        raise MessageError("not_xml") from exc


def parse_sp_metadata(xml: bytes | str) -> ServiceProvider:
    root = _parse(xml)
    sp = root.find("md:SPSSODescriptor", NS)
    if sp is None:
        raise MessageError("no_sp_descriptor")

    def location(tag: str, binding: str) -> str:
        for node in sp.findall(f"md:{tag}", NS):
            if node.get("Binding") == binding:
                return node.get("Location", "")
        return ""

    cert = ""
    for key in sp.findall("md:KeyDescriptor", NS):
        if key.get("use") in (None, "signing"):
            node = key.find(".//ds:X509Certificate", NS)
            if node is not None and node.text:
                cert = U.format_cert("".join(node.text.split()))
                break
    return ServiceProvider(
        entity_id=root.get("entityID", ""),
        acs_url=location("AssertionConsumerService", C.BINDING_HTTP_POST),
        sls_url=location("SingleLogoutService", C.BINDING_HTTP_REDIRECT),
        cert=cert,
        authn_requests_signed=sp.get("AuthnRequestsSigned") == "true",
    )


# --- HTTP-Redirect binding ------------------------------------------------------------------------

def _raw_params(query_string: str) -> dict[str, str]:
    params = {}
    for part in query_string.split("&"):
        name, _, value = part.partition("=")
        params.setdefault(name, value)
    return params


def read_redirect(query_string: str, sp: ServiceProvider, *, require_signature: bool) -> tuple[bytes, str | None]:
    """Check the detached signature over the raw query (as the sender encoded it) and inflate the message."""
    raw = _raw_params(query_string)
    kind = "SAMLRequest" if "SAMLRequest" in raw else "SAMLResponse" if "SAMLResponse" in raw else ""
    if not kind:
        raise MessageError("missing_message")
    relay_state = unquote(raw["RelayState"].replace("+", " ")) if "RelayState" in raw else None
    if "Signature" in raw or require_signature:
        if "Signature" not in raw or "SigAlg" not in raw:
            raise MessageError("unsigned")
        alg = unquote(raw["SigAlg"])
        if alg not in (C.RSA_SHA256, C.RSA_SHA384, C.RSA_SHA512):
            raise MessageError("weak_signature_algorithm")
        signed = "&".join(f"{n}={raw[n]}" for n in (kind, "RelayState", "SigAlg") if n in raw)
        try:
            signature = base64.b64decode(unquote(raw["Signature"]))
        except ValueError as exc:
            raise MessageError("bad_signature") from exc
        if not sp.cert or not U.validate_binary_sign(signed, signature, sp.cert, alg):
            raise MessageError("bad_signature")
    try:
        xml = U.decode_base64_and_inflate(unquote(raw[kind]))
    except Exception as exc:
        raise MessageError("bad_encoding") from exc
    return (xml if isinstance(xml, bytes) else xml.encode()), relay_state


def parse_inbound(xml: bytes, relay_state: str | None, sp: ServiceProvider) -> Inbound:
    root = _parse(xml)
    kind = root.tag.rsplit("}", 1)[-1]
    if kind not in ("AuthnRequest", "LogoutRequest", "LogoutResponse"):
        raise MessageError("unexpected_message")
    issuer_node = root.find("saml:Issuer", NS)
    issuer = (issuer_node.text or "").strip() if issuer_node is not None else ""
    if issuer != sp.entity_id:
        raise MessageError("unknown_service_provider")
    message = Inbound(kind=kind, id=root.get("ID", ""), issuer=issuer, relay_state=relay_state)
    if kind == "AuthnRequest":
        acs = root.get("AssertionConsumerServiceURL") or sp.acs_url
        if acs != sp.acs_url:  # never post an assertion anywhere but the registered ACS
            raise MessageError("unknown_acs")
        return Inbound(**{**message.__dict__, "acs_url": acs})
    if kind == "LogoutRequest":
        node = root.find("saml:NameID", NS)
        return Inbound(**{**message.__dict__, "name_id": (node.text or "").strip() if node is not None else ""})
    return Inbound(**{**message.__dict__, "in_response_to": root.get("InResponseTo", "")})


def redirect_url(target: str, kind: str, xml: str, relay_state: str | None, key_pem: str) -> str:
    """``target?SAMLRequest|SAMLResponse=…&RelayState=…&SigAlg=…&Signature=…`` signed with RSA-SHA256."""
    query = f"{kind}={quote(U.deflate_and_base64_encode(xml), safe='')}"
    if relay_state is not None:
        query += f"&RelayState={quote(relay_state, safe='')}"
    query += f"&SigAlg={quote(C.RSA_SHA256, safe='')}"
    signature = U.sign_binary(query, key_pem)
    query += f"&Signature={quote(base64.b64encode(signature).decode(), safe='')}"
    return f"{target}{'&' if '?' in target else '?'}{query}"


# --- messages the IdP sends ------------------------------------------------------------------------

def _sign(xml: str, key_pem: str, cert_pem: str) -> str:
    signed = U.add_sign(xml, key_pem, cert_pem, sign_algorithm=C.RSA_SHA256, digest_algorithm=C.SHA256)
    return signed.decode() if isinstance(signed, bytes) else signed


def _attribute(name: str, values: list[str]) -> str:
    items = "".join(f"<saml:AttributeValue>{escape(v)}</saml:AttributeValue>" for v in values)
    return f'<saml:Attribute Name="{escape(name)}" NameFormat="{C.ATTRNAME_FORMAT_BASIC}">{items}</saml:Attribute>'


def authn_response(
    request: Inbound, official: DemoOfficial, sp: ServiceProvider, *, idp_entity_id: str, session_index: str,
    key_pem: str, cert_pem: str, now: float | None = None,
) -> str:
    """A Response with a signed Assertion, itself signed (base64 for the HTTP-POST binding)."""
    now = time.time() if now is None else now
    issued, until = saml_time(now), saml_time(now + ASSERTION_LIFETIME)
    attributes = "".join(_attribute(name, values) for name, values in official.attributes().items())
    assertion = (
        f'<saml:Assertion xmlns:saml="{C.NS_SAML}" ID="{U.generate_unique_id()}" Version="2.0" IssueInstant="{issued}">'
        f"<saml:Issuer>{escape(idp_entity_id)}</saml:Issuer>"
        f'<saml:Subject><saml:NameID Format="{C.NAMEID_UNSPECIFIED}">{escape(official.uid)}</saml:NameID>'
        f'<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData NotOnOrAfter="{until}" Recipient="{escape(request.acs_url)}" InResponseTo="{escape(request.id)}"/>'
        f"</saml:SubjectConfirmation></saml:Subject>"
        f'<saml:Conditions NotBefore="{saml_time(now - 30)}" NotOnOrAfter="{until}">'
        f"<saml:AudienceRestriction><saml:Audience>{escape(sp.entity_id)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
        f'<saml:AuthnStatement AuthnInstant="{issued}" SessionIndex="{escape(session_index)}" '
        f'SessionNotOnOrAfter="{saml_time(now + SESSION_LIFETIME)}"><saml:AuthnContext>'
        f"<saml:AuthnContextClassRef>{C.AC_PASSWORD_PROTECTED}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
        f"<saml:AttributeStatement>{attributes}</saml:AttributeStatement></saml:Assertion>"
    )
    signed_assertion = _sign(assertion, key_pem, cert_pem)
    response = (
        f'<samlp:Response xmlns:samlp="{C.NS_SAMLP}" xmlns:saml="{C.NS_SAML}" ID="{U.generate_unique_id()}" Version="2.0" '
        f'IssueInstant="{issued}" Destination="{escape(request.acs_url)}" InResponseTo="{escape(request.id)}">'
        f"<saml:Issuer>{escape(idp_entity_id)}</saml:Issuer>"
        f'<samlp:Status><samlp:StatusCode Value="{C.STATUS_SUCCESS}"/></samlp:Status>'
        f"{_strip_declaration(signed_assertion)}</samlp:Response>"
    )
    return base64.b64encode(_sign(response, key_pem, cert_pem).encode()).decode()


def _strip_declaration(xml: str) -> str:
    return xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml


def logout_response(in_response_to: str, destination: str, *, idp_entity_id: str, now: float | None = None) -> str:
    issued = saml_time(time.time() if now is None else now)
    return (
        f'<samlp:LogoutResponse xmlns:samlp="{C.NS_SAMLP}" xmlns:saml="{C.NS_SAML}" ID="{U.generate_unique_id()}" '
        f'Version="2.0" IssueInstant="{issued}" Destination="{escape(destination)}" InResponseTo="{escape(in_response_to)}">'
        f"<saml:Issuer>{escape(idp_entity_id)}</saml:Issuer>"
        f'<samlp:Status><samlp:StatusCode Value="{C.STATUS_SUCCESS}"/></samlp:Status></samlp:LogoutResponse>'
    )


def logout_request(name_id: str, session_index: str, destination: str, *, idp_entity_id: str, now: float | None = None) -> tuple[str, str]:
    """``(request id, xml)`` of an IdP-initiated LogoutRequest for the SP's session."""
    request_id = U.generate_unique_id()
    now = time.time() if now is None else now
    xml = (
        f'<samlp:LogoutRequest xmlns:samlp="{C.NS_SAMLP}" xmlns:saml="{C.NS_SAML}" ID="{request_id}" Version="2.0" '
        f'IssueInstant="{saml_time(now)}" Destination="{escape(destination)}" NotOnOrAfter="{saml_time(now + ASSERTION_LIFETIME)}">'
        f"<saml:Issuer>{escape(idp_entity_id)}</saml:Issuer>"
        f'<saml:NameID Format="{C.NAMEID_UNSPECIFIED}">{escape(name_id)}</saml:NameID>'
        f"<samlp:SessionIndex>{escape(session_index)}</samlp:SessionIndex></samlp:LogoutRequest>"
    )
    return request_id, xml
