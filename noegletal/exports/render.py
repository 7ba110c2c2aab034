"""Static rendering of plotly figures in ONE browser session for a whole chart pack.

plotly's `fig.write_image` starts Chromium for every call (about a second each). Here kaleido is
started once, with a few tabs rendering in parallel, and every figure of the pack goes through it.
Kaleido drives Debian's Chromium (`/usr/bin/chromium`): kaleido cannot download a browser here, so
the path is set explicitly and a missing Chromium is a clear error.

Two things keep the per-figure cost down (measured, docs/benchmarks.md):
- kaleido reloads its tab (the page with all of plotly.js) after every figure; that reload took
  more than half of each render. Plotly.toImage draws every figure in a fresh element of its own
  and removes it again, so the tab is reused as it is (`_SessionKaleido`); the SVGs are the same.
- the jobs may be a lazy iterable: the caller's thread builds the next figures (plotly, Python)
  while Chromium starts and renders the first ones.
"""

from __future__ import annotations

import asyncio
import os
import queue
import shutil
import threading
from collections.abc import Callable, Iterable
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
    jobs: Iterable[RenderJob], tabs: int = DEFAULT_TABS, on_done: Callable[[int], None] | None = None
) -> list[bytes]:
    """Render every job in one Chromium session; the results keep the jobs' order.

    `jobs` is read in the caller's thread while the browser starts and renders, so a generator
    that builds each figure when asked overlaps the figure building with the rendering. No job,
    no browser."""
    iterator = iter(jobs)
    first = next(iterator, None)
    if first is None:
        return []
    path = chromium_path()
    result: dict[str, object] = {}
    submitted: queue.SimpleQueue[RenderJob | None] = queue.SimpleQueue()
    finished: queue.SimpleQueue[int] = queue.SimpleQueue()
    failed = threading.Event()

    def run() -> None:
        try:
            result["value"] = asyncio.run(_render(submitted, path, max(1, tabs), finished.put, failed))
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            result["error"] = e
            failed.set()

    # progress is reported from the caller's thread: a Streamlit progress bar may only be updated
    # from the script's own thread (from the render thread it raised NoSessionContext)
    def report(block: bool) -> None:
        while True:
            try:
                index = finished.get(timeout=0.1) if block else finished.get_nowait()
            except queue.Empty:
                return
            if on_done:
                on_done(index)

    # a thread of its own: works whether or not the caller already runs an event loop (Streamlit)
    thread = threading.Thread(target=run, name="noegletal-kaleido")
    thread.start()
    try:
        submitted.put(first)
        for job in iterator:
            if failed.is_set():
                break
            submitted.put(job)
            report(block=False)
    except BaseException:  # building a figure failed: end the session, then let the error go on
        submitted.put(None)
        thread.join()
        raise
    submitted.put(None)  # no more jobs
    while thread.is_alive() or not finished.empty():
        report(block=True)
    thread.join()
    if "error" in result:
        error = result["error"]
        if type(error).__name__ == "ChromeNotFoundError":
            raise ExportError(f"Chromium kunne ikke startes ({path}). Installér den med: {INSTALL_HINT}") from error
        raise error  # type: ignore[misc]
    return result["value"]  # type: ignore[return-value]


def _session_kaleido():
    """kaleido.Kaleido that puts a tab back for the next figure without reloading it.

    kaleido (1.5) reloads the tab, plotly.js and all, after every figure. Plotly.toImage renders
    each figure into an element of its own and purges it, so nothing of one figure is left for the
    next; an error ends the whole session anyway (calc_fig raises, the pack is not made)."""
    import kaleido

    class _SessionKaleido(kaleido.Kaleido):
        async def _return_kaleido_tab(self, tab) -> None:
            await self.tabs_ready.put(tab)

    # if kaleido drops or renames the hook, the override is never called: kaleido's own reload
    # stays in force (slower, still correct); tests/test_export_render.py notices
    return _SessionKaleido


async def _render(
    submitted: queue.SimpleQueue[RenderJob | None],
    path: str,
    tabs: int,
    on_done: Callable[[int], None] | None,
    failed: threading.Event,
) -> list[bytes]:
    out: dict[int, bytes] = {}
    try:
        async with _session_kaleido()(n=tabs, path=path, mathjax=False) as k:
            async def one(index: int, job: RenderJob) -> None:
                opts = {"format": job.format, "width": job.width, "height": job.height, "scale": job.scale}
                try:
                    out[index] = await k.calc_fig(job.figure, opts=opts)
                except BaseException:
                    failed.set()
                    raise
                if on_done:
                    on_done(index)

            tasks: list[asyncio.Task] = []
            while (job := await asyncio.to_thread(submitted.get)) is not None:
                tasks.append(asyncio.create_task(one(len(tasks), job)))
            await asyncio.gather(*tasks)
    except BaseException:
        failed.set()  # the caller stops building figures nobody will render
        raise
    return [out[i] for i in range(len(out))]
