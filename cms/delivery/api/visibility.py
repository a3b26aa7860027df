"""What an anonymous client of the API may see: the project's one rule (``cms.visibility``).
Every endpoint starts from these querysets; nothing in the API reads pages any other way (except
the token-gated preview)."""
from __future__ import annotations

from cms.visibility import expiring_models, is_public, not_expired_q, public_pages  # noqa: F401
