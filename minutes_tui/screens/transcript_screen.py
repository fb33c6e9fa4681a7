"""What live and review share: the transcript of one open meeting and the secretary's keys on it.

Every key acts on the selected segment, writes through the store at once (main thread, SQLite,
milliseconds) and redraws that one segment: nothing waits for the recorder or the model.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.markup import escape
from textual.binding import Binding
from textual.widgets import OptionList, Static

from bienban_base import clock
from minutes_tui import texts
from minutes_tui.dialogs.choice import ChoiceDialog
from minutes_tui.dialogs.confirm import ConfirmDialog
from minutes_tui.dialogs.edit_text import EditTextDialog
from minutes_tui.dialogs.follow_up import FollowUpDialog
from minutes_tui.dialogs.prompt import PromptDialog
from minutes_tui.dialogs.speaker import SpeakerDialog
from minutes_tui.meeting import OutcomeKind, Petition, Segment
from minutes_tui.screens.base import BienbanScreen
from minutes_tui.widgets.transcript import SegmentLook, TranscriptView
from minutes_tui.workflows.draft import ACTION_OUTCOMES, ACTION_TAGS, MinutesDraft

TAG_KEYS = [
    Binding("p", "mark('petition')", texts.KEYS_SHORT["petition"], tooltip=texts.KEYS["petition"]),
    Binding("a", "mark('answer')", texts.KEYS_SHORT["answer"], tooltip=texts.KEYS["answer"]),
    Binding("h", "mark('promise')", texts.KEYS_SHORT["promise"], tooltip=texts.KEYS["promise"]),
    Binding("c", "mark('transfer')", texts.KEYS_SHORT["transfer"], tooltip=texts.KEYS["transfer"]),
    Binding("k", "mark('off_topic')", texts.KEYS_SHORT["off_topic"], tooltip=texts.KEYS["off_topic"]),
    Binding("l", "link", texts.KEYS["link"], show=False),
    Binding("r", "follow_up", texts.KEYS["follow_up"], show=False),
    Binding("t", "classify", texts.KEYS_CLASSIFY, show=False),
    Binding("s", "speaker_search", texts.KEYS["speaker_search"], show=False),
    *(Binding(str(n), f"speaker({n})", texts.KEYS["speaker"], show=False) for n in range(1, 10)),
    Binding("e", "edit", texts.KEYS["edit"], show=False),
    Binding("n", "note", texts.KEYS["note"], show=False),
    Binding("u", "undo", texts.KEYS["undo"], show=False),
    Binding("U", "redo", texts.KEYS["redo"], show=False),
]


def roster_keys(names: list[str], width: int) -> str:
    """ "1 Name  2 Name …" as markup, broken into lines only between people: the terminal would
    otherwise wrap inside a name ("Đỗ / Văn Nam"), and no kind of space stops it there."""
    lines: list[tuple[int, list[str]]] = []  # (cells used, entries) per line
    for i, name in enumerate(names, 1):
        cells = cell_len(f"{i} {name}")
        if not lines or lines[-1][0] + 2 + cells > width:
            lines.append((-2, []))
        used, entries = lines[-1]
        lines[-1] = (used + 2 + cells, [*entries, f"[b]{i}[/b] {escape(name)}"])
    return "\n".join("  ".join(entries) for _, entries in lines)


class TranscriptScreen(BienbanScreen):
    """A screen showing one meeting's transcript with the tagging keys bound."""

    draft: MinutesDraft

    def transcript(self) -> TranscriptView:
        """The transcript widget."""
        return self.query_one(TranscriptView)

    def look(self, segment: Segment) -> SegmentLook:
        """Speaker name and badges shown with a segment."""
        d = self.draft
        person = d.participant(segment.speaker_id)
        index = next((i for i, p in enumerate(d.participants) if p.id == segment.speaker_id), 0)
        badges: list[str] = []
        raised = d.petition_raised_in(segment.id)
        if raised is not None:
            badges.append(f"{texts.TAG_LABELS['petition']} #{d.petition_number(raised.id)}")
            if raised.outcome and raised.outcome.kind is OutcomeKind.OFF_TOPIC and not raised.outcome.segment_ids:
                badges.append(texts.TAG_LABELS["off_topic"])
        answered = d.petition_answered_in(segment.id)
        if answered is not None and answered.outcome is not None:
            action = next(a for a, k in ACTION_OUTCOMES.items() if k is answered.outcome.kind)
            badge = f"{texts.TAG_LABELS[action]} #{d.petition_number(answered.id)}"
            if answered.outcome.deadline:
                badge += f" · {answered.outcome.deadline:%d/%m}"
            badges.append(badge)
        if "off_topic" in segment.tags and not any(texts.TAG_LABELS["off_topic"] in b for b in badges):
            badges.append(texts.TAG_LABELS["off_topic"])
        badges += [texts.NOTE_BADGE.format(text=n.text[:40]) for n in d.notes_in(segment)]
        if segment.id in getattr(self, "voice_splits", {}):
            badges.append(texts.VOICE_CHANGE_BADGE)
        suggested = self.suggested_name(segment.id) if person is None and hasattr(self, "suggested_name") else ""
        return SegmentLook(person.name if person else "", badges, index, suggested)

    def show_everything(self) -> None:
        """Redraw the whole transcript from the draft (after undo, merge, re-transcription…)."""
        self.transcript().show_all(list(self.draft.segments_in_order()), self.look)
        self.show_selection()

    def redraw(self, *segment_ids: int) -> None:
        """Redraw some segments (a tag can change the badges of its petition's other segments)."""
        view = self.transcript()
        for sid in dict.fromkeys(segment_ids):
            if sid in self.draft.segments:
                view.refresh_segment(self.draft.segments[sid], self.look(self.draft.segments[sid]))
        self.show_selection()

    def show_selection(self) -> None:
        """The line about the selected segment and the roster keys."""
        line = self.query_one("#roster", Static)
        width = line.content_size.width or self.app.size.width - 2
        roster = roster_keys([p.name for p in self.draft.participants[:9]], width)
        if roster != getattr(self, "_roster_shown", None):  # a new layout only when the roster changed
            self._roster_shown = roster
            line.update(roster or texts.SPEAKER_SEARCH_HINT)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_selection()

    def selected(self) -> Segment | None:
        """The selected segment, if any."""
        sid = self.transcript().selected_id
        return self.draft.segments.get(sid) if sid is not None else None

    def _petition_segments(self, petition_id: int | None) -> list[int]:
        p = self.draft.petitions.get(petition_id) if petition_id is not None else None
        if p is None:
            return []
        return [*p.segment_ids, *(p.outcome.segment_ids if p.outcome else ())]

    # the keys
    def action_mark(self, action: str) -> None:
        segment = self.selected()
        if segment is None:
            return
        d = self.draft
        clearing = ACTION_TAGS[action] in segment.tags
        target = None if action == "petition" or clearing else d.outcome_target(segment.id)

        def mark(agency: str | None = None) -> None:
            before = d.petition_answered_in(segment.id) or d.petition_raised_in(segment.id)
            petition = d.mark(segment.id, action, agency=agency)
            self.redraw(
                segment.id,
                *self._petition_segments(before.id if before else None),
                *self._petition_segments(petition.id if petition else None),
            )

        def ask_body() -> None:
            if action != "transfer" or target is None:
                mark()
                return
            old = target.outcome.agency if target.outcome else ""
            title = texts.TRANSFER_BODY_TITLE.format(number=d.petition_number(target.id))
            dialog = PromptDialog(title, old, texts.TRANSFER_BODY_HINT, allow_empty=True)
            self.app.push_screen(dialog, lambda body: mark(body) if body is not None else None)

        replaced = d.outcome_replaced(segment.id, action)
        if replaced is None or replaced.outcome is None:
            ask_body()
            return
        old_action = next(a for a, k in ACTION_OUTCOMES.items() if k is replaced.outcome.kind)
        question = texts.OUTCOME_CHANGE_TITLE.format(number=d.petition_number(replaced.id))
        detail = texts.OUTCOME_CHANGE_DETAIL.format(old=texts.TAG_LABELS[old_action], new=texts.TAG_LABELS[action])
        self.app.push_screen(ConfirmDialog(question, detail), lambda yes: ask_body() if yes else None)

    def action_speaker(self, number: int) -> None:
        segment = self.selected()
        if segment is not None and number > len(self.draft.participants):
            # a number key with no one behind it did nothing at all: she is told why and what to press
            count = len(self.draft.participants)
            self.notify(texts.SPEAKER_NUMBER_MISSING.format(number=number, count=count) if count else texts.SPEAKER_LIST_EMPTY)
            return
        if segment is not None:
            self.draft.set_speaker(segment.id, self.draft.participants[number - 1].id)
            self.redraw(segment.id)
            if hasattr(self, "follow_voices"):
                self.follow_voices()  # a new tag changes the profiles

    def action_speaker_search(self) -> None:
        segment = self.selected()
        if segment is None:
            return

        def chosen(choice: int | str | None) -> None:
            if choice is None:
                return
            if isinstance(choice, int):
                self.draft.set_speaker(segment.id, choice)
            else:
                self.draft.set_new_speaker(segment.id, choice)
            self.redraw(segment.id)
            if hasattr(self, "follow_voices"):
                self.follow_voices()  # a new tag changes the profiles, as with the number keys

        self.app.push_screen(SpeakerDialog(self.draft.participants), chosen)

    def action_link(self) -> None:
        segment = self.selected()
        if segment is None:
            return
        if not self.draft.petitions:
            self.notify(texts.LINK_NONE)
            return
        items = [
            (str(p.id), escape(f"#{n} {self._raiser(p)}: {texts.shortened(p.text, 110)}"))
            for n, p in enumerate(self.draft.petitions.values(), 1)
        ]
        current = self.draft.petition_before(segment.id)
        at = list(self.draft.petitions).index(current.id) if current else 0

        def chosen(key: str | None) -> None:
            if key is not None:
                before = self.draft.petition_answered_in(segment.id)
                petition = self.draft.link(segment.id, int(key))
                self.redraw(
                    segment.id, *self._petition_segments(before.id if before else None), *self._petition_segments(petition.id)
                )
                self.notify(texts.LINKED.format(number=self.draft.petition_number(petition.id)))

        self.app.push_screen(ChoiceDialog(texts.LINK_TITLE, items, at), chosen)

    def _raiser(self, petition: Petition) -> str:
        who = self.draft.participant(petition.raised_by)
        return who.name if who else texts.SPEAKER_UNKNOWN

    def action_follow_up(self) -> None:
        segment = self.selected()
        if segment is None:
            return
        petition = (
            self.draft.petition_answered_in(segment.id)
            or self.draft.petition_raised_in(segment.id)
            or self.draft.petition_before(segment.id)
        )
        if petition is None:
            self.notify(texts.LINK_NONE)
            return
        outcome = petition.outcome
        responsible = (outcome.agency or outcome.responsible) if outcome else ""
        day = self.draft.meeting.day() or clock.today()

        def chosen(result: tuple[str, date | None] | None) -> None:
            if result is not None:
                self.draft.set_follow_up(petition.id, *result)
                self.redraw(*self._petition_segments(petition.id))

        self.app.push_screen(FollowUpDialog(responsible, outcome.deadline if outcome else None, day), chosen)

    def action_classify(self) -> None:
        """One key, then a digit (field) or a letter (authority, channel) for the petition here."""
        from minutes_tui.dialogs.classify import ClassifyDialog
        from minutes_tui.workflows.classify import classify_by_key, describe, ward_fields

        segment = self.selected()
        found = segment and (self.draft.petition_raised_in(segment.id) or self.draft.petition_before(segment.id))
        if not found:
            self.notify(texts.LINK_NONE)
            return
        petition, fields = found, ward_fields(self.app.config.meetings_dir)
        number = self.draft.petition_number(petition.id)

        def chosen(key: str | None) -> None:
            changed = classify_by_key(self.draft.store, petition.id, key, fields) if key else None
            if changed is not None:
                self.draft.petitions[changed.id] = changed
                self.show_selection()  # review's items panel shows the new classification at once
                self.notify(texts.CLASSIFIED.format(number=number, summary=describe(changed, fields)))

        self.app.push_screen(ClassifyDialog(number, fields, describe(petition, fields)), chosen)

    def action_edit(self) -> None:
        segment = self.selected()
        if segment is None:
            return

        def edited(text: str | None) -> None:
            if text and text != segment.text:
                self.draft.edit_text(segment.id, text)
                self.redraw(segment.id)

        self.app.push_screen(EditTextDialog(texts.EDIT_TITLE, segment.text), edited)

    def action_note(self) -> None:
        segment = self.selected()

        def written(text: str | None) -> None:
            if text:
                self.draft.add_note(text, segment.start if segment else None)
                if segment is not None:
                    self.redraw(segment.id)

        self.app.push_screen(PromptDialog(texts.NOTE_TITLE), written)

    def action_undo(self) -> None:
        self._step(undo=True)

    def action_redo(self) -> None:
        self._step(undo=False)

    def _step(self, undo: bool) -> None:
        """Undo or redo one edit and say which (one key of hers was one edit)."""
        edit = self.draft.store.undo() if undo else self.draft.store.redo()
        if edit is None:
            self.notify(texts.NOTHING_TO_UNDO if undo else texts.NOTHING_TO_REDO)
            return
        self.draft.reload()
        self.show_everything()
        what = texts.EDIT_ACTIONS.get(edit.action, texts.EDIT_ACTION_OTHER)
        self.notify((texts.UNDONE if undo else texts.REDONE).format(what=what))
