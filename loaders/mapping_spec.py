"""What a publisher's spreadsheet mapping is: its keys (`KEYS`, with Danish descriptions for
messages), the `Mapping` a checked YAML file becomes, and how its texts are compared (`fold`).

Read and checked by `loaders.spreadsheet_mappings` and `loaders.mapping_checker`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import LoadRefused
from noegletal.config import PROJECT_ROOT

# Every key a mapping may have, with a short Danish description used in error messages.
KEYS = {
    "name": "kildens navn, bruges af --source",
    "description": "kort beskrivelse af kilden",
    "file_patterns": "filnavnsmønstre (fnmatch), fx sds_udredningsret_*.xlsx",
    "format": "xlsx eller csv",
    "sheet": "arkets navn eller nummer (1 = første ark); kun xlsx",
    "delimiter": "feltadskiller; kun csv",
    "encoding": "tegnsæt, fx utf-8 eller cp1252; kun csv",
    "header_rows": "rækken (eller rækkerne) med kolonneoverskrifterne",
    "layout": "long eller wide",
    "columns": "hvilke kolonneoverskrifter der rummer indikator, region, enhed, område, periode, værdi, "
               "tæller, nævner",
    "indicator": "fast indicator_id for hele filen",
    "indicator_names": "udgiverens indikatornavne -> indicator_id",
    "region": "fast region for hele filen",
    "regions": "ekstra stavemåder af regioner -> region_id",
    "units": "ekstra stavemåder af kommuner og enheder -> unit_id",
    "periods": "periodekolonner (wide) og periodernes stavemåde",
    "decimal": "comma eller point",
    "suppression_markers": "tegn for diskretionerede værdier, fx '..' og '<5'",
    "skip_rows_matching": "regulære udtryk for note- og fodnoterækker",
    "ignore_columns": "kolonneoverskrifter der bevidst ikke indlæses",
    "ignore_columns_matching": "regulære udtryk for kolonneoverskrifter der bevidst ikke indlæses",
    "fill_down": "kolonner hvor en tom celle gentager værdien ovenover",
    "empty_values": "refuse (standard) eller skip: hvad en tom værdicelle betyder",
    "provisional": "hvornår et tal er foreløbigt",
    "published_at": "hvor udgivelsesdatoen står",
}
REQUIRED_KEYS = ("name", "description", "file_patterns", "format", "header_rows", "layout")
COLUMN_KEYS = {
    "long": ("indicator", "region", "unit", "area", "period", "value", "numerator", "denominator"),
    "wide": ("indicator", "region", "unit", "area"),
}
# Mapping column key -> the field name validate_rows knows. `area` is read into region or unit.
FIELD = {
    "indicator": "indicator_id", "region": "region", "unit": "unit", "period": "period",
    "value": "value", "numerator": "numerator", "denominator": "denominator",
}
PERIODS_KEYS = ("columns", "pattern", "format")
PROVISIONAL_KEYS = ("column", "values", "marker", "latest_period")
PUBLISHED_AT_KEYS = ("cell", "column", "file_name", "pattern")


class MappingError(LoadRefused):
    """A mapping file that cannot be used; every error names the mapping file."""


@dataclass(frozen=True)
class Provisional:
    column: str | None = None  # header of a column with a flag (ja/nej, 1/0, or one of `values`)
    values: tuple[str, ...] = ()  # cells of `column` that mean provisional (e.g. "*"); else parse as a flag
    marker: str | None = None  # trailing marker on a value, a period cell or a period header ("79*", "2023K1*")
    latest_period: bool = False  # the latest period in the file is provisional


@dataclass(frozen=True)
class PublishedAt:
    cell: str | None = None  # a fixed cell, "A2"
    column: str | None = None  # header of a column with the date of each row
    file_name: re.Pattern | None = None  # regex on the file name
    pattern: re.Pattern | None = None  # regex picking the date out of the cell text


@dataclass(frozen=True, eq=False)
class Mapping:
    file: Path
    name: str
    description: str
    file_patterns: tuple[str, ...]
    format: str
    sheet: str | int
    delimiter: str
    encoding: str
    header_rows: tuple[int, ...]
    layout: str
    columns: dict[str, str]  # column key -> header text as written in the mapping
    indicator: str | None
    indicator_names: dict[str, str]  # folded publisher label -> indicator_id
    region: str | None
    regions: dict[str, str]  # folded publisher spelling -> region_id
    units: dict[str, str]  # folded publisher spelling -> unit_id
    period_columns: re.Pattern | None  # wide: None means every header that reads as a period
    period_pattern: re.Pattern | None
    decimal: str | None
    suppression_markers: tuple[str, ...]
    skip_rows: tuple[re.Pattern, ...]
    ignore_columns: frozenset[str]  # folded
    ignore_columns_matching: tuple[re.Pattern, ...]
    fill_down: tuple[str, ...]
    empty_values: str
    provisional: Provisional
    published_at: PublishedAt | None


def fold(text: str) -> str:
    """Text as headers, labels and spellings are compared: whitespace collapsed, case folded."""
    return " ".join(str(text).split()).casefold()


def shown_path(file: Path) -> Path:
    """A mapping file as error messages show it: relative to the project when it lies inside."""
    try:
        return file.resolve().relative_to(PROJECT_ROOT)
    except ValueError:
        return file
