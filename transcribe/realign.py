"""Moving the secretary's work onto a new transcript (the post-meeting pass), by time overlap.

A pure function of plain data: the new recogniser segments and the old segments with their
speakers, tags and edited flag go in; the merged segments come out, each saying which old
segments it came from. Rules:

- a segment she edited by hand keeps her text and times; the new text it covers is offered
  beside it (``suggestion``);
- every other new segment takes the speaker of the old segment it overlaps most;
- every tag of an old segment moves to the new segment that overlaps it most (the nearest one
  when none overlaps): no tag is ever lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from transcribe.decoding import RecognisedSegment, Word


@dataclass(frozen=True)
class OldSegment:
    """A segment of the meeting as the secretary left it."""

    id: int
    """Its id in the meeting store."""
    start: float
    """Start, seconds."""
    end: float
    """End, seconds."""
    text: str
    """Its text (hers when ``edited``)."""
    speaker: int | str | None = None
    """Speaker id, if assigned."""
    tags: tuple = ()
    """Tags (any hashable ids the store uses), in order."""
    edited: bool = False
    """True when she changed the text by hand."""


@dataclass
class MergedSegment:
    """One segment of the new transcript, with the secretary's work moved onto it."""

    start: float
    """Start, seconds."""
    end: float
    """End, seconds."""
    text: str
    """Text: the recogniser's, or hers when ``edited``."""
    speaker: int | str | None = None
    """Speaker moved from the most overlapping old segment."""
    tags: list = field(default_factory=list)
    """Tags moved onto this segment."""
    edited: bool = False
    """Kept from a hand-edited old segment."""
    suggestion: str | None = None
    """For an edited segment: the new recogniser text over its time, offered beside hers."""
    words: list[Word] = field(default_factory=list)
    """Word timestamps (empty for an edited segment)."""
    old_ids: list[int] = field(default_factory=list)
    """Old segments mapped onto this one (each old segment maps to exactly one merged segment)."""


def overlap(a_start: float, a_end: float, b_start: float, b_end: float) -> float:
    """Seconds two spans share (0 when apart)."""
    return max(0.0, min(a_end, b_end) - max(a_start, b_start))


def _gap(a: MergedSegment, s: OldSegment) -> float:
    return max(a.start - s.end, s.start - a.end, -overlap(a.start, a.end, s.start, s.end))


def realign(new: list[RecognisedSegment], old: list[OldSegment]) -> list[MergedSegment]:
    """Merge a new transcript with the secretary's segments; see the module docstring."""
    edited = [o for o in old if o.edited]
    kept = {o.id: MergedSegment(o.start, o.end, o.text, o.speaker, [], True, None, [], [o.id]) for o in edited}
    absorbed: dict[int, list[RecognisedSegment]] = {o.id: [] for o in edited}
    out: list[MergedSegment] = []
    for seg in new:
        best = max(edited, key=lambda o: overlap(seg.start, seg.end, o.start, o.end), default=None)
        # a new segment belongs to her edited one when most of it lies inside it
        if best and overlap(seg.start, seg.end, best.start, best.end) * 2 > seg.end - seg.start:
            absorbed[best.id].append(seg)
            continue
        out.append(MergedSegment(seg.start, seg.end, seg.text, words=list(seg.words)))
    for oid, segs in absorbed.items():
        kept[oid].suggestion = " ".join(s.text for s in segs).strip() or None
    out.extend(kept.values())
    out.sort(key=lambda m: (m.start, m.end))
    plain = [o for o in old if not o.edited]
    for m in out:
        if m.edited:
            continue
        best = max(plain, key=lambda o: overlap(m.start, m.end, o.start, o.end), default=None)
        if best and overlap(m.start, m.end, best.start, best.end) > 0:
            m.speaker = best.speaker
    for o in old:
        target = kept[o.id] if o.edited else _home(out, o)
        if target is None:  # nothing was recognised at all: keep her segment rather than lose its tags
            target = MergedSegment(o.start, o.end, o.text, o.speaker, [], False, None, [], [])
            out.append(target)
        target.tags.extend(t for t in o.tags if t not in target.tags)
        if o.id not in target.old_ids:
            target.old_ids.append(o.id)
    return out


def _home(out: list[MergedSegment], o: OldSegment) -> MergedSegment | None:
    """The merged segment overlapping ``o`` most, else the nearest one."""
    if not out:
        return None
    return max(out, key=lambda m: (overlap(m.start, m.end, o.start, o.end), -_gap(m, o)))


def split_at_edits(new: list[RecognisedSegment], old: list[OldSegment]) -> list[RecognisedSegment]:
    """New segments cut, at word boundaries, where a hand-edited segment begins or ends.

    The batched pipeline may write one segment over her edited segment and the next one; without
    the cut the whole of it would be taken as the new text of her segment and the next segment's
    speech (and its tags) would be lost. A word belongs to the side its middle falls on; a
    segment without word timings is left whole.
    """
    edges = sorted({t for o in old if o.edited for t in (o.start, o.end)})
    out: list[RecognisedSegment] = []
    for seg in new:
        cuts = [t for t in edges if seg.start < t < seg.end]
        if not cuts or not seg.words:
            out.append(seg)
            continue
        pieces: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
        for w in seg.words:
            pieces[sum((w.start + w.end) / 2 >= t for t in cuts)].append(w)
        for words in pieces:
            text = "".join(w.word for w in words).strip()
            if words and text:
                out.append(replace(seg, start=words[0].start, end=words[-1].end, text=text, words=words))
    return out


def sources(new: list[RecognisedSegment], old: list[OldSegment]) -> list[list[int]]:
    """For each new segment, the old segment ids it takes its work from, most overlapping first
    (the mapping a store's "replace segments" consumes).

    A new segment absorbed by a hand-edited one maps to that one only (its text becomes the
    suggestion); any other maps to the old segment it overlaps most (its speaker) and to every
    old segment whose tags ``realign`` moves onto it. Edited segments appear nowhere else.
    """
    merged = realign(new, old)
    edited = {o.id for o in old if o.edited}
    plain = [o for o in old if not o.edited]
    out: list[list[int]] = []
    for seg in new:
        inside = [o for o in old if o.edited and overlap(seg.start, seg.end, o.start, o.end) * 2 > seg.end - seg.start]
        if inside:
            out.append([max(inside, key=lambda o: overlap(seg.start, seg.end, o.start, o.end)).id])
            continue
        ranked = sorted(plain, key=lambda o: -overlap(seg.start, seg.end, o.start, o.end))
        ids = [ranked[0].id] if ranked and overlap(seg.start, seg.end, ranked[0].start, ranked[0].end) > 0 else []
        home = next((m for m in merged if not m.edited and (m.start, m.end, m.text) == (seg.start, seg.end, seg.text)), None)
        if home is not None:
            ids += [i for i in home.old_ids if i not in ids and i not in edited]
        out.append(ids)
    return out
