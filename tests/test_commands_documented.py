"""Every command of `noegletal` and every option of it is documented: in the README's command
table, or in docs/commands.md. A command's row (a table row that starts with `noegletal <command>`)
names every option the command takes."""

from __future__ import annotations

import re
from pathlib import Path

import click

from noegletal.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", ROOT / "docs" / "commands.md"]


def commands(group: click.Group, path: tuple[str, ...] = ()):
    """(path, command) for every command below `group`, subcommands of subgroups included."""
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


def documented_rows() -> dict[str, str]:
    """The command table rows of the documents: 'noegletal load' -> the row's text (all its rows)."""
    rows: dict[str, str] = {}
    for document in DOCUMENTS:
        if not document.exists():
            continue
        for line in document.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\|\s*`noegletal ((?:[a-z-]+ ?)+)", line)
            if match:
                rows[match.group(1).strip()] = rows.get(match.group(1).strip(), "") + line
    return rows


def test_the_command_tree_is_walked():
    paths = [" ".join(path) for path, _ in commands(main)]
    assert {"load", "build", "refresh", "export", "serve", "fetch statbank", "docs"} <= set(paths)


def undocumented() -> list[str]:
    rows = documented_rows()
    missing = []
    for path, command in commands(main):
        name = " ".join(path)
        row = rows.get(name)
        if row is None:
            missing.append(f"noegletal {name}")
            continue
        for parameter in command.params:
            if isinstance(parameter, click.Option):
                longest = max(parameter.opts, key=len)
                if not re.search(re.escape(longest) + r"(?![\w-])", row):
                    missing.append(f"noegletal {name} {longest}")
    return missing


def test_every_command_and_option_is_documented():
    missing = undocumented()
    assert missing == [], "not documented in README.md or docs/commands.md: " + ", ".join(missing)


def test_an_undocumented_option_is_found(monkeypatch):
    """The check can fail: an option added to a command and not to its row is reported."""
    load = main.commands["load"]
    monkeypatch.setattr(load, "params", [*load.params, click.Option(["--skip", "--no-such-option"], is_flag=True)])
    monkeypatch.setitem(main.commands, "no-such-command", click.Command("no-such-command"))
    assert undocumented() == ["noegletal load --no-such-option", "noegletal no-such-command"]
