"""The command line's help is Danish throughout (issue 19): click's own words ("Usage:", "Options:",
"Show this message and exit.", "[default: ...]") too, for the group and every command."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from noegletal.cli import main

ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message and exit.", "[default:", "[OPTIONS]", "COMMAND")


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
