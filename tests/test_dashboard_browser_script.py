"""The browser script (dashboards/browser.py) as the page receives it: its JavaScript survives
Python's string escapes. A regular expression's `\\b` written once in the Python string became a
backspace, so no browser counted as Danish and every first visit ran the page script twice."""

from __future__ import annotations

import re

from dashboards import browser


def test_the_language_check_reaches_the_browser_intact():
    assert "\b" not in browser._SCRIPT  # no backspace (nor any other control character)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", browser._SCRIPT)
    assert r'if (!/^da\b/i.test(w.navigator.language || ""))' in browser._SCRIPT
    # the test the browser runs: a Danish browser is left alone, another is told to redraw
    check = re.compile(r"^da\b", re.IGNORECASE)
    assert check.search("da-DK") and check.search("da") and not check.search("dansk") and not check.search("en-US")
