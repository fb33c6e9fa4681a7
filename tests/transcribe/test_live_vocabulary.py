"""The meeting vocabulary: the prompt (plain data in, a prompt string out) and the merge that
keeps only the names and terms the prompted decoding heard."""

from transcribe.decoding import RecognisedSegment, Word
from transcribe.vocabulary import GLOSSARY, MeetingVocabulary, build_prompt, merge_vocabulary, spoken, vocabulary_phrases

VOCAB = MeetingVocabulary(
    title="Hội nghị đối thoại phường Thủy Lương",
    agencies=("Phòng Tài nguyên và Môi trường thị xã",),
    people=(("Nguyễn Văn Hùng", "Chủ tịch UBND phường"), ("Võ Đức Thắng", "Tổ trưởng TDP 7")),
    agenda=("đường kiệt tổ ba",),
)


def test_meeting_names_come_last_and_abbreviations_are_spoken():
    prompt = build_prompt(VOCAB)
    assert prompt.startswith(GLOSSARY[0])
    assert prompt.endswith("Võ Đức Thắng, Tổ trưởng tổ dân phố 7.")
    assert "Chủ tịch Ủy ban nhân dân phường" in prompt and "UBND" not in prompt
    assert "Phòng Tài nguyên và Môi trường thị xã" in prompt and "đường kiệt tổ ba" in prompt


def test_agenda_then_people_are_trimmed_before_the_glossary_to_fit_the_budget():
    words = lambda text: len(text.split())  # noqa: E731 - a stand-in tokenizer: one token a word
    full = build_prompt(VOCAB, count_tokens=None)
    fitted = build_prompt(VOCAB, count_tokens=lambda t: words(t) * 2.2)
    assert words(fitted) * 2.2 <= 200 < words(full) * 2.2
    assert "đường kiệt tổ ba" not in fitted and "Võ Đức Thắng" not in fitted
    assert fitted.startswith(GLOSSARY[0]) and GLOSSARY[-1] in fitted and "Nguyễn Văn Hùng" in fitted


def test_nothing_to_say_gives_no_prompt():
    assert build_prompt(None, glossary=False) is None
    assert spoken("UBMTTQ và HĐND") == "Ủy ban Mặt trận Tổ quốc và Hội đồng nhân dân"


def _segment(*timed: tuple[str, float, float]) -> RecognisedSegment:
    words = [Word(a, b, " " + w, 0.8) for w, a, b in timed]
    return RecognisedSegment(words[0].start, words[-1].end, "".join(w.word for w in words).strip(), -0.5, 0.1, words)


def _text(segments) -> str:
    return " ".join(s.text for s in segments)


def test_phrases_are_every_run_of_two_syllables_or_more_of_terms_names_and_roles():
    phrases = vocabulary_phrases(VOCAB)
    assert ("tổ", "dân", "phố") in phrases and ("dân", "phố") in phrases
    assert ("võ", "đức", "thắng") in phrases and ("chủ", "tịch", "uỷ", "ban", "nhân", "dân", "phường") in phrases
    assert ("tổ",) not in phrases  # one syllable could stand for anything
    assert ("tư", "tổ") not in phrases  # no runs across two terms


def test_the_prompted_decoding_lends_only_the_vocabulary_it_heard_at_the_same_time():
    phrases = vocabulary_phrases(VOCAB)
    base = [
        _segment(("Tôi", 0.0, 0.3), ("ở", 0.3, 0.5), ("tố", 0.5, 0.7), ("mân", 0.7, 0.9), ("phô", 0.9, 1.1), ("ba", 1.1, 1.4))
    ]
    prompted = [
        _segment(("Tôi", 0.0, 0.3), ("ủy", 0.3, 0.5), ("tổ", 0.5, 0.7), ("dân", 0.7, 0.9), ("phố", 0.9, 1.1), ("bà", 1.1, 1.4))
    ]
    merged = merge_vocabulary(base, prompted, phrases)
    assert _text(merged) == "Tôi ở tổ dân phố ba"  # the term replaces its misspelling; "ủy", "bà" are not lent
    assert [round(w.start, 1) for w in merged[0].words] == [0.0, 0.3, 0.5, 0.7, 0.9, 1.1]


def test_nothing_is_lent_over_other_speech_or_other_times():
    phrases = vocabulary_phrases(VOCAB)
    base = [_segment(("trái", 0.0, 0.3), ("cây", 0.3, 0.6), ("thơm", 0.6, 0.9))]
    # the prompt's pattern written over different words: they do not look like the phrase
    over = [_segment(("nhận", 0.0, 0.3), ("quyền", 0.3, 0.45), ("sử", 0.45, 0.6), ("dụng", 0.6, 0.9))]
    assert _text(merge_vocabulary(base, over, phrases)) == "trái cây thơm"
    # a phrase piled after the speech, where the base decoding heard nothing
    after = [_segment(("tổ", 2.0, 2.0), ("dân", 2.0, 2.0), ("phố", 2.0, 2.0))]
    assert _text(merge_vocabulary(base, after, phrases)) == "trái cây thơm"
    # two syllables never replace three words, and a phrase already there is left as it is
    base2 = [_segment(("nhân", 0.0, 0.2), ("dân", 0.2, 0.4), ("khi", 0.4, 0.6))]
    assert _text(merge_vocabulary(base2, [_segment(("nhân", 0.0, 0.3), ("dân", 0.3, 0.6))], phrases)) == "nhân dân khi"


def test_a_two_syllable_phrase_replaces_only_words_the_plain_decoding_was_unsure_of():
    phrases = vocabulary_phrases(VOCAB)
    prompted = [_segment(("nhân", 0.0, 0.3), ("dân", 0.3, 0.6))]
    sure = [RecognisedSegment(0.0, 0.6, "nhanh nên", -0.3, 0.1, [Word(0.0, 0.3, " nhanh", 0.66), Word(0.3, 0.6, " nên", 0.6)])]
    unsure = [RecognisedSegment(0.0, 0.6, "yên ngân", -0.9, 0.1, [Word(0.0, 0.3, " yên", 0.14), Word(0.3, 0.6, " ngân", 0.27)])]
    assert _text(merge_vocabulary(sure, prompted, phrases)) == "nhanh nên"
    assert _text(merge_vocabulary(unsure, prompted, phrases)) == "nhân dân"
