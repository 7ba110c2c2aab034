"""Start the dashboard (Streamlit) for `noegletal serve` and `noegletal demo`, and refuse to start
preparation mode (`--fortrolig`) without a sign-in set-up that guards figures under embargo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from noegletal.config import PROJECT_ROOT


def check_sign_in(secrets: Path) -> None:
    """Preparation mode shows figures under embargo: refuse to start it without sign-in set up
    (noegletal.sign_in: keys present, a strong cookie secret, a reachable provider, an
    allow-list naming someone); exit 1 with the reason in Danish."""
    from noegletal.sign_in import sign_in_problem

    problem = sign_in_problem(secrets)
    if problem:
        click.echo(
            f"Forberedelsestilstanden (--fortrolig) kræver login, men det er ikke sat op forsvarligt: {problem}.\n"
            "Serveren er ikke startet. Se docs/sign-in-and-embargo.md.",
            err=True,
        )
        sys.exit(1)


def start_dashboard(port: int, secrets: Path | None = None) -> None:
    app = PROJECT_ROOT / "dashboards" / "app.py"
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]
    if secrets is not None:
        cmd += ["--secrets.files", str(secrets.resolve())]
    click.echo(f"Dashboardet kører på http://localhost:{port}")
    # Streamlit reads .streamlit/config.toml (and secrets.toml) from the working directory.
    raise SystemExit(subprocess.call(cmd, cwd=PROJECT_ROOT))
