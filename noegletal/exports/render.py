"""Static rendering of plotly figures in ONE browser session for a whole chart pack.

plotly's `fig.write_image` starts Chromium for every call (about a second each). Here kaleido is
started once, with a few tabs rendering in parallel, and every figure of the pack goes through it.
Kaleido drives Debian's Chromium (`/usr/bin/chromium`): kaleido cannot download a browser here, so
the path is set explicitly and a missing Chromium is a clear error.
"""

from __future__ import annotations

import asyncio
import os
import queue
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from noegletal.content.pack_data import ExportError

INSTALL_HINT = "sudo apt-get install -y chromium  (eller `make setup`)"
DEFAULT_TABS = min(2, os.cpu_count() or 1)  # more tabs than cores only adds overhead


@dataclass(frozen=True)
class RenderJob:
    figure: go.Figure
    format: str  # "pdf", "svg" or "png"
    width: int  # CSS pixels
    height: int
    scale: float = 1.0


def chromium_path() -> str:
    """The browser kaleido should drive: $BROWSER_PATH, else chromium on PATH; ExportError if none."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        if os.path.exists(explicit):
            return explicit
        raise ExportError(f"Chromium blev ikke fundet i BROWSER_PATH={explicit}. Installér Chromium: {INSTALL_HINT}")
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise ExportError(
        "Chromium blev ikke fundet. Diagrammerne tegnes med Chromium (via kaleido). "
        f"Installér den med: {INSTALL_HINT}"
    )


def render_all(
    jobs: Sequence[RenderJob], tabs: int = DEFAULT_TABS, on_done: Callable[[int], None] | None = None
) -> list[bytes]:
    """Render every job in one Chromium session; the results keep the jobs' order."""
    if not jobs:
        return []
    path = chromium_path()
    result: dict[str, object] = {}

    finished: queue.SimpleQueue[int] = queue.SimpleQueue()

    def run() -> None:
        try:
            result["value"] = asyncio.run(_render(jobs, path, tabs, finished.put))
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            result["error"] = e

    # a thread of its own: works whether or not the caller already runs an event loop (Streamlit)
    thread = threading.Thread(target=run, name="noegletal-kaleido")
    thread.start()
    # progress is reported from the caller's thread: a Streamlit progress bar may only be updated
    # from the script's own thread (from the render thread it raised NoSessionContext)
    while thread.is_alive() or not finished.empty():
        try:
            index = finished.get(timeout=0.1)
        except queue.Empty:
            continue
        if on_done:
            on_done(index)
    thread.join()
    if "error" in result:
        error = result["error"]
        if type(error).__name__ == "ChromeNotFoundError":
            raise ExportError(f"Chromium kunne ikke startes ({path}). Installér den med: {INSTALL_HINT}") from error
        raise error  # type: ignore[misc]
    return result["value"]  # type: ignore[return-value]


async def _render(
    jobs: Sequence[RenderJob], path: str, tabs: int, on_done: Callable[[int], None] | None
) -> list[bytes]:
    import kaleido

    out: list[bytes | None] = [None] * len(jobs)
    async with kaleido.Kaleido(n=max(1, min(tabs, len(jobs))), path=path, mathjax=False) as k:
        async def one(index: int, job: RenderJob) -> None:
            opts = {"format": job.format, "width": job.width, "height": job.height, "scale": job.scale}
            out[index] = await k.calc_fig(job.figure, opts=opts)
            if on_done:
                on_done(index)

        await asyncio.gather(*(one(i, job) for i, job in enumerate(jobs)))
    return out  # type: ignore[return-value]
