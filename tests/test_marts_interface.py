"""The marts are an interface: every mart declares its columns with their types (an enforced dbt
model contract) and its grain (`grain` of the data test data_checks; for a `fortrolig` copy in the
public mart's data_checks, under `also`), in the YAML beside it.

What the contract holds is checked by dbt on every build of every test that builds: a mart whose
SQL returns other columns or types fails its build (tests/test_marts_on_hand_made_data.py shows it
does). This checks, without a build, that no mart is left out."""

from __future__ import annotations

from pathlib import Path

import yaml

DBT = Path(__file__).resolve().parents[1] / "dbt_project"
MARTS = DBT / "models" / "marts"


def mart_properties() -> dict[str, dict]:
    found = {}
    for path in MARTS.rglob("*.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            found[model["name"]] = model
    return found


def grains_of(name: str, properties: dict[str, dict]) -> list[list[str]]:
    """The grains checked for the mart `name`: its own data_checks' `grain`, and for a fortrolig
    copy the `grain` of its entry under `also` in the public mart's data_checks (one test node
    checks both relations)."""
    def checks(model: dict) -> list[dict]:
        return [t["data_checks"]["arguments"] for t in model.get("data_tests", []) if "data_checks" in t]

    found = [args["grain"] for args in checks(properties[name]) if "grain" in args]
    if name.startswith("fortrolig__"):
        public = properties.get(name.removeprefix("fortrolig__"), {})
        found += [also["grain"] for args in checks(public) for also in args.get("also", [])
                  if also["relation"] == f"ref('{name}')" and "grain" in also]
    return found


def test_the_contract_is_enforced_for_every_mart():
    config = yaml.safe_load((DBT / "dbt_project.yml").read_text(encoding="utf-8"))
    marts = config["models"]["noegletal"]["marts"]
    assert marts["+contract"] == {"enforced": True}
    assert "+contract" not in marts["fortrolig"]  # inherited, not switched off


def test_every_mart_declares_its_columns_with_types_and_its_grain():
    properties = mart_properties()
    models = sorted(p.stem for p in MARTS.rglob("*.sql"))
    assert len(models) >= 30
    problems = []
    for name in models:
        model = properties.get(name)
        if model is None:
            problems.append(f"{name}: no YAML")
            continue
        columns = model.get("columns") or []
        untyped = [c["name"] for c in columns if not c.get("data_type")]
        if not columns or untyped:
            problems.append(f"{name}: columns without data_type {untyped or 'all'}")
        grains = grains_of(name, properties)
        if len(grains) != 1:
            problems.append(f"{name}: {len(grains)} grains")
            continue
        key = grains[0]
        if not set(key) <= {c["name"] for c in columns}:
            problems.append(f"{name}: grain {key} not among its columns")
    assert problems == []


def test_public_and_fortrolig_marts_have_the_same_contract():
    properties = mart_properties()
    for name, model in properties.items():
        if name.startswith("fortrolig__"):
            public = properties[name.removeprefix("fortrolig__")]
            assert [(c["name"], c["data_type"]) for c in model["columns"]] == [
                (c["name"], c["data_type"]) for c in public["columns"]
            ], name
