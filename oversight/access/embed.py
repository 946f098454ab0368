"""Signed wall URLs: `?token=` is an HMAC of the scope and an expiry, so a link cannot be widened.

token = "<expiry unix seconds>.<hex HMAC-SHA256(secret, canonical scope + '|' + expiry)>"
The scope is the wall's presets (district, year, theme, …) in a canonical order. Without a
configured secret the wall is open (as the dashboard is); with one, every wall URL needs a token.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import time
from urllib.parse import urlencode

SECRET_ENV = "OVERSIGHT_EMBED_SECRET"
SCOPE_KEYS = ("district", "town", "unit", "year", "theme", "category", "grade")
# ASCII digits only (str.isdigit() takes '²', which int() refuses) and few of them (int() refuses 5000).
_TOKEN = re.compile(r"([0-9]{1,12})\.([0-9a-f]{64})")


def canonical(scope: dict[str, object]) -> str:
    """The scope as signed: known keys only, sorted, empty values left out."""
    items = sorted((k, str(v)) for k, v in scope.items() if k in SCOPE_KEYS and v not in (None, ""))
    return urlencode(items)


def sign(scope: dict[str, object], expires: int, secret: str) -> str:
    mac = hmac.new(secret.encode(), f"{canonical(scope)}|{expires}".encode(), hashlib.sha256).hexdigest()
    return f"{expires}.{mac}"


def expiry(token: object) -> int | None:
    """The expiry a well-formed token states (not yet checked against its signature), else None."""
    match = _TOKEN.fullmatch(token) if isinstance(token, str) else None
    return int(match.group(1)) if match else None


def check(scope: dict[str, object], token: object, secret: str, now: float | None = None) -> tuple[bool, str]:
    """(allowed, reason). Never raises, whatever the token or scope holds; the reason is for the log."""
    if not token:
        return False, "no token"
    expires = expiry(token)
    if expires is None:
        return False, "malformed token"
    try:
        expected = sign(scope, expires, secret).partition(".")[2]
    except (UnicodeError, ValueError, TypeError):  # e.g. a lone surrogate in a scope value
        return False, "malformed scope"
    if not hmac.compare_digest(str(token).partition(".")[2], expected):
        return False, "signature does not match the scope"
    if expires < (time.time() if now is None else now):
        return False, "token expired"
    return True, "ok"


def secret_from_env() -> str | None:
    return os.environ.get(SECRET_ENV) or None


def wall_url(base: str, scope: dict[str, object], secret: str | None, days: float, extra: dict | None = None) -> str:
    """A URL for the wall with its presets and, when a secret is set, a token valid for `days`."""
    params = {k: v for k, v in scope.items() if v not in (None, "")}
    if secret:
        params["token"] = sign(scope, int(time.time() + days * 86400), secret)
    params.update({"embed": "true", **(extra or {})})
    return f"{base.rstrip('/')}/bigscreen?{urlencode(params)}"
