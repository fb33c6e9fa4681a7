"""Replacing a phrase in a segment's text, keeping the recogniser's word marks on the words not replaced.

A pure function (the store writes what it returns). Words that a replacement touches become one
word with the new text and full probability: she chose it, so it is no longer "uncertain".
"""

from __future__ import annotations

from dataclasses import replace

from minutes_tui.meeting.model import Segment, SegmentWord


def words_describe_text(segment: Segment) -> bool:
    """Whether the segment's words still spell its text (then their uncertainty marks apply)."""
    return bool(segment.words) and "".join(w.text for w in segment.words).strip() == segment.text


def occurrences(text: str, find: str) -> int:
    """How many times ``find`` occurs in ``text`` (not overlapping)."""
    return text.count(find) if find else 0


def replace_phrase(segment: Segment, find: str, new: str) -> Segment:
    """``segment`` with every ``find`` replaced by ``new``; its words follow when they spelled the text."""
    text = " ".join(segment.text.replace(find, new).split())
    if not words_describe_text(segment):
        return replace(segment, text=text)
    joined = "".join(w.text for w in segment.words)
    spans: list[tuple[int, int]] = []  # character span of each word in ``joined``
    at = 0
    for w in segment.words:
        spans.append((at, at + len(w.text)))
        at += len(w.text)
    words: list[SegmentWord] = []
    i, pos = 0, 0
    while i < len(segment.words):
        hit = joined.find(find, pos)
        if hit < 0:
            words.extend(segment.words[i:])
            break
        hit_end = hit + len(find)
        while i < len(segment.words) and spans[i][1] <= hit:
            words.append(segment.words[i])
            i += 1
        first = i
        while i < len(segment.words) and spans[i][0] < hit_end:
            i += 1
        touched = segment.words[first:i]
        if touched:
            start, end = spans[first][0], spans[i - 1][1]
            merged = joined[start:hit] + new + joined[hit_end:end]
            if merged.strip():
                words.append(SegmentWord(touched[0].start, touched[-1].end, merged, 1.0))
        pos = hit_end
    rebuilt = replace(segment, text=text, words=tuple(words))
    return rebuilt if words_describe_text(rebuilt) else replace(segment, text=text)
