"""Headless delivery of the CMS: the typed content API with its OpenAPI description, draft preview
tokens for external front ends, HTTP caching (ETag, Last-Modified, purge on publish), CORS and
rate limiting, and signed webhooks delivered through an outbox.
"""
