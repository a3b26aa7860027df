"""One login throttle for every password form (``/admin/login/``, ``/accounts/login/``, anything
that calls ``django.contrib.auth.authenticate``): it runs inside the project's authentication
backends (``sso.backends``), so no login view can bypass it.

It slows, it does not lock. Failures are counted in the shared cache (Redis in production) on
three keys, each with its own free allowance and a doubling wait after it:

* the account from one address (``LOGIN_THROTTLE_PAIR``: 5 free, then 1 s, 2 s, 4 s, ... up to
  15 min): an attacker guessing one official's password from one place;
* one address, any account (``LOGIN_THROTTLE_ADDRESS``: 30 free, up to 15 min): password spraying;
* one account, any address (``LOGIN_THROTTLE_ACCOUNT``: 50 free, capped at 30 s): a distributed
  guess. Its cap is short on purpose: this is the only key an attacker elsewhere shares with the
  real official, so the worst they can do to the official is a half-minute wait, never a lock-out.

While a key waits, every password (even the right one) is refused without being checked, the
refusal reason is ``throttled`` in the audit log (``sso.audit``), and ``request.login_retry_after``
holds the seconds to wait. Every login form shows the same words for it, ``refusal_error(request)``
("try again in 2 minutes"): allauth's sign-in (``sso.adapter``) and the Wagtail admin's
(``sso.forms.AdminLoginForm``). A successful login clears its pair key.
Client addresses come from ``config.client_address`` (``TRUSTED_PROXIES``).
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

from config.client_address import client_address


@dataclass(frozen=True)
class Tier:
    name: str
    free: int
    max_wait: int

    def key(self, username: str, address: str) -> str | None:
        parts = {"pair": (username, address), "address": (address,), "account": (username,)}[self.name]
        if not all(parts):
            return None
        digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]
        return f"login-throttle:{self.name}:{digest}"

    def wait(self, failures: int) -> int:
        if failures <= self.free:
            return 0
        return min(self.max_wait, 2 ** min(failures - self.free - 1, 30))


def tiers() -> list[Tier]:
    """Configured as ``(free failures, longest wait in seconds)`` per key."""
    return [Tier(name, *getattr(settings, f"LOGIN_THROTTLE_{name.upper()}")) for name in ("pair", "address", "account")]


def _normal(username) -> str:
    return str(username or "").strip().lower()[:150]


def retry_after(username, request, now: float | None = None) -> int:
    """Seconds until this account may try again from this address (0: now)."""
    now = time.time() if now is None else now
    address = client_address(request) or ""
    longest = 0
    for tier in tiers():
        key = tier.key(_normal(username), address)
        state = cache.get(key) if key else None
        if state:
            failures, last = state
            longest = max(longest, int(last + tier.wait(failures) - now + 0.999))
    return max(0, longest)


def record_failure(username, request, now: float | None = None) -> None:
    now = time.time() if now is None else now
    address = client_address(request) or ""
    for tier in tiers():
        key = tier.key(_normal(username), address)
        if key:
            failures, _last = cache.get(key) or (0, now)
            cache.set(key, (failures + 1, now), timeout=settings.LOGIN_THROTTLE_MEMORY)


def record_success(username, request) -> None:
    key = tiers()[0].key(_normal(username), client_address(request) or "")
    if key:
        cache.delete(key)


def refuse_if_throttled(request, username) -> bool:
    """Called by the backends before any password is checked; True means refuse."""
    if request is None or not username:
        return False
    wait = retry_after(username, request)
    if wait > 0:
        request.sso_refusal = "throttled"
        request.login_retry_after = wait
        return True
    return False


def wait_message(seconds: int) -> str:
    """The one sentence every login form shows while throttled: the wait in seconds under a
    minute, else in whole minutes rounded up (waits are at most 15 minutes)."""
    if seconds < 60:
        return ngettext("登录尝试过于频繁，请 %(count)d 秒后再试。", "登录尝试过于频繁，请 %(count)d 秒后再试。",
                        seconds) % {"count": seconds}
    minutes = -(-seconds // 60)
    return ngettext("登录尝试过于频繁，请 %(count)d 分钟后再试。", "登录尝试过于频繁，请 %(count)d 分钟后再试。",
                    minutes) % {"count": minutes}


def refusal_error(request) -> forms.ValidationError | None:
    """The form error for a password refused by the throttle (None when it was not throttled):
    the official learns to wait rather than to doubt their password."""
    wait = getattr(request, "login_retry_after", 0)
    if not wait:
        return None
    return forms.ValidationError(wait_message(wait), code="throttled")


# --- signal receivers (connected in SsoConfig.ready) ------------------------------------------------
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    if request is not None:
        record_failure(credentials.get("username") or credentials.get("email"), request)


def on_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and user is not None:
        record_success(user.get_username(), request)
