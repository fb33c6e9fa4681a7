"""The meeting-vocabulary prompt: the meeting's own names and a glossary of ward administration.

Whisper base spells Vietnamese names and administrative terms badly; giving them as
``initial_prompt`` makes them likelier. The prompt is built from plain data (not store objects)
so this package stays independent of the app. Whisper keeps only the last 223 prompt tokens, so
the glossary comes first and the meeting's own names last.

A prompt alone pulls other speech towards its words (docs/benchmarks.md), so the app decodes
with and without it and keeps only the vocabulary the prompted decoding heard
(``merge_vocabulary``, ``VocabularyPass``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

import numpy as np

from transcribe import guard
from transcribe.decoding import DecodeOptions, RecognisedSegment, Word
from transcribe.normalize import normalize
from transcribe.recogniser import Recogniser

#: Spoken forms of the terms a ward meeting uses (abbreviations are read out in full).
GLOSSARY = (
    "Ủy ban nhân dân phường",
    "Hội đồng nhân dân",
    "Ủy ban Mặt trận Tổ quốc",
    "tổ dân phố",
    "ý kiến, kiến nghị",
    "giấy chứng nhận quyền sử dụng đất",
    "cải cách hành chính",
    "bộ phận một cửa",
    "an ninh trật tự",
    "khiếu nại, tố cáo",
    "công an phường",
    "cán bộ địa chính",
    "trả lời bằng văn bản",
)

#: Abbreviations written in meeting papers, and how they are spoken (the prompt shows speech).
SPOKEN = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQ": "Mặt trận Tổ quốc",
    "TDP": "tổ dân phố",
}

#: Prompt budget in tokens (Whisper's limit is 223; room is left for the task tokens).
MAX_PROMPT_TOKENS = 200


@dataclass(frozen=True)
class MeetingVocabulary:
    """What the app knows about a meeting before it starts."""

    title: str = ""
    """The conference's name, e.g. "Hội nghị tiếp xúc, đối thoại ... phường Thủy Lương"."""
    ward: str = ""
    """The ward, e.g. "phường Thủy Lương"."""
    agencies: tuple[str, ...] = ()
    """Bodies that may be named (e.g. "Phòng Tài nguyên và Môi trường thị xã")."""
    people: tuple[tuple[str, str], ...] = ()
    """The roster: ``(name, role)`` pairs."""
    agenda: tuple[str, ...] = ()
    """Agenda items or topics."""


def build_prompt(vocabulary: MeetingVocabulary | None = None, glossary: bool = True, count_tokens=None) -> str | None:
    """The ``initial_prompt`` for a meeting (``None`` when there is nothing to say).

    ``count_tokens(text) -> int`` (e.g. the model's tokenizer) trims agenda items, then people
    from the end of the roster, then glossary terms, until the prompt fits
    ``MAX_PROMPT_TOKENS``; without it the prompt is not trimmed. The glossary goes last because
    it is what measurably helps (docs/benchmarks.md: a roster that filled the budget gave
    nothing on the rendered dialogue); the roster's names are merged in anyway
    (``vocabulary_phrases``) wherever the prompted decoding spells them.
    """
    terms = list(GLOSSARY) if glossary else []
    v = vocabulary or MeetingVocabulary()
    agenda, people = list(v.agenda), list(v.people)
    while True:
        prompt = _compose(terms, replace(v, people=tuple(people)), agenda)
        if not prompt or count_tokens is None or count_tokens(prompt) <= MAX_PROMPT_TOKENS:
            return prompt or None
        if agenda:
            agenda.pop()
        elif people:
            people.pop()
        elif terms:
            terms.pop()
        else:
            return prompt


def _compose(terms: list[str], v: MeetingVocabulary, agenda: list[str]) -> str:
    parts = []
    if terms:
        parts.append(", ".join(terms) + ".")
    if v.title:
        parts.append(v.title.rstrip(".") + ".")
    elif v.ward:
        parts.append(f"Hội nghị {v.ward}.")
    if agenda:
        parts.append("Nội dung: " + "; ".join(agenda) + ".")
    if v.agencies:
        parts.append(", ".join(v.agencies) + ".")
    if v.people:
        parts.append(" ".join(f"{name}, {role}." if role else f"{name}." for name, role in v.people))
    return spoken(" ".join(parts))


def spoken(text: str) -> str:
    """``text`` with the administrative abbreviations written as they are spoken."""
    return re.sub(r"\b(" + "|".join(SPOKEN) + r")\b", lambda m: SPOKEN[m.group(1)], text)


def tokenizer_counter(recogniser: Recogniser) -> Callable[[str], int]:
    """A ``count_tokens`` for ``build_prompt`` from a loaded recogniser."""
    return recogniser.count_tokens


#: Shortest vocabulary phrase, in syllables, that may replace decoded words.
MIN_PHRASE_SYLLABLES = 2
#: The replaced words must already look like the phrase this much (``difflib`` ratio of the
#: two texts): the prompt may correct a spelling, not put its words over other speech.
MIN_SIMILARITY = 0.45
#: A two-syllable phrase (it may match ordinary speech by chance: "nhanh nên" ~ "nhân dân") only
#: replaces words the plain decoding was unsure of: mean word probability below this.
SHORT_PHRASE_UNSURE = 0.5


def vocabulary_phrases(vocabulary: MeetingVocabulary | None = None, glossary: bool = True) -> set[tuple[str, ...]]:
    """Every run of at least ``MIN_PHRASE_SYLLABLES`` syllables of the glossary's terms and the
    meeting's title, agenda, bodies, names and roles, in scoring form (``normalize``)."""
    v = vocabulary or MeetingVocabulary()
    texts = (list(GLOSSARY) if glossary else []) + [v.title, v.ward, *v.agenda, *v.agencies]
    texts += [part for person in v.people for part in person]
    phrases: set[tuple[str, ...]] = set()
    for text in texts:
        for part in re.split(r"[,;.:]", spoken(text or "")):
            syllables = normalize(part).split()
            for n in range(MIN_PHRASE_SYLLABLES, len(syllables) + 1):
                phrases.update(tuple(syllables[i : i + n]) for i in range(len(syllables) - n + 1))
    return phrases


def merge_vocabulary(
    base: Sequence[RecognisedSegment], prompted: Sequence[RecognisedSegment], phrases: AbstractSet[tuple[str, ...]]
) -> list[RecognisedSegment]:
    """``base`` (decoded without a prompt) with the vocabulary the prompted decoding heard.

    A vocabulary prompt makes Whisper spell the meeting's names and terms right, but on other
    speech it pulls words towards the prompt and writes the prompt's pattern after the speech
    (docs/benchmarks.md: +13–15 % WER on the human clips). So the prompted decoding only lends
    its vocabulary phrases: each phrase it wrote replaces the base words spoken at the same
    time (at least half of each inside the phrase's span) when there are as many of them (±1
    for phrases of three syllables or more), they do not hold the phrase already, they already
    look like it (``MIN_SIMILARITY``) and, for a two-syllable phrase, the base decoding was
    unsure of them (``SHORT_PHRASE_UNSURE``). Everything else is the base decoding's."""
    slots = [(si, wi, normalize(w.word)) for si, seg in enumerate(base) for wi, w in enumerate(seg.words)]
    lent = [w for seg in prompted for w in seg.words]
    keys = [normalize(w.word) for w in lent]
    lengths = sorted({len(p) for p in phrases}, reverse=True)
    swaps: list[tuple[list[int], list[Word]]] = []
    taken: set[int] = set()
    i = 0
    while i < len(lent):
        n = next((n for n in lengths if i + n <= len(lent) and tuple(keys[i : i + n]) in phrases), 0)
        if not n:
            i += 1
            continue
        words, phrase = lent[i : i + n], " ".join(keys[i : i + n])
        i += n
        t0, t1 = words[0].start, words[-1].end
        hit = [k for k, (si, wi, _) in enumerate(slots) if _mostly_within(base[si].words[wi], t0, t1)]
        if not hit or abs(len(hit) - n) > (1 if n > MIN_PHRASE_SYLLABLES else 0):
            continue
        old = " ".join(slots[k][2] for k in range(hit[0], hit[-1] + 1)).strip()
        if not may_replace(old, [base[slots[k][0]].words[slots[k][1]].probability for k in hit], phrase, n):
            continue
        span = list(range(hit[0], hit[-1] + 1))
        if taken.intersection(span):  # two phrases over the same words: the first one stands
            continue
        taken.update(span)
        swaps.append((span, words))
    if not swaps:
        return list(base)
    drop: set[tuple[int, int]] = set()
    put: dict[tuple[int, int], list[Word]] = {}
    for ks, words in swaps:
        first = slots[ks[0]]
        put[(first[0], first[1])] = words
        drop.update((slots[k][0], slots[k][1]) for k in ks[1:])
    out = []
    for si, seg in enumerate(base):
        words = []
        for wi, w in enumerate(seg.words):
            if (si, wi) in drop:
                continue
            words.extend(put.get((si, wi), [w]))
        if not words:
            continue
        if words == list(seg.words):
            out.append(seg)
            continue
        text = "".join(w.word for w in words).strip()
        out.append(replace(seg, text=text, words=words, start=min(seg.start, words[0].start), end=max(seg.end, words[-1].end)))
    return out


def may_replace(old: str, probabilities: Sequence[float], phrase: str, syllables: int) -> bool:
    """Whether a vocabulary ``phrase`` of ``syllables`` syllables may replace base words (their
    scoring form ``old``, their ``probabilities``; as many words, ±1 for longer phrases, is the
    caller's test): they do not hold it already, look like it (``MIN_SIMILARITY``) and, for a
    two-syllable phrase, were unsure (``SHORT_PHRASE_UNSURE``)."""
    if f" {phrase} " in f" {old} " or difflib.SequenceMatcher(None, old, phrase).ratio() < MIN_SIMILARITY:
        return False
    return syllables > MIN_PHRASE_SYLLABLES or float(np.mean(probabilities)) < SHORT_PHRASE_UNSURE


def _mostly_within(word: Word, start: float, end: float) -> bool:
    """At least half of ``word`` lies in ``start``–``end`` (a word with no duration: inside it)."""
    if word.end <= word.start:
        return start <= word.start <= end
    return min(word.end, end) - max(word.start, start) >= 0.5 * (word.end - word.start)


@dataclass(frozen=True)
class VocabularyPass:
    """A second decoding of each utterance with the vocabulary prompt, merged into the first
    (``merge_vocabulary``): the meeting's names and terms where they were spoken, the plain
    decoding everywhere else."""

    prompt: str
    """The ``initial_prompt`` (``build_prompt``)."""
    phrases: frozenset[tuple[str, ...]]
    """What the prompted decoding may lend (``vocabulary_phrases``)."""

    @classmethod
    def of(cls, vocabulary: MeetingVocabulary | None, count_tokens: Callable[[str], int] | None = None) -> VocabularyPass:
        """The pass for a meeting: the glossary as the prompt, the glossary and the meeting's
        own names and terms as the phrases it may lend. The meeting's data stay out of the
        prompt: measured on the rendered dialogue, merged WER 0.806 with the glossary alone,
        0.813 with the roster added, 0.821 with the title and bodies too (docs/benchmarks.md)."""
        return cls(build_prompt(None, True, count_tokens) or "", frozenset(vocabulary_phrases(vocabulary)))

    def decode(
        self, transcriber: Recogniser, audio: np.ndarray, options: DecodeOptions, offset: float, speech_end: float | None = None
    ) -> list[RecognisedSegment]:
        """One utterance decoded with the prompt (without what Whisper wrote after ``speech_end``)."""
        prompted = transcriber.decode(audio, replace(options, initial_prompt=self.prompt), offset)
        return guard.without_silent_tail(prompted, speech_end) if speech_end is not None else prompted

    def apply(
        self,
        transcriber: Recogniser,
        audio: np.ndarray,
        options: DecodeOptions,
        offset: float,
        base: list[RecognisedSegment],
        speech_end: float | None = None,
    ) -> list[RecognisedSegment]:
        """``base`` (``audio`` decoded with ``options`` at ``offset``) with the vocabulary merged in."""
        return merge_vocabulary(base, self.decode(transcriber, audio, options, offset, speech_end), self.phrases)
