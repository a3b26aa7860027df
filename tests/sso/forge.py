"""Forging SAML responses from a real one, for the refusal tests: change a field, strip or add
signatures, re-sign with the IdP's key (to prove a check other than the signature catches it) or
with another key (to prove the signature check does)."""
from __future__ import annotations

import base64
import copy
from datetime import datetime, timedelta, timezone

import xmlsec
from lxml import etree

NS = {
    "samlp": "urn:oasis:names:tc:SAML:2.0:protocol",
    "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
    "ds": "http://www.w3.org/2000/09/xmldsig#",
}
SHA256 = (xmlsec.Transform.RSA_SHA256, xmlsec.Transform.SHA256)
SHA1 = (xmlsec.Transform.RSA_SHA1, xmlsec.Transform.SHA1)


def parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))


def encode(root: etree._Element) -> str:
    return base64.b64encode(etree.tostring(root)).decode()


def assertion(root):
    return root.find("saml:Assertion", NS)


def strip_signatures(element) -> None:
    for sig in element.findall("ds:Signature", NS):
        element.remove(sig)


def strip_all_signatures(root) -> None:
    strip_signatures(root)
    strip_signatures(assertion(root))


def sign(element, key_file: str, cert_file: str, algorithms=SHA256) -> None:
    """Enveloped signature over ``element`` (by its ID), placed after its Issuer as SAML wants."""
    strip_signatures(element)
    sig_alg, digest_alg = algorithms
    signature = xmlsec.template.create(element, xmlsec.Transform.EXCL_C14N, sig_alg, ns="ds")
    element.find("saml:Issuer", NS).addnext(signature)
    ref = xmlsec.template.add_reference(signature, digest_alg, uri="#" + element.get("ID"))
    xmlsec.template.add_transform(ref, xmlsec.Transform.ENVELOPED)
    xmlsec.template.add_transform(ref, xmlsec.Transform.EXCL_C14N)
    key_info = xmlsec.template.ensure_key_info(signature)
    x509 = xmlsec.template.add_x509_data(key_info)
    xmlsec.template.x509_data_add_certificate(x509)
    key = xmlsec.Key.from_file(key_file, xmlsec.KeyFormat.PEM)
    key.load_cert_from_file(cert_file, xmlsec.KeyFormat.PEM)
    ctx = xmlsec.SignatureContext()
    ctx.key = key
    ctx.register_id(element, "ID")
    ctx.sign(signature)


def resign(root, key_file: str, cert_file: str, algorithms=SHA256) -> None:
    """Sign the assertion, then the whole response (as the IdP does)."""
    sign(assertion(root), key_file, cert_file, algorithms)
    sign(root, key_file, cert_file, algorithms)


def set_attribute(root, name: str, values: list[str]) -> None:
    attr = assertion(root).find(f".//saml:Attribute[@Name='{name}']", NS)
    for old in attr.findall("saml:AttributeValue", NS):
        attr.remove(old)
    for value in values:
        etree.SubElement(attr, f"{{{NS['saml']}}}AttributeValue").text = value


def set_name_id(root, value: str) -> None:
    assertion(root).find("saml:Subject/saml:NameID", NS).text = value


def expire(root) -> None:
    past = (datetime.now(timezone.utc) - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    older = (datetime.now(timezone.utc) - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    a = assertion(root)
    for node in a.iter(f"{{{NS['saml']}}}SubjectConfirmationData"):
        node.set("NotOnOrAfter", past)
    conditions = a.find("saml:Conditions", NS)
    conditions.set("NotBefore", older)
    conditions.set("NotOnOrAfter", past)


def set_audience(root, value: str) -> None:
    for node in assertion(root).iter(f"{{{NS['saml']}}}Audience"):
        node.text = value


def set_destination(root, value: str) -> None:
    root.set("Destination", value)


def set_issuer(root, value: str) -> None:
    root.find("saml:Issuer", NS).text = value
    assertion(root).find("saml:Issuer", NS).text = value


def wrap_signature(root, evil_name_id: str) -> None:
    """XSW: an unsigned evil assertion first, the genuinely signed one hidden inside it."""
    original = assertion(root)
    evil = copy.deepcopy(original)
    strip_signatures(evil)
    evil.set("ID", "_evil" + original.get("ID")[1:])
    evil.find("saml:Subject/saml:NameID", NS).text = evil_name_id
    root.remove(original)
    extensions = etree.SubElement(evil, f"{{{NS['saml']}}}Advice")
    extensions.append(original)
    root.append(evil)


def with_doctype(xml: bytes) -> bytes:
    """The same response behind a DTD with an entity (billion-laughs / XXE shaped)."""
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    return b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "xxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]>' + body
