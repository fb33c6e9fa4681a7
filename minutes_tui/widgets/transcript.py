"""The transcript: one line block per segment, the selected one highlighted, following new text.

Thin: the screen hands it segments and the names to show; it reports the selection through
``OptionList.OptionHighlighted``. It follows new text unless the secretary moved up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.markup import escape
from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from minutes_tui import texts
from minutes_tui.meeting.model import Segment
from minutes_tui.meeting.replacing import words_describe_text

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
    suggested: str = ""
    """The voice's suggestion for an unassigned segment, shown dimmed ('' when none)."""


SPEAKER_COLOURS = ("cyan", "green", "yellow", "magenta", "bright_blue", "bright_red", "bright_green", "bright_cyan")


def clock(seconds: float) -> str:
    """``m:ss`` or ``h:mm:ss`` for a time on the meeting's axis."""
    s = int(seconds)
    h, rest = divmod(s, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


def model_parts(segment: Segment) -> list[str]:
    """The selection line's words on the model that wrote the segment (and the one that wrote the
    text offered beside it), as markup; none where no model is known (an older meeting, the sample)."""
    offered = segment.proposed_model if segment.proposed_text is not None else None
    if segment.model is None and offered is None:
        return []
    shown = texts.SEGMENT_MODEL.format(model=escape(segment.model or texts.SEGMENT_MODEL_UNKNOWN))
    if offered is not None:
        shown += f" ({texts.SEGMENT_PROPOSED_MODEL.format(model=escape(offered))})"
    return [shown]


def segment_text(segment: Segment, look: SegmentLook, low_words: bool) -> Text:
    """The rendered block of one segment (time, speaker, text, badges)."""
    line = Text(no_wrap=False)
    line.append(f"{clock(segment.start):>7} ", style="dim")
    if look.speaker:
        line.append(look.speaker, style=f"bold {SPEAKER_COLOURS[look.speaker_index % len(SPEAKER_COLOURS)]}")
    elif look.suggested:
        line.append(f"{look.suggested}?", style="dim")
    else:
        line.append(texts.SPEAKER_UNKNOWN, style="dim italic")
    line.append(": ")
    if low_words and words_describe_text(segment):
        for word in segment.words:
            style = "reverse yellow" if word.probability < LOW_CONFIDENCE else ""
            line.append(word.text, style=style)
    else:
        line.append(segment.text, style="italic" if segment.edited else "")
    if segment.proposed_text is not None:
        line.append("\n        " + texts.PROPOSED_LINE.format(text=segment.proposed_text), style="dim cyan")
    for badge in look.badges:
        line.append("  ")
        line.append(f" {badge} ", style="bold black on bright_yellow")
    return line


#: Segments held by the option list at once; the window moves with the cursor. Every option's
#: height is wrapped text, and Textual re-wraps all of them when one changes: a window keeps a
#: key press cheap in a three-hour meeting (2,500 segments).
WINDOW = 240
#: How close to the window's edge the cursor may come before the window moves.
MARGIN = 30


class TranscriptView(OptionList):
    """The transcript; the highlighted option is the selected segment (a window of the whole)."""

    BINDINGS = [
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
    ]

    follow: reactive[bool] = reactive(True)
    """Keep the newest segment selected and in view."""

    def __init__(self, *, low_words: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.low_words = low_words
        self.segments: list[Segment] = []
        self.segment_ids: list[int] = []
        self.look_of: Callable[[Segment], SegmentLook] = lambda segment: SegmentLook()
        self.start = 0
        """Index (in ``segments``) of the first segment in the window."""

    def _option(self, segment: Segment) -> Option:
        return Option(segment_text(segment, self.look_of(segment), self.low_words), id=str(segment.id))

    def _show_window(self, start: int, select: int | None) -> None:
        """Show ``WINDOW`` segments from ``start`` and select the segment at global index ``select``."""
        self.start = max(0, min(start, len(self.segments) - WINDOW))
        self.set_options(self._option(s) for s in self.segments[self.start : self.start + WINDOW])
        if select is not None and self.segments:
            self.highlighted = select - self.start

    def _ensure(self, index: int) -> None:
        """Move the window so the global ``index`` sits inside it, away from the edges."""
        end = self.start + self.option_count
        near_top = index < self.start + MARGIN and self.start > 0
        near_end = index >= end - MARGIN and end < len(self.segments)
        if index < self.start or index >= end or near_top or near_end:
            self._show_window(index - WINDOW // 2, index)

    def show_all(self, segments: list[Segment], look_of: Callable[[Segment], SegmentLook]) -> None:
        """Replace everything shown (opening a meeting, after undo, merge or re-transcription)."""
        keep = self.selected_id
        self.segments = list(segments)
        self.segment_ids = [s.id for s in segments]
        self.look_of = look_of
        if keep in self.segment_ids and not self.follow:
            target = self.segment_ids.index(keep)
        else:
            target = len(segments) - 1 if self.follow else 0
        self._show_window(target - WINDOW // 2, target if segments else None)

    def append(self, segment: Segment, look: SegmentLook) -> None:
        """Add a new segment at the end; follow it when following."""
        self.segments.append(segment)
        self.segment_ids.append(segment.id)
        last = len(self.segments) - 1
        if self.start + self.option_count == last:  # the window shows the end: grow it
            self.add_option(Option(segment_text(segment, look, self.low_words), id=str(segment.id)))
        if self.follow:
            if self.option_count > WINDOW + MARGIN:
                self._show_window(last - WINDOW + MARGIN, last)
            else:
                self._ensure(last)
                self.highlighted = last - self.start
            self.scroll_end(animate=False)

    def refresh_segment(self, segment: Segment, look: SegmentLook) -> None:
        """Redraw one segment after an edit or a tag."""
        if segment.id not in self.segment_ids:
            return
        index = self.segment_ids.index(segment.id)
        self.segments[index] = segment
        if self.start <= index < self.start + self.option_count:
            self.replace_option_prompt_at_index(index - self.start, segment_text(segment, look, self.low_words))

    @property
    def selected_index(self) -> int | None:
        """Index of the selected segment in the whole transcript."""
        if self.highlighted is None or not self.segments:
            return None
        return self.start + self.highlighted

    @property
    def selected_id(self) -> int | None:
        """Store id of the selected segment."""
        index = self.selected_index
        return None if index is None else self.segment_ids[index]

    def select_id(self, segment_id: int) -> None:
        """Select a segment by its store id."""
        if segment_id in self.segment_ids:
            index = self.segment_ids.index(segment_id)
            self._ensure(index)
            self.highlighted = index - self.start

    def action_first(self) -> None:
        if self.segments:
            self._ensure(0)
            self.highlighted = 0 - self.start

    def action_last(self) -> None:
        if self.segments:
            self._ensure(len(self.segments) - 1)
            self.highlighted = len(self.segments) - 1 - self.start

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is None or not self.segments:
            return
        index = self.start + highlighted
        # Moving up stops following; coming back to the last line starts it again.
        self.follow = index == len(self.segments) - 1
        end = self.start + self.option_count
        if (index < self.start + MARGIN and self.start > 0) or (index >= end - MARGIN and end < len(self.segments)):
            self.call_later(self._ensure, index)
