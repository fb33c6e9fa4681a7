"""Where the visible signature goes: the empty space of the CHỦ TỌA block in the rendered PDF.

LibreOffice decides the layout, so the block is found after rendering, from the words' boxes
that ``pdftotext -bbox`` (poppler) reports: under "CHỦ TỌA" and its note, above the chair's name.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from minutes_tui import texts
from minutes_tui.export.signatures import SECRETARY_CM
from minutes_tui.export.styles import PAGE_MM

_PT_PER_MM = 72 / 25.4
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class FieldPlace:
    """A visible signature field."""

    page: int
    """Page index, from 0 (-1: the last page)."""
    box: tuple[int, int, int, int]
    """(x1, y1, x2, y2) in PDF points, origin bottom-left."""


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", unescape(text))


def _joined(words: list[tuple[float, float, float, float, str]]) -> list[tuple[float, float, float, float, str]]:
    """Glue back the pieces of a word that poppler splits where the font changes (a letter drawn
    from a fallback font when the main one lacks it): the next piece starts where this one ends."""
    out: list[tuple[float, float, float, float, str]] = []
    for word in words:
        if out and abs(word[1] - out[-1][1]) < 0.5 and -0.5 < word[0] - out[-1][2] < 0.5:
            last = out[-1]
            out[-1] = (last[0], last[1], word[2], max(last[3], word[3]), _nfc(last[4] + word[4]))
        else:
            out.append(word)
    return out


def _fallback() -> FieldPlace:
    """Right half of the last page, near the bottom: used when the block cannot be found (inside the
    chair's column, as a found field is)."""
    left = (PAGE_MM["left"] + SECRETARY_CM * 10) * _PT_PER_MM
    return FieldPlace(-1, (int(left + 12), 80, int(left + 232), 150))


def locate_chair_block(pdf: Path, anchor: str = "") -> FieldPlace:
    """The signature field's place: the gap between the CHỦ TỌA note (or ``anchor``) and the chair's name."""
    if shutil.which("pdftotext") is None:
        return _fallback()
    done = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, timeout=120)
    pages = _PAGE.findall(done.stdout)
    title = _nfc(anchor or texts.MINUTES_DOC["chair_title"]).split()
    column = (PAGE_MM["left"] + SECRETARY_CM * 10) * _PT_PER_MM
    right = (PAGE_MM["width"] - PAGE_MM["right"]) * _PT_PER_MM
    for index in range(len(pages) - 1, -1, -1):
        width, height, body = pages[index]
        words = _joined([(float(a), float(b), float(c), float(d), _nfc(w)) for a, b, c, d, w in _WORD.findall(body)])
        starts = [i for i in range(len(words) - 1) if [words[i][4], words[i + 1][4]] == title]
        if not starts:
            continue
        title_bottom = words[starts[-1]][3]
        below = sorted((w for w in words if w[1] > title_bottom and w[0] >= column - 2), key=lambda w: w[1])
        top, bottom = title_bottom, None
        for word in below:
            gap = word[1] - top
            if gap > 30:  # the first big gap is the room left for signing; the name follows
                bottom = word[1]
                break
            top = max(top, word[3])
        bottom = bottom if bottom is not None else top + 80
        page_h = float(height)
        box = (int(column + 12), int(page_h - bottom + 3), int(right - 12), int(page_h - top - 3))
        return FieldPlace(index, box)
    return _fallback()
