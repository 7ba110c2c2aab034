"""Where things live: the project root, the dbt project and the default warehouse file (which
warehouse is in use, a file or a postgresql:// URL, is noegletal.access.default_location())."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# $NOEGLETAL_DBT_PROJECT_DIR points at another copy of the dbt project (bench/scale.py builds one
# with a replicated catalog); its seeds are then the catalog the loaders check against.
DBT_PROJECT_DIR = Path(os.environ.get("NOEGLETAL_DBT_PROJECT_DIR") or PROJECT_ROOT / "dbt_project").resolve()
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
RAW_DATA_DIR = PROJECT_ROOT / "data" / "raw"
DEMO_DATA_DIR = RAW_DATA_DIR / "demo"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "data" / "warehouse.duckdb"

