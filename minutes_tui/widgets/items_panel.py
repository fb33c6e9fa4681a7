"""The items panel: every petition with its outcome, then what the minutes would still lack."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from minutes_tui import texts
from minutes_tui.meeting import Petition
from minutes_tui.workflows.checks import Lack
from minutes_tui.workflows.draft import ACTION_OUTCOMES, MinutesDraft

#: The panel lists at most this many missing speakers one by one (then a count).
MAX_SPEAKER_LINES = 5


def items_text(draft: MinutesDraft, lacks: list[Lack]) -> Text:
    """The panel's content."""
    out = Text()
    out.append(texts.ITEMS_TITLE + "\n", style="bold underline")
    if not draft.petitions:
        out.append(texts.ITEMS_EMPTY + "\n", style="dim")
    for number, p in enumerate(draft.petitions.values(), 1):
        who = draft.participant(p.raised_by)
        out.append(f"#{number} ", style="bold")
        out.append(f"{who.name if who else texts.SPEAKER_UNKNOWN}: ", style="cyan")
        out.append(p.text[:120] + ("…" if len(p.text) > 120 else "") + "\n")
        out.append(classification_line(p) + "\n", style="magenta")
        if p.outcome is None:
            out.append(f"   → {texts.ITEMS_NO_OUTCOME}\n", style="red")
        else:
            action = next(a for a, k in ACTION_OUTCOMES.items() if k is p.outcome.kind)
            extra = " · ".join(
                x
                for x in (
                    p.outcome.agency or p.outcome.responsible,
                    p.outcome.deadline.strftime("%d/%m/%Y") if p.outcome.deadline else "",
                )
                if x
            )
            out.append(f"   → {texts.TAG_LABELS[action]}" + (f" ({extra})" if extra else "") + "\n", style="green")
    if draft.notes:
        out.append("\n" + texts.ITEMS_NOTES + "\n", style="bold underline")
        for note in draft.notes:
            out.append("• " + note.text + "\n")
    out.append("\n" + texts.ITEMS_LACKS + "\n", style="bold underline")
    if not lacks:
        out.append(texts.ITEMS_COMPLETE + "\n", style="green")
    speakers = [lack for lack in lacks if lack.code == "speaker_without_name"]
    for lack in lacks:
        if lack.code != "speaker_without_name":
            out.append("• " + texts.ITEMS_LACK[lack.code].format(number=lack.number) + "\n", style="yellow")
    for lack in speakers[:MAX_SPEAKER_LINES]:
        out.append("• " + texts.ITEMS_LACK[lack.code].format(number=lack.number) + "\n", style="yellow")
    if len(speakers) > MAX_SPEAKER_LINES:
        out.append(f"  … +{len(speakers) - MAX_SPEAKER_LINES}\n", style="yellow")
    return out


def classification_line(p: Petition) -> str:
    """How a petition is classified (field, whose authority, spoken or written): ``t`` sets it."""
    parts = [texts.PETITION_FIELDS.get(p.field.value, p.field.value)]
    parts.append(texts.ITEMS_AUTHORITY["ward" if p.within_authority else "higher"])
    if p.channel.value == "written":
        parts.append(texts.ITEMS_WRITTEN)
    return "   ▸ " + " · ".join(parts)


class ItemsPanel(Static):
    """The panel's text, shown beside the transcript in review (toggled with a key) inside a
    scrolling box that Tab reaches."""
