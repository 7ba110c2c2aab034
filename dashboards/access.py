"""Who may see preparation mode (`noegletal serve --fortrolig`), and a record of who did.

Preparation mode shows figures under embargo, so it requires sign-in with the organisation's own
identity provider through Streamlit's OpenID Connect login (`st.login`, configured in the `[auth]`
section of `.streamlit/secrets.toml`) and a place on an allow-list in the `[fortrolig]` section of
the same file: e-mail addresses, or groups named in a claim of the identity token.

    [fortrolig]
    allowed_emails = ["anna@regioner.dk"]
    allowed_groups = ["noegletal-sekretariat"]
    groups_claim = "groups"            # the claim that lists the user's groups (default "groups")
    access_log = "/var/log/noegletal/fortrolig.jsonl"   # default: beside the warehouse

Signed-out visitors, users not on the list and a server without this configuration see a Danish
sign-in page and no figure: `gate()` stops the script before anything reads the warehouse. Every
page a listed user opens, every file they download and every refused sign-in is appended to the
access log as a JSON line.
The public mode (no --fortrolig) asks no one to sign in.
"""

from __future__ import annotations

import fcntl
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import streamlit as st

from noegletal.access import default_location, is_url
from noegletal.config import DEFAULT_WAREHOUSE
from noegletal.safe_text import quoted
from noegletal.sign_in import SECTION, configuration_problem

DEFAULT_LOG_NAME = "fortrolig_adgangslog.jsonl"
_LOGGED = "nt_access_logged"  # the last view written to the log in this session


@dataclass(frozen=True)
class Rules:
    emails: frozenset[str]
    groups: frozenset[str]
    groups_claim: str
    log_path: Path


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets file at all, or one that is not valid TOML
        return {}


def load_rules() -> Rules | None:
    """The allow-list and the access log's path; None when sign-in is not configured."""
    secrets = _secrets()
    if configuration_problem(secrets):
        return None
    allow = secrets[SECTION]
    # beside the warehouse file; for a PostgreSQL warehouse, in the project's data/ folder
    beside = DEFAULT_WAREHOUSE if is_url(default_location()) else Path(default_location())
    log_path = Path(allow.get("access_log") or beside.with_name(DEFAULT_LOG_NAME))
    return Rules(
        emails=frozenset(str(e).strip().lower() for e in allow.get("allowed_emails", [])),
        groups=frozenset(str(g).strip() for g in allow.get("allowed_groups", [])),
        groups_claim=str(allow.get("groups_claim") or "groups"),
        log_path=log_path,
    )


def current_user() -> dict | None:
    """The signed-in user's identity claims (st.user), or None when signed out."""
    return st.user.to_dict() if st.user.is_logged_in else None


def is_allowed(user: dict, rules: Rules) -> bool:
    email = str(user.get("email") or "").strip().lower()
    # an address the provider has not verified is not the user's (a claim only some providers send)
    if email and user.get("email_verified") is not False and email in rules.emails:
        return True
    groups = user.get(rules.groups_claim) or []
    if isinstance(groups, str):
        groups = [groups]
    return any(str(g) in rules.groups for g in groups)


def who(user: dict) -> str:
    return str(user.get("email") or user.get("preferred_username") or user.get("sub") or "ukendt")


def write_log(rules: Rules, user: dict, event: str, **details: object) -> None:
    """Append one JSON line; a lock keeps lines of simultaneous sessions whole."""
    entry = {
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "event": event,
        "user": who(user),
        "sub": user.get("sub"),
        **details,
    }
    rules.log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(rules.log_path, "a", encoding="utf-8") as log:
        fcntl.flock(log, fcntl.LOCK_EX)
        try:
            log.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
        finally:
            fcntl.flock(log, fcntl.LOCK_UN)


def gate() -> Rules:
    """Preparation mode only: return the rules when a listed user is signed in; otherwise draw the
    Danish sign-in (or refusal) page and stop the script, so that no figure is read or shown."""
    rules = load_rules()
    if rules is None:
        _page(
            "Forberedelsestilstanden kræver login, men login er ikke sat op på denne server. "
            "Se docs/sign-in-and-embargo.md."
        )
        st.stop()
    user = current_user()
    if user is None:
        _page("Her vises tal under embargo. Log ind med din organisations konto for at fortsætte.")
        st.button("Log ind", on_click=st.login, type="primary", icon=":material/login:")
        st.stop()
    if not is_allowed(user, rules):
        if not st.session_state.get(_LOGGED) == "denied":
            write_log(rules, user, "afvist")
            st.session_state[_LOGGED] = "denied"
        _page(
            f"Du er logget ind som {quoted(who(user))}, men har ikke adgang til forberedelsestilstanden. "
            "Kontakt sekretariatet, hvis du skal have adgang."
        )
        st.button("Log ud", on_click=st.logout, icon=":material/logout:")
        st.stop()
    with st.sidebar:
        st.caption(f"Logget ind som {quoted(who(user), limit=60)}")
        st.button("Log ud", on_click=st.logout, key="nt_logout", icon=":material/logout:")
    return rules


def record_view(rules: Rules, page: str, **shown: object) -> None:
    """Log that the signed-in user opened this FORTROLIGT page with this selection (once per change)."""
    user = current_user()
    view = {"page": page, **{k: v for k, v in shown.items() if v is not None}}
    key = json.dumps(view, sort_keys=True, default=str)
    if user is None or st.session_state.get(_LOGGED) == key:
        return
    write_log(rules, user, "åbnet", **view)
    st.session_state[_LOGGED] = key


def record_download(file_name: str) -> None:
    """Log that the signed-in user took a file out of preparation mode (a download button's
    on_click): the file may carry embargoed figures away from the screen."""
    rules = load_rules()
    if rules is None:  # no sign-in configured (the public mode): st.user has no is_logged_in
        return
    user = current_user()
    if user is not None:
        write_log(rules, user, "hentet", file=file_name)


def _page(text: str) -> None:
    st.title("Nøgletal – forberedelse")
    st.error("**FORTROLIGT** – kun for sekretariatets forberedelse.", icon=":material/lock:")
    st.markdown(text)
