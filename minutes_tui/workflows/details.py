"""The meeting's details after setup or import: header, titles, times, report summary, roster. No Textual.

The roster is edited as lines ``#id Họ tên; vai trò; tổ; ẩn danh; tên khác, …``: the ``#id`` ties a
line to the participant it was (renaming keeps every segment of theirs), a line without one adds
someone, and a removed line removes no one (their segments would lose their speaker).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from minutes_tui import texts
from minutes_tui.meeting import Meeting, MeetingStore, Participant

#: Header fields edited as one line each, in the order of the minutes.
LINE_FIELDS = (
    "title",
    "parent_body",
    "issuing_body",
    "number",
    "place",
    "chair",
    "chair_title",
    "co_chair",
    "co_chair_title",
    "secretary",
    "secretary_title",
)
#: Times, typed as ``dd/mm/yyyy HH:MM``.
TIME_FIELDS = ("actual_start", "actual_end")
TIME_FORMAT = "%d/%m/%Y %H:%M"


@dataclass(frozen=True)
class MeetingDetails:
    """Everything the details screen shows, as text."""

    fields: dict[str, str]
    """Header fields and times by ``Meeting`` field name."""
    report_summary: str
    """The chairman's report, summarised (paragraphs split by blank lines)."""
    recipients: str
    """"Nơi nhận", one a line."""
    roster: str
    """The participants as editable lines."""


def roster_line(p: Participant) -> str:
    """One participant as a line of the roster box."""
    flag = texts.DETAILS_ANONYMOUS if p.anonymous else texts.DETAILS_NAMED
    return f"#{p.id} " + "; ".join((p.name, p.role, p.group, flag, ", ".join(p.aliases)))


def read_details(store: MeetingStore) -> MeetingDetails:
    """The details as they are stored."""
    record = store.load()
    m = record.meeting
    values = {name: str(getattr(m, name)) for name in LINE_FIELDS}
    values |= {name: getattr(m, name).strftime(TIME_FORMAT) if getattr(m, name) else "" for name in TIME_FIELDS}
    return MeetingDetails(
        fields=values,
        report_summary=m.report_summary,
        recipients="\n".join(m.recipients),
        roster="\n".join(roster_line(p) for p in record.participants),
    )


class DetailsProblem(ValueError):
    """A value that cannot be saved; ``args[0]`` is the Vietnamese message."""


def _time(name: str, raw: str) -> datetime | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return datetime.strptime(raw, TIME_FORMAT)
    except ValueError:
        raise DetailsProblem(texts.DETAILS_BAD_TIME.format(field=texts.DETAILS_FIELDS[name], value=raw)) from None


def _person(line: str) -> tuple[int, Participant]:
    line = line.strip()
    pid = 0
    if line.startswith("#") and " " in line and line[1 : line.index(" ")].isdigit():
        pid, line = int(line[1 : line.index(" ")]), line[line.index(" ") + 1 :]
    parts = [p.strip() for p in line.split(";")] + [""] * 5
    anonymous = parts[3].lower() in (texts.DETAILS_ANONYMOUS, "x", "có")
    aliases = tuple(a.strip() for a in parts[4].split(",") if a.strip())
    return pid, Participant(parts[0], parts[1], parts[2], anonymous, pid, aliases)


def save_details(store: MeetingStore, details: MeetingDetails) -> Meeting:
    """Write what changed, as one undo step (raises ``DetailsProblem`` before writing anything)."""
    meeting = store.meeting()
    changes: dict[str, object] = {
        n: details.fields[n].strip() for n in LINE_FIELDS if details.fields[n].strip() != getattr(meeting, n)
    }
    for name in TIME_FIELDS:
        when = _time(name, details.fields[name])
        if when != getattr(meeting, name):
            changes[name] = when
    if details.report_summary.strip() != meeting.report_summary:
        changes["report_summary"] = details.report_summary.strip()
    recipients = tuple(r.strip() for r in details.recipients.splitlines() if r.strip())
    if recipients != meeting.recipients:
        changes["recipients"] = recipients
    people = [_person(line) for line in details.roster.splitlines() if line.strip()]
    if any(not p.name for _, p in people):
        raise DetailsProblem(texts.DETAILS_NO_NAME)
    known = {p.id: p for p in store.load().participants}
    with store.one_edit("update_meeting", ",".join(changes) or "roster"):
        if changes:
            store.update_meeting(**changes)
        for pid, person in people:
            if pid in known:
                if replace(person, id=pid) != known[pid]:
                    store.update_participant(
                        pid,
                        name=person.name,
                        role=person.role,
                        group=person.group,
                        anonymous=person.anonymous,
                        aliases=person.aliases,
                    )
            else:
                store.add_participant(person.name, person.role, person.group, person.anonymous, person.aliases)
    return store.meeting()
