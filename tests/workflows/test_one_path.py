"""Each workflow is one code path: the command line and the app give the same result."""

from __future__ import annotations

import os
import shutil
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fakes import CannedRecogniser
from pilot_steps import open_review

from bienban_base import clock
from bienban_base.audio import SAMPLE_RATE, load_audio
from bienban_base.errors import AudioError, CodedError
from minutes_tui.cli import main
from minutes_tui.meeting import MeetingStore, read_meeting
from minutes_tui.screens.review import ReviewScreen
from minutes_tui.workflows.config import demo_recording
from minutes_tui.workflows.draft import MinutesDraft
from minutes_tui.workflows.importing import create_imported_meeting
from transcribe.decoding import DecodeOptions

#: A phone's recording: its own name, and a modification time at the end of the recording (Vietnam time).
ENDED = datetime(2026, 11, 28, 9, 30, 0)


class _Made:
    """Stands for ``transcribe.engine.Transcriber`` in the command line: ``Transcriber(model)``
    and ``Transcriber.for_recordings(model)`` both give the canned recogniser."""

    def __init__(self, make):
        self.make = make

    def __call__(self, model=None):
        return self.make()

    def for_recordings(self, model=None):
        return self.make()


@pytest.fixture
def phone_recording(tmp_path: Path) -> Path:
    source = tmp_path / "phone" / "Ghi âm 0042.FLAC"
    source.parent.mkdir()
    shutil.copy(demo_recording(), source)
    ended = ENDED.replace(tzinfo=clock.VIETNAM).timestamp()  # the phone's clock is Vietnam's, whatever this machine's TZ
    os.utime(source, (ended, ended))
    os.chmod(source, 0o644)
    return source


def _meeting_facts(folder: Path) -> tuple:
    record = read_meeting(folder)
    audio = folder / record.meeting.audio_file
    return (
        record.meeting.audio_file,
        record.meeting.actual_start,
        record.meeting.actual_end,
        audio.read_bytes(),
        stat.S_IMODE(audio.stat().st_mode),
        [s.text for s in record.segments],
    )


def test_import_names_the_copy_audio_dates_it_by_the_file_and_keeps_its_bytes(phone_recording, tmp_path):
    made = create_imported_meeting(phone_recording, tmp_path / "meetings", title="Đơn của chị Thuỷ")
    duration = load_audio(phone_recording).size / SAMPLE_RATE
    assert made.audio.name == "audio.flac"
    # the folder is named by the start, as a recorded one: a title may name a resident marked anonymous later
    assert made.folder.name == f"{made.start:%Y%m%d-%H%M}" and "Thu" not in made.folder.name
    assert made.audio.read_bytes() == phone_recording.read_bytes()
    assert stat.S_IMODE(made.audio.stat().st_mode) == 0o600  # the source was 0644
    assert made.start == ENDED - timedelta(seconds=round(duration))
    assert not [p for p in made.folder.iterdir() if p.name.startswith(".") and "tmp" in p.name]
    meeting = read_meeting(made.folder).meeting
    assert meeting.title == "Đơn của chị Thuỷ" and meeting.actual_start == made.start and meeting.audio_file == "audio.flac"


def test_import_of_a_bad_file_creates_nothing_and_never_replaces_a_recording(phone_recording, tmp_path):
    root = tmp_path / "meetings"
    bad = tmp_path / "not-audio.mp3"
    bad.write_bytes(b"ID3 but no audio at all" * 10)
    with pytest.raises(AudioError):
        create_imported_meeting(bad, root)
    assert not root.exists() or not any(root.iterdir())
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "audio.wav").write_bytes(b"RIFF the meeting's own recording")
    with pytest.raises(CodedError) as refused:
        create_imported_meeting(phone_recording, root, folder=folder)
    assert refused.value.code == "recording_exists"
    assert (folder / "audio.wav").read_bytes() == b"RIFF the meeting's own recording"


@pytest.mark.anyio
async def test_cli_and_app_import_give_the_same_meeting(phone_recording, tmp_path, make_app, meetings_dir, monkeypatch):
    turns = ["Kính thưa các đồng chí.", "Tôi xin phát biểu.", "Cảm ơn bà con."]
    monkeypatch.setattr("transcribe.engine.Transcriber", _Made(lambda: CannedRecogniser(turns)))
    cli_root = tmp_path / "cli-meetings"
    assert main(["import", str(phone_recording), "--title", phone_recording.stem, "--root", str(cli_root), "--no-progress"]) == 0
    (cli_folder,) = [p for p in cli_root.iterdir() if p.is_dir()]

    app = make_app(transcriber_factory=lambda: CannedRecogniser(turns))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await pilot.press(*str(phone_recording), "enter", "enter", "enter")  # the file's name and time
        await app.workers.wait_for_complete()
        for _ in range(50):  # the home screen's worker opens review, whose worker transcribes
            await pilot.pause(0.1)
            if isinstance(app.screen, ReviewScreen) and not app.screen.workers._workers:
                break
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await review.workers.wait_for_complete()
        await pilot.pause()
    (app_folder,) = [p for p in meetings_dir.iterdir() if p.is_dir()]
    assert app_folder.name == cli_folder.name  # both named after the date and the title
    assert _meeting_facts(app_folder) == _meeting_facts(cli_folder)


def _draft(folder: Path) -> MinutesDraft:
    return MinutesDraft(MeetingStore.open(folder))


def _undoable(draft: MinutesDraft) -> int:
    return sum(not e.undone for e in draft.store.history())


def test_a_tag_is_one_undo_step(reviewed_meeting):
    draft = _draft(reviewed_meeting)
    before = _undoable(draft)
    first, second = draft.order[:2]
    draft.mark(first, "petition")
    draft.mark(second, "answer")
    assert len(draft.petitions) == 1 and next(iter(draft.petitions.values())).outcome is not None
    draft.store.undo()  # the answer: its tag and the petition's outcome together
    draft.reload()
    assert "answer" not in draft.segments[second].tags
    assert next(iter(draft.petitions.values())).outcome is None
    draft.store.undo()  # the petition: its tag and the petition together
    draft.reload()
    assert not draft.petitions and "question" not in draft.segments[first].tags
    assert _undoable(draft) == before
    draft.store.close()


def test_a_new_speaker_is_one_undo_step(reviewed_meeting):
    draft = _draft(reviewed_meeting)
    people = len(draft.participants)
    draft.set_new_speaker(draft.order[0], "Bà Lê Thị Mới")
    draft.store.undo()
    draft.reload()
    assert len(draft.participants) == people and draft.segments[draft.order[0]].speaker_id is None
    draft.store.close()


def test_replace_all_is_one_undo_step_and_redo_brings_it_back(reviewed_meeting):
    draft = _draft(reviewed_meeting)
    undoable = _undoable(draft)
    before = [s.text for s in draft.segments_in_order()]
    changed = draft.replace_all("phường", "PHƯỜNG")
    assert len(changed) >= 3
    edit = draft.store.undo()
    assert edit is not None and edit.action == "replace_all"
    draft.reload()
    assert [s.text for s in draft.segments_in_order()] == before
    assert _undoable(draft) == undoable
    draft.store.redo()
    draft.reload()
    assert sum("PHƯỜNG" in s.text for s in draft.segments_in_order()) == len(changed)
    draft.store.close()


@pytest.mark.anyio
async def test_in_the_app_replace_all_and_a_tag_each_undo_with_one_key(make_app, reviewed_meeting):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        before = [s.text for s in review.draft.segments_in_order()]
        await pilot.press("slash", *"phường", "tab", *"PHƯỜNG", "enter", "y")  # previewed, then confirmed
        await pilot.pause()
        assert [s.text for s in review.draft.segments_in_order()] != before
        await pilot.press("u")
        await pilot.pause()
        assert [s.text for s in review.draft.segments_in_order()] == before
        await pilot.press("p")
        await pilot.pause()
        assert len(review.draft.petitions) == 1
        await pilot.press("u")
        await pilot.pause()
        assert not review.draft.petitions and not any(s.tags for s in review.draft.segments_in_order())
    record = read_meeting(reviewed_meeting)
    assert not record.petitions and [s.text for s in record.segments] == before


def _cli_rows(capsys, root: Path) -> list[list[str]]:
    capsys.readouterr()
    assert main(["meetings", "--root", str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    return [line.split(" | ") for line in lines[1:]]  # under the header: start | title | … | folder


@pytest.mark.anyio
async def test_cli_and_app_list_the_same_meetings(make_app, meetings_dir, phone_recording, capsys):
    from textual.widgets import DataTable

    from minutes_tui.meeting import Meeting
    from minutes_tui.workflows.meetings import MeetingForm, create_meeting

    create_meeting(meetings_dir, MeetingForm(Meeting(title="Họp tổ dân phố 3")), now=datetime(2026, 11, 20, 8, 0))
    create_meeting(meetings_dir, MeetingForm(Meeting(title="Họp chi bộ")), now=datetime(2026, 11, 29, 14, 30))
    create_imported_meeting(phone_recording, meetings_dir, title="Đối thoại")  # started 28/11 09:29
    (meetings_dir / "hong").mkdir()
    (meetings_dir / "hong" / "meeting.sqlite").write_bytes(b"not a database")  # listed by neither, hides nothing
    rows = _cli_rows(capsys, meetings_dir)
    assert [r[1] for r in rows] == ["Họp chi bộ", "Đối thoại", "Họp tổ dân phố 3"]  # newest first

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        shown = [(row.key.value, table.get_row(row.key)) for row in table.ordered_rows]
    assert [folder for folder, _ in shown] == [r[-1] for r in rows]
    assert [f"{cells[0]} {cells[1]}" for _, cells in shown] == [r[0] for r in rows]
    assert [cells[2] for _, cells in shown] == [r[1] for r in rows]


class _Listening(CannedRecogniser):
    """The canned recogniser, noting which file each whole-recording decoding read."""

    def __init__(self, texts: list[str], heard: list[str]) -> None:
        super().__init__(texts)
        self.heard = heard

    def decode_long(self, source, options=DecodeOptions(), **how):
        self.heard.append(str(source))
        return super().decode_long(source, options, **how)


@pytest.fixture
def two_files_meeting(reviewed_meeting: Path) -> Path:
    """A reviewed meeting whose store names ``audio.flac`` beside a stray ``audio.wav`` (the recorder's own name)."""
    shutil.copy(demo_recording(), reviewed_meeting / "audio.wav")
    with open(reviewed_meeting / "audio.wav", "ab") as f:
        f.write(b"\0" * 64)  # another file: another SHA-256
    return reviewed_meeting


@pytest.mark.anyio
async def test_review_export_verify_and_retranscription_mean_one_audio_file(two_files_meeting, make_app, monkeypatch):
    from bienban_base.files import sha256_file
    from minutes_tui.export.from_meeting import load_minutes
    from minutes_tui.meeting.audio import meeting_audio

    named = two_files_meeting / "audio.flac"
    turns = ["Kính thưa các đồng chí.", "Tôi xin phát biểu.", "Cảm ơn bà con."]
    heard: list[str] = []
    monkeypatch.setattr("transcribe.engine.Transcriber", _Made(lambda: _Listening(turns, heard)))
    assert main(["retranscribe", str(two_files_meeting), "--no-vocabulary"]) == 0  # the command line decodes
    minutes, exported = load_minutes(two_files_meeting)  # the export hashes (and verify --meeting checks)
    assert exported == named and minutes.audio_sha256 == sha256_file(named)
    assert meeting_audio(two_files_meeting, read_meeting(two_files_meeting).meeting) == named

    app = make_app(transcriber_factory=lambda: _Listening(turns, heard))
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        assert review.draft_audio_path() == named  # review plays this file
        await pilot.press("R", "y")  # review's re-transcription decodes
        await review.workers.wait_for_complete()
        await pilot.pause()
    assert heard == [str(named), str(named)]

    (two_files_meeting / "audio.flac").unlink()  # the named file gone: no other file stands in for it
    assert meeting_audio(two_files_meeting, read_meeting(two_files_meeting).meeting) is None
    assert load_minutes(two_files_meeting)[1] is None
    assert main(["retranscribe", str(two_files_meeting)]) == 2


def _transcript(folder: Path) -> list[tuple]:
    record = read_meeting(folder)
    speakers = {p.id: p.name for p in record.participants}
    starts = {s.id: s.start for s in record.segments}
    petitions = [(p.text, [starts[i] for i in p.segment_ids]) for p in record.petitions]
    segments = [
        (s.start, s.end, s.text, s.proposed_text, s.edited, sorted(s.tags), speakers.get(s.speaker_id)) for s in record.segments
    ]
    return [segments, petitions]


@pytest.mark.anyio
async def test_cli_and_app_retranscribe_give_the_same_transcript(reviewed_meeting, tmp_path, make_app, monkeypatch):
    draft = _draft(reviewed_meeting)
    first, second = draft.order[:2]
    draft.mark(first, "petition")
    draft.set_new_speaker(first, "Bà Lê Thị Mới")
    draft.edit_text(second, "Lời chị thư ký sửa tay.")
    draft.store.close()
    cli_folder = tmp_path / "cli-copy"
    shutil.copytree(reviewed_meeting, cli_folder)
    turns = ["Kính thưa các đồng chí.", "Tôi xin phát biểu ý kiến.", "Cảm ơn bà con.", "Đường kiệt bị ngập."]
    monkeypatch.setattr("transcribe.engine.Transcriber", _Made(lambda: CannedRecogniser(turns)))
    assert main(["retranscribe", str(cli_folder)]) == 0

    app = make_app(transcriber_factory=lambda: CannedRecogniser(turns))
    async with app.run_test(size=(100, 30)) as pilot:
        review = await open_review(app, pilot)
        await pilot.press("R", "y")
        await review.workers.wait_for_complete()
        await pilot.pause()
    app_result, cli_result = _transcript(reviewed_meeting), _transcript(cli_folder)
    assert app_result == cli_result
    segments, petitions = app_result
    fresh = [w for s in segments if not s[4] for w in s[2].split()]
    assert fresh and set(fresh) <= {w for t in turns for w in t.split()}  # decoded again
    assert [s[3] for s in segments if s[4]] != [None]  # the hand edit kept, the new text beside it
    assert petitions and petitions[0][1]
