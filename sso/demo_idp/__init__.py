"""A demo SAML 2.0 identity provider (演示用统一身份认证), for the embedded default only.

It lets a newcomer see single sign-on work end to end on one machine: ``./run`` starts it beside
the site (``manage.py sso_demo_idp``), ``setup_demo`` registers it as the IdP ``demo``, and the
demo officials sign in there with their roles and sign out everywhere (single logout).

It is deliberately small and refuses to run under production settings: passwords are demo
passwords printed on the terminal, sessions live in memory, and there is one trusted service
provider (this site, read from its own SP metadata). Real deployments point
``SAML_IDP_METADATA_URL`` at their government's 统一身份认证 instead.

Built from the SAML pieces the SP already uses (python3-saml's signing helpers on xmlsec, lxml):
``messages`` makes and checks the XML, ``keys`` makes the demo key pairs, ``accounts`` holds the
demo officials, ``app`` is the WSGI application.
"""
