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

For the PDF pack (`print_pdf=True`) the SVGs are then printed to PDF in the same session, one
document per chart size with one chart a page: a single print instead of kaleido's one per figure
(which loads each SVG into its page and prints it alone, several times slower).
"""

from __future__ import annotations

import asyncio
import base64
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


@dataclass(frozen=True)
class PrintedPage:
    """A chart printed by Chromium: page `page` (from 0) of the PDF `document`, which the other
    charts of its size share."""

    document: bytes
    page: int


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
    jobs: Iterable[RenderJob], tabs: int = DEFAULT_TABS, on_done: Callable[[int], None] | None = None,
    print_pdf: bool = False,
) -> list:
    """Render every job in one Chromium session; the results (bytes) keep the jobs' order. `jobs`
    is read in the caller's thread while the browser starts and renders, so a generator that builds
    each figure when asked overlaps the building with the rendering. No job, no browser.
    print_pdf: every job is an SVG, each result its chart printed to PDF (a PrintedPage)."""
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
            result["value"] = asyncio.run(_render(submitted, path, max(1, tabs), finished.put, failed, print_pdf))
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
    print_pdf: bool = False,
) -> list:
    out: dict[int, bytes] = {}
    sizes: dict[int, tuple[int, int]] = {}
    try:
        async with _session_kaleido()(n=tabs, path=path, mathjax=False) as k:
            async def one(index: int, job: RenderJob) -> None:
                opts = {"format": job.format, "width": job.width, "height": job.height, "scale": job.scale}
                sizes[index] = (job.width, job.height)
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
            svgs = [out[i] for i in range(len(out))]
            if print_pdf:
                return await _printed(await k.tabs_ready.get(), svgs, [sizes[i] for i in range(len(out))])
    except BaseException:
        failed.set()  # the caller stops building figures nobody will render
        raise
    return svgs


async def _printed(ktab, svgs: list[bytes], sizes: list[tuple[int, int]]) -> list[PrintedPage]:
    """Each SVG printed to PDF, one document per size with one SVG a page (a kaleido tab, not put back)."""
    pages: list[PrintedPage | None] = [None] * len(svgs)
    for size in dict.fromkeys(sizes):
        indices = [i for i, s in enumerate(sizes) if s == size]
        document = await _print_document(ktab.tab, [svgs[i] for i in indices], *size)
        for page, index in enumerate(indices):
            pages[index] = PrintedPage(document, page)
    return pages  # type: ignore[return-value]


async def _print_document(tab, svgs: list[bytes], width: int, height: int) -> bytes:
    # each SVG as an image of its own, as kaleido prints one: the charts' ids cannot clash
    images = "".join(
        f"<img src='data:image/svg+xml;base64,{base64.b64encode(svg).decode('ascii')}' width='{width}' height='{height}'>"
        for svg in svgs
    )
    html = (
        f"<!doctype html><html><head><style>@page {{ size: {width}px {height}px; margin: 0 }} "
        f"html, body {{ margin: 0 }} img {{ display: block; break-after: page }}</style></head><body>{images}</body></html>"
    )
    frame = (await _command(tab, "Page.getFrameTree"))["frameTree"]["frame"]["id"]
    await _command(tab, "Page.setDocumentContent", {"frameId": frame, "html": html})
    await _command(tab, "Runtime.evaluate", {
        "expression": "Promise.all([...document.images].map(i => i.decode()))", "awaitPromise": True,
    })
    printed = await _command(tab, "Page.printToPDF", {
        # untagged: inside the pack's PDF each page is the content of a Figure WeasyPrint tagged
        "printBackground": True, "preferCSSPageSize": True, "generateTaggedPDF": False,
        "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0,
    })
    return base64.b64decode(printed["data"])


async def _command(tab, name: str, params: dict | None = None) -> dict:
    response = await tab.send_command(name, params=params)
    if "error" in response:
        raise ExportError(f"Chromium kunne ikke tegne diagrammerne til PDF ({name}: {response['error']}).")
    return response.get("result", {})
