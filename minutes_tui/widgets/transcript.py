"""The transcript: one line block per segment, the selected one highlighted, following new text.

Thin: the screen hands it segments and the names to show; it reports the selection through
``OptionList.OptionHighlighted``. It follows new text unless the secretary moved up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from minutes_tui import texts
from minutes_tui.meeting.model import Segment

#: Words the recogniser was less sure of than this are highlighted in review.
LOW_CONFIDENCE = 0.5


@dataclass
class SegmentLook:
    """What the transcript shows around a segment's text."""

    speaker: str = ""
    """Speaker's name ('' when not assigned)."""
    badges: list[str] = field(default_factory=list)
    """Tag labels, e.g. 'KIẾN NGHỊ #2'."""
    speaker_index: int = 0
    """Position of the speaker in the roster, for a stable colour."""


SPEAKER_COLOURS = ("cyan", "green", "yellow", "magenta", "bright_blue", "bright_red", "bright_green", "bright_cyan")


def clock(seconds: float) -> str:
    """``m:ss`` or ``h:mm:ss`` for a time on the meeting's axis."""
    s = int(seconds)
    h, rest = divmod(s, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


def segment_text(segment: Segment, look: SegmentLook, low_words: bool) -> Text:
    """The rendered block of one segment (time, speaker, text, badges)."""
    line = Text(no_wrap=False)
    line.append(f"{clock(segment.start):>7} ", style="dim")
    if look.speaker:
        line.append(look.speaker, style=f"bold {SPEAKER_COLOURS[look.speaker_index % len(SPEAKER_COLOURS)]}")
    else:
        line.append(texts.SPEAKER_UNKNOWN, style="dim italic")
    line.append(": ")
    if low_words and segment.words and not segment.edited:
        for word in segment.words:
            style = "reverse yellow" if word.probability < LOW_CONFIDENCE else ""
            line.append(word.text, style=style)
    else:
        line.append(segment.text, style="italic" if segment.edited else "")
    for badge in look.badges:
        line.append("  ")
        line.append(f" {badge} ", style="bold black on bright_yellow")
    return line


class TranscriptView(OptionList):
    """The growing transcript; the highlighted option is the selected segment."""

    follow: reactive[bool] = reactive(True)
    """Keep the newest segment selected and in view."""

    def __init__(self, *, low_words: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.low_words = low_words
        self.segment_ids: list[int] = []

    def show_all(self, segments: list[Segment], looks: dict[int, SegmentLook]) -> None:
        """Replace everything shown (opening a meeting)."""
        keep = self.selected_id
        self.segment_ids = [s.id for s in segments]
        self.set_options(Option(segment_text(s, looks.get(s.id, SegmentLook()), self.low_words), id=str(s.id)) for s in segments)
        if keep in self.segment_ids and not self.follow:
            self.select_id(keep)
        elif segments:
            self.highlighted = len(segments) - 1 if self.follow else 0

    def append(self, segment: Segment, look: SegmentLook) -> None:
        """Add a new segment at the end; follow it when following."""
        self.segment_ids.append(segment.id)
        self.add_option(Option(segment_text(segment, look, self.low_words), id=str(segment.id)))
        if self.follow:
            self.highlighted = len(self.segment_ids) - 1
            self.scroll_end(animate=False)

    def refresh_segment(self, segment: Segment, look: SegmentLook) -> None:
        """Redraw one segment after an edit or a tag."""
        if segment.id in self.segment_ids:
            self.replace_option_prompt(str(segment.id), segment_text(segment, look, self.low_words))

    @property
    def selected_id(self) -> int | None:
        """Store id of the selected segment."""
        if self.highlighted is None or not self.segment_ids:
            return None
        return self.segment_ids[self.highlighted]

    def select_id(self, segment_id: int) -> None:
        """Select a segment by its store id."""
        if segment_id in self.segment_ids:
            self.highlighted = self.segment_ids.index(segment_id)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        # Moving up stops following; coming back to the last line starts it again.
        if highlighted is not None and self.segment_ids:
            self.follow = highlighted == len(self.segment_ids) - 1
