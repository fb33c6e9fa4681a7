"""The visible signature's look: who signed and when, in a font with Vietnamese letters."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bienban_base import clock
from minutes_tui import texts

#: Fonts with Vietnamese glyphs for the signature's appearance (Times-compatible first).
STAMP_FONTS = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)
#: How pyHanko hands the signing time to the stamp: in the laptop's own zone, with its offset.
_SIGNED_AT = "%Y-%m-%dT%H:%M:%S%z"
# fontTools reports every font table it drops while subsetting the stamp's font: noise for users.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


def _vietnamese_letters() -> str:
    """Every Vietnamese letter with every tone, both cases, and the ASCII printable characters."""
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    letters = "".join(unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in tones) + "đ"
    return "".join(chr(c) for c in range(32, 127)) + letters + letters.upper()


def _stamp_font(font: str, folder: Path) -> str:
    """A copy of ``font`` cut to Latin and Vietnamese letters and rescaled to 1000 units per em.

    pyHanko writes the glyph widths of an embedded font in the font's own units, but PDF reads
    them as thousandths of an em: with a 2048-unit font (Liberation, DejaVu) every letter of the
    stamp would stand 2× apart. Cutting the font first makes the rescaling take milliseconds.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    tt = TTFont(font)
    cutter = subset.Subsetter(subset.Options(layout_features=["*"], name_IDs=["*"], notdef_outline=True))
    cutter.populate(text=_vietnamese_letters())
    cutter.subset(tt)
    if tt["head"].unitsPerEm != 1000:
        scale_upem(tt, 1000)
    target = folder / "stamp-font.ttf"
    tt.save(str(target))
    return str(target)


def stamp_style(work: Path):
    """The visible signature's look: who signed and when, in a font with Vietnamese letters."""
    from pyhanko import stamp
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle

    font = next((f for f in STAMP_FONTS if Path(f).is_file()), None)
    if font is None:  # pyHanko's built-in font has no Vietnamese letters
        box, text = TextBoxStyle(font_size=11), "Signed by: %(signer)s\nDate: %(ts)s"
    else:
        box, text = TextBoxStyle(font=GlyphAccumulatorFactory(_stamp_font(font, work)), font_size=11), texts.SIGNATURE_STAMP

    @dataclass(frozen=True)
    class VietnamTimeStyle(stamp.TextStampStyle):
        """The signing time shown in Vietnam's hours: pyHanko dates it in the laptop's zone, maybe UTC."""

        def create_stamp(self, writer, box, text_params):
            signed = clock.to_local(datetime.strptime(text_params["ts"], _SIGNED_AT))
            return super().create_stamp(writer, box, {**text_params, "ts": f"{signed:%d/%m/%Y %H:%M}"})

    return VietnamTimeStyle(stamp_text=text, text_box_style=box, timestamp_format=_SIGNED_AT, border_width=1)
