"""Thông báo kết luận: the chairman's conclusions, grouped by outcome and, within each, by field."""

from __future__ import annotations

from datetime import date

from docx.document import Document

from minutes_tui import texts
from minutes_tui.export.after_data import AfterConference, AfterItem, count
from minutes_tui.export.minutes import MinutesOutcome
from minutes_tui.export.named_doc import add_named_header, add_signer, heading, set_properties
from minutes_tui.export.page import new_document
from minutes_tui.export.styles import paragraph
from minutes_tui.export.vndate import date_text, full_date

#: The notice's sections in order, by outcome.
SECTIONS = (
    (MinutesOutcome.ANSWERED, "notice_answered"),
    (MinutesOutcome.PROMISED, "notice_promised"),
    (MinutesOutcome.TRANSFERRED, "notice_transferred"),
    (MinutesOutcome.OFF_TOPIC, "notice_off_topic"),
)


def _deadline(when: date | None) -> str:
    return full_date(when) if when else texts.MINUTES_DOC["no_deadline"]


def item_line(item: AfterItem) -> str:
    """One petition's line in the notice."""
    a = texts.AFTER_DOC
    return a[f"item_{item.outcome.value}"].format(
        question=item.question.rstrip(". "),
        asker=item.asker,
        answer=item.answer or a["no_answer"],
        responsible=item.responsible or texts.MINUTES_DOC["no_responsible"],
        deadline=_deadline(item.deadline),
    )


def intro(after: AfterConference) -> list[str]:
    """The conference: when, where, who chaired, who attended."""
    a = texts.AFTER_DOC
    day = date_text(after.started.date()) if after.started else "…"
    lines = [
        a["intro"].format(
            day=day,
            place=after.place or "…",
            conference=after.conference,
            chair=after.chair or "…",
            chair_title=f", {after.chair_title}" if after.chair_title else "",
        )
    ]
    if after.attendance:
        groups = "; ".join(a["attendance_item"].format(group=g, count=count(n)) for g, n in after.attendance)
        lines.append(a["attendance_sentence"].format(groups=groups))
    return lines


def _grouped(doc: Document, items: list[AfterItem]) -> None:
    """Items under a heading per field, in the order the fields first appear."""
    a = texts.AFTER_DOC
    fields = list(dict.fromkeys(i.field for i in items))
    for field in fields:
        paragraph(doc, a["field_heading"].format(field=field.lower()), italic=True, keep_with_next=True)
        for item in items:
            if item.field == field:
                paragraph(doc, item_line(item))


def build_notice(after: AfterConference) -> Document:
    """The whole Thông báo kết luận."""
    a = texts.AFTER_DOC
    doc = new_document()
    add_named_header(
        doc, after.office_for("notice"), "notice", after.place_name, after.issued,
        a["notice_title"], a["notice_summary"].format(conference=after.conference),
    )  # fmt: skip
    for line in intro(after):
        paragraph(doc, line)
    paragraph(doc, a["notice_lead"].format(turns=count(after.tally.turns), opinions=count(after.tally.opinions)))
    sections = [*SECTIONS]
    if any(i.outcome is MinutesOutcome.PENDING for i in after.items):
        sections.append((MinutesOutcome.PENDING, "notice_pending"))
    for outcome, key in sections:
        heading(doc, a[key])
        items = [i for i in after.items if i.outcome is outcome]
        if items:
            _grouped(doc, items)
        else:
            paragraph(doc, a["none"])
    paragraph(doc, after.closing or a["notice_closing"], keep_with_next=True)
    recipients = [a["notice_recipient_groups"], a["notice_recipient_post"], *(f"- {r};" for r in after.recipients)]
    add_signer(doc, after.chair, recipients)
    set_properties(
        doc, texts.AFTER_DOC_TITLES["notice"].format(conference=after.conference), after.chair,
        after.office.issuing_body, after.audio_sha256,
    )  # fmt: skip
    return doc
