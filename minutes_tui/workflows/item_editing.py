"""Editing one item of the minutes (a petition and its outcome) field by field: one undo step. No Textual."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from minutes_tui.meeting import Field, Outcome, OutcomeKind, Petition, Status
from minutes_tui.workflows.draft import MinutesDraft


@dataclass(frozen=True)
class ItemEdit:
    """Every field of an item as she leaves the editor."""

    text: str
    """The petition as the minutes state it ("": follow its segments' text again)."""
    answer: str
    """The answer ("": follow the answer segments' text again)."""
    field: Field
    """The petition's field."""
    outcome: OutcomeKind | None
    """What became of it (None: not decided yet)."""
    responsible: str
    """Who in the ward resolves it (promised, off-topic)."""
    agency: str
    """The body it goes to (transferred)."""
    deadline: date | None
    """By when (None: none; a promise gets the 30-day one)."""
    status: Status
    """Progress of the follow-up."""


def item_of(petition: Petition) -> ItemEdit:
    """The editor's starting values."""
    o = petition.outcome
    return ItemEdit(
        text="" if petition.text_follows else petition.text,
        answer="" if o is None or o.answer_follows else o.answer,
        field=petition.field,
        outcome=o.kind if o else None,
        responsible=o.responsible if o else "",
        agency=o.agency if o else "",
        deadline=o.deadline if o else None,
        status=o.status if o else Status.OPEN,
    )


def edit_item(draft: MinutesDraft, petition_id: int, edit: ItemEdit) -> Petition:
    """Write every changed field of the item in one undo step."""
    store = draft.store
    petition = draft.petitions[petition_id]
    with store.one_edit("update_petition", f"petition {petition_id}"):
        text = edit.text.strip()
        if text != ("" if petition.text_follows else petition.text) or edit.field is not petition.field:
            store.update_petition(petition_id, text=text or petition.text, text_follows=not text, field=edit.field)
        old = petition.outcome
        if edit.outcome is None:
            store.set_outcome(petition_id, None)
        else:
            answer = edit.answer.strip()
            base = old or Outcome(kind=edit.outcome)
            store.set_outcome(
                petition_id,
                replace(
                    base,
                    kind=edit.outcome,
                    answer=answer or (base.answer if base.answer_follows else ""),
                    answer_follows=not answer and bool(base.segment_ids),
                    responsible=edit.responsible.strip(),
                    agency=edit.agency.strip(),
                    deadline=edit.deadline,
                    status=edit.status,
                ),
            )
    draft.petitions[petition_id] = store.petition(petition_id)
    return draft.petitions[petition_id]
