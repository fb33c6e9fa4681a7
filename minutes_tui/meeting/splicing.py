"""Merging and splitting segments, as pure functions (the store writes what they return).

The recogniser's original text always survives: a merge joins both originals, a split cuts the
original so that the two halves join back to it. The model that wrote a text goes with it: both
halves of a split keep it, a merge of two models' texts names both.
"""

from __future__ import annotations

from dataclasses import replace

from minutes_tui.meeting.errors import StoreError
from minutes_tui.meeting.model import Segment, SegmentWord


def merge(a: Segment, b: Segment) -> Segment:
    """``a`` and ``b`` (in time order) as one segment with ``a``'s id."""
    weights = [(s.confidence, max(s.end - s.start, 1e-3)) for s in (a, b) if s.confidence is not None]
    confidence = sum(c * w for c, w in weights) / sum(w for _, w in weights) if weights else None
    proposed = [p for p in (a.proposed_text, b.proposed_text) if p is not None]
    proposed_by = [s.proposed_model for s in (a, b) if s.proposed_text is not None]
    return replace(
        a,
        end=max(a.end, b.end),
        text=_join(a.text, b.text),
        original_text=_join(a.original_text, b.original_text),
        speaker_id=a.speaker_id if a.speaker_id is not None else b.speaker_id,
        confidence=confidence,
        words=a.words + b.words,
        tags=tuple(sorted(set(a.tags) | set(b.tags))),
        proposed_text=" ".join(proposed) if proposed else None,
        model=_models(a.model, b.model),
        proposed_model=_models(*proposed_by) if proposed else None,
    )


def split(seg: Segment, at_char: int, at_time: float | None) -> tuple[Segment, Segment]:
    """The two halves of ``seg`` cut at ``at_char`` of its text (the second without an id)."""
    head, tail = seg.text[:at_char].strip(), seg.text[at_char:].strip()
    if not head or not tail:
        raise StoreError("segment_bad_split", f"segment {seg.id} at {at_char}", id=seg.id)
    if at_time is None:
        at_time = _time_at(seg, at_char)
    at_time = min(max(at_time, seg.start), seg.end)
    words_a = tuple(w for w in seg.words if w.start < at_time)
    words_b = tuple(w for w in seg.words if w.start >= at_time)
    if seg.text == seg.original_text:
        orig_a, orig_b = head, tail
    else:
        orig_a, orig_b = _split_original(seg, words_a, words_b, at_char)
    first = replace(seg, end=at_time, text=head, original_text=orig_a, words=words_a, proposed_text=None, proposed_model=None)
    second = replace(
        seg, start=at_time, text=tail, original_text=orig_b, words=words_b, proposed_text=None, proposed_model=None, id=0
    )
    return first, second


def _split_original(
    seg: Segment, words_a: tuple[SegmentWord, ...], words_b: tuple[SegmentWord, ...], at_char: int
) -> tuple[str, str]:
    # the two originals always join back to the whole original: it must stay recoverable
    original = seg.original_text
    by_words = "".join(w.text for w in words_a).strip(), "".join(w.text for w in words_b).strip()
    if seg.words and _join(*by_words).split() == original.split():
        return by_words
    cut = round(len(original) * at_char / max(len(seg.text), 1))
    spaces = [i for i, ch in enumerate(original) if ch == " "]
    if spaces:
        cut = min(spaces, key=lambda i: abs(i - cut))
    return original[:cut].strip(), original[cut:].strip()


def _time_at(seg: Segment, at_char: int) -> float:
    # the word boundary nearest the cut when the text is the recogniser's, else proportional
    if seg.words and seg.text == seg.original_text:
        offset = 0
        for w in seg.words:
            if offset >= at_char:
                return w.start
            offset += len(w.text.strip()) + 1
        return seg.end
    return seg.start + (seg.end - seg.start) * at_char / max(len(seg.text), 1)


def _join(a: str, b: str) -> str:
    return " ".join(t for t in (a, b) if t)


def _models(*models: str | None) -> str | None:
    # one name when one model wrote every part; "base + base-vi" when two did; None when a part's is not known
    if any(m is None for m in models):
        return None
    return " + ".join(dict.fromkeys(part for m in models if m is not None for part in m.split(" + ")))
