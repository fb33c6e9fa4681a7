"""Where the vocabulary pass decodes again: runs of first-decoding words where a vocabulary phrase
may have been said, and nothing where none could be (no model)."""

from transcribe.decoding import RecognisedSegment, Word
from transcribe.vocabulary import MeetingVocabulary, merge_vocabulary, vocabulary_phrases
from transcribe.vocabulary_spots import PhraseSpotter

VOCAB = MeetingVocabulary(
    title="Hội nghị đối thoại phường Thủy Lương",
    people=(("Nguyễn Văn Hùng", "Chủ tịch UBND phường"), ("Võ Đức Thắng", "Tổ trưởng TDP 7")),
)
SPOTTER = PhraseSpotter(vocabulary_phrases(VOCAB))


def _words(text: str, probability: float = 0.9) -> list[Word]:
    return [Word(0.3 * i, 0.3 * (i + 1), " " + w, probability) for i, w in enumerate(text.split())]


def test_a_misspelt_term_is_spotted_where_it_was_said():
    words = _words("hôm nay tôi ở tố mân phô ba")
    spots = list(SPOTTER.spots(words))
    assert (4, 6) in spots  # "tố mân phô" ~ "tổ dân phố"
    assert all(a <= 6 and b >= 4 for a, b in spots)  # every spot holds some of it
    assert SPOTTER.may_change(words)


def test_a_misspelt_name_is_spotted_by_its_letters_without_diacritics():
    assert (1, 3) in set(SPOTTER.spots(_words("anh nguyen van hung noi")))


def test_speech_that_looks_like_no_phrase_is_left_alone():
    assert not SPOTTER.may_change(_words("trái cây hôm nay rất thơm và ngọt lắm"))
    assert not SPOTTER.may_change(_words("con mèo đang ngủ trên ghế"))
    assert not SPOTTER.may_change([])


def test_two_syllables_are_spotted_only_where_the_first_decoding_was_unsure():
    assert not SPOTTER.may_change(_words("kiến nghi", probability=0.66))
    assert SPOTTER.may_change(_words("kiến nghi", probability=0.2))  # ~ "kiến nghị", unsure


def test_spelling_alone_is_not_enough_a_syllable_must_sound_the_same():
    # "yên ngân" looks like "nhân dân" to the merge (ratio over 0.45) but no syllable is heard alike
    assert not SPOTTER.may_change(_words("yên ngân", probability=0.2))


def test_wherever_the_merge_replaces_words_they_were_spotted():
    # every base run the merge takes a phrase over lies in a spotted run: skipping the
    # utterances with no spot loses nothing the merge would have lent
    phrases = vocabulary_phrases(VOCAB)
    cases = [
        ("tôi ở tố mân phô ba", "tôi ở tổ dân phố ba"),
        ("gặp ông nguyen văn hung", "gặp ông nguyễn văn hùng"),
        ("chủ tính ủy ban phường", "chủ tịch ủy ban phường"),
        ("đối thoai phương thuy lương", "đối thoại phường thủy lương"),
    ]
    for base_text, prompted_text in cases:
        base_words = _words(base_text, probability=0.4)
        base = [RecognisedSegment(0.0, base_words[-1].end, base_text, -0.5, 0.1, base_words)]
        prompted = [RecognisedSegment(0.0, base_words[-1].end, prompted_text, -0.5, 0.1, _words(prompted_text))]
        merged = merge_vocabulary(base, prompted, phrases)
        changed = [i for i, (a, b) in enumerate(zip(base_words, merged[0].words)) if a.word != b.word]
        assert changed, base_text
        spots = list(SPOTTER.spots(base_words))
        assert all(any(a <= i <= b for a, b in spots) for i in changed), (base_text, changed, spots)


def test_a_two_syllable_piece_of_a_longer_term_is_not_looked_for_alone():
    assert SPOTTER.may_change(_words("kiến nghe", probability=0.2))  # a whole term: "kiến nghị"
    assert not SPOTTER.may_change(_words("một chàng", probability=0.2))  # "một cửa", of "bộ phận một cửa"
