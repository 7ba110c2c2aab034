"""The accessibility statement's contact line comes from the publisher's settings, and only a plain
e-mail address and phone number are ever shown (noegletal/contact.py)."""

from __future__ import annotations

from click.testing import CliRunner

from dashboards.views.accessibility import CONTACT_MARK, statement, statement_with_contact
from noegletal import cli
from noegletal.contact import MISSING, configured_contact, contact_markdown


def test_the_statement_has_one_contact_line_to_fill_in():
    assert statement().count(CONTACT_MARK) == 1


def test_a_plain_address_and_number_are_shown_as_a_mail_link_and_text(monkeypatch):
    monkeypatch.setenv("NOEGLETAL_CONTACT_EMAIL", "tilgaengelighed@regioner.example")
    monkeypatch.setenv("NOEGLETAL_CONTACT_PHONE", "+45 35 29 81 00")
    text = statement_with_contact()
    assert CONTACT_MARK not in text
    assert ("e-mail [tilgaengelighed@regioner.example](mailto:tilgaengelighed@regioner.example), "
            "telefon +45 35 29 81 00") in text
    assert configured_contact().warnings == ()


def test_markup_in_a_setting_is_refused_not_rendered():
    contact = configured_contact({
        "NOEGLETAL_CONTACT_EMAIL": "[klik](javascript:alert(1))",
        "NOEGLETAL_CONTACT_PHONE": "<b>112</b>",
    })
    assert (contact.email, contact.phone) == (None, None)
    assert contact_markdown(contact) == MISSING
    assert any("NOEGLETAL_CONTACT_EMAIL er ikke en e-mailadresse" in w for w in contact.warnings)
    assert any("NOEGLETAL_CONTACT_PHONE er ikke et telefonnummer" in w for w in contact.warnings)


def test_without_settings_the_page_says_so_and_serve_warns(monkeypatch):
    monkeypatch.delenv("NOEGLETAL_CONTACT_EMAIL", raising=False)
    monkeypatch.delenv("NOEGLETAL_CONTACT_PHONE", raising=False)
    assert MISSING in statement_with_contact()
    started = []
    monkeypatch.setattr(cli, "start_dashboard", lambda *args: started.append(args))
    result = CliRunner().invoke(cli.main, ["serve"])
    assert result.exit_code == 0 and started
    assert "Advarsel: Tilgængelighedserklæringen har ingen kontakt: sæt NOEGLETAL_CONTACT_EMAIL" in result.output
