"""Chart packs: the quarterly key-figure appendix as PDF, PowerPoint, PNG/SVG and Excel, and the
drafted summary "Hvad viser de nye tal?" — built from the marts with the dashboard's figure builders."""

from noegletal.content.pack_data import ExportError, ExportOptions, load_pack_data
from noegletal.exports.pack import FORMATS, MIME_TYPES, SUFFIXES, build_pack

__all__ = ["FORMATS", "MIME_TYPES", "SUFFIXES", "ExportError", "ExportOptions", "build_pack", "load_pack_data"]
