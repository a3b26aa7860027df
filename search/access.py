"""Who may see what: the access tokens of a user, matched against ``SearchDocument.access``."""
from __future__ import annotations

from search.documents import AUTHENTICATED, PUBLIC, group_token


def access_tokens(user) -> list[str]:
    """Anonymous: public only. Logged in: plus ``authenticated`` and one token per group.
    Superusers are not special here: search shows what their groups allow, like everyone."""
    tokens = [PUBLIC]
    if user is not None and user.is_authenticated:
        tokens.append(AUTHENTICATED)
        tokens.extend(group_token(name) for name in user.groups.values_list("name", flat=True))
    return tokens
