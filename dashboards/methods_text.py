"""The Danish plain-language text of the methods, read from docs/methods.md (section "Metode
(dansk tekst til dashboardet)"), so the app and the documentation say the same thing."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

METHODS_MD = Path(__file__).resolve().parents[1] / "docs" / "methods.md"
SECTION = "## Metode (dansk tekst til dashboardet)"


@lru_cache(maxsize=1)
def danish_paragraphs() -> dict[str, str]:
    """Heading (the bold lead, without the final full stop) -> the paragraph's text after it, with
    the line breaks of the source joined. Empty when the file or section is missing."""
    try:
        text = METHODS_MD.read_text(encoding="utf-8")
    except OSError:
        return {}
    if SECTION not in text:
        return {}
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    out = {}
    for block in re.split(r"\n\s*\n", section.strip()):
        block = " ".join(line.strip() for line in block.splitlines())
        match = re.match(r"\*\*(.+?)\.?\*\*\s*(.*)", block)
        if match:
            out[match.group(1).rstrip(".")] = match.group(2)
    return out


def paragraph(heading_start: str) -> str:
    """The paragraph whose heading starts with `heading_start` ('' if none)."""
    return next((text for heading, text in danish_paragraphs().items() if heading.startswith(heading_start)), "")
