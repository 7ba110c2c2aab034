"""Fixed region colours and line styles, the same in every chart and export.

Colours are from the Okabe–Ito palette (safe for the common forms of colour blindness); each
region also has its own line dash and marker symbol, so colour is never the only cue. Hele landet
is always black and drawn thicker than the regions.
"""

from __future__ import annotations

from dataclasses import dataclass

REGION_ORDER: tuple[str, ...] = (
    "hovedstaden",
    "sjaelland",
    "syddanmark",
    "midtjylland",
    "nordjylland",
    "hele_landet",
)
NATIONAL = "hele_landet"


@dataclass(frozen=True)
class RegionStyle:
    color: str
    dash: str  # plotly line dash
    symbol: str  # plotly marker symbol; provisional points use f"{symbol}-open"
    width: float


REGION_STYLES: dict[str, RegionStyle] = {
    "hovedstaden": RegionStyle("#0072B2", "solid", "circle", 2.5),
    "sjaelland": RegionStyle("#009E73", "dash", "square", 2.5),
    "syddanmark": RegionStyle("#D55E00", "dot", "diamond", 2.5),
    "midtjylland": RegionStyle("#CC79A7", "dashdot", "triangle-up", 2.5),
    "nordjylland": RegionStyle("#E69F00", "longdash", "triangle-down", 2.5),
    "hele_landet": RegionStyle("#000000", "solid", "star", 4.5),
}
REGION_COLORS: dict[str, str] = {region: style.color for region, style in REGION_STYLES.items()}

# Fallback for an unknown region id (should not happen: the loaders only accept known regions).
DEFAULT_STYLE = RegionStyle("#666666", "solid", "circle", 2.0)

# Non-region elements.
SUSPENSION_FILL = "rgba(120, 120, 120, 0.16)"
GRID_COLOR = "#E5E5E5"
TEXT_COLOR = "#1A1A1A"
MUTED_TEXT_COLOR = "#555555"
TARGET_COLOR = "#333333"
FONT_FAMILY = "Arial, Helvetica, sans-serif"
FONT_SIZE = 15  # readable on a projector


def region_style(region_id: str) -> RegionStyle:
    return REGION_STYLES.get(region_id, DEFAULT_STYLE)


def region_color(region_id: str) -> str:
    return region_style(region_id).color


def region_rank(region_id: str) -> int:
    """Position in the fixed display order (unknown ids last)."""
    return REGION_ORDER.index(region_id) if region_id in REGION_ORDER else len(REGION_ORDER)


def rgb(color: str) -> tuple[int, int, int]:
    """'#D55E00' -> (213, 94, 0)."""
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def transparent(color: str, alpha: float) -> str:
    """'#D55E00', 0.18 -> 'rgba(213, 94, 0, 0.18)'."""
    r, g, b = rgb(color)
    return f"rgba({r}, {g}, {b}, {alpha})"


def open_symbol(symbol: str) -> str:
    """The hollow variant of a marker symbol (used for provisional values)."""
    return symbol if symbol.endswith("-open") else f"{symbol}-open"
