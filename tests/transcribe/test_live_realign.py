"""The post-meeting pass keeps speakers, tags and hand edits (pure function of plain data)."""

from transcribe.decoding import RecognisedSegment, Word
from transcribe.realign import OldSegment, realign, sources


def seg(start, end, text):
    return RecognisedSegment(start, end, text, -0.3, 0.01, [])


def test_speakers_and_tags_move_by_overlap():
    old = [
        OldSegment(1, 0.0, 5.0, "kính thưa", speaker="mttq", tags=("procedure",)),
        OldSegment(2, 5.0, 12.0, "tôi kiến nghị", speaker="dan1", tags=("petition:7",)),
    ]
    new = [seg(0.2, 4.8, "Kính thưa các vị"), seg(5.1, 8.0, "Tôi xin kiến nghị"), seg(8.0, 11.9, "về con đường")]
    out = realign(new, old)
    assert [m.text for m in out] == ["Kính thưa các vị", "Tôi xin kiến nghị", "về con đường"]
    assert [m.speaker for m in out] == ["mttq", "dan1", "dan1"]
    assert out[0].tags == ["procedure"]
    assert sum(m.tags.count("petition:7") for m in out) == 1
    assert sorted(i for m in out for i in m.old_ids) == [1, 2]


def test_edited_segment_keeps_her_text_and_offers_the_new_one():
    old = [
        OldSegment(1, 0.0, 4.0, "chào", speaker="chutich"),
        OldSegment(2, 4.0, 9.0, "Đường tổ dân phố 3 ngập khi mưa", speaker="dan1", tags=("petition:1",), edited=True),
    ]
    new = [seg(0.0, 3.9, "Chào mọi người"), seg(4.1, 6.5, "đường tổ dân phố ba"), seg(6.5, 8.8, "ngập khi mưa")]
    out = realign(new, old)
    mine = [m for m in out if m.edited]
    assert len(mine) == 1
    assert mine[0].text == "Đường tổ dân phố 3 ngập khi mưa"
    assert mine[0].suggestion == "đường tổ dân phố ba ngập khi mưa"
    assert (mine[0].start, mine[0].end, mine[0].speaker, mine[0].tags) == (4.0, 9.0, "dan1", ["petition:1"])
    assert [m.text for m in out] == ["Chào mọi người", "Đường tổ dân phố 3 ngập khi mưa"]


def test_a_tag_is_never_lost():
    old = [OldSegment(1, 20.0, 22.0, "ừ", tags=("promise:2",))]
    out = realign([seg(0.0, 3.0, "một"), seg(30.0, 33.0, "hai")], old)
    assert [m.tags for m in out] == [[], ["promise:2"]]
    alone = realign([], old)
    assert [(m.text, m.tags) for m in alone] == [("ừ", ["promise:2"])]


def test_no_old_segments_gives_the_new_transcript():
    out = realign([seg(1.0, 2.0, "a"), seg(0.0, 1.0, "b")], [])
    assert [(m.text, m.speaker, m.tags, m.edited) for m in out] == [("b", None, [], False), ("a", None, [], False)]


def test_sources_for_the_store():
    from transcribe.realign import sources

    old = [
        OldSegment(1, 0.0, 10.0, "a", speaker="mttq"),
        OldSegment(2, 10.0, 14.0, "b", speaker="dan1", tags=("petition:3",), edited=True),
        OldSegment(3, 20.0, 21.0, "c", tags=("promise:1",)),
    ]
    new = [seg(0.0, 5.0, "x"), seg(5.0, 9.5, "y"), seg(10.2, 13.8, "z"), seg(25.0, 28.0, "w")]
    assert sources(new, old) == [[1], [1], [2], [3]]


def test_a_new_segment_over_her_edit_and_the_next_one_is_cut_at_her_edit():
    """The batched pass may write one segment over two old ones: the part past her edit is not hers."""
    from transcribe.realign import split_at_edits

    words = [Word(1.0 + i, 1.8 + i, f" w{i}", 0.9) for i in range(6)]  # 1.0 … 6.8 s
    new = [RecognisedSegment(1.0, 6.8, "w0 w1 w2 w3 w4 w5", -0.2, 0.01, words)]
    old = [OldSegment(1, 0.9, 3.9, "Chị sửa tay.", edited=True), OldSegment(2, 4.0, 7.0, "nháp", tags=("promise",))]
    cut = split_at_edits(new, old)
    assert [s.text for s in cut] == ["w0 w1 w2", "w3 w4 w5"]
    assert (cut[1].start, cut[1].end) == (4.0, 6.8)
    merged = realign(cut, old)
    follower = next(m for m in merged if not m.edited)
    assert follower.text == "w3 w4 w5" and "promise" in follower.tags  # the tag stays with its speech
    assert next(m for m in merged if m.edited).suggestion == "w0 w1 w2"
    assert sources(cut, old) == [[1], [2]]
