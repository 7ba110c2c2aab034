""""Hent bilag": the chart pack for the chosen quarter and presentation, made on request from the
Overblik page (PDF, HTML, PowerPoint, Word, Excel) with its progress shown, marked FORTROLIGT in
preparation mode. The library makes the file (noegletal.exports.build_pack); this only asks and offers it."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboards.access import record_download
from noegletal.access import default_location
from noegletal.warehouse import FORTROLIG, audience

FORMAT_LABELS = {
    "pdf": "PDF", "html": "HTML (én fil)", "pptx": "PowerPoint", "docx": "Word (sagsfremstilling)", "xlsx": "Excel",
}
STATE_KEY = "nt_pack"


def render_pack_download(quarter: str | None, since: date | None) -> None:
    from noegletal.exports import ExportError, ExportOptions, build_pack
    from noegletal.exports.pack import MIME_TYPES, default_filename

    fortrolig = audience() == FORTROLIG
    st.subheader("Hent bilag")
    st.caption(
        "Nøgletalsbilaget for det valgte kvartal og den valgte præsentation: PDF og PowerPoint med en side pr. "
        "indikator, HTML som én fil (åbner uden server, med tabeller under figurerne), Word med udkastet til sagsfremstillingen, Excel med tallene bag figurerne."
        + (" Forberedelsestilstand: bilaget indeholder tal under embargo og mærkes FORTROLIGT." if fortrolig else "")
    )
    left, middle, right = st.columns([3, 1.4, 1], vertical_alignment="bottom")
    fmt = left.radio(
        "Format", list(FORMAT_LABELS), format_func=FORMAT_LABELS.get, horizontal=True, key="nt_pack_format"
    )
    # the pack is made for a meeting: its cover and file are named after it ("Bestyrelsesmøde 9. december 2026")
    meeting = middle.date_input(
        "Mødedato", value=None, format="DD.MM.YYYY", key="nt_pack_meeting",
        help="Det bestyrelsesmøde, bilaget er til: forsiden og filnavnet får mødets dato.",
    )
    request = (fmt, quarter, since, fortrolig, meeting)
    if right.button("Dan bilag", key="nt_pack_make", type="primary", disabled=meeting is None,
                    help=None if meeting else "Vælg først mødedatoen."):
        bar = st.progress(0.0, text="Danner figurer og sider …")

        def progress(done: int, total: int) -> None:
            bar.progress(min(done / max(total, 1), 1.0), text=f"Danner figurer og sider … {done} af {total}")

        options = ExportOptions(period=quarter, since=since, fortrolig=fortrolig, update_date=meeting)
        try:
            content = build_pack(default_location(), fmt, options, progress=progress)
        except ExportError as e:
            bar.empty()
            st.error(f"Bilaget kunne ikke dannes: {e}")
            return
        bar.empty()
        st.session_state[STATE_KEY] = (request, content)
    made = st.session_state.get(STATE_KEY)
    if made and made[0] == request:
        filename = default_filename(fmt, quarter or "seneste", fortrolig, meeting=meeting)
        if fortrolig:
            st.error("FORTROLIGT: bilaget indeholder tal under embargo. Må ikke videregives før offentliggørelsen.")
        st.download_button(
            f"Hent {FORMAT_LABELS[fmt]} ({len(made[1]) / 1024:,.0f} kB)".replace(",", "."),
            data=made[1], file_name=filename, mime=MIME_TYPES[fmt], key="nt_pack_download",
            on_click=record_download, args=(filename,),
        )
