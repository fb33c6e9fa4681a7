"""What happens to a follow-up after the conference: in progress, done, extended, passed on.

Each update is one undoable edit in its meeting's history, named by its action, so that
``undo_follow_up`` (and the app's undo) brings the previous state back.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from minutes_tui.meeting import MeetingStore, OutcomeKind, Petition, Status
from minutes_tui.meeting.errors import StoreError

#: Edit-history actions of follow-up updates (labels in ``texts.EDIT_ACTIONS``).
FOLLOW_UP_ACTIONS = ("follow_up_progress", "follow_up_done", "follow_up_extend", "follow_up_pass_on")


def petition_by_number(store: MeetingStore, number: int) -> Petition:
    """The petition numbered ``number`` in the minutes ("Ý kiến N"), if it has an outcome to follow."""
    petitions = store.load().petitions
    if not 1 <= number <= len(petitions):
        raise StoreError("followup_no_number", f"no petition {number}", number=number, count=len(petitions))
    petition = petitions[number - 1]
    if petition.outcome is None:
        raise StoreError("store_no_outcome", f"petition {number} has no outcome", petition=number)
    if petition.outcome.kind is OutcomeKind.ANSWERED:
        raise StoreError("followup_answered", f"petition {number} was answered at the conference", number=number)
    return petition


def _update(folder: Path, number: int, action: str, **changes: object) -> Petition:
    with MeetingStore.open(folder) as store:
        petition = petition_by_number(store, number)
        return store.update_follow_up(petition.id, action, **changes)


def mark_progress(folder: Path, number: int) -> Petition:
    """The follow-up is being worked on."""
    return _update(folder, number, "follow_up_progress", status=Status.IN_PROGRESS)


def mark_done(folder: Path, number: int, result: str, on: date, reference: str = "") -> Petition:
    """The follow-up is settled: what was done, when, and the written answer's reference."""
    if not result.strip():
        raise StoreError("followup_no_result", "a result is needed")
    return _update(
        folder, number, "follow_up_done", status=Status.DONE, result=result.strip(), done_on=on, reference=reference.strip()
    )


def extend(folder: Path, number: int, to: date, reason: str) -> Petition:
    """A new deadline, with the reason: after the meeting and after the current deadline.

    The first extension keeps the conference's deadline aside: the minutes go on printing it.
    """
    from minutes_tui.workflows.dates import check_extension

    if not reason.strip():
        raise StoreError("followup_no_reason", "a reason is needed")
    with MeetingStore.open(folder) as store:
        petition = petition_by_number(store, number)
        outcome = petition.outcome
        assert outcome is not None  # petition_by_number refuses a petition without one
        check_extension(to, store.meeting().day(), outcome.deadline)
        return store.update_follow_up(petition.id, "follow_up_extend", deadline=to, extension_reason=reason.strip(),
                                      conference_deadline=outcome.promised_deadline)  # fmt: skip


def pass_on(folder: Path, number: int, to: str) -> Petition:
    """Another body now handles it."""
    if not to.strip():
        raise StoreError("followup_no_body", "a body is needed")
    return _update(folder, number, "follow_up_pass_on", passed_to=to.strip(), status=Status.IN_PROGRESS)


def undo_follow_up(folder: Path) -> str:
    """Undo the meeting's latest edit if it is a follow-up update; its action's name."""
    with MeetingStore.open(folder) as store:
        done = [e for e in store.history() if not e.undone]
        if not done or done[-1].action not in FOLLOW_UP_ACTIONS:
            raise StoreError("followup_nothing_to_undo", "latest edit is not a follow-up update", path=str(folder))
        edit = store.undo()
        assert edit is not None  # the history just said there is one
        return edit.action
