"""Anonymous residents by the meaning of their names, not their bytes.

A name matches whatever its Unicode form (NFC/NFD), its tone placement ("Thủy"/"Thuỷ",
"hòa"/"hoà") and its case, on word boundaries only. For each anonymous participant these are
masked: the full name, each alias the secretary added, the given name after a form of address
("chị Tố", "bà Thủy"), and the given name alone when written as a name (capitalised): "Tư" is
masked, "đầu tư" is not. Names of participants who are not anonymous are left whole even when
they share a word with an anonymous one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from minutes_tui.meeting.model import Participant

#: Forms of address that, before a given name, point at one person.
FORMS_OF_ADDRESS = ("anh", "chị", "em", "ông", "bà", "cô", "chú", "bác", "cụ")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
#: Inside a word besides letters: combining marks NFC cannot fold into a letter (marks typed out
#: of canonical order, "o" + sắc + mũ for "ố") and invisible characters (soft hyphen, zero-width
#: space and joiners, word joiner, BOM) that would otherwise cut a name in two on screen unseen.
_INSIDE = "\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff"
_WORD = re.compile(rf"[{_INSIDE}]*[^\W_](?:[^\W_]|[{_INSIDE}])*")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


@functools.lru_cache(maxsize=1 << 16)  # a meeting's words repeat: most keys are computed once
def word_key(word: str) -> str:
    """A word's identity for matching: case-folded, NFC, invisible characters dropped, its tone mark moved to the end."""
    letters = unicodedata.normalize("NFD", word.translate(_INVISIBLE).casefold())
    tones = "".join(sorted({c for c in letters if c in _TONES}))  # a mark typed twice is one tone
    return unicodedata.normalize("NFC", "".join(c for c in letters if c not in _TONES)) + tones


def _keys(name: str) -> tuple[str, ...]:
    return tuple(word_key(w) for w in _WORD.findall(unicodedata.normalize("NFC", name)))


def _first_letter(text: str, start: int) -> str:
    """The first letter of the word at ``start`` (a word may begin with an invisible character)."""
    return next(c for c in text[start:] if c.isalpha())


@dataclass(frozen=True)
class MaskedSpan:
    """One place in a text where an anonymous person would be named."""

    start: int
    """Offset of the first character in the NFC form of the text."""
    end: int
    """Offset after the last character."""
    text: str
    """The words that would be masked, as written."""
    participant_id: int
    """Who they name."""


@dataclass(frozen=True)
class _Pattern:
    keys: tuple[str, ...]
    participant_id: int | None  # None: a name to keep whole
    capitalised: bool = False  # the text's first letter must be upper-case (a bare given name)


class Anonymizer:
    """Masks the anonymous participants of one meeting in any text."""

    def __init__(self, participants: Iterable[Participant], replacement: str) -> None:
        self.replacement = replacement
        patterns: list[_Pattern] = []
        for p in participants:
            keys = _keys(p.name)
            if not keys:
                continue
            if not p.anonymous:
                patterns.append(_Pattern(keys, None))
                continue
            patterns.append(_Pattern(keys, p.id))
            patterns.extend(_Pattern(_keys(a), p.id) for a in p.aliases if _keys(a))
            for address in FORMS_OF_ADDRESS:
                patterns.append(_Pattern((word_key(address), *keys), p.id))
                patterns.append(_Pattern((word_key(address), keys[-1]), p.id))
            patterns.append(_Pattern((keys[-1],), p.id, capitalised=True))
        # longest first; at equal length a name to mask wins over a name to keep
        patterns.sort(key=lambda pat: (-len(pat.keys), pat.participant_id is None))
        # by first word: a text is scanned once, trying at each word only the names that start with it
        self._by_first: dict[str, list[_Pattern]] = {}
        for pat in patterns:
            self._by_first.setdefault(pat.keys[0], []).append(pat)
        self.active = any(pat.participant_id is not None for pat in patterns)

    def spans(self, text: str) -> list[MaskedSpan]:
        """Where ``text`` (taken in NFC) names an anonymous participant."""
        if not self.active or not text:
            return []
        text = unicodedata.normalize("NFC", text)
        words = [(m.start(), m.end(), word_key(m.group())) for m in _WORD.finditer(text)]
        found, i = [], 0
        while i < len(words):
            candidates = self._by_first.get(words[i][2], ())
            hit = next((pat for pat in candidates if self._matches(text, words, i, pat)), None)
            if hit is None:
                i += 1
                continue
            start, end = words[i][0], words[i + len(hit.keys) - 1][1]
            if hit.participant_id is not None:
                found.append(MaskedSpan(start, end, text[start:end], hit.participant_id))
            i += len(hit.keys)
        return found

    @staticmethod
    def _matches(text: str, words: list, i: int, pat: _Pattern) -> bool:
        n = len(pat.keys)
        if i + n > len(words) or any(words[i + k][2] != pat.keys[k] for k in range(n)):
            return False
        if any(not text[words[i + k][1] : words[i + k + 1][0]].translate(_INVISIBLE).isspace() for k in range(n - 1)):
            return False  # a name's words stand next to each other
        return not pat.capitalised or _first_letter(text, words[i][0]).isupper()

    def mask(self, text: str) -> str:
        """``text`` in NFC with every anonymous name replaced by the replacement."""
        if not self.active or not text:
            return text
        text = unicodedata.normalize("NFC", text)
        spans = self.spans(text)
        out, at = [], 0
        for span in spans:
            out += [text[at : span.start], self.replacement]
            at = span.end
        return "".join(out) + text[at:]


@dataclass(frozen=True)
class MaskedPlace:
    """A text of the meeting where an anonymous participant would be masked on export."""

    where: str
    """``title``, ``place``, ``report``, a document paragraph's key, ``recipient``, ``attendance``,
    ``role``, ``note``, ``segment``, ``petition``, ``answer``, ``responsible`` or another outcome field."""
    item_id: int
    """The segment's, petition's, note's or participant's id (0 for the meeting's own fields)."""
    spans: tuple[MaskedSpan, ...]
    """What would be masked there."""


def what_will_be_masked(record) -> list[MaskedPlace]:
    """Every place in ``record`` (a ``MeetingRecord``) where export would mask a name: the review screen shows it."""
    anonymizer = Anonymizer(record.participants, "")
    texts: list[tuple[str, int, str]] = [
        ("title", 0, record.meeting.title), ("place", 0, record.meeting.place), ("report", 0, record.meeting.report_summary),
    ]  # fmt: skip
    texts += [(key, 0, text) for key, text in record.meeting.document_texts]
    texts += [("recipient", 0, r) for r in record.meeting.recipients]
    texts += [("attendance", 0, group) for group, _ in record.meeting.attendance]
    texts += [("role", p.id, p.role) for p in record.participants if not p.anonymous]
    texts += [("note", n.id, n.text) for n in record.notes]
    texts += [("segment", s.id, s.text) for s in record.segments]
    for p in record.petitions:
        texts.append(("petition", p.id, p.text))
        if (o := p.outcome) is not None:
            texts += [("answer", p.id, o.answer), ("responsible", p.id, o.responsible), ("agency", p.id, o.agency)]
            texts += [("result", p.id, o.result), ("reference", p.id, o.reference), ("passed_to", p.id, o.passed_to)]
            texts.append(("extension_reason", p.id, o.extension_reason))
    places = [MaskedPlace(where, item, tuple(anonymizer.spans(text))) for where, item, text in texts]
    return [place for place in places if place.spans]
