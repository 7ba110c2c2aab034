"""Tilgængelighed: the accessibility statement (tilgængelighedserklæring) the web-accessibility
law asks for, read from docs/accessibility.md (section "Tilgængelighedserklæring"), so the app and
the documentation say the same thing."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

from noegletal.contact import configured_contact, contact_markdown

STATEMENT_MD = Path(__file__).resolve().parents[2] / "docs" / "accessibility.md"
SECTION = "## Tilgængelighedserklæring"
CONTACT_MARK = "[kontaktoplysninger]"  # filled in from the publisher's settings (noegletal/contact.py)


@lru_cache(maxsize=1)
def statement() -> str:
    """The statement's Markdown (our own file, not text from outside); a short note without it."""
    try:
        text = STATEMENT_MD.read_text(encoding="utf-8")
    except OSError:
        return "Tilgængelighedserklæringen kunne ikke læses (docs/accessibility.md mangler)."
    if SECTION not in text:
        return "Tilgængelighedserklæringen kunne ikke findes i docs/accessibility.md."
    body = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    # the section's sub-headings (###) are the page's second level, under its title
    return body.replace("\n### ", "\n## ").strip()


def statement_with_contact() -> str:
    return statement().replace(CONTACT_MARK, contact_markdown(configured_contact()))


def render() -> None:
    st.title("Tilgængelighedserklæring")
    st.markdown(statement_with_contact())
