"""Single sign-on over SAML 2.0 through django-allauth and python3-saml: identity providers from
the environment and the admin, strict validation, attribute mapping (all role values kept),
just-in-time provisioning, roles mapped to groups and department permissions, single logout,
session hardening and the login audit log.
"""
