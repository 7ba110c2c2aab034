"""The command line's help is Danish throughout (issue 19): click's own words ("Usage:", "Options:",
"Show this message and exit.", "[default: ...]") too, for the group and every command."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from noegletal.cli import main

ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message and exit.", "[default:", "[OPTIONS]", "COMMAND",
           " TEXT ", " FILE ", " INTEGER ", " PATH ", " DIRECTORY ", "%Y-%m-%d")


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("args", [(), *_commands(main)], ids=lambda a: " ".join(a) or "noegletal")
def test_help_is_danish(args):
    result = CliRunner().invoke(main, [*args, "--help"], prog_name="noegletal")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Brug: noegletal")
    assert "--help  " in result.output and "Vis denne hjælp og afslut." in result.output
    assert [word for word in ENGLISH if word in result.output] == []


# click's usage errors, as a user mistypes them; each must be Danish and name what was wrong
USAGE_ERRORS = {
    ("export", "--format", "doc"): "Fejl: Ugyldig værdi for '--format': 'doc' er ikke en af 'pdf',",
    ("export", "--date", "2026-13-01"): "'2026-13-01' er ikke en dato på formen ÅÅÅÅ-MM-DD.",
    ("export", "--goal-area", "x"): "Fejl: Ugyldig værdi for '--goal-area': 'x' er ikke et helt tal.",
    ("load", "/findes/ikke.csv"): "'/findes/ikke.csv' findes ikke.",
    ("load",): "Fejl: Argumentet 'FILER...' mangler.",
    ("export", "--out"): "Fejl: Tilvalget '--out' skal have en værdi.",
    ("exportt",): "Fejl: Ukendt kommando 'exportt'. Mente du 'export'?",
    ("export", "--formt", "pdf"): "Fejl: Ukendt tilvalg '--formt'. (Mente du en af: '--format',",
}
ENGLISH_ERRORS = ("Error:", "Try '", "No such", "Missing", "Invalid value", "does not", "is not", "Did you mean")


@pytest.mark.parametrize("args", list(USAGE_ERRORS), ids=" ".join)
def test_usage_errors_are_danish(args):
    result = CliRunner().invoke(main, list(args), prog_name="noegletal")
    assert result.exit_code == 2, result.output
    assert USAGE_ERRORS[args] in result.output
    assert [word for word in ENGLISH_ERRORS if word in result.output] == [], result.output
    if args != ("export", "--out"):  # click has no context for a missing option value
        assert result.output.startswith("Brug: noegletal") and "for hjælp." in result.output
