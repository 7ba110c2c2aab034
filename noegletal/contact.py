"""Whom readers contact about the accessibility of the pages and documents: the statement's contact
line (docs/accessibility.md, page Tilgængelighed), from the publisher's settings
NOEGLETAL_CONTACT_EMAIL and NOEGLETAL_CONTACT_PHONE.

The values are shown in Markdown only when they are a plain e-mail address and a plain phone
number; anything else is refused (a warning when the dashboard starts) and the page says that no
contact has been given, so a setting can never inject a link or markup."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from noegletal.safe_text import terminal_text

EMAIL_SETTING = "NOEGLETAL_CONTACT_EMAIL"
PHONE_SETTING = "NOEGLETAL_CONTACT_PHONE"
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?[0-9]( ?[0-9]){5,14}")
MISSING = "udgiveren har endnu ikke angivet e-mailadresse og telefonnummer i denne installation"


@dataclass(frozen=True)
class Contact:
    email: str | None = None
    phone: str | None = None
    warnings: tuple[str, ...] = ()


def configured_contact(env: Mapping[str, str] = os.environ) -> Contact:
    """The contact from the settings; a setting that is not a plain address or number is left out,
    with a Danish warning naming it."""
    email, phone = env.get(EMAIL_SETTING, "").strip(), env.get(PHONE_SETTING, "").strip()
    warnings = []
    if email and not _EMAIL.fullmatch(email):
        warnings.append(f"{EMAIL_SETTING} er ikke en e-mailadresse ({terminal_text(email)}) og vises ikke.")
        email = ""
    if phone and not _PHONE.fullmatch(phone):
        warnings.append(f"{PHONE_SETTING} er ikke et telefonnummer ({terminal_text(phone)}) og vises ikke.")
        phone = ""
    if not email and not phone:
        warnings.append(
            f"Tilgængelighedserklæringen har ingen kontakt: sæt {EMAIL_SETTING} og/eller {PHONE_SETTING} "
            "før løsningen offentliggøres (docs/accessibility.md)."
        )
    return Contact(email or None, phone or None, tuple(warnings))


def contact_markdown(contact: Contact) -> str:
    """'e-mail [a@b.dk](mailto:a@b.dk), telefon 33 29 81 00' (checked values only), or MISSING."""
    parts = []
    if contact.email:
        parts.append(f"e-mail [{contact.email}](mailto:{contact.email})")
    if contact.phone:
        parts.append(f"telefon {contact.phone}")
    return ", ".join(parts) or MISSING
