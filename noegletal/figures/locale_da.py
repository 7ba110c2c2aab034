"""Plotly in Danish: the mode bar's tool tips, month and day names, decimal comma and thousands
point, passed with every chart's config (plotly.js reads `config.locales`, so no extra script has
to be loaded in the browser)."""

from __future__ import annotations

DANISH = {
    "dictionary": {
        "Autoscale": "Tilpas akser automatisk",
        "Box Select": "Vælg med rektangel",
        "Click to enter Colorscale title": "Klik for at skrive farveskalaens titel",
        "Click to enter Component A title": "Klik for at skrive titel",
        "Click to enter Plot title": "Klik for at skrive grafens titel",
        "Click to enter X axis title": "Klik for at skrive x-aksens titel",
        "Click to enter Y axis title": "Klik for at skrive y-aksens titel",
        "Compare data on hover": "Sammenlign værdier, når musen holdes over",
        "Double-click on legend to isolate one trace": "Dobbeltklik på forklaringen for at vise én serie alene",
        "Double-click to zoom back out": "Dobbeltklik for at zoome ud igen",
        "Download plot": "Hent graf",
        "Download plot as a png": "Hent grafen som PNG",
        "Download plot as a PNG": "Hent grafen som PNG",
        "Edit in Chart Studio": "Rediger i Chart Studio",
        "Lasso Select": "Vælg med lasso",
        "Orbital rotation": "Rotation om kredsløb",
        "Pan": "Panorer",
        "Produced with Plotly.js": "Lavet med Plotly.js",
        "Reset": "Nulstil",
        "Reset axes": "Nulstil akser",
        "Reset camera to default": "Nulstil kamera",
        "Reset camera to last save": "Nulstil kamera til sidst gemte",
        "Reset view": "Nulstil visning",
        "Reset views": "Nulstil visninger",
        "Show closest data on hover": "Vis nærmeste værdi, når musen holdes over",
        "Snapshot succeeded": "Billedet er gemt",
        "Sorry, there was a problem downloading your snapshot!": "Billedet kunne ikke hentes.",
        "Taking snapshot - this may take a few seconds": "Gemmer billede – det kan tage et par sekunder",
        "Toggle Spike Lines": "Vis/skjul hjælpelinjer",
        "Toggle show closest data on hover": "Vis/skjul nærmeste værdi ved musen",
        "Turntable rotation": "Drejeskiverotation",
        "Zoom": "Zoom",
        "Zoom in": "Zoom ind",
        "Zoom out": "Zoom ud",
        "close:": "luk:",
        "concentration:": "koncentration:",
        "high:": "høj:",
        "incoming flow count:": "indgående strømme:",
        "kde:": "kde:",
        "lat:": "bredde:",
        "lon:": "længde:",
        "low:": "lav:",
        "lower fence:": "nedre grænse:",
        "max:": "maks.:",
        "mean ± σ:": "gennemsnit ± σ:",
        "mean:": "gennemsnit:",
        "median:": "median:",
        "min:": "min.:",
        "new text": "ny tekst",
        "open:": "åben:",
        "outgoing flow count:": "udgående strømme:",
        "q1:": "q1:",
        "q3:": "q3:",
        "source:": "kilde:",
        "target:": "mål:",
        "trace": "serie",
        "upper fence:": "øvre grænse:",
    },
    "format": {
        "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
        "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
        "months": [
            "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
            "november", "december",
        ],
        "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
        "date": "%d.%m.%Y",
        "decimal": ",",
        "thousands": ".",
    },
}


def danish_config(config: dict | None = None) -> dict:
    """A plotly config with the Danish locale added."""
    return {**(config or {}), "locale": "da", "locales": {"da": DANISH}}
