"""What the board saw, in words: the change since the meeting and a revision of a figure the board
was shown, from one row of mart_change_since_presentation (the national row of an indicator).

The overview, the drafted summary and the Word item say it with these functions, so the three
never word it differently:
    "vist for bestyrelsen: 80 pct. (foreløbigt), nu opgjort til 75 pct."
The numbers are the mart's (the change is between the values as shown); this module only words them.
"""

from __future__ import annotations

from noegletal.formatting import format_date, format_difference, format_value, period_long_label

PROVISIONAL = "foreløbigt"
FINAL = "endeligt"


def _status(is_provisional: bool | None, other: bool | None) -> str:
    """' (foreløbigt)' / ' (endeligt)' where it matters: a provisional figure, or a final one
    beside a provisional one (the board must not read a revision for a change in the quarter)."""
    if is_provisional:
        return f" ({PROVISIONAL})"
    if other:
        return f" ({FINAL})"
    return ""


def _shown_and_now(row: dict, unit: str | None, decimals: int) -> tuple[str, str]:
    """The figure the board saw and the same figure today, formatted, each with its status."""
    shown_provisional, now_provisional = row.get("value_shown_is_provisional"), row.get("value_shown_now_is_provisional")
    return (
        format_value(row["value_shown"], unit, decimals) + _status(shown_provisional, now_provisional),
        format_value(row["value_shown_now"], unit, decimals) + _status(now_provisional, shown_provisional),
    )


def change_words(meta) -> tuple[str, str]:
    """The catalogue's words for a rise and a fall (dim_indicator.higher_da/lower_da: "længere" and
    "kortere" for a waiting time), "højere"/"lavere" where it has none."""
    return meta.get("higher_da") or "højere", meta.get("lower_da") or "lavere"


def revision_text(row: dict | None, unit: str | None, decimals: int) -> str | None:
    """'vist for bestyrelsen: 80 pct. (foreløbigt), nu opgjort til 75 pct. (endeligt)' when the
    figure the board saw has been revised since (as shown); None otherwise."""
    if not row or not row.get("is_shown_value_revised"):
        return None
    shown, now = _shown_and_now(row, unit, decimals)
    return f"vist for bestyrelsen: {shown}, nu opgjort til {now}"


def revision_sentence(row: dict | None, unit: str | None, decimals: int, what: str | None = None) -> str | None:
    """The revision as a sentence for the summary and the Word item: 'Tallet for 1. kvt. 2026 blev
    vist for bestyrelsen med 80 pct. (foreløbigt) og er nu opgjort til 75 pct. (endeligt).';
    `what` names the indicator (the Resumé): 'Tallet for <what> i 1. kvt. 2026 blev ...'."""
    if not row or not row.get("is_shown_value_revised"):
        return None
    shown, now = _shown_and_now(row, unit, decimals)
    subject = f"{what} i {period_long_label(row['period_shown'])}" if what else period_long_label(row["period_shown"])
    return (
        f"Tallet for {subject} blev vist for bestyrelsen med {shown} "
        f"og er nu opgjort til {now}."
    )


def since_meeting_sentence(row: dict | None, unit: str | None, decimals: int,
                           higher: str = "højere", lower: str = "lavere") -> str | None:
    """'I forhold til de 80 pct. (1. kvt. 2026, foreløbigt), bestyrelsen så, er det 1 pct.-point
    lavere – i den forkerte retning.' None when the board saw no comparable figure or the same
    period (then the revision sentence says it)."""
    if not row or row.get("value_shown") is None or row.get("change_since_presentation") is None:
        return None
    if row.get("period_shown") == row.get("period"):
        return None
    shown = format_value(row["value_shown"], unit, decimals)
    label = period_long_label(row["period_shown"]) + (f", {PROVISIONAL}" if row.get("value_shown_is_provisional") else "")
    change = row["change_since_presentation"]
    assessment = row.get("change_assessment")
    if assessment == "uændret":
        return f"Det er det samme som de {shown} ({label}), bestyrelsen så ved seneste møde."
    word = higher if change > 0 else lower
    way = " – i den ønskede retning" if assessment == "ønsket" else " – i den forkerte retning"
    return (
        f"I forhold til de {shown} ({label}), bestyrelsen så ved seneste møde, er det "
        f"{format_difference(abs(float(change)), unit, decimals)} {word}{way}."
    )


def whats_new(since, updated: set[str], presented: bool, changes=None) -> tuple[str, str]:
    """The overview's first line, what is new since the board's last meeting, as (headline, rest):
    with a registered presentation and the latest figures shown, the counts are
    mart_change_since_presentation's (`changes`, its rows); otherwise the count is of the indicators
    marked "opdateret" (`updated`)."""
    if since is None:
        return (
            "Der er endnu ikke registreret et bestyrelsesmøde",
            ", så oversigten kan ikke vise, hvad der er nyt siden sidste møde. Vælg en dato under "
            "»Opdateret siden« i sidepanelet for at se, hvilke indikatorer der har fået nye tal siden da.",
        )
    n, wrong = len(updated), None
    if changes is not None and not changes.is_empty():
        n, wrong = changes.item(0, "n_indicators_with_new_figures"), changes.item(0, "n_indicators_gone_the_wrong_way")
    what = "bestyrelsesmødet" if presented else "den valgte dato"
    count = "Ingen indikatorer har" if n == 0 else ("1 indikator har" if n == 1 else f"{n} indikatorer har")
    rest = f"; {wrong} er gået den forkerte vej." if wrong is not None and n else "."
    return f"{count} nye tal siden {what} {format_date(since)}", rest
