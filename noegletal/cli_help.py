"""The command line's help in Danish: click writes its own words in English ("Usage:", "Options:",
"Commands:", "Show this message and exit.", "[default: ...]"). The group and every command made
under it use these classes, so `noegletal --help` and `noegletal <command> --help` are Danish
throughout."""

from __future__ import annotations

import click

HELP_TEXT = "Vis denne hjælp og afslut."
SECTIONS = {"Options": "Tilvalg", "Commands": "Kommandoer", "Arguments": "Argumenter"}
MARKERS = (("[default: ", "[standard: "), ("; default: ", "; standard: "), ("[required]", "[påkrævet]"),
           ("; required", "; påkrævet"))


class DanishFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Brug: " if prefix is None else prefix)

    def section(self, name: str):
        return super().section(SECTIONS.get(name, name))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _danish(text)) for term, text in rows], col_max, col_spacing)


def _danish(text: str) -> str:
    for english, danish in MARKERS:
        text = text.replace(english, danish)
    return text


class DanishContext(click.Context):
    formatter_class = DanishFormatter


class DanishHelp:
    """The Danish metavar and --help text, for commands and groups alike."""

    context_class = DanishContext

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[TILVALG]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option


class DanishCommand(DanishHelp, click.Command):
    pass


class DanishGroup(DanishHelp, click.Group):
    command_class = DanishCommand
    group_class = type  # subgroups are Danish groups too

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)
