"""Is preparation mode's sign-in set up strongly enough to guard figures under embargo?

Streamlit signs the `_streamlit_user` cookie, which says who is signed in, with `[auth]
cookie_secret` (an HMAC, itsdangerous). Whoever knows or guesses the secret can
sign a cookie naming anyone on the allow-list and is let in without the identity provider, so a
short or patterned secret is refused, as is a provider whose metadata cannot be fetched (no one
could sign in properly) and an allow-list without a single entry. No Streamlit import here, and
below both users: the CLI checks this before it starts the server (noegletal.dashboard_server),
the dashboard's gate (dashboards.access) before it shows a figure under embargo.
"""

from __future__ import annotations

import json
import math
import tomllib
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

SECTION = "fortrolig"
AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
MIN_SECRET_BYTES = 32
# What the secret must be worth at least, estimated from its characters (Shannon entropy x
# length): 128 bits; `secrets.token_hex(32)` gives about 240, "x" * 32 gives 0.
MIN_SECRET_BITS = 128
METADATA_TIMEOUT = 5.0  # seconds
ALLOW_KEYS = ("allowed_emails", "allowed_groups")


def configuration_problem(secrets: dict) -> str | None:
    """What is missing or too weak for preparation mode's sign-in, in Danish; None when all is
    there. Also used by `noegletal serve --fortrolig` before it starts the server (which then
    also fetches the provider's metadata: sign_in_checks.provider_problem)."""
    auth = secrets.get("auth") or {}
    missing = [f"[auth] {key}" for key in AUTH_KEYS if not auth.get(key)]
    # the default provider's keys in [auth], or a named provider in [auth.<name>]
    providers = [auth] + [v for v in auth.values() if isinstance(v, dict)]
    if not any(all(p.get(key) for key in PROVIDER_KEYS) for p in providers):
        missing.append("[auth] " + ", ".join(PROVIDER_KEYS))
    allow = secrets.get(SECTION) or {}
    if not (allow.get("allowed_emails") or allow.get("allowed_groups")):
        missing.append(f"[{SECTION}] allowed_emails eller allowed_groups")
    if missing:
        return "mangler " + "; ".join(missing)
    # present, but too weak to guard figures under embargo (dashboards.sign_in_checks)
    return weak_secret(auth["cookie_secret"]) or allow_list_problem(allow)


def weak_secret(secret: object) -> str | None:
    """Why `secret` is too weak to sign sign-in cookies, in Danish; None when it will do."""
    text = str(secret or "")
    size = len(text.encode("utf-8"))
    if size < MIN_SECRET_BYTES:
        return (f"[auth] cookie_secret er kun {size} bytes; brug mindst {MIN_SECRET_BYTES} tilfældige bytes, "
                f"fx python -c 'import secrets; print(secrets.token_hex(32))'")
    repeated = text in (text + text)[1:-1]  # "abcabc...": a shorter piece repeated
    counts = Counter(text)
    bits = -sum(n * math.log2(n / len(text)) for n in counts.values())
    if repeated or bits < MIN_SECRET_BITS:
        return ("[auth] cookie_secret er for let at gætte (gentagne eller få forskellige tegn); brug mindst "
                f"{MIN_SECRET_BYTES} tilfældige bytes, fx python -c 'import secrets; print(secrets.token_hex(32))'")
    return None


def allow_list_problem(allow: dict) -> str | None:
    """An allow-list must name someone: lists of non-blank texts, not all of them empty."""
    entries = []
    for key in ALLOW_KEYS:
        value = allow.get(key) or []
        if not isinstance(value, list):
            return f"[fortrolig] {key} skal være en liste, fx {key} = [\"...\"]"
        entries += [str(v).strip() for v in value if str(v).strip()]
    return None if entries else "[fortrolig] allowed_emails eller allowed_groups er tom"


def provider_problem(auth: dict, timeout: float = METADATA_TIMEOUT) -> str | None:
    """Fetch every configured provider's OpenID Connect metadata once; why it failed, in Danish."""
    providers = [auth] + [v for v in auth.values() if isinstance(v, dict)]
    for provider in providers:
        url = provider.get("server_metadata_url")
        if not url:
            continue
        try:
            with urllib.request.urlopen(str(url), timeout=timeout) as answer:
                metadata = json.loads(answer.read(1 << 20))
            if not isinstance(metadata, dict) or not metadata.get("authorization_endpoint"):
                return f"identitetsudbyderens metadata på {url} er ikke OpenID Connect-metadata"
        except (OSError, ValueError, urllib.error.URLError) as e:
            reason = getattr(e, "reason", None) or e
            return f"identitetsudbyderens metadata kan ikke hentes fra {url} ({reason})"
    return None


def sign_in_problem(secrets: Path) -> str | None:
    """Everything `serve --fortrolig` checks in the secrets file before it starts, in Danish."""
    try:
        settings = tomllib.loads(secrets.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return f"filen {secrets} findes ikke"
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as e:
        return f"{secrets} kan ikke læses: {e}"
    return configuration_problem(settings) or provider_problem(settings["auth"])
