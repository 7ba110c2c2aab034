"""What preparation mode's sign-in needs in secrets.toml (`[auth]` and `[fortrolig]`).

Below both users of it: `noegletal serve --fortrolig` checks it before it starts the server, and
the dashboard's gate (dashboards.access) before it shows a figure under embargo."""

from __future__ import annotations

import tomllib
from pathlib import Path

SECTION = "fortrolig"
AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


def configuration_problem(secrets: dict) -> str | None:
    """What is missing for preparation mode's sign-in, in Danish; None when all is there."""
    auth = secrets.get("auth") or {}
    missing = [f"[auth] {key}" for key in AUTH_KEYS if not auth.get(key)]
    # the default provider's keys in [auth], or a named provider in [auth.<name>]
    providers = [auth] + [v for v in auth.values() if isinstance(v, dict)]
    if not any(all(p.get(key) for key in PROVIDER_KEYS) for p in providers):
        missing.append("[auth] " + ", ".join(PROVIDER_KEYS))
    allow = secrets.get(SECTION) or {}
    if not (allow.get("allowed_emails") or allow.get("allowed_groups")):
        missing.append(f"[{SECTION}] allowed_emails eller allowed_groups")
    return "mangler " + "; ".join(missing) if missing else None


def secrets_problem(secrets: Path) -> str | None:
    """configuration_problem of a secrets.toml, or why it cannot be read; None when all is there."""
    try:
        return configuration_problem(tomllib.loads(secrets.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return f"filen {secrets} findes ikke"
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        return f"{secrets} kan ikke læses: {e}"
