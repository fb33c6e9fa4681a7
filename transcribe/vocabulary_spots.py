"""Where the vocabulary pass may change a word: the utterances it decodes again.

``merge_vocabulary`` replaces words of the first decoding only where they already look like a
vocabulary phrase (``may_replace``: as many words as the phrase has syllables, ±1 for longer
phrases, similar spelling, and unsure words for a two-syllable phrase). That test alone spots
nearly every utterance (Vietnamese syllables share most of their letters), so a spot also needs
the phrase's syllables written as they sound — the same letters once tones and vowel marks are
folded away ("nguyen" for "nguyễn", "pho" for "phố"): all of them but one (``rule="all_but_one"``,
the default) or half of them (``rule="half"``). Phrases of up to ``SPOT_SYLLABLES`` syllables
are looked for (a longer phrase holds shorter ones, and they find it), and a two-syllable phrase
only if it is a whole term ("kiến nghị"), not a piece of a longer one ("văn tư" of a name, "hai
mươi" of a date), which ordinary speech matches by chance. An utterance without a spot is not
decoded again: on the human clips, which hold no vocabulary, about one in ten is
(bench/vocabulary_options.py, docs/benchmarks.md, issue 16).

rapidfuzz's ratio (twice the longest common subsequence over both lengths: never below
``difflib``'s ratio, which counts a subset of those characters) first rules out most phrases in
one C call per run of words.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from rapidfuzz import fuzz, process

from transcribe.decoding import Word
from transcribe.normalize import normalize
from transcribe.vocabulary import MIN_PHRASE_SYLLABLES, MIN_SIMILARITY, may_replace

SPOT_SYLLABLES = 4
"""Longest phrase looked for in the first decoding."""
RULES = {"all_but_one": lambda n: max(1, n - 1), "half": lambda n: max(1, math.ceil(n / 2))}
"""How many of a phrase's ``n`` syllables must be written as they sound for a spot."""


def fold(text: str) -> str:
    """``text`` without tones and vowel marks ("Nguyễn Đức" becomes "nguyen duc")."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c))


class PhraseSpotter:
    """The vocabulary phrases, grouped by how many decoded words each may replace."""

    def __init__(self, phrases: Iterable[tuple[str, ...]], rule: str = "all_but_one") -> None:
        if rule not in RULES:
            raise ValueError(f"unknown rule {rule!r}: one of {', '.join(RULES)}")
        self.alike = RULES[rule]
        phrases = set(phrases)
        texts = [f" {' '.join(p)} " for p in phrases if len(p) > MIN_PHRASE_SYLLABLES]
        by_words: dict[int, list[tuple[str, int]]] = {}
        for phrase in phrases:
            n = len(phrase)
            if n > SPOT_SYLLABLES or (n == MIN_PHRASE_SYLLABLES and any(f" {' '.join(phrase)} " in t for t in texts)):
                continue
            for k in (n,) if n <= MIN_PHRASE_SYLLABLES else (n - 1, n, n + 1):
                by_words.setdefault(k, []).append((" ".join(phrase), n))
        self._texts = {k: [t for t, _ in v] for k, v in by_words.items()}
        self._syllables = {k: [n for _, n in v] for k, v in by_words.items()}

    def spots(self, words: Sequence[Word]) -> Iterator[tuple[int, int]]:
        """``(first, last)`` word indices (inclusive) of every run of ``words`` where a
        vocabulary phrase may have been said, in order of ``first``."""
        keys = [normalize(w.word) for w in words]
        for i in range(len(words)):
            for k, texts in self._texts.items():
                if i + k > len(words):
                    continue
                old = " ".join(keys[i : i + k]).strip()
                if not old:
                    continue
                probabilities = [w.probability for w in words[i : i + k]]
                heard = set(fold(old).split())
                for _, _, j in process.extract(old, texts, scorer=fuzz.ratio, score_cutoff=100 * MIN_SIMILARITY, limit=None):
                    n = self._syllables[k][j]
                    alike = sum(1 for s in fold(texts[j]).split() if s in heard)
                    if alike >= self.alike(n) and may_replace(old, probabilities, texts[j], n):
                        yield i, i + k - 1
                        break

    def may_change(self, words: Sequence[Word]) -> bool:
        """Whether a vocabulary phrase may have been said in ``words`` (an utterance's first decoding)."""
        return next(self.spots(words), None) is not None
