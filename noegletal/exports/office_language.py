"""Danish and accessible Office files: the language every style and run is spell-checked and read
aloud in (da-DK, not Word's default en-US), table header rows that repeat on every page, and
numbers kept on one line with their units.

python-docx has no API for a style's or a run's language or a header row: they are the w:lang and
w:tblHeader elements of WordprocessingML, set here on the document's XML.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from noegletal.formatting import keep_units_together

LANGUAGE = "da-DK"


def _set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)


def make_danish(doc) -> None:
    """Danish as the language of the document's defaults, of every style and of every run (body,
    headers and footers)."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_default.append(rpr)
        _set_lang(rpr)
    for style in styles.findall(qn("w:style")):
        _set_lang(style.get_or_add_rPr())
    parts = [doc.element.body] + [
        part._element for section in doc.sections for part in (section.header, section.footer)
        if not part.is_linked_to_previous  # a header not defined is not created here
    ]
    for part in parts:
        for run in part.iter(qn("w:r")):
            _set_lang(run.get_or_add_rPr())


def repeat_header_rows(doc) -> None:
    """Every table's first row is its header row (read as such, repeated after a page break)."""
    for table in doc.tables:
        if not table.rows:
            continue
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:tblHeader")) is None:
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            tr_pr.append(header)


def keep_numbers_with_units(doc) -> None:
    """No line break between a number and its unit anywhere in the body ("95 %-grænse" split
    over two lines in the rendered item): the texts' spaces there become no-break spaces."""
    for text in doc.element.body.iter(qn("w:t")):
        if text.text:
            text.text = keep_units_together(text.text)
