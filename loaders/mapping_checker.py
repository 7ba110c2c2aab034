"""Checking a publisher's spreadsheet mapping completely as it is read: unknown keys (with a
suggestion), missing required keys, wrong types, invalid regular expressions, and indicator and
region ids that are not in the catalog. Messages are Danish; `loaders.spreadsheet_mappings`
names the mapping file in each.
"""

from __future__ import annotations

import codecs
import difflib
import re
from pathlib import Path

from loaders.mapping_spec import (
    COLUMN_KEYS, FIELD, KEYS, PERIODS_KEYS, PROVISIONAL_KEYS, PUBLISHED_AT_KEYS, REQUIRED_KEYS, Mapping,
    Provisional, PublishedAt, fold,
)
from noegletal import catalog


class MappingChecker:
    """Reads a mapping's raw YAML into a `Mapping`, collecting every error in `errors`."""

    def __init__(self, file: Path):
        self.file = file
        self.errors: list[str] = []

    def fail(self, message: str) -> None:
        self.errors.append(message)

    # small typed readers; each returns a usable default after recording an error

    def unknown_keys(self, where: str, given: dict, allowed) -> None:
        for key in given:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), list(allowed), n=1)
                hint = f" (mente du '{close[0]}'?)" if close else f" (tilladte: {', '.join(allowed)})"
                self.fail(f"ukendt nøgle '{where}{key}'{hint}")

    def text(self, key: str, value, default=None) -> str | None:
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or str(value).strip() == "":
            self.fail(f"'{key}' skal være en tekst, ikke {value!r}")
            return default
        return str(value)

    def choice(self, key: str, value, options: tuple[str, ...], default=None) -> str | None:
        if value is None:
            return default
        if value not in options:
            self.fail(f"'{key}' skal være {' eller '.join(repr(o) for o in options)}, ikke {value!r}")
            return default
        return value

    def texts(self, key: str, value) -> tuple[str, ...]:
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, (str, int, float)) and not isinstance(i, bool)
                                                  for i in items):
            self.fail(f"'{key}' skal være en liste af tekster, ikke {value!r}")
            return ()
        return tuple(str(i) for i in items)

    def regex(self, key: str, value) -> re.Pattern | None:
        text = self.text(key, value)
        if text is None:
            return None
        try:
            return re.compile(text, re.IGNORECASE)
        except re.error as e:
            self.fail(f"'{key}' er ikke et gyldigt regulært udtryk ({e}): {text!r}")
            return None

    def section(self, key: str, value, allowed) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(f"'{key}' skal være en YAML-mapping med nøglerne {', '.join(allowed)}")
            return {}
        self.unknown_keys(f"{key}.", value, allowed)
        return value

    def check(self, raw) -> Mapping | None:
        """The mapping, with every error recorded; checked in the order of docs/mappings.md."""
        if not isinstance(raw, dict):
            self.fail("mappingen skal være en YAML-mapping (nøgle: værdi), ikke "
                      + ("en tom fil" if raw is None else type(raw).__name__))
            return None
        self.unknown_keys("", raw, KEYS)
        for key in REQUIRED_KEYS:
            if raw.get(key) is None:
                self.fail(f"den påkrævede nøgle '{key}' mangler ({KEYS[key]})")
        name, description, patterns = self.identity(raw)
        fmt, sheet, delimiter, encoding = self.file_format(raw)
        header_rows = self.header_rows(raw.get("header_rows"))
        layout = self.choice("layout", raw.get("layout"), ("long", "wide"), "long")
        columns = self.columns(raw.get("columns"), layout)
        indicator, indicator_names = self.indicator(raw, columns)
        region, regions = self.region(raw, columns)
        units = self.units(raw.get("units"), columns, regions)
        period_columns, period_pattern = self.periods(raw.get("periods"), layout)
        decimal = self.choice("decimal", raw.get("decimal"), ("comma", "point"))
        rows = self.row_rules(raw, columns)
        provisional = self.provisional(raw.get("provisional"))
        published_at = self.published_at(raw.get("published_at"))
        self.no_column_twice(columns, provisional, published_at)
        return Mapping(
            file=self.file, name=name, description=description, file_patterns=patterns, format=fmt,
            sheet=sheet, delimiter=delimiter, encoding=encoding, header_rows=header_rows, layout=layout,
            columns=columns, indicator=indicator, indicator_names=indicator_names, region=region,
            regions=regions, units=units, period_columns=period_columns, period_pattern=period_pattern,
            decimal=decimal, **rows, provisional=provisional, published_at=published_at,
        )

    def identity(self, raw: dict) -> tuple[str, str, tuple[str, ...]]:
        """Name, description and file patterns: how the source is called and recognised."""
        name = self.text("name", raw.get("name"), "")
        if name and not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
            self.fail(f"'name' må kun have små bogstaver a-z, tal, _ og -: {name!r}")
        if name == "canonical":
            self.fail("'name' kan ikke være 'canonical' (det er det kanoniske format)")
        description = self.text("description", raw.get("description"), "")
        patterns = self.texts("file_patterns", raw.get("file_patterns"))
        if raw.get("file_patterns") is not None and not patterns:
            self.fail("'file_patterns' skal have mindst ét mønster")
        return name, description, patterns

    def file_format(self, raw: dict) -> tuple[str, str | int, str, str]:
        """Format, sheet (xlsx), delimiter and encoding (csv)."""
        fmt = self.choice("format", raw.get("format"), ("xlsx", "csv"), "xlsx")
        sheet = raw.get("sheet", 1)
        if "sheet" in raw and fmt != "xlsx":
            self.fail("'sheet' gælder kun for format: xlsx")
        if isinstance(sheet, bool) or not isinstance(sheet, (str, int)) or (isinstance(sheet, int) and sheet < 1):
            self.fail(f"'sheet' skal være arkets navn eller nummer (1 = første ark), ikke {sheet!r}")
            sheet = 1
        for key in ("delimiter", "encoding"):
            if key in raw and fmt != "csv":
                self.fail(f"'{key}' gælder kun for format: csv")
        delimiter = raw.get("delimiter", ";")
        if not isinstance(delimiter, str) or len(delimiter) != 1:
            self.fail(f"'delimiter' skal være ét tegn, fx ';', ikke {delimiter!r}")
            delimiter = ";"
        encoding = self.text("encoding", raw.get("encoding"), "utf-8-sig")
        try:
            codecs.lookup(encoding)
        except LookupError:
            self.fail(f"'encoding' {encoding!r} er ikke et kendt tegnsæt (fx utf-8, cp1252, latin-1)")
            encoding = "utf-8-sig"
        return fmt, sheet, delimiter, encoding

    def row_rules(self, raw: dict, columns: dict[str, str]) -> dict:
        """The Mapping fields that say which cells, rows and columns to pass over or fill in."""
        markers = tuple(" ".join(m.split()) for m in self.texts("suppression_markers", raw.get("suppression_markers")))
        skip_rows = self.regexes("skip_rows_matching", raw.get("skip_rows_matching"))
        ignore_columns = frozenset(fold(t) for t in self.texts("ignore_columns", raw.get("ignore_columns")))
        ignore_matching = self.regexes("ignore_columns_matching", raw.get("ignore_columns_matching"))
        fill_down = self.texts("fill_down", raw.get("fill_down"))
        for key in fill_down:
            if key not in columns:
                self.fail(f"'fill_down' nævner '{key}', som ikke er en kolonne under 'columns'")
        empty_values = self.choice("empty_values", raw.get("empty_values"), ("refuse", "skip"), "refuse")
        return dict(suppression_markers=markers, skip_rows=skip_rows, ignore_columns=ignore_columns,
                    ignore_columns_matching=ignore_matching, fill_down=fill_down, empty_values=empty_values)

    def regexes(self, key: str, value) -> tuple[re.Pattern, ...]:
        """A list of regular expressions; the invalid ones are recorded by number and left out."""
        return tuple(
            p for i, t in enumerate(self.texts(key, value))
            if (p := self.regex(f"{key}[{i + 1}]", t)) is not None
        )

    def no_column_twice(self, columns: dict[str, str], provisional: Provisional,
                        published_at: PublishedAt | None) -> None:
        mapped = [*columns.values(), provisional.column, published_at.column if published_at else None]
        mapped = [fold(h) for h in mapped if h]
        for header in {h for h in mapped if mapped.count(h) > 1}:
            self.fail(f"kolonnen '{header}' er nævnt flere gange i mappingen")

    def header_rows(self, value) -> tuple[int, ...]:
        if value is None:
            return (1,)
        rows = [value] if isinstance(value, int) else value
        if (
            not isinstance(rows, list) or not rows
            or not all(isinstance(r, int) and not isinstance(r, bool) and r >= 1 for r in rows)
            or rows != list(range(rows[0], rows[0] + len(rows)))
        ):
            self.fail(f"'header_rows' skal være et rækkenummer (1 = første række) eller en liste af "
                      f"på hinanden følgende rækker, fx [4, 5], ikke {value!r}")
            return (1,)
        return tuple(rows)

    def columns(self, value, layout: str) -> dict[str, str]:
        allowed = COLUMN_KEYS[layout]
        if value is None:
            value = {}
        if not isinstance(value, dict):
            self.fail(f"'columns' skal være en YAML-mapping fra {', '.join(allowed)} til kolonneoverskrifter")
            return {}
        out = {}
        for key, header in value.items():
            if key not in allowed:
                extra = " (i layout: wide er perioderne kolonner; se 'periods')" if key in FIELD else ""
                self.fail(f"'columns.{key}' er ikke tilladt i layout: {layout} (tilladte: {', '.join(allowed)}){extra}")
                continue
            text = self.text(f"columns.{key}", header)
            if text is not None:
                out[key] = " ".join(text.split())
        if layout == "long":
            for key in ("period", "value"):
                if key not in out:
                    self.fail(f"layout: long kræver 'columns.{key}' (overskriften på kolonnen med {key})")
        return out

    def indicator(self, raw: dict, columns: dict) -> tuple[str | None, dict[str, str]]:
        known = catalog.indicators()
        fixed = self.text("indicator", raw.get("indicator"))
        if fixed is not None and fixed not in known:
            self.fail(f"'indicator' er en ukendt indikator: '{fixed}' (se dbt_project/seeds/indicators.csv)")
        if fixed is not None and "indicator" in columns:
            self.fail("angiv enten 'indicator' (fast for hele filen) eller 'columns.indicator', ikke begge")
        if fixed is None and "indicator" not in columns:
            self.fail("angiv enten 'indicator' (fast indicator_id for hele filen) eller 'columns.indicator'")
        names_raw = raw.get("indicator_names")
        names = {}
        if names_raw is not None:
            if "indicator" not in columns:
                self.fail("'indicator_names' kræver 'columns.indicator'")
            if not isinstance(names_raw, dict):
                self.fail("'indicator_names' skal være en YAML-mapping fra udgiverens navn til indicator_id")
                names_raw = {}
            for label, target in names_raw.items():
                if target not in known:
                    self.fail(f"'indicator_names': '{label}' peger på en ukendt indikator '{target}'")
                else:
                    names[fold(str(label))] = target
        return fixed, names

    def region(self, raw: dict, columns: dict) -> tuple[str | None, dict[str, str]]:
        def region_id(key: str, text) -> str | None:
            resolved = catalog.resolve_region(text) if text is not None else None
            if resolved is None:
                self.fail(f"'{key}' peger på en ukendt region {text!r} "
                          f"(kendte: {', '.join(catalog.regions())})")
            return resolved

        fixed = raw.get("region")
        if fixed is not None:
            fixed = region_id("region", fixed)
            if "region" in columns:
                self.fail("angiv enten 'region' (fast for hele filen) eller 'columns.region', ikke begge")
        if "area" in columns:
            # One column holds both levels, so no other column or key may say which region a row is.
            given = [k for k, present in (("region", fixed is not None), ("columns.region", "region" in columns),
                                          ("columns.unit", "unit" in columns)) if present]
            if given:
                self.fail("'columns.area' rummer både regioner og enheder; angiv ikke også "
                          + " og ".join(repr(g) for g in given))
        elif fixed is None and "region" not in columns and "unit" not in columns:
            self.fail("angiv enten 'region' (fast for hele filen), 'columns.region', 'columns.unit' "
                      "eller 'columns.area'")
        regions_raw = raw.get("regions")
        regions = {}
        if regions_raw is not None:
            if not isinstance(regions_raw, dict):
                self.fail("'regions' skal være en YAML-mapping fra udgiverens stavemåde til region_id")
                regions_raw = {}
            for spelling, target in regions_raw.items():
                resolved = region_id(f"regions: {spelling}", target)
                if resolved is not None:
                    regions[fold(str(spelling))] = resolved
        return fixed, regions

    def units(self, value, columns: dict, regions: dict[str, str]) -> dict[str, str]:
        if value is None:
            return {}
        if "unit" not in columns and "area" not in columns:
            self.fail("'units' kræver 'columns.unit' eller 'columns.area'")
        if not isinstance(value, dict):
            self.fail("'units' skal være en YAML-mapping fra udgiverens stavemåde til unit_id")
            return {}
        units = {}
        for spelling, target in value.items():
            unit = catalog.resolve_unit(target) if target is not None else None
            if unit is None:
                self.fail(f"'units: {spelling}' peger på en ukendt enhed {target!r} (en kommune ved navn eller "
                          f"kode, fx kommune_751, eller et unit_id fra dbt_project/seeds/units.csv)")
            elif fold(str(spelling)) in regions or catalog.resolve_region(spelling) is not None:
                # An area cell is read as a region first, so this spelling would never reach the unit.
                self.fail(f"'units: {spelling}' er også stavemåden for en region (under regions eller som standard)")
            else:
                units[fold(str(spelling))] = unit.unit_id
        return units

    def periods(self, value, layout: str) -> tuple[re.Pattern | None, re.Pattern | None]:
        section = self.section("periods", value, PERIODS_KEYS)
        columns = section.get("columns")
        period_columns = None
        if columns is not None:
            if layout != "wide":
                self.fail("'periods.columns' gælder kun for layout: wide")
            elif columns != "all":
                period_columns = self.regex("periods.columns", columns)
        pattern = None
        if "pattern" in section and "format" in section:
            self.fail("angiv enten 'periods.pattern' eller 'periods.format', ikke begge")
        if "format" in section:
            fmt = self.text("periods.format", section["format"], "")
            parts = re.split(r"(\{[^}]*\})", fmt)
            placeholders = [p for p in parts if p.startswith("{")]
            for p in placeholders:
                if p not in ("{year}", "{quarter}"):
                    self.fail(f"'periods.format' kender kun {{year}} og {{quarter}}, ikke {p}")
            if "{year}" not in placeholders:
                self.fail(f"'periods.format' skal indeholde {{year}}: {fmt!r}")
            regex = "".join(
                r"(?P<year>\d{4})" if p == "{year}" else r"(?P<quarter>[1-4])" if p == "{quarter}"
                else "".join(r"\s*" if w.isspace() else re.escape(w) for w in re.split(r"(\s+)", p) if w)
                for p in parts if p
            )
            pattern = re.compile(regex, re.IGNORECASE)
        elif "pattern" in section:
            pattern = self.regex("periods.pattern", section["pattern"])
            if pattern is not None and "year" not in pattern.groupindex:
                self.fail("'periods.pattern' skal have en navngiven gruppe (?P<year>...) og evt. (?P<quarter>...)")
                pattern = None
            elif pattern is not None and set(pattern.groupindex) - {"year", "quarter"}:
                self.fail("'periods.pattern' må kun have grupperne year og quarter")
                pattern = None
        return period_columns, pattern

    def provisional(self, value) -> Provisional:
        section = self.section("provisional", value, PROVISIONAL_KEYS)
        if value is not None and not any(section.get(k) for k in ("column", "marker", "latest_period")):
            self.fail("'provisional' skal have mindst én af column, marker og latest_period")
        values = self.texts("provisional.values", section.get("values"))
        if values and not section.get("column"):
            self.fail("'provisional.values' kræver 'provisional.column'")
        latest = section.get("latest_period", False)
        if not isinstance(latest, bool):
            self.fail(f"'provisional.latest_period' skal være true eller false, ikke {latest!r}")
            latest = False
        column = self.text("provisional.column", section.get("column"))
        return Provisional(
            column=" ".join(column.split()) if column else None,
            values=tuple(" ".join(v.split()) for v in values),
            marker=self.text("provisional.marker", section.get("marker")),
            latest_period=latest,
        )

    def published_at(self, value) -> PublishedAt | None:
        if value is None:
            return None
        section = self.section("published_at", value, PUBLISHED_AT_KEYS)
        where = [k for k in ("cell", "column", "file_name") if section.get(k) is not None]
        if len(where) != 1:
            self.fail("'published_at' skal have præcis én af cell, column og file_name")
        cell = self.text("published_at.cell", section.get("cell"))
        if cell is not None:
            if not re.fullmatch(r"[A-Za-z]{1,3}[1-9]\d*", cell):
                self.fail(f"'published_at.cell' skal være en celle som 'A2', ikke {cell!r}")
                cell = None
            else:
                cell = cell.upper()
        file_name = self.regex("published_at.file_name", section.get("file_name"))
        if file_name is not None and not ({"date"} <= set(file_name.groupindex)
                                          or {"year", "month", "day"} <= set(file_name.groupindex)):
            self.fail("'published_at.file_name' skal have grupperne (?P<date>...) eller "
                      "(?P<year>...), (?P<month>...) og (?P<day>...)")
        pattern = self.regex("published_at.pattern", section.get("pattern"))
        if pattern is not None and file_name is not None:
            self.fail("'published_at.pattern' gælder kun sammen med cell eller column")
        column = self.text("published_at.column", section.get("column"))
        return PublishedAt(
            cell=cell, column=" ".join(column.split()) if column else None, file_name=file_name, pattern=pattern
        )
