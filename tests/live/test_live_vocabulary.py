"""The meeting-vocabulary prompt (plain data in, a prompt string out)."""

from transcribe.vocabulary import GLOSSARY, MeetingVocabulary, build_prompt, spoken

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


def test_the_glossary_is_trimmed_first_to_fit_the_budget():
    words = lambda text: len(text.split())  # noqa: E731 - a stand-in tokenizer: one token a word
    full = build_prompt(VOCAB, count_tokens=None)
    fitted = build_prompt(VOCAB, count_tokens=lambda t: words(t) * 5)
    assert words(fitted) * 5 <= 200 < words(full) * 5
    assert fitted.endswith("Võ Đức Thắng, Tổ trưởng tổ dân phố 7.") and GLOSSARY[-1] not in fitted


def test_nothing_to_say_gives_no_prompt():
    assert build_prompt(None, glossary=False) is None
    assert spoken("UBMTTQ và HĐND") == "Ủy ban Mặt trận Tổ quốc và Hội đồng nhân dân"
