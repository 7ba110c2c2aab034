"""YAML mappings that describe publishers' spreadsheet layouts: reading them and checking them.

One file per source in loaders/mappings/ (every key is documented in docs/mappings.md and listed
in `loaders.mapping_spec.KEYS`). A mapping is checked completely when it is read
(`loaders.mapping_checker`): unknown keys (with a suggestion), missing required keys, wrong types,
invalid regular expressions, and indicator and region ids that are not in the catalog. Every error
names the mapping file. The files the
mappings describe are read by `loaders.spreadsheet`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from loaders.errors import CellError
from loaders.mapping_checker import MappingChecker
# Re-exported: the loaders, bench/ and the tests import the mapping's parts from here.
from loaders.mapping_spec import (  # noqa: F401
    COLUMN_KEYS, FIELD, KEYS, PERIODS_KEYS, PROVISIONAL_KEYS, PUBLISHED_AT_KEYS, REQUIRED_KEYS, Mapping,
    MappingError, Provisional, PublishedAt, fold, shown_path,
)

MAPPINGS_DIR = Path(__file__).resolve().parent / "mappings"


# --- reading and checking the mappings -----------------------------------------------------------


def load_mappings(directory: Path) -> list[Mapping]:
    """Every mapping in the directory; MappingError naming each bad file and key."""
    mappings, errors = [], []
    files = sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])
    for file in files:
        try:
            mappings.append(load_mapping(file))
        except MappingError as e:
            errors.extend(e.errors)
    first_file: dict[str, Path] = {}
    for m in mappings:
        if m.name in first_file:
            errors.append(
                CellError(shown_path(m.file), None, None,
                          f"kildenavnet '{m.name}' bruges også i {shown_path(first_file[m.name])}")
            )
        first_file.setdefault(m.name, m.file)
    if errors:
        raise MappingError(errors)
    return mappings


class _UniqueKeyLoader(yaml.SafeLoader):
    """yaml.safe_load, but a key written twice is an error instead of silently the last one."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"nøglen '{key}' står to gange", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


def load_mapping(file: Path) -> Mapping:
    """The mapping in one YAML file; MappingError naming the file and every bad key."""
    shown = shown_path(file)
    try:
        raw = yaml.load(file.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 (safe loader)
    except OSError as e:
        raise MappingError([CellError(shown, None, None, f"mappingen kan ikke læses: {e.strerror or e}")]) from None
    except UnicodeDecodeError:
        raise MappingError([CellError(shown, None, None, "mappingen er ikke gemt som UTF-8")]) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"linje {mark.line + 1}: " if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e)
        raise MappingError([CellError(shown, None, None, f"ugyldig YAML, {where}{problem}")]) from None
    checker = MappingChecker(file)
    mapping = checker.check(raw)
    if checker.errors:
        raise MappingError([CellError(shown, None, None, message) for message in checker.errors])
    return mapping
