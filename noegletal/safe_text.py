"""Text from outside (a URL, a file, a file name) shown or written safely.

Three rules, each kept here once:

* On screen, such text is never rendered as Markdown or HTML: `markdown_code` puts it in a code
  span, which Markdown shows character for character (backslash escapes would not do: the
  dashboard's Markdown still turns a backslash-escaped URL into a live link), and `quoted`
  gives the short piece a notice may quote.
* In a spreadsheet (CSV or Excel), a text cell beginning with `=`, `+`, `-`, `@`, a tab or a
  carriage return would be read as a formula (`=HYPERLINK(...)` a live link). `spreadsheet_text`
  writes it as text, with a leading apostrophe (OWASP's advice for CSV injection); numbers are
  not text and stay numbers, negative ones too.
* In a terminal, such text (a file name, a cell quoted in a refusal) is printed with control
  characters escaped (`terminal_text`): an escape sequence in a file name cannot recolour or
  clear the screen, nor a newline forge a line of the message.
"""

from __future__ import annotations

import re

import polars as pl

QUOTE_LIMIT = 40
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def terminal_text(text: object) -> str:
    """`text` as a terminal message prints it: every non-printable character (ESC, newline, a
    lone surrogate from an undecodable file name) written as its Python escape, e.g. \\x1b."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for ch in text)


def markdown_code(text: object) -> str:
    """`text` as a Markdown code span, shown literally: the fence is one backtick longer than the
    longest run of backticks in the text (CommonMark), padded with spaces where the text begins or
    ends with one."""
    flat = _CONTROL.sub(" ", str(text))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def quoted(text: object, limit: int = QUOTE_LIMIT) -> str:
    """A short piece of `text` for a notice: at most `limit` characters (then '…'), in Danish
    quotation marks, as a Markdown code span (shown literally)."""
    flat = _CONTROL.sub(" ", str(text))
    piece = flat if len(flat) <= limit else flat[: limit - 1] + "…"
    return f"»{markdown_code(piece)}«"


def spreadsheet_text(value):
    """A cell value safe to write to CSV or Excel: text that a spreadsheet would take for a formula
    gets a leading apostrophe; anything else (numbers, dates, None, other text) is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(values) -> list:
    return [spreadsheet_text(v) for v in values]


def spreadsheet_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every text cell made safe (`spreadsheet_text`); other columns unchanged."""
    text_columns = [name for name, dtype in frame.schema.items() if dtype in (pl.String, pl.Categorical)]
    if not text_columns:
        return frame
    starts = "^[" + re.escape("".join(FORMULA_STARTS)) + "]"
    return frame.with_columns(
        pl.when(pl.col(name).cast(pl.String).str.contains(starts))
        .then(pl.lit("'") + pl.col(name).cast(pl.String))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in text_columns
    )
