"""The command line in Danish: click writes its own words in English ("Usage:", "Options:",
"Commands:", "Show this message and exit.", "[default: ...]", "Error: No such option ...").
The group and every command made under it use these classes, so `noegletal --help`,
`noegletal <command> --help` and the usage errors are Danish throughout."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

HELP_TEXT = "Vis denne hjælp og afslut."
SECTIONS = {"Options": "Tilvalg", "Commands": "Kommandoer", "Arguments": "Argumenter"}
MARKERS = (("[default: ", "[standard: "), ("; default: ", "; standard: "), ("[required]", "[påkrævet]"),
           ("; required", "; påkrævet"))
# click's metavars of its parameter types, in the option column ("--out FILE")
METAVARS = {"TEXT": "TEKST", "FILE": "FIL", "DIRECTORY": "MAPPE", "PATH": "STI", "INTEGER": "HELTAL",
            "FLOAT": "TAL", "BOOLEAN": "JA/NEJ", "[%Y-%m-%d]": "ÅÅÅÅ-MM-DD"}
_METAVAR = re.compile(r"(?<=\s)(" + "|".join(re.escape(m) for m in METAVARS) + r")(?=\s|$)")


class DanishFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Brug: " if prefix is None else prefix)

    def section(self, name: str):
        return super().section(SECTIONS.get(name, name))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(_METAVAR.sub(lambda m: METAVARS[m[1]], term), _danish(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def _danish(text: str) -> str:
    for english, danish in MARKERS:
        text = text.replace(english, danish)
    return text


# click's usage-error messages (click 8.x wording) and their Danish; applied in this order, so a
# message built from several parts ("Invalid value for '--date': '2026-13-01' does not match ...")
# is translated part by part. A message not listed (a newer click) stays as click wrote it.
ERRORS = (
    (r"No such option '([^']+)'\.", r"Ukendt tilvalg '\1'."),
    (r"No such command '([^']+)'\.", r"Ukendt kommando '\1'."),
    (r"\(Did you mean one of: (.+)\?\)", r"(Mente du en af: \1?)"),
    (r"\(Possible options: (.+)\)", r"(Mulige tilvalg: \1)"),
    (r"Did you mean (.+)\?", r"Mente du \1?"),
    (r"Missing argument '([^']+)'\.", r"Argumentet '\1' mangler."),
    (r"Missing option '([^']+)'\.", r"Tilvalget '\1' mangler."),
    (r"Missing parameter: (.+)", r"Parameteren mangler: \1"),
    (r"Option '([^']+)' requires an argument\.", r"Tilvalget '\1' skal have en værdi."),
    (r"Option '([^']+)' requires (\d+) arguments\.", r"Tilvalget '\1' skal have \2 værdier."),
    (r"Option '([^']+)' does not take a value\.", r"Tilvalget '\1' tager ingen værdi."),
    (r"Got unexpected extra arguments? \((.+)\)", r"Uventet argument: \1"),
    (r"Invalid value for (.+?): ", r"Ugyldig værdi for \1: "),
    (r"Invalid value: ", "Ugyldig værdi: "),
    (r"'(.*)' is not one of (.+)\.", r"'\1' er ikke en af \2."),
    (r"'(.*)' is not a valid integer( range)?\.", r"'\1' er ikke et helt tal."),
    (r"'(.*)' is not a valid float( range)?\.", r"'\1' er ikke et tal."),
    (r"'(.*)' is not a valid boolean\.", r"'\1' er hverken ja eller nej."),
    (r"'(.*)' does not match the formats? (.+)\.", r"'\1' er ikke en dato på formen \2."),
    (r"(?:File|Directory|Path) '(.*)' does not exist\.", r"'\1' findes ikke."),
    (r"(?:File|Directory|Path) '(.*)' is a directory\.", r"'\1' er en mappe, ikke en fil."),
    (r"(?:File|Directory|Path) '(.*)' is a file\.", r"'\1' er en fil, ikke en mappe."),
    (r"(?:File|Directory|Path) '(.*)' is not readable\.", r"'\1' kan ikke læses."),
    (r"(?:File|Directory|Path) '(.*)' is not writable\.", r"'\1' kan ikke skrives."),
    ("'%Y-%m-%d'", "ÅÅÅÅ-MM-DD"),
)


def danish_error(message: str) -> str:
    for english, danish in ERRORS:
        message = re.sub(english, danish, message)
    return message


class DanishUsageError(click.UsageError):
    """A usage error shown as click shows it, in Danish: the usage line, where to find help, the error."""

    def __init__(self, error: click.UsageError) -> None:
        super().__init__(danish_error(error.format_message()), error.ctx)
        self.exit_code = error.exit_code

    def show(self, file=None) -> None:
        file = file or sys.stderr
        if self.ctx is not None:
            click.echo(f"{self.ctx.get_usage()}\nSe '{self.ctx.command_path} --help' for hjælp.\n", file=file)
        click.echo(f"Fejl: {self.format_message()}", file=file)


@contextmanager
def _danish_usage_errors() -> Iterator[None]:
    try:
        yield
    except DanishUsageError:
        raise
    except click.UsageError as e:
        raise DanishUsageError(e) from None


class DanishContext(click.Context):
    formatter_class = DanishFormatter


class DanishHelp:
    """The Danish metavar and --help text, for commands and groups alike."""

    context_class = DanishContext

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[TILVALG]")
        super().__init__(*args, **kwargs)

    # parsing (make_context) and running a subcommand (invoke, which parses the subcommand's
    # arguments) are where click raises its usage errors
    def make_context(self, *args, **kwargs) -> click.Context:
        with _danish_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        with _danish_usage_errors():
            return super().invoke(ctx)

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
