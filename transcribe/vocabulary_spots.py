"""Where the vocabulary pass may change a word: the utterances (or stretches) it decodes again.

``merge_vocabulary`` replaces words of the first decoding only where they already look like a
vocabulary phrase (``may_replace``: as many words as the phrase has syllables, ±1 for longer
phrases, similar spelling, and unsure words for a two-syllable phrase). So before the pass
decodes an utterance again with the prompt, it looks for such runs of words in the first
decoding; an utterance without one cannot change and is not decoded again (on the human clips,
which hold no vocabulary, nearly every utterance is skipped: docs/benchmarks.md, issue 16).

The test is the merge's own, over every run of words a phrase could cover; rapidfuzz's ratio
(twice the longest common subsequence over both lengths: never below ``difflib``'s ratio, which
counts a subset of those characters) first rules out most phrases in one C call per run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from rapidfuzz import fuzz, process

from transcribe.decoding import Word
from transcribe.normalize import normalize
from transcribe.vocabulary import MIN_PHRASE_SYLLABLES, MIN_SIMILARITY, may_replace


class PhraseSpotter:
    """The vocabulary phrases, grouped by how many decoded words each may replace."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        by_words: dict[int, list[tuple[str, int]]] = {}
        for phrase in phrases:
            n = len(phrase)
            for k in (n,) if n <= MIN_PHRASE_SYLLABLES else (n - 1, n, n + 1):
                by_words.setdefault(k, []).append((" ".join(phrase), n))
        self._texts = {k: [t for t, _ in v] for k, v in by_words.items()}
        self._syllables = {k: [n for _, n in v] for k, v in by_words.items()}

    def spots(self, words: Sequence[Word]) -> Iterator[tuple[int, int]]:
        """``(first, last)`` word indices (inclusive) of every run of ``words`` that the merge
        could replace with a vocabulary phrase, in order of ``first``."""
        keys = [normalize(w.word) for w in words]
        for i in range(len(words)):
            for k, texts in self._texts.items():
                if i + k > len(words):
                    continue
                old = " ".join(keys[i : i + k]).strip()
                if not old:
                    continue
                probabilities = [w.probability for w in words[i : i + k]]
                for _, _, j in process.extract(old, texts, scorer=fuzz.ratio, score_cutoff=100 * MIN_SIMILARITY, limit=None):
                    if may_replace(old, probabilities, texts[j], self._syllables[k][j]):
                        yield i, i + k - 1
                        break

    def may_change(self, words: Sequence[Word]) -> bool:
        """Whether the merge could replace any of ``words`` (one utterance's first decoding)."""
        return next(self.spots(words), None) is not None
