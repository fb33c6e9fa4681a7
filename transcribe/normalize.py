"""Text normalisation for scoring Vietnamese transcripts (both sides the same way).

NFC, lower case, one tone-placement style ("hoà" and "hòa" are the same word), numbers written
out in Vietnamese words, punctuation to spaces, whitespace collapsed. Vietnamese WER counts
syllables, which are the space-separated tokens after this.
"""

from __future__ import annotations

import re
import unicodedata

from num2words import num2words

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (combining, NFD)
# Old style puts the tone on the first vowel of an open "oa/oe/uy" ("hòa", "thủy"); new style on
# the second ("hoà", "thuỷ"). Normalise to the new style: move the mark after the second vowel.
_OLD_STYLE = re.compile(rf"(?<![qQ])([oOuU])([{_TONES}])([aAeEyY])(?![\w\u0300-\u036f])")
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3}(?:\.\d{3})+)(?![\d.,]*\d)")
_DECIMAL = re.compile(r"(\d+),(\d+)")
_NUMBER = re.compile(r"\d+")
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACES = re.compile(r"\s+")


def unify_tone_placement(text: str) -> str:
    """Put tone marks of open oa/oe/uy syllables in one place ("hòa" becomes "hoà")."""
    nfd = unicodedata.normalize("NFD", text)
    fixed = _OLD_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), nfd)
    return unicodedata.normalize("NFC", fixed)


def spell_numbers(text: str) -> str:
    """Write the numbers of ``text`` in Vietnamese words ("70%" becomes "bảy mươi phần trăm")."""
    text = _THOUSANDS.sub(lambda m: m.group(1).replace(".", ""), text)
    text = text.replace("%", " phần trăm ")
    text = _DECIMAL.sub(lambda m: f"{m.group(1)} phẩy {m.group(2)}", text)
    return _NUMBER.sub(lambda m: f" {num2words(int(m.group(0)), lang='vi')} ", text)


def normalize(text: str) -> str:
    """The scoring form of a transcript: see the module docstring."""
    text = unicodedata.normalize("NFC", text).lower()
    text = spell_numbers(text)
    text = _PUNCT.sub(" ", text)
    text = unify_tone_placement(text)
    return _SPACES.sub(" ", text).strip()
